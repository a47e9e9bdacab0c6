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

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..extract import ActorMention, Attribution, Mention, fatalities_of
from ..geo import haversine_km
from ..model import Count, Event, Place, Span, Time
from ..nlp import Document
from ..tables import load_table
from .actors import actor_name
from .gazetteer import Gazetteer
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
CLAUSE_OPENERS = {"where", "when", "which", "who", "as", "while", "that", "after", "and", "but"}
# Words for one person that may be a victim: "a soldier was killed", "the journalist died".
PERSON_NOUNS = {"man", "woman", "boy", "girl", "child", "person", "soldier", "officer", "policeman",
                "policewoman", "journalist", "reporter", "civilian", "protester", "demonstrator", "student",
                "teenager", "worker", "guard", "driver", "resident", "villager", "priest", "imam", "activist",
                "leader", "commander", "official", "politician", "minister", "judge", "lawyer", "doctor",
                "nurse", "teacher", "farmer", "photographer", "cameraman", "pilot", "sergeant", "colonel",
                "general", "captain", "lieutenant", "constable", "militant", "fighter", "gunman", "attacker",
                "suspect", "inmate", "prisoner", "detainee", "victim", "mayor", "governor"}
# Demonstrations a peaceful protest of the same day and place escalated into.
ESCALATED = {"Violent demonstration", "Mob violence", "Protest with intervention", "Excessive force against protesters"}
# Which actor1 an event takes when its mentions name several (most specific first).
PERPETRATOR_ORDER = ("rebel", "militia", "external", "state", "protesters", "rioters", "armed", "individual")
# Families of actions whose mentions may tell the same happening.
DEMONSTRATION = {"protest", "riot", "intervention", "clash"}
VIOLENCE = {"attack", "explosion", "shelling", "air_strike", "grenade", "chemical", "abduction", "sexual_violence",
            "clash", "takeover"}
# An event dated this long before publication is background history (see _history).
HISTORY_DAYS = 30
# Two points of one city: districts of a city are coded as the city.
SAME_CITY_KM = 25
NEAR_TOWN_KM = 75
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
        """The mention whose type the event takes: of those reporting it, the most specific."""
        return max((m for m, _, _ in self.reports),
                   key=lambda m: (not m.generic, RANK.get(m.sub_event_type, 0), -m.trigger.start))

    @property
    def families(self) -> set[str]:
        return set().union(*(_families(m) for m, _, _ in self.mentions))

    @property
    def reports(self) -> list[tuple[Mention, EventTime, EventPlace]]:
        """The mentions that report the event; those referring back to it only when there are none."""
        reporting = [item for item in self.mentions if item[0].refers_back is None and not item[0].in_quote]
        return reporting or self.mentions

    @property
    def when(self) -> EventTime:
        """The date the text gives the mention that types the event, else any reporting mention's
        own date, else one told before it in the text, else the fallback."""
        typed = self.typed_by
        reports = self.reports
        known = [t for _, t, _ in reports if t.source not in FALLBACK_SOURCES]
        own = [t for m, t, _ in reports if t.source == "clause" and m is typed]
        own += [t for t in known if t.source == "clause"]
        return (own or known or [reports[0][1]])[0]

    @property
    def where(self) -> EventPlace:
        known = [p for _, _, p in self.mentions if p.source not in FALLBACK_SOURCES]
        own = [p for p in known if p.source == "clause"]
        return min(own or known, key=lambda p: p.geo_precision) if known else self.reports[0][2]

    def last_sentence(self) -> Span:
        return max((m.sentence for m, _, _ in self.mentions), key=lambda s: s.start)


