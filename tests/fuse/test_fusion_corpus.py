"""End to end: the multi-report set (tests/fixtures/fusion) through the real pipeline and store.

Each article is scored by its headline event: of its asserted events, the one whose sentences
are most like its title (ties: violent events before strategic developments, then the first in
the text). Its B-cubed precision and recall against the hand-made clusters are pinned floors
(STYLE: quality gate); lowering one takes an explicit change here, with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.fuse import bcubed, evidence_context, text_similarity
from eventwire.ingest import Metadata
from eventwire.model import ArticleRecord, Event
from eventwire.pipeline import Resources, process_inputs
from eventwire.store import Store

FUSION = Path(__file__).parent.parent / "fixtures" / "fusion"
SAMPLE = Path(__file__).parent.parent.parent / "examples" / "corpus" / "wikinews-sample.jsonl"
# Measured with the news time normaliser and the gazetteer (issue 6): precision 1.00, recall 0.88,
# F1 0.94. What is left: reports the extractor types differently (an IED and an attack), a district
# read as a US state ("the Oregon District"), and a prison stabbing not coded as political violence.
FLOORS = {"precision": 0.95, "recall": 0.85, "f1": 0.92}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gold() -> dict[str, str]:
    clusters = json.loads((FUSION / "events.json").read_text(encoding="utf-8"))
    return {item: label for label, items in clusters.items() for item in items}


@pytest.fixture(scope="module")
def records(resources: Resources, gold: dict[str, str]) -> list[ArticleRecord]:
    inputs = [str(SAMPLE), str(FUSION / "wikinews.jsonl"), str(FUSION / "reports.jsonl")]
    out = [r for _, r in process_inputs(inputs, resources, defaults=Metadata())]
    return [r for r in out if isinstance(r, ArticleRecord) and r.article.source_id in gold]


def headline_event(record: ArticleRecord) -> Event | None:
    """The event the article's title tells, as the test set's clusters are drawn."""
    title, text = record.article.title or "", record.article.text
    return max(record.asserted_events, default=None, key=lambda e: (
        text_similarity(title, evidence_context(text, e.evidence)) or 0.0,
        e.event_type != "Strategic developments", -min(span.start for span in e.evidence)))


def clustering(store: Store, records: list[ArticleRecord]) -> dict[str, object]:
    """Each article (by its input id) -> the stored event of its headline report."""
    headline = {r.article.id: e.event_id for r in records if (e := headline_event(r)) is not None}
    source_id = {r.article.id: r.article.source_id for r in records}
    out: dict[str, object] = {str(source_id[r.article.id]): f"no event: {r.article.id}" for r in records}
    for stored in store.events():
        for report in stored.reports:
            if headline.get(report.article_id) == report.event.event_id:
                out[str(source_id[report.article_id])] = stored.id
    return out


def ingest(db_url: str, records: list[ArticleRecord]) -> Store:
    store = Store(db_url)
    for record in records:
        store.add_article(record)
    return store


def test_fusion_corpus_bcubed_floors(records: list[ArticleRecord], gold: dict[str, str], db_url: str) -> None:
    score = bcubed(gold, clustering(ingest(db_url, records), records))
    assert score.precision >= FLOORS["precision"], score
    assert score.recall >= FLOORS["recall"], score
    assert score.f1 >= FLOORS["f1"], score


def test_fusion_corpus_order_does_not_matter(records: list[ArticleRecord], tmp_path: Path) -> None:
    def partition(order: list[ArticleRecord], name: str) -> list[list[tuple[str, str]]]:
        store = ingest(f"sqlite:///{tmp_path / name}", order)
        return sorted(sorted((r.article_id, r.event.event_id) for r in s.reports) for s in store.events())

    by_id = sorted(records, key=lambda r: r.article.id)
    assert partition(records, "a.db") == partition(list(reversed(records)), "b.db") == partition(by_id, "c.db")
