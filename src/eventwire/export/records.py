"""The event as a flat dict of contract fields, shared by the GeoJSON, JSONL and Parquet writers."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..store import StoredEvent


def event_fields(stored: StoredEvent) -> dict[str, Any]:
    """The contract's Event fields of a fused event; evidence spans name their article."""
    fields = dataclasses.asdict(stored.event)
    fields["event_id"] = stored.id
    fields["evidence"] = [
        {"article_id": report.article_id, **dataclasses.asdict(span)}
        for report in stored.reports for span in report.event.evidence]
    fields["counts"] = [
        {"article_id": f.article_id, "outlet": f.outlet, "published": f.published, **dataclasses.asdict(f.count)}
        for f in stored.figures]
    fields["sources"] = [dataclasses.asdict(s) for s in stored.sources]
    return fields
