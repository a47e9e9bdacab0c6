"""Readers: every input becomes a RawDocument or a Rejected with a reason; nothing raises."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.ingest import Metadata, RawDocument, Rejected, read_inputs
from eventwire.ingest.readers import QUARANTINE_KEEP_CHARS, decode, read_bytes

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _one(data: bytes, kind: str | None = "text") -> RawDocument | Rejected:
    results = list(read_bytes("input", data, kind=kind))
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("data, expected", [
    (b"Police fired tear gas in Minsk.", "Police fired tear gas in Minsk."),
    ("\ufeffPolice fired tear gas in Minsk.".encode("utf-8"), "Police fired tear gas in Minsk."),
    ("Protesters in Bogotá said “no”.".encode("utf-16"), "Protesters in Bogotá said “no”."),
    # UTF-16 without a byte-order mark, as some Windows tools save "Unicode" text (issue 8)
    ("Protesters in Bogotá said “no”.".encode("utf-16-le"), "Protesters in Bogotá said “no”."),
    ("Protesters in Bogotá said “no”.".encode("utf-16-be"), "Protesters in Bogotá said “no”."),
    ("Protesters in Bogotá said “no”.".encode("cp1252"), "Protesters in Bogotá said “no”."),
    ("Café owners in Besançon protested.".encode("latin-1"), "Café owners in Besançon protested."),
])
def test_readers_decode_detects_encoding(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize("data, reason", [
    (b"", "empty input"),
    (b"   \n\t  \n", "empty input"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00", "binary file (GIF image)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary file (JPEG image)"),
    (b"\x81\x8d\x8f\x90\x9d" * 100, "undecodable bytes: not UTF-8, UTF-16 or Windows-1252 text"),
    (b"Protesters \xff\xfe\xfd marched \x80\x81 in Minsk", "undecodable bytes"),
    (bytes(range(256)) * 4, "binary file (unknown binary format)"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08abc\x0e\x0f\x10\x11\x12\x13\x14", "control characters"),
])
def test_readers_reject_unreadable_input_with_reason(data: bytes, reason: str) -> None:
    result = _one(data)
    assert isinstance(result, Rejected)
    assert reason in result.reason


def test_readers_reject_too_long_input() -> None:
    result = list(read_bytes("big.txt", b"Protesters marched. " * 1000, kind="text", max_chars=5000))[0]
    assert isinstance(result, Rejected)
    assert result.reason == "too long (20,000 characters; the limit is 5,000): split it into articles"


def test_readers_reject_a_50_mb_text_and_keep_its_start() -> None:
    data = b"Protesters marched through the capital on Sunday. " * 1_000_000  # 50 MB, one article
    result = list(read_bytes("huge.txt", data, kind="text"))[0]
    assert isinstance(result, Rejected)
    assert result.reason == "too long (50,000,000 characters; the limit is 1,000,000): split it into articles"
    assert len(result.content) == QUARANTINE_KEEP_CHARS and data.decode().startswith(result.content)


def test_readers_jsonl_keeps_good_lines_and_rejects_bad_ones() -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Police detained 20 people in Minsk on Sunday.", "published": "2020-08-10",
                    "outlet": "Example Wire", "url": "https://example.org/a1", "title": "Arrests in Minsk"}),
        "{not json",
        json.dumps({"id": "a3", "title": "No body"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a5", "html": "<html><body><p>Crowds rallied in Minsk on Sunday evening.</p></body></html>"}),
        "",
    ]
    results = list(read_bytes("feed.jsonl", "\n".join(lines).encode(), kind="jsonl"))
    assert [r.origin for r in results] == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4",
                                           "feed.jsonl:5"]
    first = results[0]
    assert isinstance(first, RawDocument)
    assert first.metadata == Metadata(source_id="a1", url="https://example.org/a1", title="Arrests in Minsk",
                                      published="2020-08-10", outlet="Example Wire")
    assert isinstance(results[1], Rejected) and results[1].reason.startswith("line 2: not valid JSON")
    assert isinstance(results[2], Rejected) and results[2].reason == "line 3: no 'text' or 'html' field"
    assert isinstance(results[3], Rejected) and results[3].reason == "line 4: expected a JSON object, got list"
    html = results[4]
    assert isinstance(html, RawDocument) and html.is_html and html.metadata.source_id == "a5"


def test_readers_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Protesters marched in Minsk on Sunday.", encoding="utf-8")
    (tmp_path / "b" / "c.html").write_text("<html><body><p>Riot police fired tear gas.</p></body></html>",
                                           encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    origins = [r.origin for r in read_inputs([str(tmp_path)])]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.html")]


def test_readers_missing_path_is_rejected() -> None:
    result = list(read_inputs(["/no/such/file.txt"]))[0]
    assert isinstance(result, Rejected)
    assert (result.origin, result.reason) == ("/no/such/file.txt", "no such file or directory")


def test_readers_stdin_is_sniffed() -> None:
    stdin = io.BytesIO(b'{"text": "Soldiers clashed with rebels near Goma."}\n')
    result = list(read_inputs(["-"], stdin=stdin))[0]
    assert isinstance(result, RawDocument) and result.origin == "<stdin>:1"


def test_readers_same_bad_input_has_same_hash() -> None:
    first, second = _one(b"%PDF-1.4 x"), _one(b"%PDF-1.4 x")
    assert isinstance(first, Rejected) and isinstance(second, Rejected)
    assert first.content_hash == second.content_hash
