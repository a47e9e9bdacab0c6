"""Partitioning reports into events: order-independent, one report per article and event."""

from __future__ import annotations

import itertools

from eventwire.fuse import Report, is_linked, partition_reports, report_key

from .reports import AKTOBE, ALMATY, ALMATY_2, ALMATY_3, ALMATY_LATER, report


def _partition(reports: list[Report]) -> list[list[tuple[str, str]]]:
    return sorted(sorted(report_key(r) for r in event) for event in partition_reports(reports).events)


def test_cluster_reports_of_one_event_become_one_event() -> None:
    reports = [report("a", ALMATY), report("b", ALMATY_2), report("c", ALMATY_3)]
    assert len(partition_reports(reports).events) == 1


def test_cluster_partition_is_the_same_in_every_order() -> None:
    reports = [report("a", ALMATY), report("b", ALMATY_2), report("c", ALMATY_3),
               report("d", AKTOBE, location="Aktobe"), report("e", ALMATY_LATER, date="2022-01-10"),
               report("f", ALMATY_2, location=None, geo_precision=3, time_precision=2)]
    expected = _partition(reports)
    for order in itertools.permutations(reports):
        assert _partition(list(order)) == expected


def test_cluster_two_events_of_one_article_stay_two() -> None:
    # Article "a" reports two riots in Almaty that day (the extractor told them apart); "b" is
    # like both. However "b" links, "a"'s two reports never end up in one event.
    a1 = report("a", ALMATY, local_id="1")
    a2 = report("a", ALMATY_3, local_id="2")
    b = report("b", ALMATY_2)
    assert is_linked(a1, b) and is_linked(a2, b)
    events = partition_reports([a1, a2, b]).events
    assert len(events) == 2
    assert all(len({r.article_id for r in event}) == len(event) for event in events)


def test_cluster_hard_negatives_stay_apart() -> None:
    reports = [report("a", ALMATY), report("b", AKTOBE, location="Aktobe"),
               report("c", ALMATY_LATER, date="2022-01-10")]
    assert len(partition_reports(reports).events) == 3


def test_cluster_components_group_linked_events() -> None:
    a1 = report("a", ALMATY, local_id="1")
    a2 = report("a", ALMATY_3, local_id="2")
    partition = partition_reports([a1, a2, report("b", ALMATY_2), report("d", AKTOBE, location="Aktobe")])
    # a1 and a2 are split by their article but linked through b: one component; Aktobe alone.
    assert sorted(len(c) for c in partition.components) == [1, 2]
