"""Score article records against hand-made gold annotations (format: docs/gold-format.md).

Pure functions over plain JSON data: a record as `eventwire extract` writes it
(`ArticleRecord.to_dict()`) and a gold file as loaded. The metric definitions are those of the
project's reference scorer, so that `eventwire eval` and development tooling report the same
figures; `quote_precision` is eventwire's addition. A rate is None when it has nothing to divide
by (no required gold event, no predicted figure...), and a mean leaves such articles out.
"""

from __future__ import annotations

import dataclasses
import json
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import E050, E051, E052, InputError
from .ingest import Metadata

# Typography that cleaning may change, folded so that gold phrases match however quotes and dashes were written.
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
# The keys each kind of gold item needs; the rest are optional constraints.
GOLD_KEYS = {"events": ("id", "event_type", "evidence"), "must_not_assert": ("evidence",),
             "counts": ("kind", "evidence"), "quotes": ("speaker_has", "text_has"), "places": ("name", "iso"),
             "times": ("text", "value")}
# Metrics that count things rather than rate them: summed, not averaged, over articles.
TOTALS = ("events_predicted", "negation_violations", "false_counts", "bad_spans", "spans")

Json = dict[str, Any]
# What each part of the scoring gives: some of the Metrics fields, and what was missed, in words.
Scored = tuple[dict[str, Any], list[str]]


@dataclass(frozen=True, slots=True)
class Metrics:
    """The figures of one article (or their mean over articles); rates are in [0, 1] or None."""

    event_recall_required: float | None
    event_precision: float | None
    events_predicted: int
    negation_violations: int
    count_recall: float | None
    count_precision: float | None
    false_counts: int
    quote_recall: float | None
    quote_precision: float | None
    place_recall: float | None
    time_recall: float | None
    article_checks: float | None
    bad_spans: int
    spans: int


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold file: its path, its annotations, and the article document it annotates."""

    path: str
    data: Json

    @property
    def metadata(self) -> Metadata:
        """What a user would pass on the command line: published, outlet, url."""
        meta = self.data.get("metadata") or {}
        return Metadata(published=meta.get("published"), outlet=meta.get("outlet"), url=meta.get("url"))

    def document(self, docs_root: str | Path | None = None) -> Path:
        """The annotated article's file: `doc` relative to `docs_root`, or to the gold file's folder."""
        return Path(docs_root or Path(self.path).parent) / self.data["doc"]


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """How one record did against one gold file: its metrics and, in words, what it missed."""

    gold: str
    metrics: Metrics | None  # None when there was no record to score (see `error`)
    misses: tuple[str, ...] = ()
    error: str | None = None


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold file; InputError names the file and what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(E050.format(path=path, reason=e)) from e
    if not isinstance(data, dict) or not isinstance(data.get("doc"), str):
        raise InputError(E050.format(path=path, reason="expected a JSON object with a 'doc' path"))
    for section, keys in GOLD_KEYS.items():
        for n, item in enumerate(data.get(section, []), start=1):
            missing = [k for k in keys if not isinstance(item, dict) or k not in item]
            if missing:
                raise InputError(E051.format(path=path, section=section, n=n, key=missing[0]))
    return Gold(str(path), data)


def read_records(path: str | Path) -> list[Json]:
    """Article records from a JSONL file written by `eventwire extract`."""
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(E052.format(path=path, line=number, reason=e.msg)) from e
        if not isinstance(record, dict):
            raise InputError(E052.format(path=path, line=number, reason="not a JSON object"))
        records.append(record)
    return records


def pick_record(records: Sequence[Json], gold: Gold) -> Json | None:
    """The record a gold file annotates: its text holds the first gold event's evidence, else same title."""
    first = [norm(g["evidence"]) for g in gold.data.get("events", [])][:1]
    for record in records:
        if first and first[0] in norm(_article(record).get("text")):
            return record
    title = norm(gold.data.get("expect_article", {}).get("title"))
    return next((r for r in records if title and norm(_article(r).get("title")) == title), None)


def score_gold(gold: Gold, record: Json) -> ArticleScore:
    """Every metric of one record against one gold file, and what it missed."""
    bad_spans, spans = check_spans(record)
    fields: dict[str, Any] = {"bad_spans": bad_spans, "spans": spans}
    misses = [f"{bad_spans} of {spans} spans do not reproduce their text"] if bad_spans else []
    for score in (score_events, score_counts, score_quotes, score_places, score_times, score_article):
        part, part_misses = score(record, gold.data)
        fields.update(part)
        misses += part_misses
    return ArticleScore(gold.path, Metrics(**fields), tuple(misses))


