"""Places: interim until the offline geocoder lands (issue 6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Place, Span
from ..nlp import Document


@dataclass(frozen=True, slots=True)
class EventPlace:
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonames_id: int | None = None
    source: str | None = None  # "clause", "context", "dateline", "focus"; None: nothing known


def resolve_places(document: Document) -> tuple[Place, ...]:
    return ()


def event_place(document: Document, places: Sequence[Place], evidence: Sequence[Span]) -> EventPlace:
    return EventPlace()
