"""The store: one transaction per article, idempotent re-ingest, quarantine, fusion, filters."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eventwire.errors import StoreError
from eventwire.ingest import Rejected
from eventwire.model import Article, ArticleRecord, Count, Event, Place, Quote, Time, span_of
from eventwire.store import EventFilter, Store, schema

TEXT = "Protesters stormed the city hall in Almaty on Wednesday. Police said 18 officers were killed."


def record(text: str = TEXT, *, article_id: str = "a1", outlet: str = "Wire One", published: str = "2022-01-07",
           location: str = "Almaty", latitude: float = 43.25, longitude: float = 76.91, fatalities: int | None = 18,
           modality: str = "asserted") -> ArticleRecord:
    article = Article(id=article_id, text=text, outlet=outlet, published=published, published_source="metadata",
                      url=f"https://example.org/{article_id}", agencies=("AFP",))
    count = Count(kind="killed", evidence=span_of(text, text.index("18"), text.index("killed") + 6), value=18,
                  subject="officers", claimed_by="Police")
    event = Event(event_id=f"{article_id}-1", event_type="Riots", sub_event_type="Violent demonstration",
                  evidence=(span_of(text, 0, 55),), modality=modality, date="2022-01-05", time_precision=1,
                  country="Kazakhstan", iso="KZ", location=location, latitude=latitude, longitude=longitude,
                  geo_precision=1, actor1="Protesters (Kazakhstan)", inter1="Protesters", fatalities=fatalities,
                  counts=(0,), confidence=0.8, notes="On 5 January 2022, protesters stormed the city hall.")
    place = Place(mention=span_of(text, 36, 42), name="Almaty", country="Kazakhstan", iso="KZ", latitude=43.25,
                  longitude=76.91, geonames_id=1526384, feature="city")
    time = Time(mention=span_of(text, 46, 55), value="2022-01-05", anchor="published")
    quote = Quote(text="18 officers were killed", kind="indirect", evidence=span_of(text, 67, 90),
                  speaker="Police", cue="said")
    return ArticleRecord(article=article, events=(event,), counts=(count,), quotes=(quote,), places=(place,),
                         times=(time,))


def test_repository_stores_every_part_of_a_record(db_url: str) -> None:
    store = Store(db_url)
    outcome = store.add_article(record(), origin="a.txt")
    assert outcome.stored and outcome.events_created == 1
    stats = store.stats()
    assert {k: stats[k] for k in ("articles", "events", "event_reports", "counts", "quotes", "places", "times")} == {
        "articles": 1, "events": 1, "event_reports": 1, "counts": 1, "quotes": 1, "places": 1, "times": 1}
    stored = next(store.events())
    assert stored.event.location == "Almaty" and stored.event.fatalities == 18
    assert stored.sources[0].outlet == "Wire One"
    assert stored.figures[0].count.value == 18 and stored.figures[0].count.claimed_by == "Police"


def test_repository_reingest_adds_nothing(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(record())
    again = store.add_article(record())
    assert not again.stored
    assert store.stats()["events"] == 1 and store.stats()["articles"] == 1


def test_repository_non_asserted_events_are_not_stored(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(record(modality="future"))
    assert store.stats()["events"] == 0 and store.stats()["articles"] == 1


def test_repository_reports_of_one_event_merge_and_keep_their_figures(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(record())
    outcome = store.add_article(record(TEXT + " ", article_id="a2", outlet="Wire Two", published="2022-01-08",
                                       fatalities=20))
    assert outcome.events_merged == 1
    [stored] = list(store.events())
    assert [s.outlet for s in stored.sources] == ["Wire One", "Wire Two"]
    assert len(stored.figures) == 2
    # ACLED's rule: the later report updates the toll.
    assert stored.event.fatalities == 20


def test_repository_other_place_is_another_event(db_url: str) -> None:
    store = Store(db_url)
    store.add_article(record())
    store.add_article(record(TEXT + " ", article_id="a2", location="Aktobe", latitude=50.28, longitude=57.21))
    assert store.stats()["events"] == 2


def test_repository_quarantine_is_idempotent(db_url: str) -> None:
    store = Store(db_url)
    bad = Rejected("feed.jsonl:3", "line 3: no 'text' or 'html' field", '{"id": 3}', "abc")
    assert store.quarantine(bad) is True
    assert store.quarantine(bad) is False
    assert store.quarantined()[0]["origin"] == "feed.jsonl:3"


def test_repository_article_is_written_in_one_transaction(db_url: str) -> None:
    store = Store(db_url)
    broken = record()
    bad_quote = dataclasses.replace(broken.quotes[0], kind=None)  # NOT NULL column: the insert fails
    with pytest.raises(IntegrityError):
        store.add_article(dataclasses.replace(broken, quotes=(bad_quote,)))
    with store.engine.connect() as conn:
        for table in (schema.articles, schema.counts, schema.places, schema.events, schema.event_reports):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0


@pytest.mark.parametrize("filters, expected", [
    (EventFilter(country="kazakhstan"), 1),
    (EventFilter(country="KZ"), 1),
    (EventFilter(country="Serbia"), 0),
    (EventFilter(since="2022-01-05", until="2022-01-05"), 1),
    (EventFilter(since="2022-01-06"), 0),
    (EventFilter(event_type="riots"), 1),
    (EventFilter(event_type="Violent demonstration"), 1),
    (EventFilter(event_type="Battles"), 0),
])
def test_repository_event_filters(db_url: str, filters: EventFilter, expected: int) -> None:
    store = Store(db_url)
    store.add_article(record())
    assert len(list(store.events(filters))) == expected


def test_repository_unknown_event_id_is_a_clear_error(db_url: str) -> None:
    with pytest.raises(StoreError, match="No event with id 42"):
        Store(db_url).event(42)


def test_repository_bad_database_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="Can't open the database"):
        Store("nosuchdialect://x")
