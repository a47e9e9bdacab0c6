"""Quotes: interim until the quote extractor lands (issue 5)."""

from __future__ import annotations

from ..model import Quote
from ..nlp import Document


def extract_quotes(document: Document) -> tuple[Quote, ...]:
    return ()
