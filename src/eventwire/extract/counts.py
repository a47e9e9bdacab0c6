"""Figures of people: interim until the counts extractor lands (issue 5)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Count
from ..nlp import Document


def extract_counts(document: Document) -> tuple[Count, ...]:
    return ()


def fatalities_of(counts: Sequence[Count]) -> int | None:
    killed = [c.value if c.value is not None else c.low for c in counts if c.kind == "killed"]
    known = [k for k in killed if k is not None]
    return min(known) if known else None