def mean_metrics(metrics: Sequence[Metrics]) -> Metrics:
    """Means over articles of the rates (where defined), totals of the counted figures."""
    values = {}
    for field in dataclasses.fields(Metrics):
        column = [getattr(m, field.name) for m in metrics]
        known = [v for v in column if v is not None]
        if field.name in TOTALS:
            values[field.name] = sum(known)
        else:
            values[field.name] = sum(known) / len(known) if known else None
    return Metrics(**values)


# -- matching ------------------------------------------------------------------------------

def norm(text: str | None) -> str:
    """Text folded for comparison: NFKC, straight quotes and dashes, single spaces, lower case."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).translate(FOLD).split()).lower()


def evidence_hits(spans: Any, phrase: str) -> bool:
    """Whether any span overlaps a gold phrase: one holds the other, or half their words are shared."""
    wanted = norm(phrase)
    for span in _listify(spans or []):
        text = norm(_span_text(span))
        if text and (wanted in text or text in wanted or _word_overlap(text, wanted) >= 0.5):
            return True
    return False


def _word_overlap(a: str, b: str) -> float:
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))


def _span_text(span: Any) -> str:
    return span.get("text", "") if isinstance(span, dict) else ""


def _listify(value: Any) -> list[Any]:
    # Tuples too: a record straight from ArticleRecord.to_dict() holds tuples where its JSON holds lists.
    return list(value) if isinstance(value, list | tuple) else [value]


def _article(record: Json) -> Json:
    article = record.get("article")
    return article if isinstance(article, dict) else {}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth diameter 12,742 km)."""
    p = math.pi / 180
    a = (0.5 - math.cos((lat2 - lat1) * p) / 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * (1 - math.cos((lon2 - lon1) * p)) / 2)
    return 12742 * math.asin(math.sqrt(a))


def _near(item: Json, near: Sequence[float]) -> bool:
    lat, lon, radius_km = near
    plat, plon = item.get("latitude"), item.get("longitude")
    return plat is not None and plon is not None and distance_km(lat, lon, plat, plon) <= radius_km


# -- events --------------------------------------------------------------------------------

def event_checks(event: Json, gold_event: Json) -> dict[str, bool]:
    """Which of a gold event's constraints a predicted event meets (type always; the rest if given)."""
    checks = {}
    type_ok = event.get("event_type") in gold_event["event_type"]
    if "sub_event_type" in gold_event and type_ok:
        type_ok = event.get("sub_event_type") in gold_event["sub_event_type"]
    if [event.get("event_type"), event.get("sub_event_type")] in gold_event.get("also_ok", []):
        type_ok = True
    checks["type"] = type_ok
    if "date_range" in gold_event:
        day, (first, last) = event.get("date"), gold_event["date_range"]
        checks["date"] = isinstance(day, str) and bool(day) and first <= day[:10] <= last
    if "iso" in gold_event:
        checks["country"] = (event.get("iso") or "").upper() == gold_event["iso"]
    if "near" in gold_event:
        checks["place"] = _near(event, gold_event["near"])
    elif "location" in gold_event:
        location = event.get("location")
        checks["place"] = location in gold_event["location"] or (
            location is not None and norm(location) in [norm(x) for x in gold_event["location"] if x])
    if "inter1" in gold_event:
        checks["actor"] = event.get("inter1") in gold_event["inter1"]
    elif "inter_any" in gold_event:
        checks["actor"] = any(event.get(key) in gold_event["inter_any"] for key in ("inter1", "inter2"))
    if "plover" in gold_event:
        checks["plover"] = event.get("plover") in gold_event["plover"]
    if "fatalities" in gold_event:
        checks["fatalities"] = event.get("fatalities") == gold_event["fatalities"]
    return checks


