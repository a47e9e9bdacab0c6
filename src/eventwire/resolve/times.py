"""Normalise the temporal expressions of a news report and pick each event's date.

General date parsers anchor "on Wednesday" to the next Wednesday and "December 30" to this year;
a wire report means the last Wednesday before it was filed and the December 30 nearest to it. The
rules here read an expression the way TimeML/TIMEX3 does for news, anchored to the publication
date (HeidelTime's "news" mode):

- weekdays point back to the last such day, the publication day included ("on Friday" in a Friday
  report is that day), forward when the clause is in the future ("will", "is set to", "plans to");
- a month and day without a year take the year that puts them nearest to publication, then move
  a year back or forward to agree with a past or future verb; a bare month is the last such month
  (the next one in the future);
- "last week" is the Monday-to-Sunday week before the publication's week (value .. value_end);
  "this week" is its week up to publication, or the seven days up to publication when that week
  has barely begun (a Monday report's "this week" means the days just past);
- "a day before", "that day", "three years later" count from the last date named earlier in the
  sentence (anchor "event"), else from publication ("a day before" only).

Durations ("for six months", "three decades"), deadlines ("until January 19") and future dates are
Times too, but `time_kind` marks them so that `event_time` never takes them as an event's date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from spacy.tokens import Doc

from ..model import Span, Time
from ..nlp.parse import Document
from ..tables import load_table
from .context import (
    ELSEWHERE,
    describes_other_noun,
    evidence_heads,
    governor,
    paragraph_bounds,
    relation,
    sentence_of,
    tokens_in,
)

TimeKind = Literal["date", "duration", "deadline", "future", "clock", "unknown"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_INDEX = {name.lower(): i + 1 for i, name in enumerate(_MONTHS)}
_MONTH_INDEX.update({name.lower()[:3]: i + 1 for i, name in enumerate(_MONTHS)})
_MONTH_INDEX["sept"] = 9
_WEEKDAY_INDEX = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}

# Months and weekdays are matched capitalised only: "may" and "march" are verbs.
_MONTH = (
    r"(?P<{n}>(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?))"
)
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>1[5-9]\d\d|20\d\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
_UNIT = r"(?P<unit>days?|weeks?|months?|years?|decades?|centuries|century|hours?|minutes?|weekends?)"
_NUM = (
    r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|a couple of|a few|several|few|many|some|dozens of|hundreds of)"
)


def _m(n: str) -> str:
    return _MONTH.format(n=n)


def _d(n: str) -> str:
    return _DAY.format(n=n)


def _y(n: str) -> str:
    return _YEAR.format(n=n)


# Each rule: a name and a pattern; at every position the longest match wins. Flags: (?i) is set
# per pattern where case does not matter.
_RULES: tuple[tuple[str, str], ...] = (
    (
        "range_md",
        rf"\b(?:(?i:from|between)\s+)?{_m('m1')}\s+{_d('d1')}\s*(?:-|–|(?i:to|until|through|and))\s*"
        rf"(?:{_m('m2')}\s+)?{_d('d2')}\b(?:,?\s+{_y('y')})?",
    ),
    (
        "range_dm",
        rf"\b(?:(?i:from|between)\s+)?{_d('d1')}\s*(?:-|–|(?i:to|until|through|and))\s*{_d('d2')}\s+"
        rf"{_m('m1')}(?:,?\s+{_y('y')})?",
    ),
    ("iso", r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<dd>\d\d)\b"),
    ("mdy", rf"\b{_m('m1')}\s+{_d('d1')}(?:,\s*|\s+){_y('y')}\b"),
    ("dmy", rf"\b{_d('d1')}\s+{_m('m1')},?\s+{_y('y')}\b"),
    ("md", rf"\b{_m('m1')}\s+{_d('d1')}\b(?!\s*(?:,\s*)?\d)"),
    ("dm", rf"\b(?:the\s+)?{_d('d1')}\s+(?:of\s+)?{_m('m1')}\b"),
    (
        "my",
        rf"\b(?:(?P<edge>(?i:early|mid|late|the end of|the beginning of|the start of|end of|beginning of))"
        rf"[\s-]+)?{_m('m1')},?\s+{_y('y')}\b",
    ),
    # A bare month needs a word before it that makes it a date ("in June", "early October", "the
    # November elections"); "September and October" names two.
    (
        "month",
        rf"\b(?:(?P<edge>(?i:early|mid|late|the end of|the beginning of|the start of|end of|beginning of"
        rf"|last|next|this past|past|this))[\s-]+|(?P<prep>(?i:in|since|during|until|till|by|through|from|of"
        rf"|the|for))\s+)"
        rf"{_m('m1')}(?:\s+(?i:and|or|to|through|until)\s+{_m('m2')})?\b(?!\s+[0-3]?\d\b)",
    ),
    (
        "holiday",
        r"\b(?i:new year['’]s day|new year['’]s eve|christmas eve|christmas day|christmas|boxing day"
        r"|valentine['’]s day|halloween|may day)\b",
    ),
    (
        "weekday",
        rf"\b(?:(?P<mod>(?i:last|next|this|early on|late on|early|late))\s+)?{_WEEKDAY}"
        rf"(?:\s+{_PART})?\b",
    ),
    (
        "rel_day",
        r"\b(?i:(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow"
        r"|last night|this morning|this afternoon|this evening|overnight|earlier today|later today))\b",
    ),
    ("offset", rf"\b(?i:{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|later|before|after|previously|prior))\b"),
    ("offset_the", r"\b(?i:the\s+(?P<which>previous|following|next|same)\s+(?P<unit>day|week|month|year))\b"),
    ("the_day", r"\b(?i:the\s+day\s+(?P<dir>before|after|earlier))\b"),
    ("that_day", r"\b(?i:that\s+(?P<unit>day|night|morning|afternoon|evening|week|month|year))\b"),
    ("in_day", r"\b(?i:(?P<which>later|earlier)\s+in\s+the\s+day)\b"),
    (
        "calendar",
        r"\b(?i:(?P<pre>earlier|later)?\s*(?P<which>this|last|next|the past|the previous|the coming"
        r"|the last)\s+(?P<unit>week|month|year|weekend))\b",
    ),
    (
        "part_of_day",
        r"\b(?i:(?:in|during|by|through|throughout|into)\s+the\s+(?P<part>morning|afternoon|evening"
        r"|night)(?:\s+hours)?)\b",
    ),
    ("decade", r"\b(?i:the\s+)?(?P<dec>1[5-9]\d0|20\d0)s\b"),
    ("year", rf"\b(?:(?P<edge>(?i:early|mid|late))[\s-]+)?{_y('y')}\b(?![,.]?\d)"),
    (
        "duration",
        rf"\b(?i:(?:(?P<prep>for|within|over|in)\s+)?(?:(?:about|nearly|almost|more than|over|some"
        rf"|at least|the past|the last)\s+)?{_NUM}[\s-]+{_UNIT})\b",
    ),
    (
        "clock",
        r"\b(?i:(?:at\s+)?(?:about\s+)?[0-2]?\d(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
        r"|midnight|noon)(?!\w)",
    ),
)
_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in _RULES)
# Words before an expression that make it a deadline or a duration, and "since" that opens a range.
_DEADLINE = re.compile(r"\b(until|till|by|before)\s+$", re.IGNORECASE)
# After a number, what makes it a count or a clock time rather than a year (case matters: "2020 US").
_NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:UTC|GMT|hrs\b|hours\b|local\b|%|people\b|[a-z]+s\b|(?:km|kilomet|mile|met|kg|ton|feet|ft)[a-z]*\b)"
)


@dataclass(frozen=True, slots=True)
class EventTime:
    """When an event happened, in the Event's terms, and how it was found.

    source: "clause" (the date that governs the event's clause), "context" (the last date before it
    in the paragraph, else the lead's first date), "published" (a fallback), None (nothing known).
    """

    date: str | None
    date_end: str | None
    time_precision: int  # ACLED: 1 day, 2 week, 3 month
    source: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class _Match:
    rule: str
    start: int
    end: int
    groups: dict[str, str | None]


def _cues() -> dict[str, Any]:
    return load_table("time_cues")


def normalize_times(document: Document) -> tuple[Time, ...]:
    """Every temporal expression of the article, normalised against its publication date.

    Relative expressions ("on Wednesday", "last week") get value None without a publication date.
    """
    text, doc = document.text, document.doc
    published = _parse_date(document.article.published)
    times: list[Time] = []
    for match in _matches(text, doc):
        times.append(_normalise(document, match, published, times))
    covered = [(t.mention.start, t.mention.end) for t in times]
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or any(
            s < ent.end_char and ent.start_char < e for s, e in covered
        ):
            continue
        if re.fullmatch(r"[\d\s,.:]+", ent.text):  # ages, counts and clock digits the model calls DATE
            continue
        times.append(Time(document.span(ent.start_char, ent.end_char)))
    return tuple(sorted(times, key=lambda t: t.mention.start))


def _matches(text: str, doc: Doc) -> list[_Match]:
    found: list[_Match] = []
    for name, pattern in _COMPILED:
        for m in pattern.finditer(text):
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            if name == "year" and not _is_year(text, doc, start, end):
                continue
            if name == "month" and m.group("prep"):
                start = m.start("m1")  # "in June" -> "June"; "since"/"until" are taken back below
            groups = {k: v for k, v in m.groupdict().items()}
            found.append(_Match(name, start, end, groups))
    # Longest first, then earliest; an expression keeps its words once.
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[_Match] = []
    for match in found:
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _is_year(text: str, doc: Doc, start: int, end: int) -> bool:
    """A four-digit number is a year unless it counts something or is a clock time ("2053 UTC")."""
    before, after = text[max(0, start - 2) : start], text[end : end + 20]
    if "$" in before or "£" in before or "€" in before or _NOT_A_YEAR_AFTER.match(after):
        return False
    if re.match(r"^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", after):
        return False
    token = tokens_in(doc, start, end)
    if token and token[-1].i + 1 < len(doc) and doc[token[-1].i + 1].tag_ == "NNS":
        return False  # "2000 protesters"
    return True


def _normalise(document: Document, match: _Match, published: date | None, earlier: list[Time]) -> Time:
    text = document.text
    start = match.start
    # "since Tuesday", "until January 19", "for six months": the preposition changes the meaning.
    prefix = re.search(r"\b(since|until|till|for|within)\s+$", text[max(0, start - 8) : start], re.IGNORECASE)
    if prefix and match.rule not in ("duration", "clock", "part_of_day"):
        start -= len(prefix.group(0))
    span = document.span(start, match.end)
    value, value_end, anchor = _value(document, match, published, earlier)
    if prefix and prefix.group(1).lower() == "since" and value and len(value) == 10 and published:
        value_end = value_end or published.isoformat()  # "since Tuesday": from then until the report
    return Time(span, value, value_end, anchor)


def _value(
    document: Document, match: _Match, published: date | None, earlier: list[Time]
) -> tuple[str | None, str | None, str | None]:
    """(value, value_end, anchor) of one match."""
    g, rule = match.groups, match.rule
    year = int(g["y"]) if g.get("y") else None
    future = _is_future(document.doc, match.start, match.end)
    if rule == "iso":
        return _safe_day(int(g["y"] or 0), int(g["mo"] or 0), int(g["dd"] or 0)), None, "absolute"
    if rule in ("mdy", "dmy"):
        return _safe_day(year or 0, _month(g["m1"]), int(g["d1"] or 0)), None, "absolute"
    if rule in ("range_md", "range_dm"):
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        first = _year_for(m1, int(g["d1"] or 1), year, published, future)
        if first is None:
            return None, None, None
        last = _safe_day(first.year + (1 if m2 < m1 else 0), m2, int(g["d2"] or 1))
        return first.isoformat(), last, "absolute" if year else "published"
    if rule in ("md", "dm"):
        day = _year_for(_month(g["m1"]), int(g["d1"] or 1), None, published, future)
        return (day.isoformat() if day else None), None, "published"
    if rule == "my":
        return f"{year:04d}-{_month(g['m1']):02d}", None, "absolute"
    if rule == "month":
        edge = (g.get("edge") or "").lower().replace("this past", "last").replace("past", "last")
        first = _bare_month(_month(g["m1"]), edge, published, future)
        if not g.get("m2") or first is None:
            return first, None, "published"
        # "September and October": the second month follows the first, in the next year if need be.
        second = _month(g["m2"])
        year = int(first[:4]) + (1 if second < int(first[5:]) else 0)
        return first, f"{year:04d}-{second:02d}", "published"
    if rule == "holiday":
        month, day = _cues()["holidays"][_fold_quote(document.text[match.start : match.end].lower())]
        found = _year_for(month, day, None, published, future)
        return (found.isoformat() if found else None), None, "published"
    if rule == "weekday":
        found = _weekday(
            published, _WEEKDAY_INDEX[(g["wd"] or "").lower()], (g.get("mod") or "").lower(), future
        )
        return (found.isoformat() if found else None), None, "published"
    if rule == "rel_day":
        return _relative_day((g["word"] or "").lower(), published), None, "published"
    if rule in ("offset", "offset_the", "the_day", "that_day", "in_day"):
        return _offset(document, match, published, earlier)
    if rule == "calendar":
        return _calendar(g, published, future)
    if rule == "part_of_day":
        previous = _previous_day(document, match.start, earlier, paragraph=True)
        return (previous, None, "event") if previous else (None, None, None)
    if rule == "decade":
        decade = int(g["dec"] or 0)
        return f"{decade:04d}", f"{decade + 9:04d}", "absolute"
    if rule == "year":
        return f"{year:04d}", None, "absolute"
    return None, None, None  # durations and clock times name no date


def _offset(
    document: Document, match: _Match, published: date | None, earlier: list[Time]
) -> tuple[str | None, str | None, str | None]:
    """ "a day before", "three years later", "that day", "the previous day", "later in the day"."""
    g, rule = match.groups, match.rule
    if rule == "that_day" or (rule == "offset_the" and g["which"] == "same"):
        previous = _previous_day(document, match.start, earlier, paragraph=True)
        return (previous, None, "event") if previous else (None, None, None)
    if rule == "in_day":
        return (published.isoformat(), None, "published") if published else (None, None, None)
    if rule == "the_day":
        count, unit, sign = 1, "day", (-1 if g["dir"] in ("before", "earlier") else 1)
    elif rule == "offset_the":
        count, unit, sign = 1, g["unit"] or "day", (-1 if g["which"] == "previous" else 1)
    else:
        number = _number(g["num"] or "")
        if number is None:
            return None, None, None
        count, unit = number, (g["unit"] or "").lower().rstrip("s")
        sign = 1 if g["dir"] in ("later", "after") else -1
    if unit not in ("day", "week", "month", "year", "decade", "centurie", "century"):
        return None, None, None
    # "ago" counts from publication; "before"/"later" from the last date named in the sentence.
    base_value, anchor = None, "published"
    if rule != "offset" or g["dir"] != "ago":
        base_value = _previous_value(document, match.start, earlier)
        if base_value is None and re.match(r"\s+the\s+(?:event|rally|attack|vote|election|protest|march|"
                                           r"meeting|summit|ceremony|strike|clash|bombing)\b",
                                           document.text[match.end:match.end + 30], re.IGNORECASE):
            # "a day before the event": the day of the event the article is about, its first date.
            base_value = next((t.value for t in earlier if t.value and len(t.value) == 10
                               and _kind(document, t) == "date"), None)
        anchor = "event" if base_value else "published"
    if base_value is None and (rule == "offset" and g["dir"] in ("later", "after")):
        return None, None, None  # "three years later" with nothing before it to count from
    base = _parse_partial(base_value) if base_value else (published, "day") if published else (None, None)
    if base[0] is None:
        return None, None, None
    return _shift(base[0], base[1] or "day", unit, sign * count), None, anchor


def _shift(base: date, granularity: str, unit: str, amount: int) -> str:
    if unit in ("year", "decade", "centurie", "century"):
        years = amount * {"year": 1, "decade": 10}.get(unit, 100)
        return f"{base.year + years:04d}"
    if unit == "month":
        index = base.year * 12 + base.month - 1 + amount
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    days = amount * (7 if unit == "week" else 1)
    shifted = base + timedelta(days=days)
    if granularity == "year":
        return f"{shifted.year:04d}"
    if granularity == "month":
        return f"{shifted.year:04d}-{shifted.month:02d}"
    return shifted.isoformat()


def _calendar(
    g: dict[str, str | None], published: date | None, future: bool
) -> tuple[str | None, str | None, str | None]:
    """ "last week", "this week", "earlier this month", "next year", "the past week"."""
    if published is None:
        return None, None, None
    which, unit, pre = (g["which"] or "").lower(), (g["unit"] or "").lower(), (g.get("pre") or "").lower()
    monday = published - timedelta(days=published.weekday())
    if unit == "week":
        if which in ("last", "the previous"):
            return (
                (monday - timedelta(days=7)).isoformat(),
                (monday - timedelta(days=1)).isoformat(),
                "published",
            )
        if which in ("next", "the coming"):
            return (
                (monday + timedelta(days=7)).isoformat(),
                (monday + timedelta(days=13)).isoformat(),
                "published",
            )
        if which in ("the past", "the last") or (published - monday).days < 1:
            start = published - timedelta(days=6)
        else:
            start = monday
        end = published - timedelta(days=1) if pre == "earlier" else published
        return start.isoformat(), max(start, end).isoformat(), "published"
    if unit == "weekend":
        saturday = monday - timedelta(days=2) if which == "last" or not future else monday + timedelta(days=5)
        return saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "published"
    if unit == "month":
        offset = {"last": -1, "the previous": -1, "next": 1, "the coming": 1}.get(which, 0)
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", None, "published"
    offset = {"last": -1, "the previous": -1, "next": 1, "the coming": 1}.get(which, 0)
    return f"{published.year + offset:04d}", None, "published"


def _weekday(published: date | None, weekday: int, modifier: str, future: bool) -> date | None:
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == "last":
        return published - timedelta(days=back or 7)
    if modifier == "next":
        return published + timedelta(days=ahead or 7)
    return published + timedelta(days=ahead) if future else published - timedelta(days=back)


def _relative_day(word: str, published: date | None) -> str | None:
    if published is None:
        return None
    if word == "the day before yesterday":
        return (published - timedelta(days=2)).isoformat()
    if word in ("yesterday", "last night"):
        return (published - timedelta(days=1)).isoformat()
    if word == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    if word == "the day after tomorrow":
        return (published + timedelta(days=2)).isoformat()
    return published.isoformat()


def _year_for(month: int, day: int, year: int | None, published: date | None, future: bool) -> date | None:
    """A month and day without a year: the year nearest publication, agreeing with the verb's tense."""
    if year is not None:
        return _date(year, month, day)
    if published is None:
        return None
    options = [d for d in (_date(published.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    nearest = min(options, key=lambda d: abs((d - published).days))
    if future and nearest < published:
        return _date(nearest.year + 1, month, day)
    if not future and nearest > published + timedelta(days=31):
        return _date(nearest.year - 1, month, day)
    return nearest


def _bare_month(month: int, edge: str, published: date | None, future: bool) -> str | None:
    if published is None:
        return None
    if edge == "next" or (future and edge != "last"):
        year = published.year + (
            1 if month < published.month or (edge == "next" and month == published.month) else 0
        )
    else:
        year = published.year - (
            1 if month > published.month or (edge == "last" and month == published.month) else 0
        )
    return f"{year:04d}-{month:02d}"


def _previous_value(document: Document, offset: int, earlier: list[Time]) -> str | None:
    """The last date named before `offset` in the same sentence."""
    sentence = sentence_of(document.doc, offset)
    for time in reversed(earlier):
        if sentence.start_char <= time.mention.start < offset and time.value:
            return time.value
    return None


def _previous_day(document: Document, offset: int, earlier: list[Time], *, paragraph: bool) -> str | None:
    """The last day-exact date named before `offset` in the sentence, or in the paragraph."""
    sentence = sentence_of(document.doc, offset)
    start = paragraph_bounds(document.text, offset)[0] if paragraph else sentence.start_char
    for time in reversed(earlier):
        if start <= time.mention.start < offset and time.value and len(time.value) == 10:
            if _kind(document, time) == "date":
                return time.value
    return None


def _is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause an expression belongs to is set in the future ("will", "is set to", "next")."""
    tokens = tokens_in(doc, start, end)
    if not tokens:
        return False
    if any(t.lower_ in ("next", "coming") for t in tokens):
        return True
    verb = governor(tokens[0])
    cues = _cues()
    auxiliaries = set(cues["future_auxiliaries"]) | {"would"}
    if any(child.dep_ in ("aux", "auxpass") and child.lower_ in auxiliaries for child in verb.children):
        return True
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp") and any(c.lower_ == "to" for c in verb.children):
        head = verb.head
        if head.lemma_ in cues["future_heads"] or head.lemma_ == "be":
            return True
    # "The vote is scheduled for Monday." (not "games scheduled for Wednesday were held")
    present = any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return verb.lemma_ in ("schedule", "set", "plan", "due") and tokens[0].head.lower_ == "for" and present


def time_kind(document: Document, time: Time) -> TimeKind:
    """What a Time is: a date an event can have, or a duration, deadline, future date or clock time.

    Only "date" Times may become an event's date.
    """
    return _kind(document, time)


def _kind(document: Document, time: Time) -> TimeKind:
    text = time.mention.text
    lower = text.lower()
    after = document.text[time.mention.end : time.mention.end + 2]
    if re.match(r"(until|till)\b", lower) or (
        _DEADLINE.search(document.text[max(0, time.mention.start - 8) : time.mention.start])
        and after not in ("'s", "\u2019s")  # "by today's judgment" is no deadline
    ):
        return "deadline"
    if time.value is None:
        if re.match(r"(for|within|over)\b", lower) or re.search(
            r"\b(hours?|days?|weeks?|months?|years?|decades?|centuries|minutes?)$", lower
        ):
            return "duration"
        if re.search(r"\d(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)|midnight|noon", lower):
            return "clock"
        return "unknown"
    published = document.article.published
    if published and time.value > published[: len(time.value)]:
        return "future"
    if _is_future(document.doc, time.mention.start, time.mention.end) and not lower.startswith("since"):
        return "future"
    return "date"


def _modifies(doc: Doc, mention: Span, trigger: Span) -> bool:
    """Whether a time expression modifies the trigger's word ("Saturday's shooting", "an assault in
    August 2018")."""
    heads = {t.i for t in tokens_in(doc, trigger.start, trigger.end)}
    return any((t.dep_ in ("poss", "compound", "nmod", "npadvmod") and t.head.i in heads)
               or (t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i in heads)  # "an assault in 2018"
               for t in tokens_in(doc, mention.start, mention.end))


def event_time(
    document: Document, times: Sequence[Time], evidence: Sequence[Span], *, trigger: Span | None = None
) -> EventTime:
    """The date of the event whose evidence is given.

    In order: a date modifying the trigger word itself ("Saturday's shooting"), the date in the
    evidence's sentence that governs its clause (inside the evidence,
    attached to its verb, attached to a verb above it, then the nearest), the last date named before
    it in the paragraph, the first date of the lead paragraph, the publication date (week precision,
    low confidence). Durations, deadlines and future dates are never used.
    """
    doc = document.doc
    usable = [t for t in times if t.value and _kind(document, t) == "date"]
    if trigger is not None and usable:
        # "Saturday's shooting", "the Monday attack": a date that modifies the event's own noun.
        owned = [t for t in usable if _modifies(doc, t.mention, trigger)]
        if owned:
            return _event_time(owned[0], "clause", 0.95)
    if evidence and usable:
        ev = evidence[0]
        sentence = sentence_of(doc, ev.start)
        in_sentence = [
            t
            for t in usable
            if sentence.start_char <= t.mention.start < sentence.end_char
            and not describes_other_noun(doc, t.mention, ev)
        ]
        if in_sentence:
            heads = evidence_heads(doc, ev)
            ranked = sorted(
                in_sentence,
                key=lambda t: (
                    min(relation(doc, t.mention, ev, heads), ELSEWHERE),
                    abs(t.mention.start - ev.start),
                ),
            )
            tied = relation(doc, ranked[0].mention, ev, heads) < ELSEWHERE
            # "clause": the date is said of the event; "sentence": only said near it.
            return _event_time(ranked[0], "clause" if tied else "sentence", 0.9 if tied else 0.7)
        paragraph_start = paragraph_bounds(document.text, ev.start)[0]
        before = [t for t in usable if paragraph_start <= t.mention.start < sentence.start_char]
        if before:
            return _event_time(before[-1], "context", 0.6)
    lead_end = paragraph_bounds(document.text, 0)[1]
    lead = [t for t in usable if t.mention.start < lead_end and len(t.value or "") == 10]
    if lead:
        return _event_time(lead[0], "context", 0.5)
    if document.article.published:
        return EventTime(document.article.published, None, 2, "published", 0.3)
    return EventTime(None, None, 3, None, 0.0)


def _event_time(time: Time, source: str, confidence: float) -> EventTime:
    value = time.value or ""
    if len(value) == 10:
        week = "week" in time.mention.text.lower()
        return EventTime(value, time.value_end, 2 if week else 1, source, confidence)
    if len(value) == 7:
        return EventTime(f"{value}-01", None, 3, source, confidence)
    return EventTime(f"{value[:4]}-01-01", None, 3, source, confidence * 0.5)


def as_of(document: Document, times: Sequence[Time], span: Span) -> str | None:
    """The day a casualty figure refers to: the day-exact date in the figure's sentence, else None."""
    doc = document.doc
    if not len(doc):
        return None
    sentence = sentence_of(doc, span.start)
    candidates = [
        t
        for t in times
        if sentence.start_char <= t.mention.start < sentence.end_char
        and t.value
        and len(t.value) == 10
        and _kind(document, t) in ("date", "deadline")
    ]
    if not candidates:
        return None
    heads = evidence_heads(doc, span)
    best = min(
        candidates, key=lambda t: (relation(doc, t.mention, span, heads), abs(t.mention.start - span.start))
    )
    return best.value


# ---------------------------------------------------------------------------------------------
# Small helpers


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None  # ingest warns about a malformed date (W003); here it is just unknown


def _parse_partial(value: str) -> tuple[date | None, str | None]:
    if len(value) == 10:
        return _parse_date(value), "day"
    if len(value) == 7:
        return _parse_date(f"{value}-01"), "month"
    return _parse_date(f"{value[:4]}-01-01"), "year"


def _date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def _safe_day(year: int, month: int, day: int) -> str | None:
    found = _date(year, month, day) if year else None
    return found.isoformat() if found else None


def _month(name: str | None) -> int:
    return _MONTH_INDEX[(name or "").lower().rstrip(".")]


def _number(words: str) -> int | None:
    words = words.lower()
    if words.isdigit():
        return int(words)
    if words.startswith("a couple"):
        return 2
    value = _cues()["numbers"].get(words)
    return int(value) if value is not None else None


def _fold_quote(text: str) -> str:
    return text.replace("’", "'")
