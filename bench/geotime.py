"""Benchmark the time normaliser and the gazetteer on the bundled Wikinews corpus (examples/corpus).

usage: python bench/geotime.py [--skip-build]

Prints: the gazetteer's cold build time (into a temporary folder), the cached index's open time,
its memory (tracemalloc peak while opening, and the process's RSS growth), lookups per second,
and the throughput of normalize_times and resolve_places on parsed articles (parsing excluded).
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from eventwire.model import Article, content_id
from eventwire.nlp import load_nlp, parse_articles
from eventwire.resolve.gazetteer import Gazetteer, build_gazetteer, index_path
from eventwire.resolve.places import resolve_places
from eventwire.resolve.times import normalize_times

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


def _rss_mb() -> float:
    """The process's resident memory now (Linux /proc), else its peak (getrusage, KiB on Linux)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="skip the cold build (about 30 s)")
    options = parser.parse_args()
    rows: list[tuple[str, str]] = []

    if not options.skip_build:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            build_gazetteer(index_path(folder))
            rows.append(("gazetteer cold build", f"{time.perf_counter() - started:.1f} s"))

    Gazetteer.load()  # make sure the cached index exists before timing its opening
    rss_before = _rss_mb()
    tracemalloc.start()
    started = time.perf_counter()
    gazetteer = Gazetteer(index_path())
    opened = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("gazetteer cached load", f"{opened * 1000:.1f} ms"))
    rows.append(("gazetteer load memory (tracemalloc peak)", f"{peak / 1e6:.1f} MB"))
    rows.append(("gazetteer load memory (RSS growth)", f"{_rss_mb() - rss_before:.1f} MB"))
    rows.append(("gazetteer index file", f"{gazetteer.path.stat().st_size / 1e6:.0f} MB on disk"))

    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    articles = [
        Article(id=content_id(t), text=t, published=path.name[:10])
        for t, path in zip(texts, sorted(CORPUS.glob("*.txt")), strict=True)
    ]
    documents = list(parse_articles(load_nlp(), articles))

    names = [token.text for document in documents for token in document.doc if token.text[:1].isupper()]
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    warm = time.perf_counter() - started
    rows.append(
        (
            "gazetteer lookups (first time / memoised)",
            f"{len(names) / cold:,.0f} / {len(names) / warm:,.0f} per s",
        )
    )

    started = time.perf_counter()
    expressions = sum(len(normalize_times(document)) for document in documents)
    elapsed = time.perf_counter() - started
    rows.append(
        (
            "normalize_times",
            f"{expressions / elapsed:,.0f} expressions/s ({len(documents) / elapsed:.0f} articles/s)",
        )
    )

    started = time.perf_counter()
    mentions = sum(len(resolve_places(document, gazetteer)) for document in documents)
    elapsed = time.perf_counter() - started
    rows.append(
        (
            "resolve_places",
            f"{mentions / elapsed:,.0f} mentions/s ({len(documents) / elapsed:.0f} articles/s)",
        )
    )

    width = max(len(label) for label, _ in rows)
    print(f"{'measure':<{width}}  value")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