def build_events(document: Document, mentions: Sequence[Mention], *, times: Sequence[Time],
                 places: Sequence[Place], counts: Sequence[Count], attributions: Sequence[Attribution] = (),
                 gazetteer: Gazetteer | None = None) -> tuple[Event, ...]:
    """Events from the mentions of one article, with dates, places, actors, figures and notes.

    gazetteer: locates datelines and countries the text does not name, and the countries of
    nationality words in actor names ("Russian paratroopers").
    """
    groups: list[_Group] = []
    resolved = [(m, event_time(document, times, (m.evidence,), trigger=m.trigger),
                 event_place(document, places, (m.evidence,), gazetteer=gazetteer)) for m in mentions]
    # New events first; then the mentions that refer back join the event they name, wherever it
    # was told ("since the start of the protests" may come before the protests are described).
    later = []
    for mention, when, where in resolved:
        if _refers_back(mention, when, where):
            later.append((mention, when, where))
            continue
        group = _same_event(groups, mention, when, where, document.text)
        if group is None:
            group = _Group()
            groups.append(group)
        group.mentions.append((mention, when, where))
    for mention, when, where in later:
        group = _referent(groups, mention, when, where)
        if group is not None:
            group.mentions.append((mention, when, where))
        elif when.source == "clause" or where.source == "clause" or mention.refers_back == "context":
            # A follow-up report may only refer to the event: "the toll from Monday's bombing rose".
            groups.append(_Group([(mention, when, where)]))
    groups = _escalations(groups, document.text)
    groups = [g for g in groups if not _history(g, document.article.published)]
    groups.sort(key=lambda g: min(m.trigger.start for m, _, _ in g.mentions))
    links = _link_counts(groups, counts)
    perpetrators = _perpetrators(groups, attributions)

    def country_of(word: str) -> str | None:
        iso = gazetteer.demonym(word) if gazetteer is not None else None
        entry = gazetteer.country(iso) if gazetteer is not None and iso else None
        return entry.name if entry is not None else None

    return tuple(_event(document, n, group, counts, links.get(n, ()), perpetrators.get(n), country_of)
                 for n, group in enumerate(groups, start=1))


def _escalations(groups: list[_Group], text: str) -> list[_Group]:
    """A protest told on the day and in the place of a riot or a crackdown joins it: ACLED codes
    one event per place and day, by its most violent part ("if a peaceful protest turns violent,
    it is coded as a riot"). A protest the text calls peaceful stays apart: it was a separate,
    earlier phase ("initially peaceful, but clashes broke out in the evening")."""
    kept = list(groups)
    for protest in groups:
        if protest.typed_by.sub_event_type != "Peaceful protest" or protest.modality != "asserted":
            continue
        when, where = protest.when, protest.where
        if when.source in FALLBACK_SOURCES or len(when.date or "") != 10:
            continue
        sentences = " ".join(text[m.sentence.start:m.sentence.end].lower() for m, _, _ in protest.mentions)
        if "peaceful" in sentences:
            continue
        violent = next((g for g in kept if g is not protest and g.modality == "asserted"
                        and g.typed_by.sub_event_type in ESCALATED and g.when.date == when.date
                        and (g.where.location or g.where.country) == (where.location or where.country)), None)
        if violent is not None:
            violent.mentions.extend(protest.mentions)
            kept.remove(protest)
    return kept


def _refers_back(mention: Mention, when: EventTime, where: EventPlace) -> bool:
    """A mention that names an event told elsewhere rather than reporting one: "the attack", a
    quote's account, "protests continued" with no day or place of its own."""
    own = when.source == "clause" or where.source == "clause"
    return mention.refers_back is not None or mention.in_quote or (mention.bare_plural and not own)


def _same_event(groups: Sequence[_Group], mention: Mention, when: EventTime, where: EventPlace,
                text: str) -> _Group | None:
    """The event already found that this mention tells again, if any."""
    families = _families(mention)
    for group in _compatible(groups, mention, when, where):
        same_type = group.typed_by.sub_event_type == mention.sub_event_type and (
            group.typed_by.event_type != "Strategic developments" or group.typed_by.action == mention.action)
        if same_type:
            return group
        if not group.families & families:
            continue
        if any(_same_clause(m, mention) for m, _, _ in group.mentions):
            return group  # one clause, one event: "clashed with police and threw rocks"
        if mention.generic or group.typed_by.generic:
            return group  # "an attack ... Seventeen rockets struck": the rockets say how
        own_time, own_place = when.source == "clause", where.source == "clause"
        if not own_time and not own_place and _next_sentence(group.last_sentence(), mention.sentence, text):
            return group
    return None


