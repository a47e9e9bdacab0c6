"""Find every toponym of an article, resolve it with the gazetteer, and pick each event's place.

Mentions come from two sources, because the small English model misses or mislabels many
toponyms ("Almaty" as ORG, "Makilala" as PERSON, "General Santos City" cut to "Santos City"):
spaCy's GPE/LOC/FAC entities, and a longest-match scan of capitalised word sequences against the
gazetteer. A scanned name that is only a town needs evidence before it counts: a locative
preposition ("in Manay"), a GPE/LOC/FAC label, a large population, or a province named in the
article that contains it. Names that are part of a person's name elsewhere ("Ned Price" ->
no "Price, Utah"), follow a title or another capitalised word, or match only another town's
alternate name stay out.

Resolution weighs what Mordecai and CLIFF weigh: population, the kind of place, the article's
focus country (dateline first, else the most mentioned), co-mentioned provinces that contain a
town, and distance to the other places of the article ("Paris" in a Texas story). One name gets
one sense per article.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..extract.lexicon import lexicon
from ..geo import haversine_km
from ..model import Place, Span
from ..nlp.parse import Document
from ..tables import load_table
from .context import ELSEWHERE, evidence_heads, paragraph_bounds, relation, roots, sentence_of, token_at
from .gazetteer import Entry, Gazetteer, ascii_name, demonyms, fold

_PLACE_LABELS = ("GPE", "LOC", "FAC")
_MAX_NAME_TOKENS = 6
_CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                   "saturday", "sunday"}  # fmt: skip
_POSSESSIVE = re.compile(r"(['\u2019\u2018`]s?)$")
# A town big enough to count as a toponym without a cue ("Moscow-led", "Kabul car bombing").
_BIG_TOWN = 100_000
# A town this big is known abroad by its English name ("Mecca" for Makkah, "New York").
_MILLION_TOWN = 1_000_000
# A town this small, outside every country the article names, needs a GPE label to count.
_SMALL_TOWN = 20_000
# Priors in log10(population) units: a country outranks every town of its name.
_PRIOR = {"country": 9.0, "region": 6.0}
_CONTRACT_FEATURE = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "other",
    "region": "other",
    "city": "city",
}
# ACLED geo_precision by the kind of place (codebook: 1 town, 2 near a town or a small region, 3 province).
_PRECISION = {"city": 1, "other": 2, "admin1": 3, "country": 3}
_SPECIFICITY = {"city": 0, "other": 1, "admin1": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where an event happened, in the Event's terms, and how it was found.

    source: "clause" (tied to the event's clause), "sentence" (named in its sentence), "context" (the
    paragraph before it),
    "dateline", "focus" (the article's main town or its focus country), None (nothing known).
    """

    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonames_id: int | None = None
    source: str | None = None


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str
    entries: tuple[Entry, ...]
    label: str  # spaCy's label, or "" when only the gazetteer scan found it
    locative: bool = False  # a locative preposition or a word of kind ("province", "City") vouches for it
    hint: str | None = None  # "admin" or "town" when the next word says which
    demonym: str | None = None
    person: bool = False  # the name is part of a person's name elsewhere in the article
    accepted: bool = True
    choice: Entry | None = None


@functools.cache
def _cues() -> dict[str, Any]:
    return {
        key: set(value) if isinstance(value, list) else value
        for key, value in load_table("place_cues").items()
    }


