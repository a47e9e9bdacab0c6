"""The canonical view of an event that several articles report, computed from the set of reports.

Every choice below sorts the reports into one fixed order first, so that the same reports give
the same event whatever order they were ingested in.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from ..model import Event
from .score import Report, report_key


def canonical_event(reports: Sequence[Report]) -> Event:
    """One event from its reports.

    - sub-event type: the one most reports give (ties: the first report's, in publication order);
    - date: from the reports with the finest time precision, the date most of them give (ties:
      the earliest), since ACLED codes the day the event happened, as precisely as known;
    - place: the report with the finest geo precision (ties: the most confident);
    - actors: the report that names the most of them;
    - fatalities: `fatalities_of` (ACLED's conservative rule, every figure kept as a count);
    - evidence: every report's, in publication order.
    """
    if not reports:
        raise ValueError("an event needs at least one report")
    ordered = sorted(reports, key=_publication_order)
    events = [r.event for r in ordered]
    sub_event_type = Counter(e.sub_event_type for e in events).most_common(1)[0][0]
    typed = [e for e in events if e.sub_event_type == sub_event_type]
    best_time = _best_time(events) or typed[0]
    # The notes, PLOVER category and claimant come from one report of the chosen type, the one whose
    # date wins where it can, so that the notes' "On 27 January" agrees with the event's date.
    base = best_time if best_time.sub_event_type == sub_event_type else typed[0]
    best_place = min(events, key=lambda e: (e.geo_precision, -e.confidence))
    best_actor = max(typed, key=lambda e: (e.actor1 is not None, e.actor2 is not None, e.confidence))
    return dataclasses.replace(
        base,
        date=best_time.date, date_end=best_time.date_end, time_precision=best_time.time_precision,
        country=best_place.country, iso=best_place.iso, admin1=best_place.admin1, location=best_place.location,
        latitude=best_place.latitude, longitude=best_place.longitude, geo_precision=best_place.geo_precision,
        geonames_id=best_place.geonames_id,
        actor1=best_actor.actor1, actor2=best_actor.actor2, inter1=best_actor.inter1, inter2=best_actor.inter2,
        fatalities=fatalities_of(ordered), confidence=max(e.confidence for e in events),
        evidence=tuple(span for e in events for span in e.evidence), counts=())


def fatalities_of(reports: Sequence[Report]) -> int | None:
    """The event's fatalities: the lowest figure among the latest reports that give one.

    ACLED's codebook: when sources disagree, code the most conservative credible figure; when a
    later report updates the toll (bodies found, the injured die), the update replaces it. So
    figures of the most recent publication day with any figure supersede older ones, and among
    that day's reports the lowest wins. Reports without a publication date count as oldest. The
    other figures are not lost: every source's figures stay on the event (`eventwire show`).
    """
    dated = [(r.published or "", r.event.fatalities) for r in reports if r.event.fatalities is not None]
    if not dated:
        return None
    latest = max(day for day, _ in dated)
    return min(value for day, value in dated if day == latest)


def _best_time(events: Sequence[Event]) -> Event | None:
    """The report whose date wins: finest precision, then the most common date, then the earliest."""
    dated = [e for e in events if e.date is not None]
    if not dated:
        return None
    finest = min(e.time_precision for e in dated)
    precise = [e for e in dated if e.time_precision == finest]
    votes = Counter(e.date for e in precise)
    best = min(votes, key=lambda day: (-votes[day], day))
    return next(e for e in precise if e.date == best)


def _publication_order(report: Report) -> tuple[str, str, str]:
    # Undated reports first ("" sorts before any date), then the content-hash order of articles.
    return (report.published or "", *report_key(report))
