"""Database tables (SQLAlchemy Core): SQLite by default, PostgreSQL with the same code.

An article's rows (article, places, times, counts, quotes, event reports) are written in one
transaction. Events are the fused, cross-article view: each has one or more reports, one per
article that describes it. Fusion (eventwire.fuse) reads candidate reports with the blocking
index of `event_reports` and rewrites the events of the linked components it touches.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", Text),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("agencies", JSON, nullable=False),
    Column("published", String(10)),
    Column("published_source", String(10)),
    Column("language", String(8), nullable=False),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("origin", Text),
    Column("ingested_at", String(32), nullable=False),
)

# Columns an event and an event report share: the contract's Event fields minus evidence/counts.
EVENT_FIELDS = (
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60), nullable=False),
    Column("plover", String(20)),
    Column("date", String(10)),
    Column("date_end", String(10)),
    Column("time_precision", Integer, nullable=False),
    Column("country", Text),
    Column("iso", String(2)),
    Column("admin1", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer, nullable=False),
    Column("geonames_id", Integer),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("inter1", String(40)),
    Column("inter2", String(40)),
    Column("fatalities", Integer),
    Column("claimed_by", Text),
    Column("confidence", Float, nullable=False),
    Column("notes", Text, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *(column._copy() for column in EVENT_FIELDS),
    Column("updated_at", String(32), nullable=False),
    # Events whose reports are linked (fuse.cluster): re-partitioned together when a report joins.
    Column("component", Integer, index=True),
    Index("ix_events_block", "iso", "date"),
)

event_reports = Table(
    "event_reports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False, index=True),
    Column("local_id", String(60), nullable=False),  # event_id in the article record
    *(column._copy() for column in EVENT_FIELDS),
    Column("evidence", JSON, nullable=False),
    Column("counts", JSON, nullable=False),  # indexes into the article's counts
    # Copied from the article, so that fusion reads candidates from this table alone.
    Column("published", String(10)),
    Column("context", Text, nullable=False),  # the sentences around the evidence (fuse.Report)
    UniqueConstraint("article_id", "local_id"),
    # Fusion's blocking query: same country, an event type of the same family, and a date window
    # that depends on the stored report's time precision. Its cost stays flat as the table grows.
    Index("ix_event_reports_block", "iso", "event_type", "time_precision", "date"),
)


def _span_columns() -> tuple[Column[int] | Column[str], ...]:
    return (Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
            Column("text", Text, nullable=False))


counts = Table(
    "counts", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # position in the article record's counts
    Column("kind", String(20), nullable=False),
    Column("value", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(20), nullable=False),
    Column("subject", Text),
    Column("claimed_by", Text),
    Column("as_of", String(10)),
    *_span_columns(),
)

quotes = Table(
    "quotes", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("speaker", Text),
    Column("speaker_role", Text),
    Column("quote", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("cue", Text),
    *_span_columns(),
)

places = Table(
    "places", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", Text),
    Column("iso", String(2)),
    Column("admin1", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geonames_id", Integer),
    Column("feature", String(10)),
    *_span_columns(),
)

times = Table(
    "times", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("value", String(10)),
    Column("value_end", String(10)),
    Column("anchor", String(10)),
    *_span_columns(),
)

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(40), nullable=False),
    Column("content", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    # The same bad input, quarantined again for the same reason, is not a new row.
    UniqueConstraint("content_hash", "reason"),
)