def _referent(groups: Sequence[_Group], mention: Mention, when: EventTime, where: EventPlace) -> _Group | None:
    """The event a referring mention names: of its family, the nearest one told before it, else after."""
    families = _families(mention)
    # Only a day or place said of the reference itself can set it apart ("The protests began in
    # June", "an assault in Ghazni in 2018"); those of the sentence around it are not its own ("no
    # one claimed the attack, but militias tied to Iran ...").
    if when.source != "clause":
        when = EventTime(None, None, 3, None, 0.0)
    if where.source != "clause":
        where = EventPlace()
    fitting = [g for g in groups if g.modality == mention.modality and g.families & families
               and _same_time(g.when, when) and _same_place(g.where, where)]
    fitting.reverse()
    before = [g for g in fitting if min(m.trigger.start for m, _, _ in g.mentions) < mention.trigger.start]
    return before[0] if before else (fitting[-1] if fitting else None)


def _compatible(groups: Sequence[_Group], mention: Mention, when: EventTime, where: EventPlace) -> list[_Group]:
    """Events of the same modality that this mention's day and place do not contradict, latest first."""
    return [g for g in reversed(groups) if g.modality == mention.modality
            and _same_time(g.when, when) and _same_place(g.where, where)]


def _same_clause(a: Mention, b: Mention) -> bool:
    """Each mention's clause holds the other's trigger: one statement ("clashed ... and threw rocks")."""
    return _within(a.trigger, b.evidence) and _within(b.trigger, a.evidence)


def _history(group: _Group, published: str | None) -> bool:
    """An event the article dates well before it was published: history told as background, which
    ACLED codes from the reports of its own time, not from this one."""
    when = group.when
    if published is None or when.date is None or when.source in FALLBACK_SOURCES:
        return False
    last = when.date_end or when.date
    if when.time_precision == 3:  # a month ("in June"): its last day
        last = f"{last[:7]}-{calendar.monthrange(int(last[:4]), int(last[5:7]))[1]:02d}"
    return date.fromisoformat(last) < date.fromisoformat(published) - timedelta(days=HISTORY_DAYS)


def _same_time(a: EventTime, b: EventTime) -> bool:
    return a.date == b.date or a.source in FALLBACK_SOURCES or b.source in FALLBACK_SOURCES


def _same_place(a: EventPlace, b: EventPlace) -> bool:
    """Places that may be one: the same name, a town and the province or country holding it,
    or two points of one city (ACLED codes a city's districts as the city)."""
    if a.iso is not None and b.iso is not None and a.iso != b.iso:
        return False
    if a.source in FALLBACK_SOURCES or b.source in FALLBACK_SOURCES:
        return True
    if (a.location or a.country) == (b.location or b.country):
        return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        coarse, fine = (a, b) if a.geo_precision >= b.geo_precision else (b, a)
        return coarse.admin1 is None or coarse.admin1 == fine.admin1
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    # "west of Kabul" (precision 2) may be a few dozen kilometres from the town it names.
    limit = SAME_CITY_KM if a.geo_precision == b.geo_precision == 1 else NEAR_TOWN_KM
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= limit  # type: ignore[arg-type]


def _next_sentence(previous: Span, sentence: Span, text: str) -> bool:
    """`sentence` is `previous` or follows it directly in the same paragraph."""
    if sentence.start < previous.start:
        return False
    between = text[previous.end:sentence.start]
    return sentence == previous or ("\n" not in between and len(between.strip()) == 0)


