"""Fusion in the store (issue 7): order-independent, idempotent, late reports, hard negatives,
the fatalities policy, and every source in the exports and in `eventwire show`."""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from eventwire.cli import main
from eventwire.export import write_acled, write_jsonl
from eventwire.fuse import Report
from eventwire.model import Article, ArticleRecord, Count, span_of
from eventwire.store import Store

from ..fuse.reports import AKTOBE, ALMATY, ALMATY_2, ALMATY_3, ALMATY_LATER, event


def article(article_id: str, text: str = ALMATY, *, outlet: str | None = None, published: str = "2022-01-06",
            killed: int | None = None, **fields: Any) -> ArticleRecord:
    """An article whose one event is told by its whole text, with a death toll if given."""
    body = text if killed is None else f"{text} {killed} people were killed."
    counts = () if killed is None else (
        Count(kind="killed", evidence=span_of(body, len(text) + 1, len(body) - 1), value=killed,
              claimed_by="police"),)
    ev = dataclasses.replace(event(f"{article_id}-1", text=text, fatalities=killed, **fields),
                             counts=tuple(range(len(counts))))
    return ArticleRecord(article=Article(id=article_id, text=body, outlet=outlet or f"Outlet {article_id}",
                                         published=published, url=f"https://example.org/{article_id}"),
                         events=(ev,), counts=counts)


def snapshot(store: Store) -> list[tuple[Any, ...]]:
    """The events as sets of reports with their canonical fields: what must not depend on order."""
    out = []
    for stored in store.events():
        fields = dataclasses.asdict(stored.event)
        for name in ("event_id", "evidence"):
            fields.pop(name)
        reports = tuple(sorted((r.article_id, r.event.event_id) for r in stored.reports))
        out.append((reports, json.dumps(fields, sort_keys=True)))
    return sorted(out)


RECORDS = [
    article("a", ALMATY, killed=18),
    article("b", ALMATY_2, published="2022-01-07", killed=20),
    article("c", "Rioters torched the mayor's office in Almaty, witnesses told reporters.", location=None,
            geo_precision=3, actor1=None),
    article("d", AKTOBE, location="Aktobe"),
    article("e", ALMATY_LATER, date="2022-01-10", published="2022-01-10"),
]


def test_fusion_same_events_in_every_order(tmp_path: Any) -> None:
    expected = None
    # Every order of the four reports about 5 January (the fifth, days later, links to none).
    for n, order in enumerate(itertools.permutations(RECORDS[:4])):
        store = Store(f"sqlite:///{tmp_path / f'{n}.db'}")
        for record in (*order[:2], RECORDS[4], *order[2:]):
            store.add_article(record)
        got = snapshot(store)
        expected = expected or got
        assert got == expected
    assert expected is not None
    assert [len(reports) for reports, _ in expected] == [3, 1, 1]


def test_fusion_reingest_changes_nothing(db_url: str) -> None:
    store = Store(db_url)
    for record in RECORDS:
        store.add_article(record)
    before = [(s.id, s.updated_at, s.event) for s in store.events()]
    for record in reversed(RECORDS):
        assert not store.add_article(record).stored
    assert [(s.id, s.updated_at, s.event) for s in store.events()] == before


def test_fusion_late_report_merges_into_an_event_stored_weeks_ago(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(article("a", ALMATY))
    for day in range(7, 28):  # three weeks of other riots in Aktobe
        store.add_article(article(f"x{day}", AKTOBE.replace("Wednesday", "the day"), location="Aktobe",
                                  date=f"2022-01-{day:02d}", published=f"2022-01-{day:02d}"))
    outcome = store.add_article(article("late", ALMATY_3, published="2022-01-28"))
    assert (outcome.events_created, outcome.events_merged) == (0, 1)
    [almaty] = [s for s in store.events() if s.event.location == "Almaty"]
    assert [s.article_id for s in almaty.sources] == ["a", "late"]


def test_fusion_report_that_links_two_events_merges_them(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(RECORDS[0])
    # Too unlike "a" on its own: no place, no name, few words in common.
    store.add_article(article("c", "Rioters torched the mayor's office, witnesses told reporters.", location=None,
                              geo_precision=3, actor1=None))
    assert store.stats()["events"] == 2
    outcome = store.add_article(article("bridge", "Rioters torched the mayor's office in Almaty on Wednesday, "
                                                  "witnesses told reporters."))
    assert outcome.events_merged == 1
    assert store.stats()["events"] == 1
    assert {s.article_id for s in next(store.events()).sources} == {"a", "c", "bridge"}


def test_fusion_hard_negatives_stay_apart(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(article("a", ALMATY))
    store.add_article(article("aktobe", ALMATY.replace("Almaty", "Aktobe"), location="Aktobe"))  # same words
    store.add_article(article("later", ALMATY, date="2022-01-08", published="2022-01-08"))  # same city, 3 days on
    assert store.stats()["events"] == 3


def test_fusion_fatalities_policy_and_every_figure_kept(db_url: str, tmp_path: Any) -> None:
    store = Store(db_url)
    store.add_article(article("a", ALMATY, outlet="Wire One", killed=18))
    store.add_article(article("b", ALMATY_2, outlet="Wire Two", killed=25))
    store.add_article(article("c", ALMATY_3, outlet="Wire Three", published="2022-01-08", killed=20))
    [stored] = list(store.events())
    # The latest report (8 January) updates the toll; the 18 and 25 of 6 January stay visible.
    assert stored.event.fatalities == 20
    assert sorted((f.outlet, f.count.value) for f in stored.figures) == [
        ("Wire One", 18), ("Wire Three", 20), ("Wire Two", 25)]
    result = CliRunner().invoke(main, ["show", str(stored.id), "--db", db_url], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    figures = result.output.split("Figures", 1)[1]
    for outlet, value in (("Wire One", "18"), ("Wire Two", "25"), ("Wire Three", "20")):
        assert outlet in figures and f"{value} people were killed" in figures


def test_fusion_exports_list_every_source(db_url: str) -> None:
    store = Store(db_url)
    for record in RECORDS[:3]:
        store.add_article(record)
    out = io.StringIO()
    write_acled(store.events(), out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["source"] == "Outlet a; Outlet c; Outlet b"  # by publication date, then article
    out = io.StringIO()
    write_jsonl(store.events(), out)
    [line] = out.getvalue().splitlines()
    exported = json.loads(line)
    assert {s["article_id"] for s in exported["sources"]} == {"a", "b", "c"}
    assert sorted(c["value"] for c in exported["counts"]) == [18, 20]


def test_fusion_outcome_counts_new_and_merged_reports(db_url: str) -> None:
    store = Store(db_url)
    assert store.add_article(RECORDS[0]).events_created == 1
    outcome = store.add_article(RECORDS[1])
    assert (outcome.events_created, outcome.events_merged) == (0, 1)
    assert store.add_article(RECORDS[3]).events_created == 1


def test_fusion_candidates_come_from_the_blocking_index(db_url: str) -> None:
    store = Store(db_url)
    if store.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans tiny tables as sequential scans")
    store.add_article(RECORDS[0])
    report = Report("z", RECORDS[1].events[0], "2022-01-07", ALMATY_2)
    with store.engine.connect() as conn:
        query = store._candidate_query(report)
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
        assert "ix_event_reports_block" in plan
        assert [r.article_id for _, r in store._candidates(conn, report)] == ["a"]
