"""Shared fixtures: the real spaCy model, a real SQLite file, and the project's own fixture texts."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import create_engine

from eventwire.model import Article, content_id
from eventwire.nlp import Document, load_nlp
from eventwire.pipeline import Resources
from eventwire.resolve.gazetteer import Gazetteer
from eventwire.settings import Settings
from eventwire.store.schema import metadata

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
SAMPLE = CORPUS / "wikinews-sample.jsonl"


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
    """A bundled Wikinews article (examples/corpus, CC BY 2.5) as a text file would hold it:
    the title, a blank line, the body. `name` is its id without "wikinews:" ("2020-07-12-belgrade-...")."""
    articles = {json.loads(line)["id"].removeprefix("wikinews:"): json.loads(line)
                for line in SAMPLE.read_text(encoding="utf-8").splitlines()}

    def read(name: str) -> str:
        article = articles[name.removesuffix(".txt")]
        return f"{article['title']}\n\n{article['text']}\n"

    return read


# PostgreSQL runs the same tests when EVENTWIRE_TEST_PG holds a URL (its tables are dropped first).
DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("EVENTWIRE_TEST_PG") else [])


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A real, empty database: a SQLite file, and PostgreSQL too if EVENTWIRE_TEST_PG is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'eventwire.db'}"
    url = os.environ["EVENTWIRE_TEST_PG"]
    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session", autouse=True)
def gazetteer_cache(request: pytest.FixtureRequest) -> Iterator[Path]:
    """One gazetteer index for the whole run, in pytest's cache folder: the fixtures, the CLI run
    in-process and the `eventwire` subprocesses all find it through EVENTWIRE_CACHE_DIR."""
    folder = request.config.cache.mkdir("eventwire-gazetteer")
    before = os.environ.get("EVENTWIRE_CACHE_DIR")
    os.environ["EVENTWIRE_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["EVENTWIRE_CACHE_DIR"]
    else:
        os.environ["EVENTWIRE_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def gazetteer(gazetteer_cache: Path) -> Gazetteer:
    """The real gazetteer, indexed once (its file name names the data versions)."""
    return Gazetteer.load(gazetteer_cache)



@pytest.fixture(scope="session")
def resources(nlp: Language, gazetteer: Gazetteer) -> Resources:
    """What the pipeline loads once per process, for tests that run it whole."""
    return Resources(nlp=nlp, gazetteer=gazetteer, settings=Settings(cache_dir=str(gazetteer.path.parent)))
