"""The canonical event: fixed-order choices and the fatalities policy."""

from __future__ import annotations

import itertools

import pytest

from eventwire.fuse import canonical_event, fatalities_of

from .reports import ALMATY, ALMATY_2, ALMATY_3, report


@pytest.mark.parametrize("figures, expected", [
    ([("2022-01-06", 18)], 18),
    ([("2022-01-06", 18), ("2022-01-08", 20)], 20),  # a later report updates the toll
    ([("2022-01-06", 27), ("2022-01-07", 20)], 20),  # ... also downwards (a revised count)
    ([("2022-01-06", 18), ("2022-01-06", 25)], 18),  # same day, sources disagree: the lowest
    ([("2022-01-06", 18), ("2022-01-06", None)], 18),
    ([(None, 40), ("2022-01-06", 18)], 18),  # an undated report counts as oldest
    ([("2022-01-06", None)], None),
])
def test_canonical_fatalities_policy(figures: list[tuple[str | None, int | None]], expected: int | None) -> None:
    reports = [report(f"a{i}", published=day, fatalities=value) for i, (day, value) in enumerate(figures)]
    assert fatalities_of(reports) == expected


def test_canonical_event_is_the_same_in_every_order() -> None:
    reports = [report("a", ALMATY, fatalities=18, geo_precision=2, time_precision=2),
               report("b", ALMATY_2, published="2022-01-07", fatalities=20, actor1=None),
               report("c", ALMATY_3, sub_event_type="Peaceful protest", date="2022-01-04", confidence=0.9)]
    first = canonical_event(reports)
    for order in itertools.permutations(reports):
        assert canonical_event(list(order)) == first


def test_canonical_event_takes_the_most_precise_fields() -> None:
    reports = [report("a", ALMATY, date="2022-01-03", time_precision=2, location=None, geo_precision=3),
               report("b", ALMATY_2, date="2022-01-05", time_precision=1, location="Almaty", geo_precision=1,
                      actor1=None),
               report("c", ALMATY_3, sub_event_type="Peaceful protest")]
    ev = canonical_event(reports)
    assert (ev.date, ev.time_precision) == ("2022-01-05", 1)
    assert (ev.location, ev.geo_precision, ev.latitude) == ("Almaty", 1, 43.25)
    assert ev.sub_event_type == "Violent demonstration" and ev.event_type == "Riots"
    assert ev.actor1 == "Protesters (Kazakhstan)"
    assert len(ev.evidence) == 3


def test_canonical_event_needs_a_report() -> None:
    with pytest.raises(ValueError, match="at least one report"):
        canonical_event([])
