"""Whether two reports can tell the same event, and how alike they are.

A pair of reports first meets hard rules that no score overrides: ACLED codes one event per
location and day, so another country, another province, a town far away or a day outside the
date window means another event. A compatible pair then gets a score in [0, 1], the weighted mean
of what both reports know: place, date, sub-event type, actors, fatalities and the words around
the evidence. Every function here is symmetric in its two reports and looks at nothing else (no
corpus statistics such as TF-IDF, which would change as the database grows), so that fusion can
be order-independent (see cluster.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from ..geo import haversine_km
from ..model import Event, Span
from ..vocab import event_family

# Days two event dates may lie apart, by the coarser time_precision of the two (ACLED: 1 the day
# is known, 2 the week, 3 the month). One day at precision 1, not zero: reports of a night-time
# event straddle midnight, and outlets in other time zones date it a day apart.
DATE_WINDOW_DAYS = {1: 1, 2: 7, 3: 31}
# Kilometres within which two places count as the same, by the coarser geo_precision (ACLED: 1 a
# town, 2 near a town or a small region, 3 only the province or country, coded at its centre).
PLACE_RADIUS_KM = {1: 25.0, 2: 75.0, 3: 300.0}
# Places more radii apart than this are different events whatever else agrees (ACLED codes one
# event per location: clashes in two towns on one day are two events).
PLACE_LIMIT_RADII = 2.0

# What each feature weighs in the score. The words around the evidence weigh most: outlets name
# the same town, people and buildings, while same-kind events nearby share only generic words.
# Place and date come next; the sub-event type, actors and figures are the features outlets
# most often disagree on for one event (a toll rises, "gunmen" become "militants").
TEXT_WEIGHT = 0.50
PLACE_WEIGHT = 0.20
DATE_WEIGHT = 0.10
TYPE_WEIGHT = 0.10
ACTOR_WEIGHT = 0.05
FATALITY_WEIGHT = 0.05
# A shared week says less than a shared day, a shared province less than a shared town: the date
# and place weights shrink with the coarser precision of the pair.
DATE_PRECISION_FACTOR = {1: 1.0, 2: 0.5, 3: 0.25}
PLACE_PRECISION_FACTOR = {1: 1.0, 2: 0.7, 3: 0.4}
# Sub-event types: the same sub-type, the same type, or only the same family (vocab.EVENT_FAMILIES).
SAME_SUB_TYPE, SAME_TYPE, SAME_FAMILY = 1.0, 0.6, 0.3

# Names weigh three times common words in the text score: "Maidan Shahr", "Walmart", "Humvee".
NAME_WEIGHT = 3.0
WORD_WEIGHT = 1.0
# rapidfuzz ratios (0-100) at which two words count as one: names are spelled differently by
# different outlets ("Tsikhanouskaya", "Tikhanovskaya"; "al-Quaety", "al-Qaeti"), common words
# differ by inflection ("protester", "protesters").
NAME_MATCH = 80.0
WORD_MATCH = 85.0
MIN_WORD_CHARS = 3
# Names of days and months are dates, which the date feature weighs; as words they mislead (an
# update published on Monday says "on Monday" of the update, not of the event).
DATE_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december"})
# Word overlap blends the overlap coefficient (shared over the shorter list: a brief and a long
# retelling stay close) and Dice (shared over both: a long text does not match everything).
OVERLAP_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of an event, as fusion sees it.

    `context` is the text around the evidence (its sentences), which names the places, people
    and days that the evidence clause itself may leave out.
    """

    article_id: str
    event: Event
    published: str | None = None
    context: str = ""


@dataclass(frozen=True, slots=True)
class Similarity:
    """How alike two compatible reports are, feature by feature; None where either is silent."""

    text: float | None
    place: float | None
    place_factor: float
    date: float
    date_factor: float
    type: float
    actors: float | None
    fatalities: float | None

    @property
    def score(self) -> float:
        """The weighted mean of the features both reports know."""
        parts = [(TEXT_WEIGHT, self.text), (PLACE_WEIGHT * self.place_factor, self.place),
                 (DATE_WEIGHT * self.date_factor, self.date), (TYPE_WEIGHT, self.type),
                 (ACTOR_WEIGHT, self.actors), (FATALITY_WEIGHT, self.fatalities)]
        known = [(weight, value) for weight, value in parts if value is not None]
        return sum(weight * value for weight, value in known) / sum(weight for weight, _ in known)


def report_key(report: Report) -> tuple[str, str]:
    """A report's place in the fixed order fusion works in: article (a content hash), then event."""
    return report.article_id, report.event.event_id


def date_window_days(time_precision: int) -> int:
    """Days a date of this precision may lie from another of the same or finer precision."""
    return DATE_WINDOW_DAYS.get(time_precision, DATE_WINDOW_DAYS[3])


def compare(a: Report, b: Report) -> Similarity | None:
    """How alike two reports are, or None when they cannot be the same event.

    Reports of one article never merge: the extractor already told its events apart.
    """
    ea, eb = a.event, b.event
    if a.article_id == b.article_id or ea.date is None or eb.date is None:
        return None  # ACLED codes no event without a day; a report without one stands alone
    if ea.iso != eb.iso or event_family(ea.event_type) != event_family(eb.event_type):
        return None
    if ea.admin1 and eb.admin1 and ea.admin1.casefold() != eb.admin1.casefold():
        return None
    coarser_time = max(ea.time_precision, eb.time_precision)
    window = date_window_days(coarser_time)
    gap = abs((date.fromisoformat(ea.date) - date.fromisoformat(eb.date)).days)
    if gap > window:
        return None
    coarser_place = max(ea.geo_precision, eb.geo_precision)
    place = _place_similarity(ea, eb, radius_km=PLACE_RADIUS_KM.get(coarser_place, PLACE_RADIUS_KM[3]))
    if place is not None and place < 0:
        return None
    return Similarity(
        text=text_similarity(a.context or _evidence_text(ea), b.context or _evidence_text(eb)),
        place=place, place_factor=PLACE_PRECISION_FACTOR.get(coarser_place, PLACE_PRECISION_FACTOR[3]),
        date=1.0 - gap / (window + 1), date_factor=DATE_PRECISION_FACTOR.get(coarser_time, DATE_PRECISION_FACTOR[3]),
        type=_type_similarity(ea, eb), actors=_actor_similarity(ea, eb),
        fatalities=_fatality_similarity(ea.fatalities, eb.fatalities))


