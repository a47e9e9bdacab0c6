"""The `eventwire` command line. Each command parses options, calls the library, and prints.

Data goes to stdout; messages and progress bars go to stderr. Exit status: 0 ok, 1 user error,
2 usage error.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import E053, EventwireError
from .evaluate import ArticleScore, Metrics, load_gold, mean_metrics, pick_record, read_records, score_gold
from .export import BINARY_FORMATS, WRITERS
from .fuse import sentence_around
from .ingest import Metadata, Rejected
from .model import ArticleRecord
from .pipeline import Outcome, load_resources, process_inputs, process_inputs_parallel
from .settings import Settings, load_settings
from .store import EventFilter, Store, StoredEvent

stderr = Console(stderr=True)


class Context:
    """Options every command shares."""

    def __init__(self, quiet: bool, verbose: int, config: str | None) -> None:
        self.quiet, self.verbose, self.config = quiet, verbose, config

    def settings(self, **flags: Any) -> Settings:
        return load_settings(self.config, **flags)

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)


def _errors_as_click(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn eventwire's own errors into one-line messages; any other exception stays a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventwireError as e:
            raise click.ClickException(str(e)) from e

    return wrapper


def _db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", help="SQLite file or database URL (default: data/eventwire.db).")(func)


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed((
        click.option("--country", help="Country name or ISO code."),
        click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this day."),
        click.option("--type", "event_type", help="ACLED event type or sub-event type."),
    )):
        func = option(func)
    return func


def _metadata_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed((
        click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs that lack one."),
        click.option("--outlet", metavar="NAME", help="Outlet for inputs that lack one."),
        click.option("--url", help="URL for inputs that lack one."),
    )):
        func = option(func)
    return func


def _workers_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--workers", type=click.IntRange(min=1), metavar="N",
                        help="Parse and extract in N processes (default 1; each loads the model once).")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
@click.option("-q", "--quiet", is_flag=True, help="Print only data and errors.")
@click.option("-v", "--verbose", count=True, help="Log more (-vv for debug).")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file (default: ./eventwire.toml).")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int, config: str | None) -> None:
    """Turn news reports about unrest, conflict and disasters into an ACLED-style event database.

    Example:

        eventwire ingest examples/corpus && eventwire events
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Context(quiet, verbose, config)