def resolve_places(document: Document, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Every toponym mention of the article, resolved where the gazetteer knows it.

    Demonyms ("Kazakh", "Iraqis", "Russian-led") come back as the country they name, with feature
    "country"; `is_demonym` tells them apart, and `event_place` never uses them.
    """
    mentions = _find_mentions(document.doc, document.text, gazetteer)
    _choose(document, mentions, gazetteer)
    places = [_place(document, m) for m in mentions if m.accepted]
    return tuple(sorted(_place_landmarks(document, places), key=lambda p: p.mention.start))


def is_demonym(place: Place) -> bool:
    """Whether a Place is a demonym or country adjective rather than a toponym."""
    key = fold(_strip_possessive(place.mention.text))
    return place.feature == "country" and key in demonyms() and key != fold(place.name)


def focus_country(document: Document, places: Sequence[Place]) -> str | None:
    """The ISO code of the country the article is about: the dateline's, else the most mentioned.

    Every resolved toponym counts for its country; demonyms count half. Ties go to the first named.
    """
    dateline = document.article.dateline
    if dateline:
        for place in places:
            if place.iso and fold(dateline) in (fold(place.name), fold(place.mention.text)):
                return place.iso
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for place in places:
        if place.iso:
            votes[place.iso] += 0.5 if is_demonym(place) else 1.0
            first.setdefault(place.iso, place.mention.start)
    if not votes:
        return None
    return max(votes, key=lambda iso: (votes[iso], -first[iso]))


def event_place(
    document: Document,
    places: Sequence[Place],
    evidence: Sequence[Span],
    *,
    gazetteer: Gazetteer | None = None,
) -> EventPlace:
    """The place of the event whose evidence is given: the most specific place tied to its clause.

    In order: a place in the evidence's sentence (inside the evidence, then attached to its verb,
    then above it; towns before provinces before countries), the nearest preceding place in the
    paragraph, the dateline town, the town the article names most in its focus country (precision
    2), the focus country (precision 3). gazetteer: resolves a dateline or a focus country that the
    text does not name itself.
    """
    usable = [p for p in places if p.latitude is not None and not is_demonym(p)
              and not _names_organisation(document.doc, p)]
    if evidence and len(document.doc):
        found = _clause_place(document, usable, evidence[0])
        if found is not None:
            return found
    focus = focus_country(document, places)
    dateline = document.article.dateline
    if dateline and gazetteer is not None:
        towns = [e for e in gazetteer.lookup(dateline) if e.feature == "city" and e.iso in (focus, e.iso)]
        if towns:
            return _from_entry(max(towns, key=lambda e: (e.iso == focus, e.population)), "dateline", 1)
    towns = [p for p in usable if p.feature in ("city", "other") and p.iso == (focus or p.iso)]
    if towns:
        counts = Counter(p.name for p in towns)
        return _event_place(
            max(towns, key=lambda p: (counts[p.name], -p.mention.start)), "focus", precision=2
        )
    countries = [p for p in usable if p.feature == "country" and p.iso == focus]
    if countries:
        return _event_place(countries[0], "focus")
    entry = gazetteer.country(focus) if gazetteer is not None and focus else None
    if entry is not None:
        return _from_entry(entry, "focus", 3)
    return EventPlace(iso=focus)


def _clause_place(document: Document, places: list[Place], evidence: Span) -> EventPlace | None:
    doc = document.doc
    sentence = sentence_of(doc, evidence.start)
    heads = evidence_heads(doc, evidence)
    in_sentence = [p for p in places if sentence.start_char <= p.mention.start < sentence.end_char
                   and not _of_other_event(doc, p, evidence)]
    if in_sentence:
        best = min(
            in_sentence,
            key=lambda p: (
                min(relation(doc, p.mention, evidence, heads), ELSEWHERE),
                _modifies_noun(doc, p),
                _SPECIFICITY.get(p.feature or "other", 1),
                abs(p.mention.start - evidence.start),
            ),
        )
        before = document.text[max(0, best.mention.start - 30) : best.mention.start].lower()
        near = any(re.search(rf"\b{re.escape(cue)}\s+(the\s+)?$", before) for cue in _cues()["near"])
        # "clause": the place is said of the event; "sentence": only named near it.
        tied = relation(doc, best.mention, evidence, heads) < ELSEWHERE
        return _event_place(best, "clause" if tied else "sentence", precision=2 if near else None)
    start, _ = paragraph_bounds(document.text, evidence.start)
    before_places = [p for p in places if start <= p.mention.start < sentence.start_char]
    if before_places:
        last_sentence = sentence_of(doc, before_places[-1].mention.start)
        nearest = [p for p in before_places if p.mention.start >= last_sentence.start_char]
        best = min(nearest, key=lambda p: (_SPECIFICITY.get(p.feature or "other", 1), -p.mention.start))
        return _event_place(best, "context")
    return None


def _of_other_event(doc: Doc, place: Place, evidence: Span) -> bool:
    """Whether the place is said of another event noun of the sentence: in "Monday's attack was the
    deadliest since an assault in Ghazni", Ghazni is where the assault was, not the attack."""
    event_nouns = {noun for action in lexicon().actions for noun in action.nouns}
    for token in roots(doc, place.mention.start, place.mention.end):
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            noun = token.head.head
            if noun.lemma_.lower() in event_nouns and not evidence.start <= noun.idx < evidence.end:
                return True
    return False


