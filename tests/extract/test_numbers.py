"""Reading numbers as news copy writes them (issue 5). No model needed: numbers.py works on text."""

from __future__ import annotations

import pytest

from eventwire.extract.numbers import bounds, find_amounts, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("18", 18),
        ("3,000", 3000),
        ("3 000", 3000),
        ("twenty-six", 26),
        ("Sixty-six", 66),
        ("a dozen", 12),
        ("two dozen", 24),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("a thousand", 1000),
        ("2.5 million", 2_500_000),
        ("19 million", 19_000_000),
        ("one", 1),
    ],
)
def test_numbers_parse_number_reads_digits_and_words(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "value", "low", "high"),
    [
        ("officials said 18 police were killed", "18", "exact", 18, None, None),
        ("more than 3,000 of them detained", "more than 3,000", "more_than", None, 3000, None),
        ("over 2,000 residents", "over 2,000", "more_than", None, 2000, None),
        ("at least 71 people were arrested", "at least 71", "at_least", None, 71, None),
        ("nearly 400 admitted to hospital", "nearly 400", "nearly", None, None, 400),
        ("almost 5700 people", "almost 5700", "nearly", None, None, 5700),
        ("as many as 32 hospitalised", "as many as 32", "up_to", None, None, 32),
        ("up to 40 people", "up to 40", "up_to", None, None, 40),
        ("fewer than 10 people", "fewer than 10", "less_than", None, None, 10),
        ("Some estimated death tolls exceeded 100", "exceeded 100", "more_than", None, 100, None),
        ("Sixty-six people or more were injured", "Sixty-six people or more", "at_least", None, 66, None),
        ("a 100-plus crowd", "100-plus", "at_least", None, 100, None),
        ("between 20 and 30 people", "between 20 and 30", "range", None, 20, 30),
        ("20-30 people", "20-30", "range", None, 20, 30),
        ("two or three gunmen", "two or three", "range", None, 2, 3),
        ("Dozens died in the attack", "Dozens", "dozens", None, 24, 99),
        ("hundreds of Taliban killed", "hundreds", "hundreds", None, 200, 999),
        ("several thousand people rallied", "several thousand", "thousands", None, 3000, 9999),
        ("tens of thousands of people", "tens of thousands", "tens_of_thousands", None, 20000, 99999),
        ("scores more were injured", "scores", "scores", None, 40, 99),
        ("several people were hurt", "several", "several", None, 3, 9),
    ],
)
def test_numbers_find_amounts_reads_qualifiers_and_bounds(
    text: str, span: str, qualifier: str, value: int | None, low: int | None, high: int | None
) -> None:
    (amount,) = find_amounts(text)
    assert text[amount.start : amount.end] == span
    assert (amount.qualifier, amount.value, amount.low, amount.high) == (qualifier, value, low, high)


@pytest.mark.parametrize(
    ("text", "stated", "low", "high"),
    [
        ("about 2,500", 2500, 2250, 2750),
        ("around 200 people", 200, 180, 220),
        ("some 60 thousand", 60000, 54000, 66000),
        ("an estimated 10,000", 10000, 9000, 11000),
    ],
)
def test_numbers_find_amounts_about_spans_the_stated_figure(
    text: str, stated: int, low: int, high: int
) -> None:
    (amount,) = find_amounts(text)
    assert amount.qualifier == "about"
    assert (amount.low, amount.high) == (low, high)
    assert (amount.low + amount.high) // 2 == stated


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 measures",
        "at 7:37 p.m.",
        "a magnitude 6.3 earthquake",
        "the 70th anniversary",
        "Democracy 2.0",
        "the tens",
        "a number of journalists",
    ],
)
def test_numbers_find_amounts_skips_what_is_no_whole_number(text: str) -> None:
    assert find_amounts(text) == ()


def test_numbers_find_amounts_keeps_an_update_as_two_figures() -> None:
    amounts = find_amounts("the toll rose from 5 to 6")
    assert [(a.qualifier, a.value) for a in amounts] == [("exact", 5), ("exact", 6)]


def test_numbers_find_amounts_offsets_point_into_the_text() -> None:
    text = "Officials said more than 1,000 people had been wounded, with nearly 400 admitted to hospital."
    for amount in find_amounts(text):
        assert text[amount.number_start : amount.number_end] in text[amount.start : amount.end]


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exact", (18, None, None)),
        ("more_than", (None, 18, None)),
        ("at_least", (None, 18, None)),
        ("nearly", (None, None, 18)),
        ("up_to", (None, None, 18)),
    ],
)
def test_numbers_bounds_follow_the_qualifier(qualifier: str, expected: tuple[int | None, ...]) -> None:
    assert bounds(qualifier, 18) == expected
