"""The output contract (docs/output.md): every field is emitted and every span points at its text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.ingest import Metadata
from eventwire.pipeline import process_inputs

DOCS = Path(__file__).parent.parent / "docs" / "output.md"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


def _contract_fields(section: str) -> set[str]:
    """The field names of one table of docs/output.md ("### Event", "### Count", ...)."""
    text = DOCS.read_text(encoding="utf-8").split(f"### {section}\n", 1)[1].split("\n### ", 1)[0]
    names = set()
    for line in text.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([a-z_0-9]+)`", line.split("|")[1]))
    return names


@pytest.fixture(scope="module")
def records(resources):
    return [r.to_dict() for _, r in process_inputs([str(CORPUS)], resources, defaults=Metadata(published="2020-01-01"))]


def test_contract_every_field_is_emitted(records) -> None:
    record = next(r for r in records if r["events"])
    assert set(record) >= {"schema_version", "article", "events", "counts", "quotes", "places", "times", "warnings"}
    assert set(record["article"]) >= {"id", "source_id", "url", "title", "outlet", "agencies", "published",
                                      "published_source", "language", "text"}
    assert set(record["events"][0]) >= _contract_fields("Event")
    for key, section in (("counts", "Count"), ("quotes", "Quote")):
        for item in record[key]:
            assert set(item) >= _contract_fields(section)


def test_contract_spans_point_at_their_text(records) -> None:
    checked = 0
    for record in records:
        text = record["article"]["text"]
        spans = [s for e in record["events"] for s in e["evidence"]]
        spans += [c["evidence"] for c in record["counts"]] + [q["evidence"] for q in record["quotes"]]
        spans += [p["mention"] for p in record["places"]] + [t["mention"] for t in record["times"]]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"]
            checked += 1
    assert checked > 50