def _names_organisation(doc: Doc, place: Place) -> bool:
    """Whether the toponym is part of an organisation's name ("the Islamic State of Iraq and the
    Levant", "the Government of Iraq"): it names who, not where an event took place."""
    token = token_at(doc, place.mention.start)
    entity = _entity_of(token)
    if entity is None or entity.label_ != "ORG" or len(entity) <= len(place.mention.text.split()):
        return False
    return entity[-1].lower_ not in _cues()["facility_words"]  # "the Jolo Cathedral" is a building


def _modifies_noun(doc: Doc, place: Place) -> bool:
    """Whether a toponym only qualifies a noun: "a Moscow-led force", "Afghanistan's province".

    Such a place says whose or which thing, not where the event was; "in Kazakhstan" does. A town
    naming a building ("the Jolo Cathedral") still says where.
    """
    for token in roots(doc, place.mention.start, place.mention.end):
        head = token.head
        if head.lower_ in _cues()["facility_words"]:
            continue
        if token.dep_ in ("compound", "poss", "amod", "npadvmod", "nmod") and (
            head.pos_ in ("NOUN", "PROPN", "ADJ") or head.dep_ == "amod"
        ):
            return True
    return False


def _event_place(place: Place, source: str, *, precision: int | None = None) -> EventPlace:
    default = _PRECISION.get(place.feature or "other", 2)
    return EventPlace(
        place.country,
        place.iso,
        place.admin1,
        ascii_name(place.name),  # ACLED writes locations without diacritics: "Kandahar"
        place.latitude,
        place.longitude,
        max(precision or default, default),
        place.geonames_id,
        source,
    )


def _from_entry(entry: Entry, source: str, precision: int) -> EventPlace:
    return EventPlace(
        entry.country,
        entry.iso,
        entry.admin1,
        ascii_name(entry.name),
        entry.latitude,
        entry.longitude,
        precision,
        entry.geonames_id,
        source,
    )


# ---------------------------------------------------------------------------------------------
# Finding mentions


def _strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text) if len(text) > 3 else text


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _find_mentions(doc: Doc, text: str, gazetteer: Gazetteer) -> list[_Mention]:
    # Words of multi-word person names: "Price" after "Ned Price" is a surname, not a town.
    # (A "person" whose whole name is a place is the model's mistake: "Maidan Shahr", "Tsuen Wan".)
    persons = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and not gazetteer.lookup(e.text)]
    person_words = {fold(t.text) for ent in persons for t in ent}
    found: list[_Mention] = []
    taken: set[int] = set()
    i = 0
    while i < len(doc):
        mention = _scan_at(doc, text, i, gazetteer) if _capitalised(doc[i]) else None
        if mention is None:
            i += 1
            continue
        end_token = token_at(doc, mention.end - 1).i
        mention.person = mention.key in person_words
        if _keep(doc, mention):
            found.append(mention)
            taken.update(range(i, end_token + 1))
        i = end_token + 1
    # Entities the gazetteer does not know stay as unresolved mentions ("Bangsamoro Autonomous Region").
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS or any(t.i in taken for t in ent):
            continue
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        if not tokens or not _capitalised(tokens[0]) or fold(tokens[-1].text) in person_words:
            continue  # "Biden" tagged GPE once and PERSON elsewhere
        start = tokens[0].idx
        end = start + len(_strip_possessive(text[start : tokens[-1].idx + len(tokens[-1])]))
        found.append(_Mention(start, end, fold(text[start:end]), (), ent.label_))
    # One sense per discourse: a name accepted once as a place is a place wherever it recurs.
    accepted = {m.key for m in found if m.accepted}
    for mention in found:
        mention.accepted = mention.accepted or (mention.key in accepted and not mention.person)
    return sorted(found, key=lambda m: m.start)