def _link_counts(groups: Sequence[_Group], counts: Sequence[Count]) -> dict[int, tuple[int, ...]]:
    """Each figure goes to the event told in its sentence that such a figure can belong to (deaths
    to violence, detentions to arrests...), the nearest trigger if there are several."""
    links: dict[int, list[int]] = {}
    for index, count in enumerate(counts):
        best: tuple[int, int] | None = None
        for n, group in enumerate(groups, start=1):
            if not _fits(count.kind, group):
                continue
            for mention, _, _ in group.mentions:
                if mention.modality != "asserted" or not _within(count.evidence, mention.sentence):
                    continue
                distance = abs(mention.trigger.start - count.evidence.start)
                if best is None or distance < best[1]:
                    best = (n, distance)
        if best is not None:
            links.setdefault(best[0], []).append(index)
    return {n: tuple(indexes) for n, indexes in links.items()}


def _fits(kind: str, group: _Group) -> bool:
    """Whether a figure of this kind can be a figure of this event."""
    actions = {m.action for m, _, _ in group.mentions}
    if kind == "detained":
        return "arrest" in actions or "demonstration" in group.families
    if kind == "deployed":
        return "deploy" in actions
    if kind == "other":
        return "demonstration" in group.families  # crowd sizes
    return bool(group.families & {"violence", "demonstration"})  # killed, injured, missing, displaced


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
    # Who did it: a named group before the state before unnamed armed men before a lone person.
    candidates = [m.actor1 for m in mentions if m.actor1] + ([perpetrator] if perpetrator else [])
    actor1 = min(candidates, key=lambda a: PERPETRATOR_ORDER.index(a.kind) if a.kind in PERPETRATOR_ORDER
                 else len(PERPETRATOR_ORDER), default=None)
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
        fatalities=_fatalities(group, [counts[i] for i in linked], document.text, document.doc), counts=linked,
        claimed_by=next((m.claimed_by for m in mentions if m.claimed_by), None),
        confidence=_confidence(group, actor1 is not None), notes=_notes(typed, when, where))


def _fatalities(group: _Group, counts: Sequence[Count], text: str, doc: Doc) -> int | None:
    """The conservative death figure of the event's counts; 0 when its sentences say nobody died."""
    fatalities = fatalities_of(counts)
    if fatalities is None and not any(c.kind == "killed" for c in counts):
        rules = load_table("events")["fatalities"]
        sentences = " ".join(text[m.sentence.start:m.sentence.end].lower() for m, _, _ in group.mentions)
        if any(phrase in sentences for phrase in rules["none_reported"]):
            return 0
        if any(_one_death(doc, m.sentence, rules["one_death_verbs"]) for m, _, _ in group.reports):
            return 1
    return fatalities


def _one_death(doc: Doc, sentence: Span, verbs: list[str]) -> bool:
    """Whether the sentence tells that one person died: "the journalist died", "a soldier was
    killed", "gunmen shot him dead"."""
    for token in doc.char_span(sentence.start, sentence.end, alignment_mode="expand") or ():
        lemma = token.lemma_.lower()
        shot_dead = lemma == "shoot" and any(c.lower_ == "dead" for c in token.children)
        if token.pos_ != "VERB" or (lemma not in verbs and not shot_dead):
            continue
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        roles = ("nsubj",) if lemma == "die" else ("nsubjpass",) if passive else ("dobj",)
        victims = [c for c in token.children if c.dep_ in roles]
        if victims and all(_one_person(v) for v in victims):
            return True
    return False


def _one_person(token: Token) -> bool:
    """Whether a victim phrase names one person: "the journalist", "him", "Nabil al-Quaety"."""
    if any(c.dep_ in ("nummod", "conj") for c in token.children):
        return False  # "two soldiers", "a soldier and a policeman"
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "him", "her")
    return token.tag_ in ("NN", "NNP") and (token.ent_type_ == "PERSON" or token.lemma_.lower() in PERSON_NOUNS)


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
        if first[1] in crowd or second[1] in crowd:
            other = first if first[1] not in crowd else second
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
    # A clause cut from its sentence may open with the word that tied it there ("where soldiers
    # fired", "when protesters stormed"): a note reads better without it.
    first, _, rest = text.partition(" ")
    if first.lower() in CLAUSE_OPENERS and rest:
        text = rest
    text = text[0].upper() + text[1:] if text else text
    prefix = ", ".join(parts)
    return f"{prefix}: {text}." if prefix else f"{text}."

