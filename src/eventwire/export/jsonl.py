"""JSONL export: one fused event per line, with its `sources` and every source's figures."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..store import StoredEvent
from .records import event_fields


def write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write events as JSON lines; returns how many."""
    n = 0
    for stored in events:
        out.write(json.dumps(event_fields(stored), ensure_ascii=False) + "\n")
        n += 1
    return n