def _scan_at(doc: Doc, text: str, i: int, gazetteer: Gazetteer) -> _Mention | None:
    """The longest gazetteer name or demonym that starts at token i."""
    connectors = _cues()["connectors"]
    first = doc[i]
    last = i
    while last + 1 < len(doc) and last + 1 - i < _MAX_NAME_TOKENS:
        nxt = doc[last + 1]
        if (
            nxt.is_sent_start
            or "\n" in doc[last].whitespace_
            or not (_capitalised(nxt) or nxt.lower_ in connectors)
        ):
            break
        last += 1
    for end in range(last, i - 1, -1):
        tail = doc[end]
        if not _capitalised(tail):
            continue
        name = _strip_possessive(text[first.idx : tail.idx + len(tail)])
        key = fold(name)
        if key in _CALENDAR_WORDS:
            continue
        entries = gazetteer.lookup(name)
        hint = "town" if name.endswith(" City") else _hint(doc, i, end)
        if not entries and len(name.split()) > 1 and name.split()[-1] in ("City", "Province"):
            # "Kidapawan City", "Maidan Wardak Province": the kind word is no part of the name.
            hint = "town" if name.endswith("City") else "admin"
            entries = tuple(
                e
                for e in gazetteer.lookup(name.rsplit(" ", 1)[0])
                if (e.feature == "city") == (hint == "town")
            )
        country = gazetteer.demonym(name)
        if country is not None and not any(e.feature != "city" and not e.alternate for e in entries):
            # "Kazakh" or "Canadian" is a demonym before it is a town of that name.
            entry = gazetteer.country(country)
            entries = (entry,) if entry else ()
        else:
            country = None
        if not entries:
            continue
        if any(e.feature == "supranational" for e in entries):
            entries = ()  # "Central Asia": a toponym of no one country
        label = first.ent_type_ if first.ent_iob_ in ("B", "I") else ""
        return _Mention(
            first.idx,
            first.idx + len(name),
            key,
            _same_place(entries, hint),
            label,
            locative=hint is not None or _locative(doc, i),
            hint=hint,
            demonym=country,
        )
    return None


def _same_place(entries: tuple[Entry, ...], hint: str | None) -> tuple[Entry, ...]:
    """Drop the province or district named after a town it contains ("Ghazni", "Kabul", "Maidan Shahr").

    Such a name means the town unless the text says "province" or "district".
    """
    if hint == "admin":
        return entries
    towns = [e for e in entries if e.feature == "city"]

    def named_after_town(division: Entry) -> bool:
        inside = [t for t in towns if t.iso == division.iso and division.name in (t.admin1, t.admin2)]
        # The town found by its own name, or a million-town's English name ("Mecca", "New York"), or a
        # district (districts take the name of their main town).
        return any(
            not t.alternate or t.population >= _MILLION_TOWN or division.feature == "admin2" for t in inside
        )

    return tuple(e for e in entries if not (e.feature in ("admin1", "admin2") and named_after_town(e)))


def _locative(doc: Doc, i: int) -> bool:
    if i == 0:
        return False
    previous = doc[i - 1].lower_
    if previous in _cues()["locative"]:
        return True
    # "the city of Mosul", "the province of North Cotabato".
    before = doc[i - 2].lower_ if i > 1 else ""
    return previous == "of" and (before in _cues()["town_words"] or before in _cues()["admin_words"])


