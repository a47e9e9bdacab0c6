"""Pairwise scoring: hard rules that keep events apart, and a score that is symmetric."""

from __future__ import annotations

import pytest

from eventwire.fuse import MERGE_THRESHOLD, compare, haversine_km, link_score, text_similarity

from .reports import AKTOBE, ALMATY, ALMATY_2, ALMATY_3, report


def test_score_paraphrases_of_one_event_link() -> None:
    for text in (ALMATY_2, ALMATY_3):
        score = link_score(report("a", ALMATY), report("b", text, published="2022-01-07"))
        assert score is not None and score >= MERGE_THRESHOLD


def test_score_same_kind_elsewhere_scores_low() -> None:
    # Same day, same type, no coordinates to tell them apart: the words must.
    score = link_score(report("a", ALMATY, location=None), report("b", AKTOBE, location=None))
    assert score is not None and score < MERGE_THRESHOLD


@pytest.mark.parametrize("other", [
    {"article_id": "a"},  # the same article: its events were already told apart by the extractor
    {"iso": "KG"},
    {"admin1": "Aktobe Region"},
    {"date": "2022-01-07"},  # two days later, both dates precise to the day
    {"date": None},
    {"location": "Aktobe"},  # 1,600 km away
    {"sub_event_type": "Arrests"},  # a strategic development is another happening than the riot
])
def test_score_hard_rules_keep_events_apart(other: dict[str, object]) -> None:
    article_id = str(other.pop("article_id", "b"))
    assert compare(report("a", admin1="Almaty City"), report(article_id, ALMATY_2, **other)) is None


@pytest.mark.parametrize("time_precision, gap_days, linked", [
    (1, 1, True), (1, 2, False), (2, 6, True), (2, 9, False), (3, 25, True), (3, 40, False)])
def test_score_date_window_widens_with_time_precision(time_precision: int, gap_days: int, linked: bool) -> None:
    later = f"2022-01-{5 + gap_days:02d}" if gap_days < 27 else f"2022-02-{5 + gap_days - 31:02d}"
    a = report("a", time_precision=time_precision)
    b = report("b", ALMATY_2, date=later, time_precision=1)
    assert (compare(a, b) is not None) is linked


def test_score_is_symmetric() -> None:
    a = report("a", ALMATY, fatalities=3)
    b = report("b", ALMATY_3, location="Taldykorgan", geo_precision=3, fatalities=5, actor1=None)
    assert compare(a, b) is not None
    assert link_score(a, b) == link_score(b, a)


def test_score_nearby_town_at_coarse_precision_is_compatible() -> None:
    # Taldykorgan is 230 km from Almaty: too far for two towns, close enough for a region-level place.
    assert compare(report("a"), report("b", location="Taldykorgan")) is None
    assert compare(report("a"), report("b", location="Taldykorgan", geo_precision=3)) is not None


def test_text_similarity_matches_spelling_variants_of_names() -> None:
    a = "Sviatlana Tsikhanouskaya held a rally in Minsk on Thursday."
    b = "Svetlana Tikhanovskaya spoke to a rally in Minsk on Thursday."
    c = "Alexander Lukashenko addressed soldiers in Grodno on Saturday."
    assert text_similarity(a, b) > 0.6 > 0.2 > text_similarity(a, c)  # type: ignore[operator]


def test_haversine_km() -> None:
    # Paris to London, about 344 km.
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=2)
