"""Parsing: long articles are parsed in pieces and joined, so that memory stays bounded (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.evaluate import check_spans
from eventwire.ingest import Metadata, RawDocument, clean
from eventwire.model import Article
from eventwire.nlp import parse_articles
from eventwire.nlp.parse import text_pieces
from eventwire.pipeline import Resources, process_document

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize("text, max_chars, pieces", [
    ("Short text.", 100, ["Short text."]),
    ("First para.\n\nSecond para.", 20, ["First para.\n\n", "Second para."]),
    ("One sentence. Another one here", 20, ["One sentence. ", "Another one here"]),
    ("words without an end mark", 10, ["words ", "without ", "an end ", "mark"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
])
def test_parse_text_pieces_join_to_the_text(text: str, max_chars: int, pieces: list[str]) -> None:
    found = list(text_pieces(text, max_chars=max_chars))
    assert [piece for piece, _ in found] == pieces
    assert [last for _, last in found] == [False] * (len(pieces) - 1) + [True]


def test_parse_long_article_in_pieces_keeps_offsets(nlp: Language, resources: Resources) -> None:
    article, _ = clean(RawDocument("wire", (FIXTURES / "wire-report.txt").read_text(encoding="utf-8"), False,
                                   Metadata()))
    assert len(article.text) > 300  # so that it is cut into pieces
    cut, short = parse_articles(nlp, [article, Article(id="x", text="Riots in Minsk.")], max_batch_chars=300)
    assert cut.doc.text == article.text and short.doc.text == "Riots in Minsk."
    assert len(list(cut.doc.sents)) >= article.text.count("\n\n") + 1
    assert cut.doc.ents and cut.doc.has_annotation("DEP")
    record = process_document(cut, resources)
    assert record.events and check_spans(record.to_dict())[0] == 0
