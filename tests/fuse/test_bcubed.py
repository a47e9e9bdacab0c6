"""B-cubed precision and recall (Bagga and Baldwin 1998; Amigo et al. 2009, figure 3)."""

from __future__ import annotations

import pytest

from eventwire.fuse import bcubed


def test_bcubed_perfect_and_degenerate_clusterings() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 3}
    assert bcubed(gold, gold).f1 == 1.0
    one = bcubed(gold, dict.fromkeys(gold, "x"))
    assert (one.precision, one.recall) == (pytest.approx(6 / 16), 1.0)
    alone = bcubed(gold, {k: k for k in gold})
    assert (alone.precision, alone.recall) == (1.0, pytest.approx(3 / 4))


def test_bcubed_worked_example() -> None:
    # Gold {a b c}{d e}; predicted {a b}{c d e}: precision (1+1+1/3+2/3+2/3)/5, recall (2/3+2/3+1/3+1+1)/5.
    gold = {"a": "g1", "b": "g1", "c": "g1", "d": "g2", "e": "g2"}
    predicted = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}
    score = bcubed(gold, predicted)
    assert score.precision == pytest.approx(11 / 15)
    assert score.recall == pytest.approx(11 / 15)
    assert score.f1 == pytest.approx(11 / 15)


def test_bcubed_needs_the_same_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        bcubed({"a": 1, "b": 1}, {"a": 1})
