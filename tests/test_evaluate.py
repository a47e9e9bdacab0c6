"""The scorer behind `eventwire eval`, on hand-built records, so that every figure is exact (issue 8)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import Gold, Metrics, load_gold, mean_metrics, pick_record, read_records, score_gold
from eventwire.model import Article, ArticleRecord, Count, Event, Place, Quote, Time, span_of

TEXT = ("Police detained 40 protesters in Minsk on Sunday, the interior ministry said. "
        "Officials said the rally would not be repeated. The 25-year-old organiser said \u201cwe will return\u201d.")
GOLD: dict[str, Any] = {
    "doc": "minsk.txt",
    "metadata": {"published": "2020-08-10", "outlet": "Example Wire"},
    "expect_article": {"title": "Arrests in Minsk", "outlet": "Example Wire", "agencies": ["AFP"],
                       "text_must_not_contain": ["Share this"]},
    "events": [
        {"id": "E1", "required": True, "event_type": ["Strategic developments"], "sub_event_type": ["Arrests"],
         "date_range": ["2020-08-09", "2020-08-09"], "iso": "BY", "near": [53.9, 27.57, 30],
         "inter_any": ["State forces"], "evidence": "Police detained 40 protesters in Minsk"},
        {"id": "E2", "required": True, "event_type": ["Protests"], "iso": "BY",
         "evidence": "protesters in Minsk on Sunday"},
        {"id": "E3", "event_type": ["Protests"], "evidence": "the rally"},
    ],
    "must_not_assert": [{"why": "future", "evidence": "the rally would not be repeated", "event_type": ["Protests"]}],
    "counts": [{"kind": "detained", "value": 40, "subject_has": "protesters", "claimed_by_has": ["ministry"],
                "evidence": "detained 40 protesters"}],
    "not_counts": ["25", "25-year-old"],
    "quotes": [{"speaker_has": ["organiser"], "text_has": "we will return"}],
    "places": [{"name": "Minsk", "iso": "BY", "near": [53.9, 27.57, 30], "feature": "city"}],
    "times": [{"text": "Sunday", "value": "2020-08-09"}],
}


def _at(phrase: str):
    start = TEXT.index(phrase)
    return span_of(TEXT, start, start + len(phrase))


def _arrest(**changes: Any) -> Event:
    event = Event(event_id="a-1", event_type="Strategic developments", sub_event_type="Arrests",
                  evidence=(_at("Police detained 40 protesters in Minsk"),), date="2020-08-09", iso="BY",
                  latitude=53.91, longitude=27.55, inter1="State forces")
    return dataclasses.replace(event, **changes)


def _protest(**changes: Any) -> Event:
    event = Event(event_id="a-2", event_type="Protests", sub_event_type="Peaceful protest",
                  evidence=(_at("40 protesters in Minsk on Sunday"),), iso="BY")
    return dataclasses.replace(event, **changes)


def _record(*, events: tuple[Event, ...] = (), counts: tuple[Count, ...] = (), quotes: tuple[Quote, ...] = (),
            places: tuple[Place, ...] = (), times: tuple[Time, ...] = (), **article: Any) -> dict[str, Any]:
    fields = {"id": "a", "text": TEXT, "title": "Arrests in Minsk", "outlet": "Example Wire",
              "agencies": ("AFP",), "published": "2020-08-10"} | article
    record = ArticleRecord(Article(**fields), events=events, counts=counts, quotes=quotes, places=places,
                           times=times)
    return record.to_dict()


PERFECT = dict(
    events=(_arrest(), _protest()),
    counts=(Count(kind="detained", evidence=_at("detained 40 protesters"), value=40, subject="protesters",
                  claimed_by="the interior ministry"),),
    quotes=(Quote(text="we will return", kind="direct", evidence=_at("we will return"),
                  speaker="The 25-year-old organiser"),),
    places=(Place(mention=_at("Minsk"), name="Minsk", iso="BY", latitude=53.9, longitude=27.56, feature="city"),),
    times=(Time(mention=_at("on Sunday"), value="2020-08-09"),),
)


def _metrics(record: dict[str, Any], gold: dict[str, Any] = GOLD) -> Metrics:
    metrics = score_gold(Gold("minsk.json", gold), record).metrics
    assert metrics is not None
    return metrics


def test_evaluate_perfect_record_scores_one() -> None:
    score = score_gold(Gold("minsk.json", GOLD), _record(**PERFECT))
    assert score.metrics == Metrics(
        event_recall_required=1.0, event_precision=1.0, events_predicted=2, negation_violations=0,
        count_recall=1.0, count_precision=1.0, false_counts=0, quote_recall=1.0, quote_precision=1.0,
        place_recall=1.0, time_recall=1.0, article_checks=1.0, bad_spans=0, spans=6)
    assert score.misses == ()


def test_evaluate_empty_record() -> None:
    metrics = _metrics(_record())
    assert (metrics.event_recall_required, metrics.event_precision, metrics.count_recall,
            metrics.count_precision, metrics.quote_precision, metrics.spans) == (0.0, None, 0.0, None, None, 0)


@pytest.mark.parametrize("change, failed", [
    ({"date": "2020-08-10"}, "date"),
    ({"date": None}, "date"),
    ({"iso": "RU"}, "country"),
    ({"latitude": 55.75, "longitude": 37.62}, "place"),
    ({"latitude": None}, "place"),
    ({"inter1": "Protesters"}, "actor"),
    ({"sub_event_type": "Other"}, "type"),
])
def test_evaluate_event_must_meet_every_constraint(change: dict[str, Any], failed: str) -> None:
    score = score_gold(Gold("minsk.json", GOLD), _record(events=(_arrest(**change), _protest())))
    assert score.metrics is not None and score.metrics.event_recall_required == 0.5
    assert any(m.startswith("required event E1") and failed in m for m in score.misses)


def test_evaluate_second_actor_satisfies_inter_any() -> None:
    assert _metrics(_record(events=(_arrest(inter1="Protesters", inter2="State forces"),))).event_precision == 1.0


def test_evaluate_also_ok_accepts_another_type() -> None:
    gold = GOLD | {"events": [GOLD["events"][1] | {"also_ok": [["Riots", "Violent demonstration"]]}]}
    riot = _protest(event_type="Riots", sub_event_type="Violent demonstration")
    assert _metrics(_record(events=(riot,)), gold).event_recall_required == 1.0


def test_evaluate_one_prediction_answers_one_gold_event() -> None:
    # Both gold events accept a protest; one predicted protest matches only one of them.
    gold = GOLD | {"events": [GOLD["events"][1], GOLD["events"][1] | {"id": "E2b"}]}
    metrics = _metrics(_record(events=(_protest(),)), gold)
    assert (metrics.event_recall_required, metrics.event_precision) == (0.5, 1.0)


def test_evaluate_event_may_match_on_fields_without_overlapping_evidence() -> None:
    elsewhere = _protest(evidence=(_at("Officials said"),))
    assert _metrics(_record(events=(_arrest(), elsewhere))).event_recall_required == 1.0


def test_evaluate_only_asserted_events_count() -> None:
    metrics = _metrics(_record(events=(_arrest(modality="negated"), _protest())))
    assert (metrics.event_recall_required, metrics.events_predicted) == (0.5, 1)


def test_evaluate_unmatched_prediction_lowers_precision() -> None:
    extra = _protest(event_id="a-3", event_type="Battles", sub_event_type="Armed clash")
    metrics = _metrics(_record(events=(_arrest(), _protest(), extra)))
    assert metrics.event_precision == pytest.approx(2 / 3)


def test_evaluate_asserting_a_denied_event_is_a_violation() -> None:
    future = _protest(event_id="a-3", evidence=(_at("the rally would not be repeated"),))
    assert _metrics(_record(events=(future,))).negation_violations == 1
    assert _metrics(_record(events=(dataclasses.replace(future, modality="future"),))).negation_violations == 0


@pytest.mark.parametrize("change, recall", [
    ({}, 1.0),
    ({"value": 41}, 0.0),
    ({"kind": "injured"}, 0.0),
    ({"subject": "people"}, 0.0),
    ({"claimed_by": None}, 0.0),
    ({"evidence": span_of(TEXT, 0, 6)}, 0.0),
])
def test_evaluate_count_fields(change: dict[str, Any], recall: float) -> None:
    count = dataclasses.replace(PERFECT["counts"][0], **change)
    assert _metrics(_record(counts=(count,))).count_recall == recall


def test_evaluate_count_bounds_and_one_prediction_per_gold_figure() -> None:
    gold = GOLD | {"counts": [
        {"kind": ["detained", "other"], "low_between": [35, 45], "qualifier": "about", "evidence": "40 protesters"},
        {"kind": "detained", "low_between": [35, 45], "evidence": "40 protesters"},
    ]}
    about = Count(kind="detained", evidence=_at("40 protesters"), low=38, high=42, qualifier="about")
    metrics = _metrics(_record(counts=(about,)), gold)
    assert (metrics.count_recall, metrics.count_precision) == (0.5, 1.0)
    too_low = dataclasses.replace(about, low=30)
    assert _metrics(_record(counts=(about, too_low)), gold).count_precision == 0.5


def test_evaluate_false_counts_by_text_or_value() -> None:
    age = Count(kind="other", evidence=_at("25-year-old"), value=25)
    by_value = Count(kind="other", evidence=_at("organiser"), value=25)
    assert _metrics(_record(counts=(age, by_value))).false_counts == 2


def test_evaluate_quotes_need_their_speaker() -> None:
    unattributed = dataclasses.replace(PERFECT["quotes"][0], speaker=None)
    other = Quote(text="Officials said", kind="indirect", evidence=_at("Officials said"), speaker="officials")
    metrics = _metrics(_record(quotes=(unattributed, other)))
    assert (metrics.quote_recall, metrics.quote_precision) == (0.0, 0.0)
    metrics = _metrics(_record(quotes=(PERFECT["quotes"][0], other)))
    assert (metrics.quote_recall, metrics.quote_precision) == (1.0, 0.5)


@pytest.mark.parametrize("change, recall", [
    ({}, 1.0),
    ({"name": "Minsk City"}, 1.0),  # the mention's text matches too
    ({"iso": None}, 0.0),
    ({"latitude": 50.45, "longitude": 30.52}, 0.0),
    ({"feature": "admin1"}, 0.0),
])
def test_evaluate_places(change: dict[str, Any], recall: float) -> None:
    place = dataclasses.replace(PERFECT["places"][0], **change)
    assert _metrics(_record(places=(place,))).place_recall == recall


@pytest.mark.parametrize("mention, value, recall", [
    ("on Sunday", "2020-08-09", 1.0),
    ("Sunday", "2020-08-09", 1.0),
    ("on Sunday", "2020-08-10", 0.0),
    ("Minsk", "2020-08-09", 0.0),
])
def test_evaluate_times(mention: str, value: str, recall: float) -> None:
    assert _metrics(_record(times=(Time(mention=_at(mention), value=value),))).time_recall == recall


def test_evaluate_article_checks() -> None:
    metrics = _metrics(_record(title="Other title", agencies=("Reuters",), text=TEXT + " Share this"))
    # title and agencies wrong, residue left; outlet and date right
    assert metrics.article_checks == pytest.approx(2 / 5)


def test_evaluate_bad_spans_are_counted() -> None:
    record = json.loads(json.dumps(_record(**PERFECT)))
    record["counts"][0]["evidence"]["start"] += 1
    record["events"][0]["evidence"][0] = "not a span"
    metrics = _metrics(record)
    assert (metrics.bad_spans, metrics.spans) == (2, 6)


def test_evaluate_record_as_json_scores_as_the_record() -> None:
    record = _record(**PERFECT)
    assert _metrics(json.loads(json.dumps(record))) == _metrics(record)


def test_evaluate_mean_averages_rates_and_adds_totals() -> None:
    full, empty = _metrics(_record(**PERFECT)), _metrics(_record())
    mean = mean_metrics([full, empty])
    assert mean.event_recall_required == 0.5 and mean.count_recall == 0.5
    assert mean.event_precision == 1.0  # undefined for the empty record: left out
    assert mean.events_predicted == 2 and mean.spans == 6


def test_evaluate_pick_record_by_evidence_then_title() -> None:
    gold = Gold("minsk.json", GOLD)
    other = _record(text="Nothing here.", title="Elsewhere")
    by_text = _record()
    assert pick_record([other, by_text], gold) is by_text
    by_title = _record(text="Nothing here.")
    assert pick_record([other, by_title], gold) is by_title
    assert pick_record([other], gold) is None


def test_evaluate_load_gold_names_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps(GOLD | {"counts": [{"kind": "killed"}]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"g.json: item 1 of 'counts' has no 'evidence'"):
        load_gold(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="Can't read the gold file"):
        load_gold(path)
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    gold = load_gold(path)
    assert gold.document() == tmp_path / "minsk.txt"
    assert gold.document("/corpus") == Path("/corpus/minsk.txt")
    assert gold.metadata.published == "2020-08-10" and gold.metadata.outlet == "Example Wire"


def test_evaluate_read_records_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(_record()) + "\n\n[1]\n", encoding="utf-8")
    with pytest.raises(InputError, match="pred.jsonl, line 3: not a JSON object"):
        read_records(path)