def link_score(a: Report, b: Report) -> float | None:
    """The score of a pair of reports, or None when they cannot be the same event."""
    similarity = compare(a, b)
    return None if similarity is None else similarity.score


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` around a span, whitespace collapsed."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1:right].split())


def evidence_context(text: str, evidence: Sequence[Span]) -> str:
    """The sentences of an article that hold an event's evidence, each once, in text order."""
    ordered = sorted(evidence, key=lambda span: (span.start, span.end))
    return " ".join(dict.fromkeys(sentence_around(text, span.start, span.end) for span in ordered))


def text_similarity(a: str, b: str) -> float | None:
    """How much two texts share their names and words, 0..1; None when either has neither.

    A symmetric soft Dice coefficient: a word of one text counts as shared when the other text
    has a word close enough to it (rapidfuzz ratio), so that spelling variants still match.
    """
    ka, kb = _keywords(a), _keywords(b)
    parts = []
    if ka[0] and kb[0]:
        parts.append((NAME_WEIGHT, _soft_dice(ka[0], kb[0], cutoff=NAME_MATCH)))
    if ka[1] and kb[1]:
        parts.append((WORD_WEIGHT, _soft_dice(ka[1], kb[1], cutoff=WORD_MATCH)))
    if not parts:
        return None
    return sum(weight * value for weight, value in parts) / sum(weight for weight, _ in parts)


def _evidence_text(event: Event) -> str:
    return " ".join(span.text for span in event.evidence)


def _place_similarity(a: Event, b: Event, *, radius_km: float) -> float | None:
    """1 for the same place, down to 0 at `radius_km`; negative when too far apart to be one event."""
    if a.latitude is not None and a.longitude is not None and b.latitude is not None and b.longitude is not None:
        distance = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        if distance > PLACE_LIMIT_RADII * radius_km:
            return -1.0
        return max(0.0, 1.0 - distance / radius_km)
    if a.location and b.location:
        return fuzz.ratio(a.location.casefold(), b.location.casefold()) / 100
    return None


def _type_similarity(a: Event, b: Event) -> float:
    if a.sub_event_type == b.sub_event_type:
        return SAME_SUB_TYPE
    return SAME_TYPE if a.event_type == b.event_type else SAME_FAMILY


def _actor_similarity(a: Event, b: Event) -> float | None:
    """Shared actors; shared actor types (inter) count half, since names vary more than types."""
    names_a = {n.casefold() for n in (a.actor1, a.actor2) if n}
    names_b = {n.casefold() for n in (b.actor1, b.actor2) if n}
    if not names_a or not names_b:
        return None
    inters_a = {i for i in (a.inter1, a.inter2) if i}
    inters_b = {i for i in (b.inter1, b.inter2) if i}
    return max(_dice(names_a, names_b), 0.5 * _dice(inters_a, inters_b))


def _fatality_similarity(a: int | None, b: int | None) -> float | None:
    if a is None or b is None:
        return None
    return (min(a, b) + 1) / (max(a, b) + 1)


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _soft_dice(a: tuple[str, ...], b: tuple[str, ...], *, cutoff: float) -> float:
    """OVERLAP_SHARE of the overlap coefficient and the rest of Dice, over words that match."""
    matched_a = _matched(a, b, cutoff=cutoff)
    matched_b = _matched(b, a, cutoff=cutoff)
    dice = (matched_a + matched_b) / (len(a) + len(b))
    overlap = max(matched_a / len(a), matched_b / len(b))
    return OVERLAP_SHARE * overlap + (1 - OVERLAP_SHARE) * dice


def _matched(words: tuple[str, ...], others: tuple[str, ...], *, cutoff: float) -> int:
    """How many of `words` have an equal or close word among `others`."""
    exact = set(others)
    rest = [w for w in words if w not in exact]
    fuzzy = sum(1 for w in rest if process.extractOne(w, others, scorer=fuzz.ratio, score_cutoff=cutoff))
    return len(words) - len(rest) + fuzzy


@lru_cache(maxsize=65_536)
def _keywords(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names (capitalised words inside a sentence) and the other content words of a text.

    Folded to lower case and sorted, stop words left out. A capitalised word that opens a sentence
    is read as a common word ("Protesters stormed ..."), since case says nothing there.
    """
    stop = _stop_words()
    names: set[str] = set()
    words: set[str] = set()
    for match in _WORD.finditer(text):
        token = _POSSESSIVE.sub("", match.group()).strip("'’-")
        folded = token.casefold()
        if folded in stop or folded in DATE_WORDS or len(folded) < MIN_WORD_CHARS:
            continue
        is_name = token[0].isupper() and not _opens_sentence(text, match.start())
        (names if is_name else words).add(folded)
    return tuple(sorted(names)), tuple(sorted(words - names))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start]
    stripped = before.rstrip()
    return not stripped or "\n" in before[len(stripped):] or stripped[-1] in ".!?:"


@cache
def _stop_words() -> frozenset[str]:
    # spaCy's English stop list: a maintained list, loaded once when fusion first needs it.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