def _hint(doc: Doc, start: int, end: int) -> str | None:
    """ "admin" or "town" when a word of kind is next to the name ("Wardak province", "state of Goa")."""
    following = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    kind = doc[start - 2].lower_ if start > 1 and doc[start - 1].lower_ == "of" else ""
    if following in _cues()["admin_words"] or kind in _cues()["admin_words"]:
        return "admin"
    if following in _cues()["town_words"] or kind in _cues()["town_words"]:
        return "town"
    return None


def _keep(doc: Doc, mention: _Mention) -> bool:
    """Whether a scanned name may be a toponym here; `mention.accepted` says if it is one already.

    Names that need more evidence stay pending (accepted False) until the provinces around them
    are known: a town counts when a province named in the article contains it.
    """
    first = token_at(doc, mention.start)
    previous = doc[first.i - 1] if first.i > 0 else None
    if previous is not None and previous.lower_ in _cues()["titles"]:
        return False
    last = token_at(doc, mention.end - 1).i
    after = doc[last + 1] if last + 1 < len(doc) else None
    country = any(e.feature == "country" for e in mention.entries)
    if after is not None and after.ent_type_ == "PERSON" and _capitalised(after) and not country:
        return False  # a title or a first name: "Commissioner James Rovella" (but "US Donald Trump")
    entity = _entity_of(first)
    if entity is not None and (entity.start_char < mention.start or entity.end_char > mention.end + 2):
        return _keep_inside(entity, mention, country)
    if mention.demonym is not None or country:
        return True
    if not mention.entries:  # a world region ("Central Asia"): a toponym of no one country
        mention.accepted = mention.label in _PLACE_LABELS or mention.locative
        return True
    if (
        previous is not None
        and _capitalised(previous)
        and previous.pos_ == "PROPN"
        and not first.is_sent_start
        and previous.ent_type_ not in ("NORP", "GPE", "LOC")
    ):
        return False  # the tail of a name: "Albus Potter", "Amy Berman Jackson" (not "Muslim Mindanao")
    own = [e for e in mention.entries if not e.alternate]
    big = any(e.population >= _BIG_TOWN or e.capital for e in own if e.feature == "city")
    division = any(e.feature in ("admin1", "region") for e in own)
    label = entity.label_ if entity is not None else ""
    if mention.person:
        mention.accepted = False  # part of a person's name here: "stepped into Cummings's role"
    elif mention.locative:
        mention.accepted = True  # "in Manay", "in Maidan Shahr" (another name of Maydanshakhr)
    elif label == "PERSON" or not own:
        mention.accepted = False  # "Makilala" as PERSON; only another town's alternate name ("Sanders")
    elif label in _PLACE_LABELS:
        mention.accepted = True
    elif label:
        # A whole ORG/NORP entity: the model mislabels "Almaty" or "Davao del Sur".
        mention.accepted = big or (division and " " in mention.key)
    else:
        mention.accepted = (big or division) and first.pos_ == "PROPN" and not first.is_sent_start
    return True


def _keep_inside(entity: SpacySpan, mention: _Mention, country: bool) -> bool:
    """A name inside a longer entity: "the Jolo Cathedral", "Mount Apo", "the Government of Iraq"."""
    extra = [
        t for t in entity if not (mention.start <= t.idx < mention.end) and t.lower_ not in ("the", "'s")
    ]
    if (
        not country
        and 0 < len(extra) <= 2
        and extra[0].idx > mention.start
        and extra[-1].lower_ in _cues()["facility_words"]
    ):
        return True  # "the Jolo Cathedral", "Kabul Airport": the building is in that town
    if entity.label_ in _PLACE_LABELS:
        # "Mount Apo", "Cotabato Trench": a named landmark, not the town inside its name.
        return "," in entity.text or not any(_capitalised(t) and t.text != "City" for t in extra)
    # A country inside an organisation's name still names the country ("the Government of Iraq");
    # a town inside one does not ("Manila Bulletin", "Moro Islamic Liberation Front").
    return country and mention.demonym is None and entity.label_ != "PERSON"


