"""Partition reports into events, the same way whatever order the reports arrived in.

Greedy incremental merging ("does the new report match a stored event?") depends on arrival
order: A-B-C may chain where C-A-B does not. Fusion avoids this in two steps. Two reports are
*linked* when their score reaches `MERGE_THRESHOLD`; a function of the two reports alone, so
the linked groups (connected components) depend only on the set of reports. Inside a component,
events are formed by one deterministic agglomeration over the reports in a fixed order. A new
report can only join or connect components, so the store re-runs the agglomeration over the
components it touches and gets what a batch run over all reports would give.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .score import Report, link_score, report_key

# The score at which two reports are linked, and the mean score at which two groups of reports
# become one event. Set on the multi-report test set (tests/fixtures/fusion) with the interim
# resolvers (no places; publication dates, precision 2): B-cubed F1 0.90 anywhere from 0.40 to
# 0.48 and 0.91 at 0.50, where no same-kind event elsewhere or on another day merges (the
# highest-scoring of those, Dayton against a long El Paso report that mentions Dayton, is 0.56
# pairwise but does not reach 0.50 on average over the El Paso reports).
MERGE_THRESHOLD = 0.50


@dataclass(frozen=True, slots=True)
class Partition:
    """Reports grouped into events, and events grouped into linked components."""

    events: tuple[tuple[Report, ...], ...]  # each event's reports, in report_key order
    components: tuple[tuple[int, ...], ...]  # indexes into `events` of the events each component holds


def is_linked(a: Report, b: Report, *, threshold: float = MERGE_THRESHOLD) -> bool:
    """Whether two reports are similar enough that they may tell one event."""
    score = link_score(a, b)
    return score is not None and score >= threshold


def partition_reports(reports: Sequence[Report], *, threshold: float = MERGE_THRESHOLD) -> Partition:
    """Group reports into events by average-linkage agglomeration, deterministically.

    Two groups merge when the mean score over every pair across them reaches `threshold` and no
    pair is incompatible (another day, place or country, or the same article): a new report is
    weighed against all reports of an event, not just the most similar one, so that an event
    does not drift report by report. Groups with the highest mean merge first; ties go to the
    groups that come first in report order (the heap orders equal means by group keys).
    """
    ordered = sorted(reports, key=report_key)
    n = len(ordered)
    scores = {(i, j): _cached_link_score(ordered[i], ordered[j]) for i in range(n) for j in range(i + 1, n)}
    # Between two groups (keyed by their first member): sum of scores, pairs, any incompatible.
    links: dict[tuple[int, int], tuple[float, int, bool]] = {
        pair: (score or 0.0, 1, score is None) for pair, score in scores.items()}
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    # Candidate merges, best first: (-mean, a, b). Entries go stale when a group changes; they are
    # checked against `links` when popped (lazy deletion), which keeps each merge O(groups log n).
    heap = [(-total, a, b) for (a, b), (total, _, blocked) in links.items() if not blocked and total >= threshold]
    heapq.heapify(heap)
    while heap:
        negative_mean, a, b = heapq.heappop(heap)
        if a not in groups or b not in groups:
            continue
        total, pairs, blocked = links[(a, b)]
        if blocked or total / pairs != -negative_mean:
            continue  # stale: the groups changed since this entry was pushed
        for other, (total, pairs, blocked) in _merge(groups, links, a, b):
            if not blocked and total / pairs >= threshold:
                heapq.heappush(heap, (-(total / pairs), min(a, other), max(a, other)))
    events = [tuple(ordered[i] for i in members) for _, members in sorted(groups.items())]
    return Partition(events=tuple(events), components=_components(groups, scores, threshold))


@lru_cache(maxsize=20_000)
def _cached_link_score(a: Report, b: Report) -> float | None:
    # A component is partitioned again each time a report joins it; a stored report never
    # changes, so the scores of its pairs are computed once per process. Keyed by the reports'
    # values (equal rows read again hit the cache); 20,000 pairs hold a component of 200 reports
    # in a few tens of megabytes.
    return link_score(a, b)


def _merge(groups: dict[int, list[int]], links: dict[tuple[int, int], tuple[float, int, bool]],
           keep: int, gone: int) -> list[tuple[int, tuple[float, int, bool]]]:
    """Fold group `gone` into group `keep` (keep < gone); returns the new links of `keep`."""
    groups[keep].extend(groups.pop(gone))
    groups[keep].sort()
    del links[(keep, gone)]
    changed = []
    for other in groups:
        if other == keep:
            continue
        old = links.pop((min(other, gone), max(other, gone)))
        pair = (min(other, keep), max(other, keep))
        total, pairs, blocked = links[pair]
        links[pair] = (total + old[0], pairs + old[1], blocked or old[2])
        changed.append((other, links[pair]))
    return changed


def _components(groups: dict[int, list[int]], scores: dict[tuple[int, int], float | None],
                threshold: float) -> tuple[tuple[int, ...], ...]:
    """Events joined by at least one linked pair of reports (union-find over the links)."""
    keys = sorted(groups)
    event_of = {member: index for index, key in enumerate(keys) for member in groups[key]}
    parent = list(range(len(keys)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), score in scores.items():
        if score is not None and score >= threshold:
            ri, rj = root(event_of[i]), root(event_of[j])
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for index in range(len(keys)):
        members.setdefault(root(index), []).append(index)
    return tuple(tuple(m) for _, m in sorted(members.items()))
