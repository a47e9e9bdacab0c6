"""Throughput and memory of eventwire's extraction, against a bare spaCy parse of the same texts.

usage: python bench/throughput.py [CORPUS ...] [--articles N] [--workers N] [--repeat N] [--profile] [--json FILE]

CORPUS is what `eventwire extract` takes (JSONL files, folders); by default the bundled sample,
repeated to --articles articles. In one run, with one loaded model, it measures:

- eventwire, 1 process: `process_inputs` (read, clean, parse, extract, resolve), model loaded;
- bare spaCy: `nlp.pipe` over the same cleaned texts, same model and batch size;
- eventwire, N processes: `process_inputs_parallel`, counting the workers' start (each loads the
  model), against 1 process counting its model load too: what a user waits for either way;
- peak resident memory of this process after the 1-process pipeline, of the largest worker, and
  after the bare parse (whose `nlp.pipe` batches are not bounded in characters).

The parallel run comes first and cold, like a user's `--workers 2`; the 1-process runs follow a
short warm-up.

Wall-clock figures depend on what else runs on the machine: the load average before and after is
printed with them, and the ratio to bare spaCy is also given in CPU time, which other processes
do not inflate as much.

--profile adds where eventwire's own time goes (cProfile of the 1-process run, so Python code
looks slower than it is next to spaCy's compiled code: read shares, not seconds).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventwire.model import ArticleRecord
from eventwire.pipeline import load_resources, process_inputs, process_inputs_parallel
from eventwire.settings import Settings

SAMPLE = Path(__file__).parent.parent / "examples" / "corpus" / "wikinews-sample.jsonl"
# The pipeline's stages, as the functions that run them, for the profile summary.
STAGES = (("read", "readers.py", "read_inputs"), ("clean", "cleaning.py", "clean"),
          ("spaCy parse", "parse.py", "parse_articles"), ("times", "times.py", "normalize_times"),
          ("places", "places.py", "resolve_places"), ("counts", "counts.py", "extract_counts"),
          ("quotes", "quotes.py", "extract_quotes"), ("event mentions", "events.py", "find_mentions"),
          ("events", "events.py", "build_events"))


def repeated_sample(articles: int, folder: Path) -> Path:
    """The bundled sample repeated to `articles` lines, each copy with its own closing line (distinct ids)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            article = json.loads(lines[n % len(lines)])
            article["id"] = f"{article['id']}#{n}"
            article["text"] += f"\n\nThis is copy {n // len(lines)} of the report."
            out.write(json.dumps(article) + "\n")
    return path


def timed(run: Callable[[], Any], *, repeat: int = 1) -> tuple[Any, float, float]:
    """The result of `run`, its wall-clock seconds, and the CPU seconds of this process: the fastest of `repeat` runs.

    The fastest run is the one that other processes on the machine slowed down least.
    """
    best: tuple[Any, float, float] | None = None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        if best is None or wall < best[1]:
            best = (result, wall, cpu)
    assert best is not None, "repeat must be at least 1"
    return best


