"""The offline gazetteer: what it knows, how it is cached, how fast it opens."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from eventwire.resolve.gazetteer import Gazetteer, fold, index_path


@pytest.mark.parametrize(
    ("name", "iso", "feature"),
    [
        ("Russia", "RU", "country"),
        ("Iran", "IR", "country"),
        ("Syria", "SY", "country"),
        ("Hong Kong", "HK", "country"),
        ("United States", "US", "country"),
        ("U.S.", "US", "country"),
        ("Britain", "GB", "country"),
        ("Democratic Republic of the Congo", "CD", "country"),
        ("Maidan Wardak", "AF", "admin1"),
        ("Wardak", "AF", "admin1"),
        ("Texas", "US", "admin1"),
        ("Nineveh", "IQ", "admin1"),
        ("North Cotabato", "PH", "admin2"),
        ("Mindanao", "PH", "region"),
        ("Maidan Shahr", "AF", "city"),
        ("Maydanshakhr", "AF", "city"),
        ("Kiev", "UA", "city"),
        ("Kyiv", "UA", "city"),
        ("Mosul", "IQ", "city"),
        ("St. Louis", "US", "city"),
    ],
)
def test_gazetteer_knows_names(gazetteer: Gazetteer, name: str, iso: str, feature: str) -> None:
    assert any(e.iso == iso and e.feature == feature for e in gazetteer.lookup(name))


@pytest.mark.parametrize("name", ["Almaty", "ALMATY", "almaty", "Almaty\u2019s"[:-2]])
def test_gazetteer_lookup_ignores_case(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name)[0].name == "Almaty"


def test_gazetteer_entries_have_coordinates_and_countries(gazetteer: Gazetteer) -> None:
    mosul = next(e for e in gazetteer.lookup("Mosul") if e.iso == "IQ")
    assert (round(mosul.latitude), round(mosul.longitude)) == (36, 43)
    assert (mosul.country, mosul.admin1) == ("Iraq", "Ninawa")
    assert mosul.geonames_id is not None
    assert gazetteer.country("KZ").name == "Kazakhstan"  # type: ignore[union-attr]
    assert gazetteer.country("CD").name == "Democratic Republic of Congo"  # type: ignore[union-attr]


def test_gazetteer_capitals_are_marked(gazetteer: Gazetteer) -> None:
    washington = [e for e in gazetteer.lookup("Washington") if e.feature == "city" and e.iso == "US"]
    assert max(washington, key=lambda e: e.population).capital


@pytest.mark.parametrize(
    ("word", "iso"),
    [
        ("Kazakh", "KZ"),
        ("Russian", "RU"),
        ("Iraqi", "IQ"),
        ("Iraqis", "IQ"),
        ("Serbian", "RS"),
        ("Serbians", "RS"),
        ("Tunisian", "TN"),
        ("Afghan", "AF"),
        ("Filipino", "PH"),
        ("Frenchmen", "FR"),
    ],
)
def test_gazetteer_demonyms(gazetteer: Gazetteer, word: str, iso: str) -> None:
    assert gazetteer.demonym(word) == iso


@pytest.mark.parametrize("name", ["Earth", "Police", "Central", "Eastern District", "First", "Coast"])
def test_gazetteer_leaves_out_common_words(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) == ()


def test_gazetteer_acronyms_match_only_capitals(gazetteer: Gazetteer) -> None:
    assert [e.iso for e in gazetteer.lookup("US")] == ["US"]
    assert not any(e.feature == "country" for e in gazetteer.lookup("Us"))
    assert gazetteer.lookup("CIA") == ()


def test_gazetteer_alternate_names_are_marked(gazetteer: Gazetteer) -> None:
    shahr = next(e for e in gazetteer.lookup("Maidan Shahr") if e.feature == "city")
    assert shahr.alternate and shahr.name == "Maydanshakhr"
    assert not gazetteer.lookup("Maydanshakhr")[0].alternate


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kazakhstan‘s", "kazakhstan's"),
        ("St. Louis", "saint louis"),
        ("Ust-Kamenogorsk", "ust kamenogorsk"),
        ("Nīnawá", "ninawa"),
    ],
)
def test_gazetteer_fold(name: str, key: str) -> None:
    assert fold(name) == key


def test_gazetteer_index_is_keyed_by_data_versions(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = index_path(tmp_path)
    assert path.parent == tmp_path and path.name.startswith("gazetteer-") and path.suffix == ".sqlite"
    assert path.name == gazetteer.path.name  # same data, same key, wherever it is cached


def test_gazetteer_opens_fast(gazetteer: Gazetteer) -> None:
    started = time.perf_counter()
    reopened = Gazetteer.load(gazetteer.path.parent)
    assert time.perf_counter() - started < 0.5
    assert len(reopened) > 200_000


def test_gazetteer_pickles_as_its_path(gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.path == gazetteer.path
    assert copy.lookup("Mosul")[0].iso == "IQ"