def score_events(record: Json, gold: Json) -> Scored:
    """Event recall (required gold events), precision (asserted events), negation violations.

    A predicted event answers at most one gold event. Gold events are first matched among the
    predictions whose evidence overlaps theirs, then among all that are left; a match must meet
    every constraint, and the best candidate is the one meeting most.
    """
    predicted = [e for e in record.get("events", []) if e.get("modality", "asserted") == "asserted"]
    gold_events = gold.get("events", [])
    misses: list[str] = []
    used: set[int] = set()
    best_found: dict[str, tuple[bool, dict[str, bool]]] = {}
    for by_evidence in (True, False):
        for gold_event in gold_events:
            if best_found.get(gold_event["id"], (False,))[0]:
                continue
            free = [i for i in range(len(predicted)) if i not in used
                    and (not by_evidence or evidence_hits(predicted[i].get("evidence"), gold_event["evidence"]))]
            best, best_checks = None, None
            for i in free:
                checks = event_checks(predicted[i], gold_event)
                if best_checks is None or sum(checks.values()) > sum(best_checks.values()):
                    best, best_checks = i, checks
            matched = best_checks is not None and all(best_checks.values())
            if matched:
                used.add(best)  # type: ignore[arg-type]
            earlier = best_found.get(gold_event["id"])
            if matched or earlier is None or (best_checks and sum(best_checks.values()) > sum(earlier[1].values())):
                best_found[gold_event["id"]] = (matched, best_checks or {})
    required = [g for g in gold_events if g.get("required")]
    for gold_event in required:
        matched, checks = best_found[gold_event["id"]]
        if not matched:
            failed = ", ".join(k for k, ok in checks.items() if not ok)
            how = f"closest prediction fails {failed}" if checks else "no prediction"
            what = gold_event.get("what", gold_event["evidence"])
            misses.append(f"required event {gold_event['id']} ({what}): {how}")
    violations = 0
    for forbidden in gold.get("must_not_assert", []):
        for event in predicted:
            if (evidence_hits(event.get("evidence"), forbidden["evidence"])
                    and event.get("event_type") in forbidden.get("event_type", [])
                    and ("sub_event_type" not in forbidden
                         or event.get("sub_event_type") in forbidden["sub_event_type"])):
                violations += 1
                misses.append(f"asserted {event.get('event_type')} / {event.get('sub_event_type')} "
                              f"at {forbidden['evidence']!r}: {forbidden.get('why', 'must not be asserted')}")
    return {"event_recall_required": _rate(sum(best_found[g["id"]][0] for g in required), len(required)),
            "event_precision": _rate(len(used), len(predicted)),
            "events_predicted": len(predicted), "negation_violations": violations}, misses


# -- counts and quotes ---------------------------------------------------------------------

def count_matches(count: Json, gold_count: Json) -> bool:
    """Whether a predicted figure has the gold figure's kind, numbers, qualifier, subject and source."""
    if count.get("kind") not in _listify(gold_count["kind"]):
        return False
    if any(key in gold_count and count.get(key) != gold_count[key] for key in ("value", "low", "high")):
        return False
    for key, bound in (("low_between", "low"), ("high_between", "high")):
        if key in gold_count:
            value = count.get(bound)
            if value is None or not gold_count[key][0] <= value <= gold_count[key][1]:
                return False
    if "qualifier" in gold_count and count.get("qualifier") != gold_count["qualifier"]:
        return False
    if "subject_has" in gold_count and norm(gold_count["subject_has"]) not in norm(count.get("subject")):
        return False
    return "claimed_by_has" not in gold_count or any(
        norm(x) in norm(count.get("claimed_by")) for x in _listify(gold_count["claimed_by_has"]))


def score_counts(record: Json, gold: Json) -> Scored:
    """Count recall and precision (one prediction per gold figure), and figures that are no counts."""
    predicted = record.get("counts", [])
    misses: list[str] = []
    used: set[int] = set()
    hits = 0
    for gold_count in gold.get("counts", []):
        near = [i for i, c in enumerate(predicted) if evidence_hits([c.get("evidence")], gold_count["evidence"])]
        correct = [i for i in near if count_matches(predicted[i], gold_count) and i not in used]
        if correct:
            hits += 1
            used.add(correct[0])
        else:
            misses.append(f"count {gold_count['evidence']!r}: " + ("wrong fields" if near else "not found"))
    not_counts = gold.get("not_counts", [])
    not_count_texts = {norm(x) for x in not_counts}
    not_count_numbers = [norm(x) for x in not_counts if x.isdigit()]
    false_counts = 0
    for count in predicted:
        text = norm(_span_text(count.get("evidence")))
        if text in not_count_texts or norm(str(count.get("value"))) in not_count_numbers:
            false_counts += 1
            misses.append(f"false count {_span_text(count.get('evidence'))!r}: not a count of people")
    n = len(gold.get("counts", []))
    return {"count_recall": _rate(hits, n), "count_precision": _rate(len(used), len(predicted)),
            "false_counts": false_counts}, misses