def _entity_of(token: Token) -> SpacySpan | None:
    """The entity a token belongs to, found from its IOB tags (Doc.ents rebuilds every entity)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=token.ent_type_)


# ---------------------------------------------------------------------------------------------
# Choosing among same-named places


def _choose(document: Document, mentions: list[_Mention], gazetteer: Gazetteer) -> None:
    """Pick each mention's entry: first by name alone, then again with the article as context."""
    for mention in mentions:
        if mention.entries:
            mention.choice = max(mention.entries, key=lambda e: _score(e, mention, None, set(), []))
    focus = _focus(document, mentions, gazetteer)
    resolved = [m for m in mentions if m.choice is not None and m.accepted]
    isos = {m.choice.iso for m in resolved if m.choice is not None}
    divisions = {fold(m.choice.name) for m in resolved if m.choice is not None and m.choice.feature != "city"}
    for key in {m.key for m in mentions if len(m.entries) > 1}:
        same = [m for m in mentions if m.key == key and m.entries]
        anchors = [
            m.choice
            for m in resolved
            if m.key != key and m.choice is not None and m.choice.feature != "country" and len(m.entries) == 1
        ]
        merged = _Mention(
            same[0].start,
            same[0].end,
            key,
            same[0].entries,
            same[0].label,
            hint=next((m.hint for m in same if m.hint), None),
        )
        choice = max(merged.entries, key=lambda e: _score(e, merged, focus, isos, anchors, divisions - {key}))
        for m in same:
            m.choice = choice
    _choose_pairs(document, mentions)
    holders = _divisions_by_sentence(document, mentions)
    for mention in mentions:
        choice = mention.choice
        if choice is None:
            continue
        sentence = holders.get(sentence_of(document.doc, mention.start).start, set())
        inside = {fold(a) for a in (choice.admin1, choice.admin2) if a} & (sentence - {mention.key})
        elsewhere = {m.choice.iso for m in resolved if m.key != mention.key and m.choice is not None}
        if not mention.accepted and not mention.person and not choice.alternate:
            # "Makilala in the province of North Cotabato": a province in its sentence holds it.
            mention.accepted = bool(inside)
        elif (
            mention.accepted
            and choice.feature == "city"
            and choice.population < _SMALL_TOWN
            and choice.iso not in elsewhere | {focus}
            and not inside
        ):
            # A small town abroad that nothing else in the article points to ("Groom", Texas, in an
            # Australian story): more likely an unknown local name than that town.
            mention.accepted = False


