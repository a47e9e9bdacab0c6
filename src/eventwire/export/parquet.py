"""Parquet export (pyarrow): one row per event, nested sources, evidence and figures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import StoredEvent
from .records import event_fields


def write_parquet(events: Iterable[StoredEvent], out: BinaryIO) -> int:
    """Write events as a Parquet table; returns how many."""
    rows = [event_fields(stored) for stored in events]
    table = pa.Table.from_pylist(rows) if rows else pa.table({"event_id": pa.array([], pa.int64())})
    pq.write_table(table, out)
    return len(rows)