def children_cpu_seconds() -> float:
    """CPU seconds of this process's finished children (the workers, once their pool has closed)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb(who: int) -> float:
    """Peak resident memory in MB (Linux reports KB) of this process or of its largest finished child."""
    return resource.getrusage(who).ru_maxrss / 1024


def profile_summary(inputs: Sequence[str], settings: Settings) -> dict[str, Any]:
    """Cumulative time per pipeline stage and eventwire's own functions with the most time."""
    resources = load_resources(settings)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in process_inputs(inputs, resources):
        pass
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    stages = {}
    for label, filename, function in STAGES:
        stages[label] = sum(ct for (path, _, name), (_, _, _, ct, _) in stats.items()
                            if path.endswith(filename) and "eventwire" in path and name == function)
    own = sorted(((tt, f"{Path(path).parent.name}/{Path(path).name}:{name}")
                  for (path, _, name), (_, _, tt, _, _) in stats.items() if "/eventwire/" in path), reverse=True)
    return {"profiled_seconds": round(total, 2),
            "stages_share": {k: round(v / total, 3) for k, v in stages.items()},
            "own_time_share": {name: round(tt / total, 3) for tt, name in own[:12]}}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", help="JSONL files or folders (default: the sample, repeated)")
    parser.add_argument("--articles", type=int, default=280, help="articles of the repeated sample (default 280)")
    parser.add_argument("--workers", type=int, default=2, help="processes of the parallel run (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement N times, keep the fastest")
    parser.add_argument("--profile", action="store_true", help="also profile where eventwire's time goes")
    parser.add_argument("--json", dest="json_path", help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = args.corpus or [str(repeated_sample(args.articles, Path(tmp)))]
        load_before = os.getloadavg()[0]
        # The parallel run first, while this process is small: Linux counts a child's peak memory
        # from its fork, so workers forked from a process holding a model would report its size.
        workers_cpu = children_cpu_seconds()
        parallel, parallel_seconds, parent_cpu = timed(lambda: list(process_inputs_parallel(
            inputs, settings, workers=args.workers)), repeat=args.repeat)
        workers_cpu = (children_cpu_seconds() - workers_cpu) / args.repeat
        worker_rss = peak_rss_mb(resource.RUSAGE_CHILDREN)
        resources, load_seconds, load_cpu = timed(lambda: load_resources(settings))
        # Warm up (first calls allocate and fill caches), then the timed runs.
        for _ in process_inputs([str(SAMPLE)], resources):
            pass
        outcomes, eventwire_seconds, eventwire_cpu = timed(lambda: list(process_inputs(inputs, resources)),
                                                           repeat=args.repeat)
        parent_rss = peak_rss_mb(resource.RUSAGE_SELF)  # before the bare parse, whose batches are unbounded
        records = [o for _, o in outcomes if isinstance(o, ArticleRecord)]
        texts = [r.article.text for r in records if r.article.language == "en"]
        words = sum(len(r.article.text.split()) for r in records)
        _, bare_seconds, bare_cpu = timed(lambda: sum(1 for _ in resources.nlp.pipe(
            texts, batch_size=settings.batch_size)), repeat=args.repeat)
        bare_rss = peak_rss_mb(resource.RUSAGE_SELF)
        load_after = os.getloadavg()[0]
        assert [o for _, o in parallel if isinstance(o, ArticleRecord)] == records, "parallel run differs"
        profile = profile_summary(inputs, settings) if args.profile else None

    one_process_end_to_end = len(records) / (load_seconds + eventwire_seconds)
    figures = {
        "corpus": inputs if args.corpus else f"bundled sample repeated to {args.articles} articles",
        "articles": len(records), "words": words, "inputs_rejected": len(outcomes) - len(records),
        "model_load_seconds": round(load_seconds, 2),
        "eventwire_seconds": round(eventwire_seconds, 2),
        "eventwire_articles_per_second": round(len(records) / eventwire_seconds, 1),
        "eventwire_words_per_second": round(words / eventwire_seconds),
        "bare_spacy_seconds": round(bare_seconds, 2),
        "bare_spacy_articles_per_second": round(len(texts) / bare_seconds, 1),
        "bare_spacy_words_per_second": round(words / bare_seconds),
        "ratio_to_bare_spacy": round(eventwire_seconds / bare_seconds, 2),
        "ratio_to_bare_spacy_cpu_time": round(eventwire_cpu / bare_cpu, 2),
        "workers": args.workers,
        "parallel_seconds_with_worker_start": round(parallel_seconds, 2),
        "parallel_articles_per_second": round(len(records) / parallel_seconds, 1),
        "one_process_articles_per_second_with_model_load": round(one_process_end_to_end, 1),
        "parallel_speedup": round(len(records) / parallel_seconds / one_process_end_to_end, 2),
        # CPU seconds, which contention does not inflate: one process (model load included) against
        # the workers' sum (their start included) and the parent's share (reading, handing out).
        "one_process_cpu_seconds_with_model_load": round(load_cpu + eventwire_cpu, 1),
        "parallel_cpu_seconds_workers": round(workers_cpu, 1),
        "parallel_cpu_seconds_parent": round(parent_cpu, 1),
        "peak_rss_mb_one_process": round(parent_rss),
        "peak_rss_mb_largest_worker": round(worker_rss),
        "peak_rss_mb_after_bare_spacy": round(bare_rss),
        "load_average_before_and_after": [round(load_before, 2), round(load_after, 2)],
        "cpus": os.cpu_count(),
        "profile": profile,
    }
    print(json.dumps(figures, indent=1))
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # the parallel run spawns workers that import this file: run only once
    sys.exit(main())
