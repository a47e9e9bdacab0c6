"""The data model shared by every stage, defined once and serialised exactly to the contract.

Everything is frozen: a stage returns new objects and never fills in an old one. Evidence is a
`Span` of character offsets into `Article.text`, built only with `span_of`, so that
`article.text[span.start:span.end] == span.text` holds by construction.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def span_of(text: str, start: int, end: int) -> Span:
    """The span of `text` between two character offsets."""
    return Span(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    source_id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    agencies: tuple[str, ...] = ()
    published: str | None = None
    published_source: str | None = None
    language: str = "en"
    # Extra to the contract: the dateline place ("ALMATY (AFP) -" -> "Almaty"), removed from text.
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    mention: Span
    name: str
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    feature: str | None = None


@dataclass(frozen=True, slots=True)
class Time:
    mention: Span
    value: str | None = None
    value_end: str | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Count:
    kind: str
    evidence: Span
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"
    subject: str | None = None
    claimed_by: str | None = None
    as_of: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    kind: str
    evidence: Span
    speaker: str | None = None
    speaker_role: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    event_type: str
    sub_event_type: str
    evidence: tuple[Span, ...]
    modality: str = "asserted"
    plover: str | None = None
    date: str | None = None
    date_end: str | None = None
    time_precision: int = 3
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonames_id: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    fatalities: int | None = None
    counts: tuple[int, ...] = ()
    claimed_by: str | None = None
    confidence: float = 0.5
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What eventwire knows about one article: the contract's article record."""

    article: Article
    events: tuple[Event, ...] = ()
    counts: tuple[Count, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **to_dict(self)}

    @property
    def asserted_events(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.modality == "asserted")


def to_dict(obj: Any) -> dict[str, Any]:
    """A dataclass as plain JSON-ready dicts and lists, fields in declaration order."""
    return dataclasses.asdict(obj, dict_factory=dict)


def content_id(*parts: object) -> str:
    """A stable id from content: sorted-keys JSON -> sha1 (like sqlite-utils' hash_record)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]