def _choose_pairs(document: Document, mentions: list[_Mention]) -> None:
    """ "Tyler, Texas", "Esperanza, Sultan Kudarat", "Goa, India": a place, a comma, and what holds it."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        if not first.entries or not second.entries or document.text[first.end : second.start].strip() != ",":
            continue
        pairs = [
            (inner, outer)
            for inner in first.entries
            if inner.feature in ("city", "admin1", "admin2")
            for outer in second.entries
            if outer.feature != "city" and _holds(outer, inner)
        ]
        if not pairs:
            continue
        inner, outer = max(
            pairs, key=lambda pair: (not pair[0].alternate, pair[0].population, pair[1].population)
        )
        for mention in mentions:
            if mention.key == first.key:
                mention.choice, mention.accepted = inner, mention.accepted or not mention.person
            elif mention.key == second.key:
                mention.choice = outer
        second.accepted = True


def _holds(outer: Entry, inner: Entry) -> bool:
    if outer.iso != inner.iso or outer.feature == inner.feature:
        return False
    return outer.feature == "country" or outer.name in (inner.admin1, inner.admin2)


def _divisions_by_sentence(document: Document, mentions: list[_Mention]) -> dict[int, set[str]]:
    """The provinces and districts named in each sentence (by the sentence's first token)."""
    holders: dict[int, set[str]] = {}
    for mention in mentions:
        if mention.choice is not None and mention.choice.feature in ("admin1", "admin2", "region"):
            start = sentence_of(document.doc, mention.start).start
            holders.setdefault(start, set()).update({fold(mention.choice.name), mention.key})
    return holders


def _focus(document: Document, mentions: list[_Mention], gazetteer: Gazetteer) -> str | None:
    dateline = document.article.dateline
    if dateline:
        entries = gazetteer.lookup(dateline)
        if entries:
            return entries[0].iso
    votes: Counter[str] = Counter()
    for mention in mentions:
        if mention.choice is not None and mention.accepted:
            votes[mention.choice.iso] += 0.5 if mention.demonym else 1.0
    return votes.most_common(1)[0][0] if votes else None


def _score(
    entry: Entry,
    mention: _Mention,
    focus: str | None,
    isos: set[str],
    anchors: list[Entry],
    divisions: set[str] | None = None,
) -> float:
    """How likely a mention means this entry, in log10-population units (Mordecai-style features)."""
    if entry.feature == "city":
        score = math.log10(entry.population + 10) + (1.5 if entry.capital else 0.0)
    elif entry.feature == "admin1":
        score = max(5.0, math.log10(entry.population + 10))
    elif entry.feature == "admin2":
        score = max(3.5, math.log10(entry.population + 10) - 1.0)
    else:
        score = _PRIOR[entry.feature]
    if not entry.alternate:
        score += 1.0  # its own name beats another town's alternate name...
    elif entry.population < _MILLION_TOWN:
        score -= 1.0  # ...unless the town is big enough for its English name to be that ("Mecca")
    if mention.hint == "admin" and entry.feature in ("admin1", "admin2"):
        score += 3.0
    if mention.hint == "town" and entry.feature == "city":
        score += 3.0
    if focus is not None and entry.iso == focus:
        score += 2.0
    elif entry.iso in isos:
        score += 1.0
    if (
        divisions
        and entry.feature == "city"
        and any(a and fold(a) in divisions for a in (entry.admin1, entry.admin2))
    ):
        score += 1.0  # a province named in the article contains it
    if anchors and entry.feature != "country":
        distance = min(haversine_km(entry.latitude, entry.longitude, a.latitude, a.longitude) for a in anchors)
        score += 2.0 * math.exp(-distance / 300.0)
    return score


def _place(document: Document, mention: _Mention) -> Place:
    span = document.span(mention.start, mention.end)
    entry = mention.choice
    if entry is None:
        return Place(span, span.text)
    return Place(
        span,
        entry.name,
        entry.country,
        entry.iso,
        entry.admin1,
        entry.latitude,
        entry.longitude,
        entry.geonames_id,
        _CONTRACT_FEATURE[entry.feature],
    )


def _place_landmarks(document: Document, places: list[Place]) -> list[Place]:
    """Give an unresolved landmark ("Freedom Plaza", "Mount Apo") the point of the town beside it.

    A landmark named in the same sentence as the town it is in ("at Freedom Plaza in ...
    Washington, DC") lies within a few kilometres of that town's point; it becomes feature "other"
    with the town's coordinates and no GeoNames id.
    """
    towns = [p for p in places if p.feature == "city" and not is_demonym(p)]
    out = []
    for place in places:
        words = place.mention.text.lower().split()
        landmark = words and (words[0] in _cues()["landmark_leads"] or words[-1] in _cues()["facility_words"])
        if place.latitude is None and landmark:
            sentence = sentence_of(document.doc, place.mention.start)
            beside = [t for t in towns if sentence.start_char <= t.mention.start < sentence.end_char]
            if beside:
                town = min(beside, key=lambda t: abs(t.mention.start - place.mention.start))
                place = Place(
                    place.mention,
                    place.name,
                    town.country,
                    town.iso,
                    town.admin1,
                    town.latitude,
                    town.longitude,
                    None,
                    "other",
                )
        out.append(place)
    return out
