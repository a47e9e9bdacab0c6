"""Read and write the event database. One `Store` per process holds the engine."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import E030, E031, StoreError
from ..fuse import (
    DATE_WINDOW_DAYS,
    PLACE_LIMIT_RADII,
    PLACE_RADIUS_KM,
    Partition,
    Report,
    canonical_event,
    date_window_days,
    evidence_context,
    is_linked,
    partition_reports,
    report_key,
)
from ..ingest import Rejected
from ..model import ArticleRecord, Count, Event, Span
from ..vocab import event_family
from . import schema
from .schema import metadata

EVENT_COLUMNS = tuple(c.name for c in schema.EVENT_FIELDS)


@dataclass(frozen=True, slots=True)
class Source:
    """An article merged into an event (contract: the JSONL export's `sources`)."""

    article_id: str
    source_id: str | None
    url: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure an article gives for an event, kept whatever the other sources say."""

    article_id: str
    outlet: str | None
    published: str | None
    count: Count


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A fused event: the canonical fields, its reports and sources, and every figure."""

    id: int
    event: Event
    sources: tuple[Source, ...]
    reports: tuple[Report, ...]
    figures: tuple[Figure, ...]
    updated_at: str


@dataclass(frozen=True, slots=True)
class EventFilter:
    country: str | None = None  # name or ISO code
    since: str | None = None
    until: str | None = None
    event_type: str | None = None  # event type or sub-event type


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    stored: bool  # False: the article was already in the database
    events_created: int = 0
    events_merged: int = 0


def database_url(db: str) -> str:
    """A database URL from a path ("data/eventwire.db") or a URL ("postgresql://...")."""
    return db if "://" in db else f"sqlite:///{db}"


class Store:
    """The event database: articles, fused events, figures, quotes, places, times, quarantine."""

    def __init__(self, db: str) -> None:
        self.url = database_url(db)
        try:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            metadata.create_all(self.engine)
        except (SQLAlchemyError, OSError) as e:
            raise StoreError(E030.format(url=self.url, reason=_reason(e))) from e

    # -- writing ---------------------------------------------------------------------------
    def add_article(self, record: ArticleRecord, *, origin: str | None = None) -> StoreOutcome:
        """Store an article record and fuse its asserted events, in one transaction."""
        article = record.article
        now = _now()
        with self.engine.begin() as conn:
            if conn.execute(select(schema.articles.c.id).where(schema.articles.c.id == article.id)).first():
                return StoreOutcome(stored=False)
            row = {f.name: getattr(article, f.name) for f in dataclasses.fields(article)}
            conn.execute(insert(schema.articles).values(
                **row | {"agencies": list(article.agencies)}, warnings=list(record.warnings), origin=origin,
                ingested_at=now))
            for table, items, columns in (
                (schema.counts, record.counts, _count_row),
                (schema.quotes, record.quotes, _quote_row),
                (schema.places, record.places, _place_row),
                (schema.times, record.times, _time_row),
            ):
                rows = [{"article_id": article.id, "idx": i, **columns(item)} for i, item in enumerate(items)]
                if rows:
                    conn.execute(insert(table), rows)
            reports = [Report(article.id, ev, article.published, evidence_context(article.text, ev.evidence))
                       for ev in record.asserted_events]
            created, merged = self._fuse(conn, reports, now=now)
        return StoreOutcome(stored=True, events_created=created, events_merged=merged)

    def _fuse(self, conn: Connection, new_reports: Sequence[Report], *, now: str) -> tuple[int, int]:
        """Fuse an article's reports with the stored ones: (events created, reports merged).

        The linked components the new reports touch are partitioned again as a whole, together with
        the new reports (fuse.partition_reports), and their events rewritten: what a batch run
        over every report would give, whatever order the articles came in.
        """
        if not new_reports:
            return 0, 0
        stored = self._linked_components(conn, new_reports)
        partition = partition_reports([report for _, _, report in stored] + list(new_reports))
        return self._write_partition(conn, partition, stored, new_reports, now=now)

    def _linked_components(self, conn: Connection, new_reports: Sequence[Report]
                           ) -> list[tuple[int, int, Report]]:
        """(event id, row id, report) of every stored report in a component the new reports link to."""
        linked = {event_id for report in new_reports for event_id, candidate in self._candidates(conn, report)
                  if is_linked(report, candidate)}
        if not linked:
            return []
        ev = schema.events
        components = select(ev.c.component).where(ev.c.id.in_(sorted(linked))).scalar_subquery()
        old_ids = [row.id for row in conn.execute(select(ev.c.id).where(ev.c.component.in_(components)))]
        return [(event_id, row_id, report) for event_id, rows in self._report_rows(conn, old_ids).items()
                for row_id, report in rows]

    def _write_partition(self, conn: Connection, partition: Partition, stored: Sequence[tuple[int, int, Report]],
                         new_reports: Sequence[Report], *, now: str) -> tuple[int, int]:
        """Rewrite the events of re-partitioned components; (events created, new reports merged).

        A new group of reports keeps the id of the stored event it shares most reports with, so
        that event ids stay stable for `eventwire show`; events left without reports are deleted.
        """
        ev, rep = schema.events, schema.event_reports
        old_members: dict[int, set[tuple[str, str]]] = {}
        row_of: dict[tuple[str, str], tuple[int, int]] = {}
        for event_id, row_id, report in stored:
            old_members.setdefault(event_id, set()).add(report_key(report))
            row_of[report_key(report)] = (event_id, row_id)
        new_keys = {report_key(r) for r in new_reports}
        event_ids: list[int] = []
        created = merged = 0
        for reports in partition.events:
            keys = {report_key(r) for r in reports}
            reused = _reused_event(keys, old_members, taken=set(event_ids))
            columns = _event_columns(canonical_event(reports))
            if reused is None:
                event_id = conn.execute(insert(ev).values(**columns, updated_at=now)).inserted_primary_key[0]
            else:
                event_id = reused
                if keys != old_members[reused]:
                    conn.execute(update(ev).where(ev.c.id == event_id).values(**columns, updated_at=now))
            event_ids.append(event_id)
            joins_stored = bool(keys - new_keys)
            created += not joins_stored and bool(keys & new_keys)
            merged += len(keys & new_keys) if joins_stored else 0
            for report in reports:
                key = report_key(report)
                if key in new_keys:
                    conn.execute(insert(rep).values(**_report_row(report), event_id=event_id))
                elif row_of[key][0] != event_id:
                    conn.execute(update(rep).where(rep.c.id == row_of[key][1]).values(event_id=event_id))
        emptied = sorted(set(old_members) - set(event_ids))
        if emptied:
            conn.execute(delete(ev).where(ev.c.id.in_(emptied)))
        for members in partition.components:
            ids = [event_ids[i] for i in members]
            conn.execute(update(ev).where(ev.c.id.in_(ids)).values(component=min(ids)))
        return created, merged

    def _candidates(self, conn: Connection, report: Report) -> list[tuple[int, Report]]:
        """Stored reports that could tell the same event as `report`, with their event ids."""
        query = self._candidate_query(report)
        if query is None:
            return []
        return [(row.event_id, _report_of(row._mapping)) for row in conn.execute(query)]

    def _candidate_query(self, report: Report) -> Select[Any] | None:
        """The blocking query: an index range scan of event_reports, None for a report without a date.

        Same country (or both unknown), an event type of the same family, and a date within the
        window of the coarser time precision of the two (one range per stored precision).
        Everything else is fuse.compare's to judge.
        """
        ev = report.event
        if ev.date is None:
            return None
        rep = schema.event_reports
        day = date.fromisoformat(ev.date)
        ranges = []
        for precision in sorted(DATE_WINDOW_DAYS):
            window = timedelta(days=date_window_days(max(precision, ev.time_precision)))
            ranges.append(and_(rep.c.time_precision == precision,
                               rep.c.date.between((day - window).isoformat(), (day + window).isoformat())))
        query = select(rep).where(
            rep.c.iso.is_(None) if ev.iso is None else rep.c.iso == ev.iso,
            rep.c.event_type.in_(sorted(event_family(ev.event_type))), or_(*ranges))
        box = _bounding_box(ev)
        if box is not None:
            # Not indexed, but it spares decoding reports too far away to be the same event.
            south, north, west, east = box
            query = query.where(or_(rep.c.latitude.is_(None), rep.c.longitude.is_(None), and_(
                rep.c.latitude.between(south, north), rep.c.longitude.between(west, east))))
        return query

    def quarantine(self, rejected: Rejected) -> bool:
        """Keep a rejected input and its reason; False when it was already quarantined."""
        table = schema.quarantine
        with self.engine.begin() as conn:
            if conn.execute(select(table.c.id).where(and_(
                    table.c.content_hash == rejected.content_hash, table.c.reason == rejected.reason))).first():
                return False
            conn.execute(insert(table).values(origin=rejected.origin, reason=rejected.reason,
                                              content_hash=rejected.content_hash, content=rejected.content,
                                              created_at=_now()))
        return True

    # -- reading ---------------------------------------------------------------------------
    def events(self, filters: EventFilter = EventFilter()) -> Iterator[StoredEvent]:
        """Fused events matching the filters, by date then id."""
        table = schema.events
        query = select(table.c.id).order_by(table.c.date, table.c.id)
        if filters.country:
            wanted = filters.country.casefold()
            query = query.where((func.lower(table.c.country) == wanted) | (func.lower(table.c.iso) == wanted))
        if filters.since:
            query = query.where(table.c.date >= filters.since)
        if filters.until:
            query = query.where(table.c.date <= filters.until)
        if filters.event_type:
            wanted = filters.event_type.casefold()
            query = query.where((func.lower(table.c.event_type) == wanted)
                                | (func.lower(table.c.sub_event_type) == wanted))
        with self.engine.connect() as conn:
            ids = [row.id for row in conn.execute(query)]
            for start in range(0, len(ids), 500):
                yield from self._load_events(conn, ids[start:start + 500])

    def event(self, event_id: int) -> StoredEvent:
        with self.engine.connect() as conn:
            found = self._load_events(conn, [event_id])
        if not found:
            raise StoreError(E031.format(event_id=event_id, url=self.url))
        return found[0]

    def evidence_text(self, article_id: str) -> str:
        """The cleaned text of a stored article, which evidence offsets point into."""
        with self.engine.connect() as conn:
            return str(conn.execute(select(schema.articles.c.text).where(
                schema.articles.c.id == article_id)).scalar_one())

    def stats(self) -> dict[str, Any]:
        """Row counts and the spread of events by type and country."""
        with self.engine.connect() as conn:
            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            ev = schema.events
            by_type = conn.execute(select(ev.c.event_type, func.count()).group_by(ev.c.event_type)
                                   .order_by(func.count().desc())).all()
            by_country = conn.execute(select(ev.c.country, func.count()).group_by(ev.c.country)
                                      .order_by(func.count().desc())).all()
            first, last = conn.execute(select(func.min(ev.c.date), func.max(ev.c.date))).one()
            return {
                "database": self.url, "articles": count(schema.articles), "events": count(ev),
                "event_reports": count(schema.event_reports), "counts": count(schema.counts),
                "quotes": count(schema.quotes), "places": count(schema.places), "times": count(schema.times),
                "quarantined": count(schema.quarantine), "first_event": first, "last_event": last,
                "by_type": {t: n for t, n in by_type}, "by_country": {c or "unknown": n for c, n in by_country},
            }

    def quarantined(self) -> list[dict[str, Any]]:
        table = schema.quarantine
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(
                select(table.c.origin, table.c.reason, table.c.created_at).order_by(table.c.id))]

    def _report_rows(self, conn: Connection, event_ids: Sequence[int]) -> dict[int, list[tuple[int, Report]]]:
        """Each event's reports with their row ids, in row order."""
        rep = schema.event_reports
        out: dict[int, list[tuple[int, Report]]] = {eid: [] for eid in event_ids}
        for start in range(0, len(event_ids), 500):
            rows = conn.execute(select(rep).where(rep.c.event_id.in_(event_ids[start:start + 500])).order_by(rep.c.id))
            for row in rows:
                out[row.event_id].append((row.id, _report_of(row._mapping)))
        return out

    def _reports(self, conn: Connection, event_ids: Sequence[int]) -> dict[int, list[Report]]:
        return {eid: [report for _, report in rows] for eid, rows in self._report_rows(conn, event_ids).items()}

    def _load_events(self, conn: Connection, event_ids: Sequence[int]) -> list[StoredEvent]:
        if not event_ids:
            return []
        reports = self._reports(conn, event_ids)
        article_ids = {r.article_id for rs in reports.values() for r in rs}
        art, cnt = schema.articles, schema.counts
        sources = {row.id: Source(row.id, row.source_id, row.url, row.outlet, row.published)
                   for row in conn.execute(select(art.c.id, art.c.source_id, art.c.url, art.c.outlet,
                                                  art.c.published).where(art.c.id.in_(article_ids)))}
        counts: dict[tuple[str, int], Count] = {}
        for row in conn.execute(select(cnt).where(cnt.c.article_id.in_(article_ids))):
            values = dict(row._mapping)
            evidence = Span(values.pop("start"), values.pop("end"), values.pop("text"))
            key = (values.pop("article_id"), values.pop("idx"))
            counts[key] = Count(evidence=evidence, **values)
        rows = {row.id: row for row in conn.execute(select(schema.events).where(schema.events.c.id.in_(event_ids)))}
        out = []
        for eid in (eid for eid in event_ids if eid in rows):
            row = rows[eid]._mapping
            # Publication order, not ingest order: sources and evidence read the same however
            # the articles arrived.
            event_reports = tuple(sorted(reports[eid], key=lambda r: (r.published or "", *report_key(r))))
            event_sources = tuple(dict.fromkeys(sources[r.article_id] for r in event_reports))
            figures = tuple(
                Figure(r.article_id, sources[r.article_id].outlet, sources[r.article_id].published,
                       counts[(r.article_id, i)])
                for r in event_reports for i in r.event.counts if (r.article_id, i) in counts)
            canonical = Event(event_id=str(eid), evidence=tuple(s for r in event_reports for s in r.event.evidence),
                              **{c: row[c] for c in EVENT_COLUMNS})
            out.append(StoredEvent(eid, canonical, event_sources, event_reports, figures, row["updated_at"]))
        return out


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (eventwire events, a web view) work while an ingest writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _event_columns(ev: Event) -> dict[str, Any]:
    return {name: getattr(ev, name) for name in EVENT_COLUMNS}


