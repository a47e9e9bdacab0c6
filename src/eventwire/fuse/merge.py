"""Same-event decisions and the canonical view of an event reported by several articles."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Event


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of an event."""

    article_id: str
    event: Event
    published: str | None = None


def is_same_event(new: Event, reports: Sequence[Report]) -> bool:
    """Whether `new` describes the event that `reports` describe.

    Same sub-event type, country, day and place name: the rule an ACLED coder applies to
    de-duplicate reports (codebook: one event per actor pair, location and day).
    """
    return any(
        r.event.sub_event_type == new.sub_event_type and r.event.iso == new.iso and r.event.date == new.date
        and (r.event.location or "").casefold() == (new.location or "").casefold()
        for r in reports)


def canonical_event(reports: Sequence[Report]) -> Event:
    """One event from its reports: the most precise place and date, the most common type.

    Fatalities follow ACLED's conservative rule: the lowest reported figure, unless a later
    report updates it (the latest-published report with a figure wins when it is higher,
    because death tolls rise as bodies are found; the other figures stay visible as counts).
    """
    ordered = sorted(reports, key=lambda r: (r.published or "", r.article_id))
    events = [r.event for r in ordered]
    sub_event_type = Counter(e.sub_event_type for e in events).most_common(1)[0][0]
    typed = [e for e in events if e.sub_event_type == sub_event_type]
    best_place = min(typed, key=lambda e: (e.geo_precision, -e.confidence))
    best_time = min(typed, key=lambda e: (e.time_precision, e.date or "9999"))
    best_actor = max(typed, key=lambda e: (e.actor1 is not None, e.actor2 is not None, e.confidence))
    figures = [(r.published or "", r.event.fatalities) for r in ordered if r.event.fatalities is not None]
    fatalities = None
    if figures:
        fatalities = min(f for _, f in figures)
        latest = max(figures)[1]
        fatalities = max(fatalities, latest)
    return dataclasses.replace(
        typed[0],
        date=best_time.date, date_end=best_time.date_end, time_precision=best_time.time_precision,
        country=best_place.country, iso=best_place.iso, admin1=best_place.admin1, location=best_place.location,
        latitude=best_place.latitude, longitude=best_place.longitude, geo_precision=best_place.geo_precision,
        geonames_id=best_place.geonames_id,
        actor1=best_actor.actor1, actor2=best_actor.actor2, inter1=best_actor.inter1, inter2=best_actor.inter2,
        fatalities=fatalities, confidence=max(e.confidence for e in events),
        evidence=tuple(span for e in events for span in e.evidence), counts=())
