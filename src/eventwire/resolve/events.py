"""Resolve event mentions into events: when, where, who, which figures; one event per happening.

Mentions that tell the same happening become one event with all their evidence (ACLED codes one
event per actors, location and day):
- the same sub-event type on the same day in the same place, anywhere in the article;
- a mention that refers back ("the attack", "claimed responsibility for the bombing") or sits in a
  quote, joined to the latest event of its family;
- the next sentence of the paragraph telling more of the same family with no day or place of its
  own ("The video showed an officer shoot at one person");
- a protest and its escalation in one clause ("protesters clashed with police and threw rocks").
Different days or places stay separate events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..extract import ActorMention, Attribution, Mention, fatalities_of
from ..model import Count, Event, Place, Span, Time
from ..nlp import Document
from ..tables import load_table
from .actors import actor_name
from .places import EventPlace, event_place
from .times import EventTime, event_time

# Which sub-event type a merged event takes: the most specific and severe of its mentions
# (ACLED codes an event by its most violent part; a weapon named beats a bare "attack").
RANK = {
    "Excessive force against protesters": 10, "Suicide bomb": 9, "Remote explosive/landmine/IED": 8,
    "Air/drone strike": 8, "Shelling/artillery/missile attack": 8, "Grenade": 8, "Chemical weapon": 8,
    "Violent demonstration": 7, "Mob violence": 7, "Armed clash": 6, "Non-state actor overtakes territory": 6,
    "Government regains territory": 6, "Protest with intervention": 5, "Peaceful protest": 4, "Attack": 3,
    "Abduction/forced disappearance": 3, "Sexual violence": 3,
}
# Families of actions whose mentions may tell the same happening.
DEMONSTRATION = {"protest", "riot", "intervention", "clash"}
VIOLENCE = {"attack", "explosion", "shelling", "air_strike", "grenade", "chemical", "abduction", "sexual_violence",
            "clash", "takeover"}
# Where a date or place that is only a fallback (publication date, dateline, focus country) came from.
FALLBACK_SOURCES = {"published", "dateline", "focus", None}


def _families(mention: Mention) -> set[str]:
    families = set()
    if mention.action in DEMONSTRATION or mention.sub_event_type == "Excessive force against protesters":
        families.add("demonstration")
    if mention.action in VIOLENCE or mention.sub_event_type == "Excessive force against protesters":
        families.add("violence")
    return families or {mention.action}


@dataclass(slots=True)
class _Group:
    """Mentions gathered into one event while an article is resolved (internal, mutable)."""

    mentions: list[tuple[Mention, EventTime, EventPlace]] = field(default_factory=list)

    @property
    def modality(self) -> str:
        return self.mentions[0][0].modality

    @property
    def typed_by(self) -> Mention:
        """The mention whose type the event takes."""
        return max((m for m, _, _ in self.mentions),
                   key=lambda m: (not m.generic, RANK.get(m.sub_event_type, 0), -m.trigger.start))

    @property
    def families(self) -> set[str]:
        return set().union(*(_families(m) for m, _, _ in self.mentions))

    @property
    def when(self) -> EventTime:
        known = [t for _, t, _ in self.mentions if t.source not in FALLBACK_SOURCES]
        own = [t for t in known if t.source == "clause"]
        return (own or known or [self.mentions[0][1]])[0]

    @property
    def where(self) -> EventPlace:
        known = [p for _, _, p in self.mentions if p.source not in FALLBACK_SOURCES]
        own = [p for p in known if p.source == "clause"]
        return min(own or known, key=lambda p: p.geo_precision) if known else self.mentions[0][2]

    def last_sentence(self) -> Span:
        return max((m.sentence for m, _, _ in self.mentions), key=lambda s: s.start)


def build_events(document: Document, mentions: Sequence[Mention], *, times: Sequence[Time],
                 places: Sequence[Place], counts: Sequence[Count], attributions: Sequence[Attribution] = (),
                 country_of: Callable[[str], str | None] = lambda word: None) -> tuple[Event, ...]:
    """Events from the mentions of one article, with dates, places, actors, figures and notes."""
    groups: list[_Group] = []
    for mention in mentions:
        when = event_time(document, times, (mention.evidence,))
        where = event_place(document, places, (mention.evidence,))
        group = _same_event(groups, mention, when, where, document.text)
        if group is None:
            group = _Group()
            groups.append(group)
        group.mentions.append((mention, when, where))
    links = _link_counts(groups, counts)
    perpetrators = _perpetrators(groups, attributions)
    return tuple(_event(document, n, group, counts, links.get(n, ()), perpetrators.get(n), country_of)
                 for n, group in enumerate(groups, start=1))


def _same_event(groups: Sequence[_Group], mention: Mention, when: EventTime, where: EventPlace,
                text: str) -> _Group | None:
    """The event already found that this mention tells again, if any."""
    families = _families(mention)
    candidates = [g for g in reversed(groups) if g.modality == mention.modality]
    compatible = [g for g in candidates if _same_time(g.when, when) and _same_place(g.where, where)]
    for group in compatible:
        same_type = group.typed_by.sub_event_type == mention.sub_event_type and (
            group.typed_by.event_type != "Strategic developments" or group.typed_by.action == mention.action)
        if same_type:
            return group
        if not group.families & families:
            continue
        if any(_overlap(m.evidence, mention.evidence) for m, _, _ in group.mentions):
            return group  # one clause, one event: "clashed with police and threw rocks"
        if mention.refers_back or mention.in_quote or mention.generic or group.typed_by.generic:
            return group
        own_time, own_place = when.source == "clause", where.source == "clause"
        if not own_time and not own_place and _next_sentence(group.last_sentence(), mention.sentence, text):
            return group
    return None


def _same_time(a: EventTime, b: EventTime) -> bool:
    return a.date == b.date or a.source in FALLBACK_SOURCES or b.source in FALLBACK_SOURCES


def _same_place(a: EventPlace, b: EventPlace) -> bool:
    if a.source in FALLBACK_SOURCES or b.source in FALLBACK_SOURCES:
        return a.iso is None or b.iso is None or a.iso == b.iso
    return (a.location or a.country) == (b.location or b.country)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _next_sentence(previous: Span, sentence: Span, text: str) -> bool:
    """`sentence` is `previous` or follows it directly in the same paragraph."""
    if sentence.start < previous.start:
        return False
    between = text[previous.end:sentence.start]
    return sentence == previous or ("\n" not in between and len(between.strip()) == 0)


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


def _perpetrators(groups: Sequence[_Group], attributions: Sequence[Attribution]) -> dict[int, ActorMention]:
    """Attach "X claimed responsibility" to the latest violent event told before it without a named actor."""
    found: dict[int, ActorMention] = {}
    for attribution in attributions:
        earlier = [(n, g) for n, g in enumerate(groups, start=1)
                   if "violence" in g.families and g.modality == "asserted"
                   and min(m.sentence.start for m, _, _ in g.mentions) <= attribution.sentence.start]
        if earlier and earlier[-1][0] not in found:
            found[earlier[-1][0]] = attribution.actor
    return found


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _event(document: Document, number: int, group: _Group, counts: Sequence[Count], linked: tuple[int, ...],
           perpetrator: ActorMention | None, country_of: Callable[[str], str | None]) -> Event:
    when, where = group.when, group.where
    mentions = [m for m, _, _ in group.mentions]
    typed = group.typed_by
    actor1 = next((m.actor1 for m in mentions if m.actor1 and m.actor1.kind != "armed"), None)
    actor1 = actor1 or perpetrator or next((m.actor1 for m in mentions if m.actor1), None)
    actor2 = next((m.actor2 for m in mentions if m.actor2 and (actor1 is None or m.actor2.name != actor1.name)), None)
    name1, inter1 = actor_name(actor1, country=where.country, country_of=country_of) if actor1 else (None, None)
    name2, inter2 = actor_name(actor2, country=where.country, country_of=country_of) if actor2 else (None, None)
    name1, inter1, name2, inter2 = _acled_roles(typed.event_type, typed.sub_event_type, where.country,
                                                (name1, inter1), (name2, inter2))
    return Event(
        event_id=f"{document.article.id}-{number}", event_type=typed.event_type,
        sub_event_type=typed.sub_event_type, plover=typed.plover,
        evidence=tuple(dict.fromkeys(m.evidence for m in mentions)), modality=group.modality,
        date=when.date, date_end=when.date_end, time_precision=when.time_precision,
        country=where.country, iso=where.iso, admin1=where.admin1, location=where.location,
        latitude=where.latitude, longitude=where.longitude, geo_precision=where.geo_precision,
        geonames_id=where.geonames_id, actor1=name1, actor2=name2, inter1=inter1, inter2=inter2,
        fatalities=_fatalities(group, [counts[i] for i in linked], document.text), counts=linked,
        claimed_by=next((m.claimed_by for m in mentions if m.claimed_by), None),
        confidence=_confidence(group, actor1 is not None), notes=_notes(typed, when, where))


def _fatalities(group: _Group, counts: Sequence[Count], text: str) -> int | None:
    """The conservative death figure of the event's counts; 0 when its sentences say nobody died."""
    fatalities = fatalities_of(counts)
    if fatalities is None and not any(c.kind == "killed" for c in counts):
        sentences = " ".join(text[m.sentence.start:m.sentence.end].lower() for m, _, _ in group.mentions)
        if any(phrase in sentences for phrase in load_table("events")["fatalities"]["none_reported"]):
            return 0
    return fatalities


