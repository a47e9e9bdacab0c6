"""Times: interim until the news time normaliser lands (issue 6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Span, Time
from ..nlp import Document


@dataclass(frozen=True, slots=True)
class EventTime:
    date: str | None
    date_end: str | None
    time_precision: int
    source: str  # "clause": said of this event; "context": earlier in the text; "published": a fallback


def normalize_times(document: Document) -> tuple[Time, ...]:
    return ()


def event_time(document: Document, times: Sequence[Time], evidence: Sequence[Span]) -> EventTime:
    return EventTime(document.article.published, None, 2, "published")
