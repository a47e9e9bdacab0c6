"""Shared fixtures: the real spaCy model, a real SQLite file, and the project's own fixture texts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.model import Article, content_id
from eventwire.nlp import Document, load_nlp

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
SAMPLE = CORPUS / "wikinews-sample.jsonl"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def document(nlp: Language) -> Callable[..., Document]:
    """Parse a text we write into a Document, as the pipeline would after cleaning."""

    def make(text: str, *, published: str | None = "2022-01-07", title: str | None = None) -> Document:
        article = Article(id=content_id(text), text=text, title=title, published=published,
                          published_source="metadata" if published else None)
        return Document(article, nlp(text))

    return make


@pytest.fixture
def corpus_text() -> Callable[[str], str]:
    """A bundled Wikinews article (examples/corpus, CC BY 2.5) as a text file would hold it:
    the title, a blank line, the body. `name` is its id without "wikinews:" ("2020-07-12-belgrade-...")."""
    articles = {json.loads(line)["id"].removeprefix("wikinews:"): json.loads(line)
                for line in SAMPLE.read_text(encoding="utf-8").splitlines()}

    def read(name: str) -> str:
        article = articles[name.removesuffix(".txt")]
        return f"{article['title']}\n\n{article['text']}\n"

    return read


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A real, empty SQLite database file."""
    return f"sqlite:///{tmp_path / 'eventwire.db'}"