def quote_matches(quote: Json, gold_quote: Json) -> bool:
    """Whether a predicted quote holds the gold words and names one of the gold speakers."""
    return norm(gold_quote["text_has"]) in norm(quote.get("text")) and any(
        norm(s) in norm(quote.get("speaker")) for s in _listify(gold_quote["speaker_has"]))


def score_quotes(record: Json, gold: Json) -> Scored:
    """Quote recall, and precision: the share of predicted quotes that match some gold quote."""
    predicted, gold_quotes = record.get("quotes", []), gold.get("quotes", [])
    right = sum(any(quote_matches(q, g) for g in gold_quotes) for q in predicted)
    recall, misses = _recall(predicted, gold_quotes, quote_matches,
                             lambda g: f"quote {g['text_has']!r}: not found with its speaker")
    return {"quote_recall": recall, "quote_precision": _rate(right, len(predicted))}, misses


# -- places, times, article ----------------------------------------------------------------

def place_matches(place: Json, gold_place: Json) -> bool:
    """Whether a predicted place is the gold toponym, in its country, near it, of its feature class."""
    name = norm(gold_place["name"])
    if norm(place.get("name")) != name and norm(_span_text(place.get("mention"))) != name:
        return False
    if (place.get("iso") or "").upper() != gold_place["iso"]:
        return False
    if "near" in gold_place and not _near(place, gold_place["near"]):
        return False
    return "feature" not in gold_place or place.get("feature") == gold_place["feature"]


def score_places(record: Json, gold: Json) -> Scored:
    recall, misses = _recall(record.get("places", []), gold.get("places", []), place_matches,
                             lambda g: f"place {g['name']!r}: not resolved")
    return {"place_recall": recall}, misses


def time_matches(time: Json, gold_time: Json) -> bool:
    """Whether a predicted time's mention ends with the gold expression and has its value."""
    return norm(_span_text(time.get("mention"))).endswith(norm(gold_time["text"])) and \
        time.get("value") == gold_time["value"]


def score_times(record: Json, gold: Json) -> Scored:
    recall, misses = _recall(record.get("times", []), gold.get("times", []), time_matches,
                             lambda g: f"time {g['text']!r}: not normalised to {g['value']}")
    return {"time_recall": recall}, misses


def score_article(record: Json, gold: Json) -> Scored:
    """The share of article checks passed: title, outlet, date, agencies, residue removed."""
    expected, article = gold.get("expect_article", {}), _article(record)
    checks = {}
    for key in ("title", "outlet"):
        if key in expected:
            checks[key] = norm(article.get(key)) == norm(expected[key])
    if (gold.get("metadata") or {}).get("published"):
        checks["published"] = article.get("published") == gold["metadata"]["published"]
    if "agencies" in expected:
        checks["agencies"] = sorted(map(norm, article.get("agencies") or [])) == sorted(map(norm, expected["agencies"]))
    for residue in expected.get("text_must_not_contain", []):
        checks[f"text without {residue!r}"] = residue not in (article.get("text") or "")
    misses = [f"article {name}: wrong" for name, ok in checks.items() if not ok]
    return {"article_checks": _rate(sum(checks.values()), len(checks))}, misses


def check_spans(record: Json) -> tuple[int, int]:
    """(bad, all) spans of a record; a span is bad when `article.text[start:end] != text`."""
    text = _article(record).get("text") or ""
    spans = [s for e in record.get("events", []) for s in _listify(e.get("evidence") or [])]
    for key, field in (("counts", "evidence"), ("quotes", "evidence"), ("places", "mention"), ("times", "mention")):
        spans += [item.get(field) for item in record.get(key, []) if item.get(field)]
    bad = sum(1 for s in spans if not isinstance(s, dict) or text[s.get("start", 0):s.get("end", 0)] != s.get("text"))
    return bad, len(spans)


def _recall(predicted: Sequence[Json], gold_items: Sequence[Json], matches: Callable[[Json, Json], bool],
            miss: Callable[[Json], str]) -> tuple[float | None, list[str]]:
    """The share of gold items that some prediction matches, and the misses in words."""
    hits, misses = 0, list[str]()
    for gold_item in gold_items:
        if any(matches(p, gold_item) for p in predicted):
            hits += 1
        else:
            misses.append(miss(gold_item))
    return _rate(hits, len(gold_items)), misses


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
