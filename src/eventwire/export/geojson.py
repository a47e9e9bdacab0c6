"""GeoJSON export: a FeatureCollection with one Point Feature per event (RFC 7946)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..store import StoredEvent
from .records import event_fields


def write_geojson(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write a FeatureCollection; events without coordinates get a null geometry (RFC 7946 3.2)."""
    features: list[dict[str, Any]] = []
    for stored in events:
        properties = event_fields(stored)
        lat, lon = properties["latitude"], properties["longitude"]
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        features.append({"type": "Feature", "id": stored.id, "geometry": geometry, "properties": properties})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