def _acled_roles(event_type: str, sub_event_type: str, country: str | None,
                 first: tuple[str | None, str | None], second: tuple[str | None, str | None]
                 ) -> tuple[str | None, str | None, str | None, str | None]:
    """ACLED's actor conventions per event type (codebook, "Actors"): demonstrators are actor1 of
    protests and riots, named "Protesters (<country>)" or "Rioters (<country>)", with the force that
    intervenes as actor2; arrests are made by state forces."""
    suffix = f" ({country})" if country else ""
    crowd = {"Protesters", "Rioters", "Civilians", None}
    if event_type == "Protests":
        force = next((a for a in (first, second) if a[1] not in crowd), (None, None))
        return f"Protesters{suffix}", "Protesters", force[0], force[1]
    if event_type == "Riots":
        if first[1] in crowd:
            other = second if second[1] != "Rioters" else (None, None)
            return f"Rioters{suffix}", "Rioters", other[0], other[1]
        return first[0], first[1], second[0], second[1]
    if sub_event_type == "Arrests" and first[1] != "State forces":
        police = f"Police Forces of {country}" if country else "Police Forces"
        detainees = first if first[1] in ("Protesters", "Rioters", "Civilians") else second
        return police, "State forces", detainees[0], detainees[1]
    return first[0], first[1], second[0], second[1]


def _confidence(group: _Group, has_actor: bool) -> float:
    """How sure eventwire is: more when the text itself says who, when and where."""
    when, where = group.when, group.where
    score = 0.4 + 0.15 * (when.source not in FALLBACK_SOURCES) + 0.15 * (where.source not in FALLBACK_SOURCES)
    score += 0.1 * has_actor + 0.1 * min(len(group.mentions) - 1, 2) / 2
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

