"""Resolve event mentions into events: when, where, who, which figures; one event per happening.

Mentions that tell the same happening become one event with all their evidence: same sub-event
type, day and place ("stormed the mayor's office" ... "the building was set ablaze"), a later
"the attack" with no time or place of its own, or a protest that escalates in the same sentence.
Different days or places stay separate events (ACLED codes one event per location and day).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..extract import Mention, fatalities_of
from ..model import Count, Event, Place, Span, Time
from ..nlp import Document
from .actors import actor_name
from .places import EventPlace, event_place
from .times import EventTime, event_time

# ACLED's escalation order for demonstrations: an event is coded by its most severe part.
SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Violent demonstration": 2, "Mob violence": 2,
            "Excessive force against protesters": 3}
DEMONSTRATION_TYPES = {"Protests", "Riots"}
# Event types a later "the attack" may refer back to, whatever word the first report used.
FAMILIES = ({"Battles", "Explosions/Remote violence", "Violence against civilians"}, DEMONSTRATION_TYPES)


def _family(event_type: str) -> set[str]:
    return next((f for f in FAMILIES if event_type in f), {event_type})


@dataclass(slots=True)
class _Group:
    """Mentions gathered into one event while an article is resolved (internal, mutable)."""

    mentions: list[tuple[Mention, EventTime, EventPlace]] = field(default_factory=list)

    @property
    def first(self) -> tuple[Mention, EventTime, EventPlace]:
        return self.mentions[0]

    @property
    def modality(self) -> str:
        return self.first[0].modality

    @property
    def sub_event_type(self) -> str:
        return max((m.sub_event_type for m, _, _ in self.mentions), key=lambda s: SEVERITY.get(s, -1))

    @property
    def event_type(self) -> str:
        return next(m.event_type for m, _, _ in self.mentions if m.sub_event_type == self.sub_event_type)

    @property
    def when(self) -> EventTime:
        return next((t for _, t, _ in self.mentions if t.from_clause), self.first[1])

    @property
    def where(self) -> EventPlace:
        located = [p for _, _, p in self.mentions if p.from_clause]
        return min(located, key=lambda p: p.geo_precision) if located else self.first[2]


def build_events(document: Document, mentions: Sequence[Mention], *, times: Sequence[Time],
                 places: Sequence[Place], counts: Sequence[Count],
                 country_of: Callable[[str], str | None] = lambda word: None) -> tuple[Event, ...]:
    """Events from the mentions of one article, with dates, places, actors, figures and notes."""
    groups: list[_Group] = []
    for mention in mentions:
        when = event_time(document, times, (mention.evidence,))
        where = event_place(document, places, (mention.evidence,))
        group = _same_event(groups, mention, when, where)
        if group is None:
            group = _Group()
            groups.append(group)
        group.mentions.append((mention, when, where))
    links = _link_counts(groups, counts)
    return tuple(_event(document, n, group, counts, links.get(n, ()), country_of)
                 for n, group in enumerate(groups, start=1))


def _same_event(groups: Sequence[_Group], mention: Mention, when: EventTime, where: EventPlace) -> _Group | None:
    """The event already found that this mention tells again, if any."""
    candidates = [g for g in reversed(groups) if g.modality == mention.modality]
    for group in candidates:
        same_sentence = any(m.sentence == mention.sentence for m, _, _ in group.mentions)
        if same_sentence and mention.event_type in DEMONSTRATION_TYPES and group.event_type in DEMONSTRATION_TYPES:
            return group
        same_kind = group.sub_event_type == mention.sub_event_type and (
            group.event_type != "Strategic developments" or group.first[0].action == mention.action)
        if not same_kind and not (same_sentence and group.event_type == mention.event_type):
            continue
        if group.when.date != when.date and when.from_clause and group.when.from_clause:
            continue
        if group.where.location != where.location and where.from_clause and group.where.from_clause:
            continue
        return group
    if mention.anaphoric and not when.from_clause and not where.from_clause:
        # "the attack", "these protests": the latest event of that type, told again.
        return next((g for g in candidates if g.event_type in _family(mention.event_type)), None)
    return None


def _link_counts(groups: Sequence[_Group], counts: Sequence[Count]) -> dict[int, tuple[int, ...]]:
    """Each figure goes to the event told in its sentence, the nearest trigger if there are several."""
    links: dict[int, list[int]] = {}
    for index, count in enumerate(counts):
        best: tuple[int, int] | None = None
        for n, group in enumerate(groups, start=1):
            for mention, _, _ in group.mentions:
                if mention.modality != "asserted" or not _within(count.evidence, mention.sentence):
                    continue
                distance = abs(mention.trigger.start - count.evidence.start)
                if best is None or distance < best[1]:
                    best = (n, distance)
        if best is not None:
            links.setdefault(best[0], []).append(index)
    return {n: tuple(indexes) for n, indexes in links.items()}


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _event(document: Document, number: int, group: _Group, counts: Sequence[Count], linked: tuple[int, ...],
           country_of: Callable[[str], str | None]) -> Event:
    when, where = group.when, group.where
    mentions = [m for m, _, _ in group.mentions]
    actor1 = next((m.actor1 for m in mentions if m.actor1), None)
    actor2 = next((m.actor2 for m in mentions if m.actor2), None)
    name1, inter1 = actor_name(actor1, country=where.country, country_of=country_of) if actor1 else (None, None)
    name2, inter2 = actor_name(actor2, country=where.country, country_of=country_of) if actor2 else (None, None)
    evidence = tuple(dict.fromkeys(m.evidence for m in mentions))
    first = next(m for m in mentions if m.sub_event_type == group.sub_event_type)
    return Event(
        event_id=f"{document.article.id}-{number}", event_type=group.event_type,
        sub_event_type=group.sub_event_type, plover=first.plover, evidence=evidence, modality=group.modality,
        date=when.date, date_end=when.date_end, time_precision=when.time_precision,
        country=where.country, iso=where.iso, admin1=where.admin1, location=where.location,
        latitude=where.latitude, longitude=where.longitude, geo_precision=where.geo_precision,
        geonames_id=where.geonames_id, actor1=name1, actor2=name2, inter1=inter1, inter2=inter2,
        fatalities=fatalities_of([counts[i] for i in linked]), counts=linked,
        claimed_by=next((m.claimed_by for m in mentions if m.claimed_by), None),
        confidence=_confidence(group, actor1 is not None), notes=_notes(first, when, where))


def _confidence(group: _Group, has_actor: bool) -> float:
    """How sure eventwire is: more when the text itself says who, when and where."""
    score = 0.4 + 0.15 * group.when.from_clause + 0.15 * group.where.from_clause + 0.1 * has_actor
    score += 0.1 * min(len(group.mentions) - 1, 2) / 2
    return round(min(score, 0.95), 2)


def _notes(mention: Mention, when: EventTime, where: EventPlace) -> str:
    """One ACLED-style sentence from the evidence: "On 5 January 2022, in Almaty (Kazakhstan): ..."."""
    parts = []
    if when.date and len(when.date) == 10:
        day = date.fromisoformat(when.date)
        parts.append(f"On {day.day} {day:%B %Y}")
    if where.location or where.country:
        place = where.location or where.country
        if where.country and where.country != place:
            place = f"{place} ({where.country})"
        parts.append(f"in {place}")
    text = " ".join(mention.evidence.text.split())
    text = text[0].upper() + text[1:] if text else text
    prefix = ", ".join(parts)
    return f"{prefix}: {text}." if prefix else f"{text}."