@contextmanager
def _progress(ctx: Context, what: str) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal; nothing in pipes or with --quiet."""
    if ctx.quiet or not stderr.is_terminal:
        yield lambda: None
        return
    with Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=stderr,
                  transient=True) as progress:
        task = progress.add_task(what, total=None)
        yield lambda: progress.advance(task)


def _records(ctx: Context, inputs: tuple[str, ...], settings: Settings, metadata: Metadata) -> Iterator[Outcome]:
    stdin = sys.stdin.buffer if "-" in inputs else None
    if settings.workers > 1:
        outcomes = process_inputs_parallel(inputs, settings, workers=settings.workers, defaults=metadata, stdin=stdin)
    else:
        outcomes = process_inputs(inputs, load_resources(settings), defaults=metadata, stdin=stdin)
    with _progress(ctx, "Reading articles") as advance:
        for origin, outcome in outcomes:
            if isinstance(outcome, Rejected):
                click.echo(f"eventwire: {outcome.origin}: {outcome.reason}", err=True)
            yield origin, outcome
            advance()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_metadata_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@_workers_option
@click.pass_obj
@_errors_as_click
def extract(ctx: Context, inputs: tuple[str, ...], published: str | None, outlet: str | None, url: str | None,
            fmt: str, output: str | None, workers: int | None) -> None:
    """Extract article records (events, figures, quotes, places, times) from INPUTS.

    INPUTS are .txt, .html or .jsonl files, folders (read recursively), or - for stdin.

    Example:

        eventwire extract report.txt --published 2022-01-07 --outlet "France 24" -o out.jsonl
    """
    settings = ctx.settings(workers=workers)
    read = written = 0
    with _open_text(output) as out:
        for _origin, outcome in _records(ctx, inputs, settings, Metadata(url=url, published=published,
                                                                          outlet=outlet)):
            read += 1
            if isinstance(outcome, Rejected):
                continue
            written += 1
            if fmt == "jsonl":
                out.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
            else:
                _print_record(outcome, out)
    ctx.say(f"{written} of {read} inputs extracted" + (f" to {output}" if output else ""))
    if written == 0:
        raise click.ClickException("nothing could be read from the inputs")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_metadata_options
@_db_option
@_workers_option
@click.pass_obj
@_errors_as_click
def ingest(ctx: Context, inputs: tuple[str, ...], published: str | None, outlet: str | None, url: str | None,
           db: str | None, workers: int | None) -> None:
    """Extract events from INPUTS and store them, merging reports of the same event.

    Re-ingesting an article adds nothing. Inputs that cannot be read are kept in quarantine
    (see `eventwire quarantine`). Every input is counted once: stored, already in the database,
    or quarantined. With --workers N, N processes parse and extract; this one writes.

    Example:

        eventwire ingest examples/corpus --db data/eventwire.db --workers 2
    """
    settings = ctx.settings(db=db, workers=workers)
    store = Store(settings.db)
    read = stored = duplicates = quarantined = created = merged = 0
    for origin, outcome in _records(ctx, inputs, settings, Metadata(url=url, published=published, outlet=outlet)):
        read += 1
        if isinstance(outcome, Rejected):
            quarantined += 1
            store.quarantine(outcome)
            continue
        result = store.add_article(outcome, origin=origin)
        if not result.stored:
            duplicates += 1
            continue
        stored += 1
        created += result.events_created
        merged += result.events_merged
    ctx.say(f"{read} articles read: {stored} stored, {duplicates} already in the database, "
            f"{quarantined} quarantined; {created} new events, {merged} reports merged into known events "
            f"({store.url})")
    if read and read == quarantined:
        raise click.ClickException("nothing could be read from the inputs")


@main.command()
@_db_option
@_filter_options
@click.option("--limit", type=int, default=None, help="Show at most this many events.")
@click.pass_obj
@_errors_as_click
def events(ctx: Context, db: str | None, country: str | None, since: str | None, until: str | None,
           event_type: str | None, limit: int | None) -> None:
    """List stored events: date, place, type, fatalities and sources.

    Example:

        eventwire events --country Kazakhstan --since 2022-01-01 --type Riots
    """
    store = Store(ctx.settings(db=db).db)
    rows = []
    for stored in store.events(EventFilter(country, since, until, event_type)):
        if limit is not None and len(rows) >= limit:
            break
        ev = stored.event
        rows.append((str(stored.id), ev.date or "", ev.country or "", ev.location or "", ev.event_type,
                     ev.sub_event_type, "" if ev.fatalities is None else str(ev.fatalities),
                     ", ".join(dict.fromkeys(s.outlet or s.article_id for s in stored.sources))))
    _print_rows(("id", "date", "country", "location", "type", "sub-type", "fatalities", "sources"), rows,
                title=f"Events in {store.url}")
    ctx.say(f"{len(rows)} events")


def _print_rows(columns: tuple[str, ...], rows: list[tuple[str, ...]], *, title: str) -> None:
    """A table on a terminal; tab-separated values with a header line in a pipe."""
    console = Console()
    if not console.is_terminal:
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(value.replace("\t", " ") for value in row))
        return
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


@main.command()
@click.argument("event_id", type=int)
@_db_option
@click.pass_obj
@_errors_as_click
def show(ctx: Context, event_id: int, db: str | None) -> None:
    """Show one event: every field, its evidence sentences, its sources and their figures.

    Example:

        eventwire show 3
    """
    store = Store(ctx.settings(db=db).db)
    stored = store.event(event_id)
    _print_event(stored, store)


@main.command()
@_db_option
@click.pass_obj
@_errors_as_click
def stats(ctx: Context, db: str | None) -> None:
    """Summarise the database: articles, events by type and country, quarantine.

    Example:

        eventwire stats --db data/eventwire.db
    """
    summary = Store(ctx.settings(db=db).db).stats()
    console = Console()
    for key, value in summary.items():
        if isinstance(value, dict):
            console.print(f"{key}:", highlight=False)
            for name, n in value.items():
                console.print(f"  {name:40s} {n}", highlight=False, markup=False)
        else:
            console.print(f"{key:15s} {value}", highlight=False, markup=False)


@main.command()
@_db_option
@click.pass_obj
@_errors_as_click
def quarantine(ctx: Context, db: str | None) -> None:
    """List the inputs that could not be read, with the reason.

    Example:

        eventwire quarantine
    """
    rows = Store(ctx.settings(db=db).db).quarantined()
    for row in rows:
        click.echo(f"{row['created_at']}  {row['origin']}: {row['reason']}")
    ctx.say(f"{len(rows)} inputs in quarantine")


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@_filter_options
@click.pass_obj
@_errors_as_click
def export(ctx: Context, db: str | None, fmt: str, output: str | None, country: str | None, since: str | None,
           until: str | None, event_type: str | None) -> None:
    """Export stored events as ACLED CSV, GeoJSON, JSONL (with sources) or Parquet.

    Example:

        eventwire export --format acled -o events.csv --country Serbia
    """
    store = Store(ctx.settings(db=db).db)
    stored = store.events(EventFilter(country, since, until, event_type))
    writer = WRITERS[fmt]
    if fmt in BINARY_FORMATS:
        if output is None and sys.stdout.isatty():
            raise click.UsageError(f"{fmt} is binary: write it to a file with -o FILE.")
        with open(output, "wb") if output else _nullcontext(sys.stdout.buffer) as out:
            n = writer(stored, out)
    else:
        with _open_text(output) as out:
            n = writer(stored, out)
    ctx.say(f"{n} events exported as {fmt}" + (f" to {output}" if output else ""))


@main.command("eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", type=click.Path(exists=True, dir_okay=False),
              help="Score these article records (the JSONL eventwire extract writes) instead of extracting.")
@click.option("--docs-root", type=click.Path(exists=True, file_okay=False),
              help="Folder that the gold files' `doc` paths are relative to (default: each gold file's folder).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write every article's metrics, the mean and the misses to this JSON file.")
@click.option("--misses", "show_misses", is_flag=True, help="List what each article missed.")
@click.pass_obj
@_errors_as_click
def eval_(ctx: Context, gold_files: tuple[str, ...], pred: str | None, docs_root: str | None,
          json_path: str | None, show_misses: bool) -> None:
    """Score eventwire against hand-made gold annotations of articles (docs/gold-format.md).

    Without --pred, each gold file's `doc` is extracted with the gold's metadata. Prints each
    article's metrics and their mean (totals for events_predicted, negation_violations,
    false_counts, bad_spans and spans).

    Example:

        eventwire eval gold/*.json --json scores.json
    """
    golds = [load_gold(path) for path in gold_files]
    scores: list[ArticleScore] = []
    if pred:
        records = read_records(pred)
        for gold in golds:
            record = pick_record(records, gold)
            scores.append(score_gold(gold, record) if record else ArticleScore(gold.path, None, error=E053))
    else:
        resources = load_resources(ctx.settings())
        for gold in golds:
            # A gold file annotates one article: the first its document holds.
            origin, outcome = next(process_inputs([str(gold.document(docs_root))], resources,
                                                  defaults=gold.metadata))
            if isinstance(outcome, Rejected):
                scores.append(ArticleScore(gold.path, None, error=f"{origin}: {outcome.reason}"))
            else:
                scores.append(score_gold(gold, outcome.to_dict()))
    scored = [s.metrics for s in scores if s.metrics is not None]
    mean = mean_metrics(scored)
    names = [f.name for f in dataclasses.fields(Metrics)]
    rows = [(Path(s.gold).stem, *_metric_cells(s.metrics)) for s in scores if s.metrics is not None]
    _print_rows(("article", *names), [*rows, ("mean", *_metric_cells(mean))], title="eventwire eval")
    for score in scores:
        if score.error:
            click.echo(f"eventwire: {score.gold}: {score.error}", err=True)
        if show_misses:
            for miss in score.misses:
                click.echo(f"{Path(score.gold).stem}: {miss}", err=True)
    if json_path:
        report = {"articles": [{"gold": s.gold, "metrics": s.metrics and dataclasses.asdict(s.metrics),
                                "misses": list(s.misses), "error": s.error} for s in scores],
                  "mean": dataclasses.asdict(mean)}
        with _open_text(json_path) as out:
            json.dump(report, out, indent=1, ensure_ascii=False)
    ctx.say(f"{len(scored)} of {len(scores)} gold articles scored")
    if not scored:
        raise click.ClickException("no gold article could be scored")


def _metric_cells(metrics: Metrics) -> tuple[str, ...]:
    values = dataclasses.astuple(metrics)
    return tuple("-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v) for v in values)


@main.command()
@click.pass_obj
@_errors_as_click
def config(ctx: Context) -> None:
    """Print the effective settings (defaults, eventwire.toml, EVENTWIRE_* environment).

    Example:

        EVENTWIRE_DB=postgresql://localhost/events eventwire config
    """
    import spacy

    settings = ctx.settings()
    for key, value in dataclasses.asdict(settings).items():
        click.echo(f"{key} = {value!r}")
    click.echo(f"# eventwire {__version__}, spaCy {spacy.__version__}")


@contextmanager
def _open_text(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


@contextmanager
def _nullcontext(value: Any) -> Iterator[Any]:
    yield value


def _print_record(record: ArticleRecord, out: TextIO) -> None:
    console = Console(file=out)
    article = record.article
    console.print(f"[bold]{article.title or article.id}[/bold] ({article.outlet or 'unknown outlet'}, "
                  f"{article.published or 'no date'})", highlight=False)
    table = Table(show_lines=False)
    for column in ("date", "place", "type", "sub-type", "actor1", "actor2", "deaths", "modality", "evidence"):
        table.add_column(column, overflow="fold")
    for ev in record.events:
        table.add_row(ev.date or "", ev.location or ev.country or "", ev.event_type, ev.sub_event_type,
                      ev.actor1 or "", ev.actor2 or "", "" if ev.fatalities is None else str(ev.fatalities),
                      ev.modality, ev.evidence[0].text)
    console.print(table)
    for count in record.counts:
        console.print(f"  {count.kind}: {count.evidence.text!r} ({count.claimed_by or 'unattributed'})",
                      highlight=False, markup=False)
    for warning in record.warnings:
        console.print(f"  warning: {warning}", highlight=False, markup=False)


def _print_event(stored: StoredEvent, store: Store) -> None:
    console = Console()
    ev = stored.event
    console.print(f"[bold]Event {stored.id}[/bold]: {ev.event_type} / {ev.sub_event_type}", highlight=False)
    for name in ("date", "date_end", "time_precision", "country", "iso", "admin1", "location", "latitude",
                 "longitude", "geo_precision", "geonames_id", "actor1", "inter1", "actor2", "inter2", "plover",
                 "fatalities", "claimed_by", "confidence", "notes"):
        console.print(f"  {name:15s} {getattr(ev, name)}", highlight=False, markup=False)
    console.print("[bold]Evidence[/bold]")
    for report in stored.reports:
        source = next(s for s in stored.sources if s.article_id == report.article_id)
        text = store.evidence_text(report.article_id)
        for span in report.event.evidence:
            sentence = sentence_around(text, span.start, span.end)
            console.print(f"  [{source.outlet or source.article_id}, {source.published or 'no date'}] {sentence}",
                          highlight=False, markup=False)
    console.print("[bold]Sources[/bold]")
    for source in stored.sources:
        console.print(f"  {source.article_id}  {source.outlet or ''}  {source.published or ''}  {source.url or ''}",
                      highlight=False, markup=False)
    if stored.figures:
        console.print("[bold]Figures[/bold] (every source's, side by side)")
        table = Table()
        for column in ("kind", "figure", "subject", "claimed by", "source", "published"):
            table.add_column(column, overflow="fold")
        for figure in stored.figures:
            c = figure.count
            table.add_row(c.kind, c.evidence.text, c.subject or "", c.claimed_by or "",
                          figure.outlet or figure.article_id, figure.published or "")
        console.print(table)

