"""NLP stage: the spaCy pipeline, loaded once per process, applied in batches."""

from .parse import Document, load_nlp, parse_articles

__all__ = ["Document", "load_nlp", "parse_articles"]
