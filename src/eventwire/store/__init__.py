"""Store stage: the event database (SQLAlchemy; SQLite by default, PostgreSQL by URL)."""

from .repository import EventFilter, Figure, Source, Store, StoredEvent, StoreOutcome, database_url

__all__ = ["EventFilter", "Figure", "Source", "Store", "StoreOutcome", "StoredEvent", "database_url"]
