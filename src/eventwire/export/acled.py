"""ACLED-compatible CSV: ACLED's column names, in ACLED's order (contract section 2)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import Any, TextIO

import pycountry

from ..store import StoredEvent
from ..tables import load_table
from ..vocab import DISORDER_TYPE, DISORDER_TYPE_OF_SUB, interaction

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


@cache
def _regions() -> dict[str, str]:
    return {iso: region for region, codes in load_table("acled_regions").items() for iso in codes}


def acled_row(stored: StoredEvent) -> dict[str, Any]:
    """One event as an ACLED row; unknown values are empty cells."""
    ev = stored.event
    country = pycountry.countries.get(alpha_2=ev.iso) if ev.iso else None
    # ACLED's event_id_cnty is the country's ISO 3166 alpha-3 code and a running number.
    prefix = country.alpha_3 if country else "XXX"
    updated = datetime.fromisoformat(stored.updated_at)
    outlets = dict.fromkeys(s.outlet or s.url or s.article_id for s in stored.sources)
    return {
        "event_id_cnty": f"{prefix}{stored.id}",
        "event_date": ev.date,
        "year": ev.date[:4] if ev.date else None,
        "time_precision": ev.time_precision,
        "disorder_type": DISORDER_TYPE_OF_SUB.get(ev.sub_event_type, DISORDER_TYPE.get(ev.event_type)),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "inter1": ev.inter1,
        "actor2": ev.actor2,
        "inter2": ev.inter2,
        "interaction": interaction(ev.inter1, ev.inter2),
        # Codebook: civilian_targeting marks events where civilians are the primary target.
        "civilian_targeting": "Civilian targeting" if ev.inter2 == "Civilians" else None,
        "iso": int(country.numeric) if country else None,
        "region": _regions().get(ev.iso or ""),
        "country": ev.country,
        "admin1": ev.admin1,
        "location": ev.location,
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "geo_precision": ev.geo_precision,
        "source": "; ".join(outlets),
        "notes": ev.notes,
        "fatalities": ev.fatalities if ev.fatalities is not None else 0,
        "timestamp": int(updated.replace(tzinfo=updated.tzinfo or UTC).timestamp()),
    }


def write_acled(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write events as ACLED CSV; returns how many."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    n = 0
    for stored in events:
        writer.writerow({k: "" if v is None else v for k, v in acled_row(stored).items()})
        n += 1
    return n