def _report_row(report: Report) -> dict[str, Any]:
    ev = report.event
    return {"article_id": report.article_id, "local_id": ev.event_id, **_event_columns(ev),
            "evidence": [dataclasses.asdict(s) for s in ev.evidence], "counts": list(ev.counts),
            "published": report.published, "context": report.context}


def _report_of(values: Any) -> Report:
    ev = Event(event_id=values["local_id"], evidence=tuple(Span(**s) for s in values["evidence"]),
               counts=tuple(values["counts"]), **{c: values[c] for c in EVENT_COLUMNS})
    return Report(values["article_id"], ev, values["published"], values["context"])


def _bounding_box(ev: Event) -> tuple[float, float, float, float] | None:
    """(south, north, west, east) around an event's point, past which no place is compatible.

    None when the event has no point, or when the box would cross a pole or the antimeridian.
    """
    if ev.latitude is None or ev.longitude is None:
        return None
    # 110 km per degree (a little under the real 111.2) so that the box errs on the wide side.
    reach_deg = PLACE_LIMIT_RADII * max(PLACE_RADIUS_KM.values()) / 110.0
    south, north = ev.latitude - reach_deg, ev.latitude + reach_deg
    if south <= -89 or north >= 89:
        return None
    lon_reach = reach_deg / math.cos(math.radians(max(abs(south), abs(north))))
    west, east = ev.longitude - lon_reach, ev.longitude + lon_reach
    if west < -180 or east > 180:
        return None
    return south, north, west, east


def _reused_event(keys: set[tuple[str, str]], old_members: dict[int, set[tuple[str, str]]], *,
                  taken: set[int]) -> int | None:
    """The stored event that a new group of reports continues: most reports in common, then lowest id."""
    shared = [(len(keys & members), -event_id) for event_id, members in old_members.items()
              if event_id not in taken and keys & members]
    return -max(shared)[1] if shared else None


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _count_row(count: Any) -> dict[str, Any]:
    fields = dataclasses.asdict(count)
    fields.pop("evidence")
    return fields | _span(count.evidence)


def _quote_row(quote: Any) -> dict[str, Any]:
    return {"speaker": quote.speaker, "speaker_role": quote.speaker_role, "quote": quote.text,
            "kind": quote.kind, "cue": quote.cue} | _span(quote.evidence)


def _place_row(place: Any) -> dict[str, Any]:
    fields = dataclasses.asdict(place)
    fields.pop("mention")
    return fields | _span(place.mention)


def _time_row(time: Any) -> dict[str, Any]:
    fields = dataclasses.asdict(time)
    fields.pop("mention")
    return fields | _span(time.mention)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _reason(error: Exception) -> str:
    return str(getattr(error, "orig", None) or error).splitlines()[0]
