"""Exports read back: the ACLED header equals the contract, GeoJSON parses, Parquet opens."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.export import ACLED_COLUMNS, write_acled, write_geojson, write_jsonl, write_parquet
from eventwire.store import Store

from ..store.test_repository import TEXT, record

# Contract section 2, in order.
CONTRACT_COLUMNS = (
    "event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1, "
    "assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country, "
    "admin1, admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale, notes, "
    "fatalities, tags, timestamp").split(", ")


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    store.add_article(record())
    store.add_article(record(TEXT + " ", article_id="a2", outlet="Wire Two", published="2022-01-08"))
    return store


def test_exports_acled_csv(store: Store) -> None:
    out = io.StringIO()
    assert write_acled(store.events(), out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(ACLED_COLUMNS) == CONTRACT_COLUMNS
    assert out.getvalue().splitlines()[0].split(",") == CONTRACT_COLUMNS
    row = rows[0]
    assert row["event_id_cnty"].startswith("KAZ")
    assert (row["event_date"], row["year"], row["country"], row["iso"], row["region"]) == (
        "2022-01-05", "2022", "Kazakhstan", "398", "Caucasus and Central Asia")
    assert row["disorder_type"] == "Demonstrations" and row["interaction"] == "Protesters only"
    assert row["source"] == "Wire One; Wire Two"
    assert row["fatalities"] == "18" and row["admin2"] == ""


def test_exports_geojson(store: Store) -> None:
    out = io.StringIO()
    write_geojson(store.events(), out)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [76.91, 43.25]}
    assert feature["properties"]["sub_event_type"] == "Violent demonstration"


def test_exports_jsonl_has_sources_and_every_figure(store: Store) -> None:
    out = io.StringIO()
    write_jsonl(store.events(), out)
    event = json.loads(out.getvalue().splitlines()[0])
    assert [s["outlet"] for s in event["sources"]] == ["Wire One", "Wire Two"]
    assert set(event["sources"][0]) == {"article_id", "source_id", "url", "outlet", "published"}
    assert [c["outlet"] for c in event["counts"]] == ["Wire One", "Wire Two"]
    assert all(e["text"] for e in event["evidence"])


def test_exports_parquet_opens_with_pyarrow(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    with path.open("wb") as out:
        write_parquet(store.events(), out)
    table = pq.read_table(path)
    assert table.num_rows == 1
    assert table.column("location").to_pylist() == ["Almaty"]
    assert table.column("sources").to_pylist()[0][1]["outlet"] == "Wire Two"


def test_exports_empty_database(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    out = io.StringIO()
    assert write_acled(store.events(), out) == 0
    assert out.getvalue().strip().split(",") == CONTRACT_COLUMNS
    with (tmp_path / "e.parquet").open("wb") as handle:
        write_parquet(store.events(), handle)
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
