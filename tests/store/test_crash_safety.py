"""An ingest killed midway loses nothing and leaves no partial article; running it again completes it (issue 8)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.model import ArticleRecord
from eventwire.pipeline import Resources, process_inputs

CORPUS = Path(__file__).parent.parent.parent / "examples" / "corpus"
INGEST = [sys.executable, "-c", "from eventwire.cli import main; main()", "ingest"]
ARTICLE_ROWS = ("counts", "quotes", "places", "times", "event_reports")


def _stored_articles(db: Path) -> int:
    """Articles committed so far, as another reader sees them (0 before the database and table exist)."""
    with contextlib.suppress(sqlite3.OperationalError), \
            contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    return 0


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    """42 distinct articles: the sample corpus three times, each copy with its own closing line."""
    lines = (CORPUS / "wikinews-sample.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(3):
            for line in lines:
                article = json.loads(line)
                article["id"] = f"{article['id']}#{copy}"
                article["text"] += f"\n\nThis is copy {copy} of the report."
                out.write(json.dumps(article) + "\n")
    return path


@pytest.mark.slow
def test_crash_safety_killed_ingest_resumes_without_loss_or_partial_articles(tmp_path: Path, feed: Path,
                                                                            resources: Resources) -> None:
    db = tmp_path / "e.db"
    command = [*INGEST, str(feed), "--db", str(db)]
    env = os.environ | {"EVENTWIRE_BATCH_SIZE": "4"}  # small batches: the kill may land between any two writes
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored_articles(db) < 5 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL  # killed midway, not finished
    stored_before = _stored_articles(db)
    assert 5 <= stored_before < 42

    again = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert (f"42 articles read: {42 - stored_before} stored, {stored_before} already in the database, "
            "0 quarantined") in again.stderr

    expected = {record.article.id: record for _, record in process_inputs([str(feed)], resources)
                if isinstance(record, ArticleRecord)}
    with contextlib.closing(sqlite3.connect(db)) as conn:
        source_ids = [row[0] for row in conn.execute("SELECT source_id FROM articles")]
        assert sorted(source_ids) == sorted(f"{r.article.source_id}" for r in expected.values())
        for table in ARTICLE_ROWS:
            orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans.fetchone()[0] == 0, f"{table} rows without their article"
        for article_id, record in expected.items():
            rows = tuple(conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (article_id,)).fetchone()[0]
                         for table in ARTICLE_ROWS)
            assert rows == (len(record.counts), len(record.quotes), len(record.places), len(record.times),
                            len(record.asserted_events)), f"article {record.article.source_id} is incomplete"
