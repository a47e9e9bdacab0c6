"""Read numbers as news copy writes them, with the bounds their wording implies.

"3,000", "3 000", "twenty-six", "a dozen", "two hundred and fifty", "2.5 million", "dozens",
"several thousand", "between 20 and 30", "20-30", and the words that bound them: "more than
3,000" (low 3000), "nearly 400" (high 400), "about 2,500" (2250..2750), "Sixty-six people or
more" (low 66). The word lists live in `data/numbers.toml`. This module knows nothing of what is
counted: `counts.py` decides whether an amount counts people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..tables import load_table


@dataclass(frozen=True, slots=True)
class Amount:
    """A number in a text: offsets of the whole expression and of the numeral, and its bounds."""

    start: int
    end: int
    number_start: int
    number_end: int
    qualifier: str
    value: int | None = None
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class _Grammar:
    words: dict[str, int]
    core: re.Pattern[str]
    # The second number of a range, which may follow a hyphen ("20-30").
    second: re.Pattern[str]
    prefix: re.Pattern[str]
    range_tail: re.Pattern[str]
    suffix: re.Pattern[str]
    prefixes: dict[str, str]
    suffixes: dict[str, str]
    vague: dict[str, dict[str, int | str | bool]]
    about_spread: float


def _alternation(phrases: list[str]) -> str:
    # Longest first, so that "more than" wins over "more" and "several hundred" over "several".
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


@cache
def _grammar() -> _Grammar:
    table = load_table("numbers")
    words = {
        **table["words"]["units"],
        **table["words"]["tens"],
        **table["words"]["multipliers"],
        **table["words"]["scales"],
    }
    word = rf"(?:{_alternation(list(words))})"
    big = "|".join(table["words"]["multipliers"]) + "|" + "|".join(table["words"]["scales"])
    # "and" only joins after a multiplier ("two hundred and fifty"), never two numbers ("two and three").
    after_big = "|".join(f"(?<={w})" for w in big.split("|"))
    spelled = (
        rf"(?:a\s+(?=(?:{big})\b))?{word}"
        rf"(?:(?:\s*-\s*|\s+)(?={word}\b){word}|(?:{after_big})\s+and\s+(?={word}\b){word})*"
    )
    scales = "|".join(table["words"]["scales"]) + "|hundred"
    # Digits: "3,000", "3 000" (thin or plain space between groups of three), "2.5", optionally
    # followed by a scale word ("19 million"). Not inside "COVID-19", "7:37" or "1.5.2".
    digits = (
        r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
        rf"(?![\w:/]|[.,]\d)(?:\s+(?:{scales})\b)?"
    )
    vague = table["vague"]
    vague_parts = []
    for phrase in sorted(vague, key=len, reverse=True):
        pattern = r"\s+".join(map(re.escape, phrase.split()))
        vague_parts.append(pattern + (r"(?=\s+of\b)" if vague[phrase].get("before_of") else ""))
    core = re.compile(
        rf"(?P<vague>\b(?:{'|'.join(vague_parts)})\b)|(?P<digits>(?<![\w.,:/-]){digits})"
        rf"|(?P<words>\b{spelled}\b)",
        re.IGNORECASE,
    )
    second = re.compile(rf"(?P<digits>{digits})|(?P<words>\b{spelled}\b)", re.IGNORECASE)
    prefixes = table["prefixes"]
    # Two-word suffixes may follow the counted noun ("Sixty-six people or more"); one-word ones
    # attach to the numeral ("100-plus").
    phrases = [s for s in table["suffixes"] if " " in s]
    attached = [s for s in table["suffixes"] if " " not in s]
    return _Grammar(
        words={k.lower(): v for k, v in words.items()},
        core=core,
        second=second,
        prefix=re.compile(rf"\b(?P<prefix>{_alternation(list(prefixes))}|between)\s+$", re.IGNORECASE),
        range_tail=re.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|or|and)\s+", re.IGNORECASE),
        suffix=re.compile(
            rf"(?:\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)??\s+(?P<suffix>{_alternation(phrases)})\b"
            rf"|(?:-|\s+)(?P<attached>{_alternation(attached)})\b",
            re.IGNORECASE,
        ),
        prefixes={k.lower(): v for k, v in prefixes.items()},
        suffixes={k.lower(): v for k, v in table["suffixes"].items()},
        vague={k.lower(): v for k, v in vague.items()},
        about_spread=float(table["about"]["spread"]),
    )


def parse_number(text: str) -> float | None:
    """The value of one written number: "3,000" -> 3000, "twenty-six" -> 26, "2.5 million" -> 2500000.

    Returns None when the text is not a number we can read.
    """
    grammar = _grammar()
    parts = [p for p in re.split(r"[\s\-\u00a0\u202f]+", text.strip().lower()) if p and p != "and"]
    if not parts:
        return None
    if parts[0][0].isdigit():
        head = "".join(parts[:-1]) if parts[-1] in grammar.words else "".join(parts)
        scale = grammar.words[parts[-1]] if parts[-1] in grammar.words else 1
        try:
            return float(head.replace(",", "")) * scale
        except ValueError:
            return None
    total, current = 0, 0
    for part in parts:
        if part == "a":
            current = 1
            continue
        n = grammar.words.get(part)
        if n is None:
            return None
        if n >= 1000:
            total += max(current, 1) * n
            current = 0
        elif n in (12, 100) and part in ("dozen", "hundred"):
            current = max(current, 1) * n
        else:
            current += n
    return float(total + current)


def bounds(qualifier: str, number: int) -> tuple[int | None, int | None, int | None]:
    """(value, low, high) implied by a qualifier on a number: ("more_than", 3000) -> (None, 3000, None)."""
    match qualifier:
        case "exact":
            return number, None, None
        case "more_than" | "at_least":
            return None, number, None
        case "nearly" | "up_to" | "less_than":
            return None, None, number
        case "about":
            # Symmetric, so that the stated figure is the midpoint of low and high.
            spread = round(number * _grammar().about_spread)
            return None, number - spread, number + spread
    raise ValueError(f"unknown qualifier {qualifier!r}")


def find_amounts(text: str) -> tuple[Amount, ...]:
    """Every number written in `text`, left to right, with its qualifier and bounds.

    Decimals without a scale word ("magnitude 6.3") are not amounts of anything countable and are
    left out; "2.5 million" is kept.
    """
    grammar = _grammar()
    amounts: list[Amount] = []
    position = 0
    while (match := grammar.core.search(text, position)) is not None:
        amount = _read_amount(text, match, grammar)
        position = match.end()
        if amount is not None:
            amounts.append(amount)
            position = max(position, amount.end)
    return tuple(amounts)


def _read_amount(text: str, match: re.Match[str], grammar: _Grammar) -> Amount | None:
    start, end = match.start(), match.end()
    before = grammar.prefix.search(text, max(0, start - 40), start)
    prefix = before.group("prefix").lower() if before else None
    if match.group("vague"):
        entry = grammar.vague[" ".join(match.group("vague").lower().split())]
        low, high = entry.get("low"), entry.get("high")
        qualifier = str(entry["qualifier"])
        if prefix is not None and prefix != "between":
            # "more than a few hundred": the prefix tightens the vague bound; keep the vague word.
            start = before.start()
        return Amount(
            start,
            end,
            match.start(),
            end,
            qualifier,
            None,
            int(low) if low is not None else None,
            int(high) if high is not None else None,
        )
    number = parse_number(match.group(0))
    # "6.3", "2.0": a measure or a version; people are counted in whole numbers ("2.5 million" aside).
    written_decimal = "." in match.group(0) and not re.search(r"[a-z]", match.group(0), re.IGNORECASE)
    if number is None or not number.is_integer() or written_decimal:
        return None
    n = int(number)
    tail = grammar.range_tail.match(text, end)
    second = grammar.second.match(text, tail.end()) if tail else None
    if second is not None:
        other = parse_number(second.group(0))
        joiner = tail.group(0).strip().lower() if tail else ""
        # "from 5 to 6" is an update, not a range; "between 20 and 30" needs its "between".
        from_before = re.search(r"\bfrom\s+$", text[max(0, start - 6) : start], re.IGNORECASE)
        if (
            other is not None
            and other.is_integer()
            and other > n
            and not from_before
            and (joiner != "and" or prefix == "between")
        ):
            range_start = before.start() if prefix == "between" else start
            return Amount(range_start, second.end(), start, second.end(), "range", None, n, int(other))
    qualifier = "exact"
    if prefix is not None and prefix != "between":
        qualifier = grammar.prefixes[prefix]
        start = before.start()
    after = grammar.suffix.match(text, end)
    if after is not None and qualifier == "exact":
        suffix = after.group("suffix") or after.group("attached")
        qualifier = grammar.suffixes[" ".join(suffix.lower().split())]
        end = after.end()
    value, low, high = bounds(qualifier, n)
    return Amount(start, end, match.start(), match.end(), qualifier, value, low, high)
