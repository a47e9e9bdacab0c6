"""Shared fixtures: the real spaCy model, a real SQLite file, and the project's own fixture texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.model import Article, content_id
from eventwire.nlp import Document, load_nlp
from eventwire.resolve.gazetteer import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def document(nlp: Language) -> Callable[..., Document]:
    """Parse a text we write into a Document, as the pipeline would after cleaning."""

    def make(text: str, *, published: str | None = "2022-01-07", title: str | None = None,
             dateline: str | None = None) -> Document:
        article = Article(id=content_id(text), text=text, title=title, published=published,
                          published_source="metadata" if published else None, dateline=dateline)
        return Document(article, nlp(text))

    return make


@pytest.fixture
def corpus_text() -> Callable[[str], str]:
    """The text of a bundled Wikinews article (examples/corpus, CC BY 2.5)."""

    def read(name: str) -> str:
        return (CORPUS / name).read_text(encoding="utf-8")

    return read


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A real, empty SQLite database file."""
    return f"sqlite:///{tmp_path / 'eventwire.db'}"


@pytest.fixture(scope="session")
def gazetteer(request: pytest.FixtureRequest) -> Gazetteer:
    """The real gazetteer, indexed once into pytest's cache folder (its file name names the data versions)."""
    return Gazetteer.load(request.config.cache.mkdir("eventwire-gazetteer"))
