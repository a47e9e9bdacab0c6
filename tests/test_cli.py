"""The command line as a user runs it: real files, a real SQLite database, the real model."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from eventwire.cli import main
from eventwire.store import Store, schema

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture
def run():
    def invoke(*args: str, input: bytes | None = None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return invoke


def test_cli_extract_writes_one_record_per_article(run, tmp_path: Path, corpus_text) -> None:
    out = tmp_path / "out.jsonl"
    belgrade = tmp_path / "belgrade.txt"
    belgrade.write_text(corpus_text("2020-07-12-belgrade-parliament-protests"), encoding="utf-8")
    result = run("extract", str(FIXTURES / "wire-report.txt"), str(belgrade), "--published", "2022-01-07",
                 "--outlet", "Example Wire", "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert records[0]["schema_version"] == "1"
    assert records[0]["article"]["outlet"] == "France 24"  # the credit line names it
    assert records[1]["article"]["outlet"] == "Example Wire"  # the command line fills the gap
    assert records[1]["article"]["published"] == "2022-01-07"
    assert any(e["modality"] == "asserted" for e in records[0]["events"])


def test_cli_extract_reports_bad_input_and_goes_on(run, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.7 binary")
    result = run("extract", str(tmp_path / "bad.txt"), str(FIXTURES / "wire-report.txt"))
    assert result.exit_code == 0
    message = f"eventwire: {tmp_path / 'bad.txt'}: binary file (PDF), not text: pass UTF-8 text, HTML or JSONL"
    assert message in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_cli_extract_fails_when_nothing_can_be_read(run, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("extract", str(tmp_path / "empty.txt"))
    assert result.exit_code == 1
    assert "Error: nothing could be read from the inputs" in result.stderr


def test_cli_extract_reads_stdin(run) -> None:
    result = run("extract", "-", input=b"Riot police fired tear gas at protesters in Minsk on Sunday.")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["text"].startswith("Riot police fired tear gas")


def test_cli_extract_table_format(run) -> None:
    result = run("extract", str(FIXTURES / "wire-report.txt"), "--format", "table")
    assert result.exit_code == 0 and "Police fire tear gas" in result.stdout


def test_cli_ingest_is_idempotent_and_quarantines(run, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x1", "text": "Police detained 20 protesters in Minsk on Sunday.",
                                "published": "2020-08-10"}) + "\n{broken\n", encoding="utf-8")
    first = run("ingest", str(CORPUS), str(feed), "--db", db)
    assert first.exit_code == 0
    assert "16 articles read: 15 stored, 0 already in the database, 1 quarantined" in first.stderr
    second = run("ingest", str(CORPUS), str(feed), "--db", db)
    assert "16 articles read: 0 stored, 15 already in the database, 1 quarantined; 0 new events" in second.stderr
    quarantine = run("quarantine", "--db", db)
    assert f"{feed}:2: line 2: not valid JSON" in quarantine.stdout
    assert quarantine.stdout.count("not valid JSON") == 1


@pytest.mark.slow
def test_cli_ingest_accounts_for_every_bad_input(run, tmp_path: Path) -> None:
    """Issue 8: each bad input gives one line and a quarantine row; stored + duplicates + quarantined = read."""
    wire = (FIXTURES / "wire-report.txt").read_text(encoding="utf-8")
    sentence = "Police detained 20 protesters in Minsk on Sunday and released them on Monday. "
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t \n",
        "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "garbled.txt": b"\x81\x8d\x8f\x90\x9d" * 100,
        "windows.txt": ("Crowds rallied in Bogotá\r\n\r\nThousands of people marched through Bogotá on Thursday "
                        "against the tax reform, organisers said.").encode("utf-16"),
        "huge.txt": b"Protesters marched through the capital on Sunday. " * 1_000_000,
        "nav.html": b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "long-line.txt": (sentence * 400).encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    lines = [
        json.dumps({"id": "wire", "text": wire}),
        "{broken",
        json.dumps({"id": "no-text", "title": "A title and nothing else"}),
        json.dumps({"id": "french", "text": "Des milliers de manifestants ont défilé dimanche dans les rues de la "
                                            "capitale pour protester contre la hausse du prix du carburant."}),
        json.dumps({"id": "calm", "text": "The city council approved the new library budget on Tuesday."}),
        json.dumps({"id": "bell", "text": "Riot police\u0007 fired tear gas\u0000 at protesters in Minsk."}),
        json.dumps({"id": "noise", "text": "\u0001\u0002\u0003\u0004\u0005\u200b\u0006"}),
        json.dumps({"id": "wire-again", "text": "  " + wire.replace(" ", "   ").replace("\n\n", "\n\n\n") + "\n"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = [str(tmp_path / name) for name in files] + [str(tmp_path / "feed.jsonl"), str(tmp_path / "missing.txt")]
    db = str(tmp_path / "e.db")

    result = run("ingest", *inputs, "--db", db)
    assert result.exit_code == 0, result.output
    feed = tmp_path / "feed.jsonl"
    expected = {
        tmp_path / "empty.txt": "empty input: no text to read",
        tmp_path / "blank.txt": "empty input: no text to read",
        tmp_path / "photo.png": "binary file (PNG image), not text: pass UTF-8 text, HTML or JSONL",
        tmp_path / "report.pdf": "binary file (PDF), not text: pass UTF-8 text, HTML or JSONL",
        tmp_path / "garbled.txt": "undecodable bytes: not UTF-8, UTF-16 or Windows-1252 text",
        tmp_path / "huge.txt": "too long (50,000,000 characters; the limit is 1,000,000): split it into articles",
        tmp_path / "nav.html": "no article text found in the HTML page",
        f"{feed}:2": "line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{feed}:3": "line 3: no 'text' or 'html' field",
        f"{feed}:7": "no article text left after removing page residue (share buttons, credits, captions)",
        tmp_path / "missing.txt": "no such file or directory",
    }
    messages = [line for line in result.stderr.splitlines() if line.startswith("eventwire: ")]
    assert messages == [f"eventwire: {origin}: {reason}" for origin, reason in expected.items()]
    assert "18 articles read: 6 stored, 1 already in the database, 11 quarantined" in result.stderr
    quarantined = run("quarantine", "--db", db).stdout.splitlines()
    assert [line.split("  ", 1)[1] for line in quarantined] == [f"{o}: {r}" for o, r in expected.items()]
    with Store(db).engine.connect() as conn:
        stored = {row.origin: row for row in conn.execute(select(schema.articles))}
    assert sorted(stored) == sorted([str(tmp_path / "windows.txt"), str(tmp_path / "long-line.txt"),
                                     f"{feed}:1", f"{feed}:4", f"{feed}:5", f"{feed}:6"])
    assert stored[str(tmp_path / "windows.txt")].title == "Crowds rallied in Bogotá"
    assert stored[f"{feed}:4"].language == "fr" and any(w.startswith("[W002]") for w in stored[f"{feed}:4"].warnings)
    assert stored[f"{feed}:6"].text == "Riot police fired tear gas at protesters in Minsk."

    again = run("ingest", *inputs, "--db", db)
    assert "18 articles read: 0 stored, 7 already in the database, 11 quarantined; 0 new events" in again.stderr
    assert len(run("quarantine", "--db", db).stdout.splitlines()) == 11


def test_cli_events_show_stats_export(run, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    run("ingest", str(CORPUS), "--db", db)
    listing = run("events", "--db", db)
    assert listing.exit_code == 0 and "sub-type" in listing.stdout
    assert run("show", "1", "--db", db).exit_code == 0
    assert "Evidence" in run("show", "1", "--db", db).stdout
    missing = run("show", "9999", "--db", db)
    assert missing.exit_code == 1 and "No event with id 9999" in missing.stderr
    assert "articles        14" in run("stats", "--db", db).stdout
    for fmt, name in (("acled", "e.csv"), ("geojson", "e.geojson"), ("jsonl", "e.jsonl"), ("parquet", "e.parquet")):
        result = run("export", "--db", db, "--format", fmt, "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    header = next(csv.reader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert header[0] == "event_id_cnty" and len(header) == 31
    assert json.loads((tmp_path / "e.geojson").read_text())["type"] == "FeatureCollection"
    assert pq.read_table(tmp_path / "e.parquet").num_rows == len((tmp_path / "e.jsonl").read_text().splitlines())


def test_cli_eval_scores_the_project_gold_fixtures(run, tmp_path: Path) -> None:
    gold = sorted(str(p) for p in (FIXTURES / "gold").glob("*.json"))
    result = run("eval", *gold, "--json", str(tmp_path / "scores.json"))
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.startswith("article\tevent_recall_required\tevent_precision")
    assert [row.split("\t")[0] for row in rows] == [Path(p).stem for p in gold] + ["mean"]
    report = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    for metrics in [a["metrics"] for a in report["articles"]] + [report["mean"]]:
        assert metrics["bad_spans"] == 0
        assert all(0 <= v <= 1 for k, v in metrics.items() if isinstance(v, float))
    assert "3 of 3 gold articles scored" in result.stderr


def test_cli_eval_scores_records_given_with_pred(run, tmp_path: Path) -> None:
    gold = FIXTURES / "gold" / "2020-08-03-minsk-opposition-rally.json"
    pred = tmp_path / "pred.jsonl"
    run("extract", str(FIXTURES / "wire-report.txt"), str(FIXTURES / "gold" / "2020-08-03-minsk-opposition-rally.txt"),
        "--published", "2020-08-03", "-o", str(pred))
    aden = FIXTURES / "gold" / "2020-06-05-aden-journalist-shot.json"
    result = run("eval", str(gold), str(aden), "--pred", str(pred))
    assert result.exit_code == 0
    assert [row.split("\t")[0] for row in result.stdout.splitlines()[1:]] == [gold.stem, "mean"]
    assert f"eventwire: {aden}: no article record matches this gold file" in result.stderr


def test_cli_eval_fails_when_no_gold_document_can_be_read(run, tmp_path: Path) -> None:
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"doc": "missing.txt"}), encoding="utf-8")
    result = run("eval", str(gold))
    assert result.exit_code == 1
    assert f"eventwire: {gold}: {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert "Error: no gold article could be scored" in result.stderr


@pytest.mark.parametrize("command", ["extract", "ingest", "eval", "events", "show", "stats", "export", "quarantine",
                                     "config"])
def test_cli_every_command_has_help_with_an_example(run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.stdout
