"""The one-way pipeline: read -> clean -> parse -> extract -> resolve, one article record per article.

`process_document()` is pure (a parsed document and loaded resources in, a record out), so that
an engine such as Ray can map it over partitions. `process_inputs()` batches the spaCy parse and
turns every problem with one input into a `Rejected`, so that a batch never stops on bad input.
`process_inputs_parallel()` does the same with several worker processes, each with its own model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import BinaryIO, TypeVar

from spacy.language import Language

from .errors import InputError
from .extract import extract_counts, extract_quotes, find_attributions, find_mentions
from .ingest import Metadata, RawDocument, Rejected, clean, read_inputs
from .model import Article, ArticleRecord
from .nlp import Document, load_nlp, parse_articles
from .resolve import Gazetteer, as_of, build_events, normalize_times, resolve_places
from .settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
Outcome = tuple[str, ArticleRecord | Rejected]


@dataclass(frozen=True, slots=True)
class Resources:
    """What extraction loads once per process: the spaCy pipeline and the gazetteer."""

    nlp: Language
    gazetteer: Gazetteer
    settings: Settings


def load_resources(settings: Settings) -> Resources:
    return Resources(nlp=load_nlp(settings.model), gazetteer=Gazetteer.load(settings.cache_dir), settings=settings)


def process_document(document: Document, resources: Resources, *, warnings: tuple[str, ...] = ()) -> ArticleRecord:
    """Extract and resolve everything eventwire reports about one parsed article."""
    if document.article.language != "en":
        return ArticleRecord(article=document.article, warnings=warnings)
    times = normalize_times(document)
    places = resolve_places(document, resources.gazetteer)
    quotes = extract_quotes(document)
    counts = tuple(dataclasses.replace(count, as_of=as_of(document, times, count.evidence))
                   for count in extract_counts(document, quotes=quotes))
    events = build_events(document, find_mentions(document), times=times, places=places, counts=counts,
                          attributions=find_attributions(document), gazetteer=resources.gazetteer)
    return ArticleRecord(article=document.article, events=events, counts=counts, quotes=quotes,
                         places=places, times=times, warnings=warnings)


def process_inputs(inputs: Iterable[str], resources: Resources, *, defaults: Metadata | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[Outcome]:
    """Read, clean and process inputs in batches; yields (origin, record or rejection) in input order.

    `defaults` (the command line's metadata) fill what an input does not say itself.
    """
    defaults = defaults or Metadata()
    raws = read_inputs(inputs, max_chars=resources.settings.max_chars, stdin=stdin)
    for batch in _batches(raws, resources.settings.batch_size):
        yield from _process_batch(batch, resources, defaults)


def process_inputs_parallel(inputs: Iterable[str], settings: Settings, *, workers: int,
                            defaults: Metadata | None = None, stdin: BinaryIO | None = None) -> Iterator[Outcome]:
    """`process_inputs` on `workers` processes, each loading the spaCy model once; same results, same order.

    This process reads the inputs and hands batches of raw documents to the workers, so whatever
    consumes the results (the database writes) stays here. At most two batches per worker are in
    flight: memory stays bounded however long the corpus is.
    """
    defaults = defaults or Metadata()
    raws = read_inputs(inputs, max_chars=settings.max_chars, stdin=stdin)
    # spawn, not fork: the parent may run threads (progress bars, database drivers), and a forked
    # child of a threaded process can deadlock on a lock held at fork time.
    context = multiprocessing.get_context("spawn")
    pending: deque[AsyncResult[list[Outcome]]] = deque()
    with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        for batch in _batches(raws, settings.batch_size):
            pending.append(pool.apply_async(_process_batch_in_worker, (batch, defaults)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


# What a worker process loaded at start: its resources, or the error that loading raised. The error
# is raised with the first batch, so that it reaches the parent (ModelNotFound shows its install
# command there): a Pool whose initializer raises would restart the worker forever instead.
_worker_resources: Resources | Exception = RuntimeError("eventwire worker not started")


def _start_worker(settings: Settings) -> None:
    global _worker_resources
    try:
        _worker_resources = load_resources(settings)
    except Exception as e:  # any load failure, handed to the parent by _process_batch_in_worker
        _worker_resources = e


def _process_batch_in_worker(batch: list[RawDocument | Rejected], defaults: Metadata) -> list[Outcome]:
    if isinstance(_worker_resources, Exception):
        raise _worker_resources
    return list(_process_batch(batch, _worker_resources, defaults))


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _process_batch(batch: list[RawDocument | Rejected], resources: Resources, defaults: Metadata
                   ) -> Iterator[Outcome]:
    cleaned: list[tuple[str, Article, tuple[str, ...]] | tuple[str, Rejected]] = []
    for raw in batch:
        if isinstance(raw, Rejected):
            cleaned.append((raw.origin, raw))
            continue
        try:
            article, warnings = clean(raw, defaults=defaults)
        except InputError as e:
            cleaned.append((raw.origin, Rejected(raw.origin, str(e), raw.content[:100_000], _raw_hash(raw))))
            continue
        cleaned.append((raw.origin, article, warnings))
    to_parse = [item[1] for item in cleaned if len(item) == 3 and item[1].language == "en"]
    documents = {id(d.article): d for d in parse_articles(resources.nlp, to_parse,
                                                          batch_size=resources.settings.batch_size)}
    for item in cleaned:
        if len(item) == 2:
            yield item  # type: ignore[misc]
            continue
        origin, article, warnings = item  # type: ignore[misc]
        document = documents.get(id(article))
        if document is None:  # not English: kept, with its warning, but not parsed
            yield origin, ArticleRecord(article=article, warnings=warnings)
        else:
            yield origin, process_document(document, resources, warnings=warnings)


def _raw_hash(raw: RawDocument) -> str:
    return hashlib.sha1(raw.content.encode("utf-8")).hexdigest()[:16]
