"""Read inputs (files, folders, stdin) into raw documents, or into rejections with a reason.

Nothing is lost: every input becomes either a `RawDocument` (to be cleaned and extracted) or a
`Rejected` (to be quarantined with its reason). Readers never raise for bad content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from ..errors import E001, E002, E003, E005, E006, E007, E008, E009, E010, E011, InputError

ARTICLE_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
                    ".jsonl": "jsonl", ".ndjson": "jsonl"}
METADATA_FIELDS = ("id", "url", "title", "published", "outlet")
# What a quarantine row keeps of a rejected input, so that nothing is lost but the table stays small.
QUARANTINE_KEEP_CHARS = 100_000

# Magic numbers of the binary files people most often feed a text tool by mistake.
BINARY_SIGNATURES = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"), (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media"), (b"\x7fELF", "executable"), (b"SQLite format 3", "SQLite database"),
)  # fmt: skip
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about an article besides its text; None = unknown."""

    source_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read: decoded text or HTML, not yet cleaned."""

    origin: str  # "folder/file.txt" or "feed.jsonl:12": names the input in messages
    content: str
    is_html: bool
    metadata: Metadata  # what the input itself says; command-line defaults are applied in cleaning


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that cannot become an article, with the reason in words a user understands."""

    origin: str
    reason: str
    content: str  # what could be read of it (truncated), kept in quarantine
    content_hash: str  # of the raw bytes: the same bad input is quarantined once


def read_inputs(inputs: Iterable[str], *, max_chars: int = 1_000_000,
                stdin: BinaryIO | None = None) -> Iterator[RawDocument | Rejected]:
    """Read files, folders (recursively) and `-` (stdin) in the order given."""
    for name in inputs:
        if name == "-":
            if stdin is not None:
                yield from read_bytes("<stdin>", stdin.read(), kind=None, max_chars=max_chars)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p, path)):
                yield from read_file(file, max_chars=max_chars)
        elif path.is_file():
            yield from read_file(path, max_chars=max_chars)
        else:
            yield Rejected(name, E010, "", _hash(name.encode()))


def _is_article_file(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return not hidden and path.suffix.lower() in ARTICLE_SUFFIXES


def read_file(path: Path, *, max_chars: int = 1_000_000) -> Iterator[RawDocument | Rejected]:
    """Read one file; its kind comes from the suffix, or from its content when the suffix is unknown."""
    kind = ARTICLE_SUFFIXES.get(path.suffix.lower())
    yield from read_bytes(str(path), path.read_bytes(), kind=kind, max_chars=max_chars)


def read_bytes(origin: str, data: bytes, *, kind: str | None, max_chars: int = 1_000_000
               ) -> Iterator[RawDocument | Rejected]:
    """Decode the bytes of one input and split it into articles (one, or one per JSONL line)."""
    try:
        text = decode(data)
    except InputError as e:
        yield Rejected(origin, str(e), "", _hash(data))
        return
    kind = kind or sniff(text)
    if kind == "jsonl":
        yield from read_jsonl(origin, text, max_chars=max_chars)
        return
    yield _document_or_rejected(origin, text, is_html=kind == "html", metadata=Metadata(), max_chars=max_chars,
                                content_hash=_hash(data))


def read_jsonl(origin: str, text: str, *, max_chars: int = 1_000_000) -> Iterator[RawDocument | Rejected]:
    """One article per line: `text` or `html`, and optional `id`, `url`, `title`, `published`, `outlet`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield _rejected(where, E005.format(line=number, reason=e.msg), line)
            continue
        if not isinstance(record, dict):
            yield _rejected(where, E008.format(line=number, kind=type(record).__name__), line)
            continue
        body = record.get("text") or record.get("html")
        if not body:
            yield _rejected(where, E006.format(line=number), line)
            continue
        bad_field = next((f for f in ("text", "html", *METADATA_FIELDS)
                          if record.get(f) is not None and not isinstance(record[f], str | int)), None)
        if bad_field or not isinstance(body, str):
            yield _rejected(where, E009.format(line=number, field=bad_field or "text"), line)
            continue
        metadata = Metadata(*(None if record.get(f) is None else str(record[f]) for f in METADATA_FIELDS))
        yield _document_or_rejected(where, body, is_html=not record.get("text"),
                                    metadata=metadata, max_chars=max_chars,
                                    content_hash=_hash(line.encode("utf-8")))


def _document_or_rejected(origin: str, content: str, *, is_html: bool, metadata: Metadata, max_chars: int,
                          content_hash: str) -> RawDocument | Rejected:
    if not content.strip():
        return Rejected(origin, E001, "", content_hash)
    if len(content) > max_chars:
        return Rejected(origin, E007.format(chars=len(content), limit=max_chars), content[:QUARANTINE_KEEP_CHARS],
                        content_hash)
    return RawDocument(origin, content, is_html, metadata)


def _rejected(origin: str, reason: str, content: str) -> Rejected:
    return Rejected(origin, reason, content[:QUARANTINE_KEEP_CHARS], _hash(content.encode("utf-8")))


def _hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:16]


def decode(data: bytes) -> str:
    """Bytes to text: a BOM wins, then strict UTF-8, then the best single-byte guess (Windows-1252)."""
    if not data.strip():
        raise InputError(E001)
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(E002.format(kind=kind))
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _readable(data.decode(codec))
            except UnicodeDecodeError as e:
                raise InputError(E003) from e
    if b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(E002.format(kind="unknown binary format"))
        try:
            return _readable(data.decode(utf16))
        except UnicodeDecodeError as e:
            raise InputError(E003) from e
    try:
        return _readable(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Windows-1252 and Latin-1 are what old newsroom systems write. charset-normalizer
    # rejects byte soup that decodes in every single-byte code page but reads as nothing.
    guess = charset_normalizer.from_bytes(data, cp_isolation=["cp1252", "latin_1", "utf_16"]).best()
    if guess is None:
        raise InputError(E003)
    return _readable(str(guess))


def _bomless_utf16(data: bytes) -> str | None:
    """The codec of UTF-16 text without a byte-order mark (some Windows tools write it), else None.

    Latin-script text in UTF-16 has a NUL in every other byte and only there: the high byte of
    each character. Binary formats have NULs at odd and even offsets alike.
    """
    sample = data[:4096]
    if len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 6 and even == 0:
        return "utf-16-le"
    if even > len(sample) // 6 and odd == 0:
        return "utf-16-be"
    return None


def _readable(text: str) -> str:
    """Reject decoded text that is mostly control characters or replacement marks."""
    sample = text[:20_000]
    noise = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t") or ch == "\ufffd")
    if sample and noise / len(sample) > 0.1:
        raise InputError(E011)
    return text


def sniff(text: str) -> str:
    """Guess the kind of an input without a telling suffix: html, jsonl or text."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"
