"""B-cubed precision, recall and F1 of a clustering (Bagga and Baldwin, 1998).

The usual measure for coreference and event de-duplication: for each item, precision is the share
of its predicted cluster that belongs to its gold cluster, recall the share of its gold cluster
that landed in its predicted cluster; both are averaged over items. Unlike pairwise scores, it
does not let one large cluster dominate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> BCubed:
    """Score `predicted` against `gold`, two maps from each item to its cluster label.

    Both must label the same items; an item missing from `predicted` is a mistake of the caller,
    not a singleton (give it a label of its own).
    """
    if gold.keys() != predicted.keys():
        missing = sorted(map(str, gold.keys() ^ predicted.keys()))[:5]
        raise ValueError(f"gold and predicted label different items, e.g. {missing}")
    if not gold:
        raise ValueError("no items to score")
    both = Counter((gold[item], predicted[item]) for item in gold)
    gold_sizes = Counter(gold.values())
    predicted_sizes = Counter(predicted.values())
    # Every item of the cell (g, p) has n items of its gold cluster in its predicted cluster.
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in both.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in both.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    return BCubed(precision, recall, f1)
