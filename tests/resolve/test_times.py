"""The time normaliser on wire-report sentences we write and on Wikinews excerpts (examples/corpus)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Time
from eventwire.nlp import Document
from eventwire.resolve.times import EventTime, as_of, event_time, normalize_times, time_kind

# 2022-01-07 is a Friday; 2019-01-24 a Thursday; 2019-10-02 a Wednesday; 2019-01-28 a Monday.
FRIDAY = "2022-01-07"


def _find(document: Document, expression: str) -> Time:
    times = normalize_times(document)
    found = [t for t in times if t.mention.text.endswith(expression)]
    assert found, f"{expression!r} not found in {[t.mention.text for t in times]}"
    return found[0]


def _evidence(document: Document, phrase: str) -> EventTime:
    start = document.text.index(phrase)
    return event_time(document, normalize_times(document), [document.span(start, start + len(phrase))])


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # A weekday names the last such day, the report's own day included.
        ("The president said on Friday that order had been restored.", FRIDAY, "Friday", "2022-01-07"),
        ("Protesters stormed the mayor's office on Wednesday.", FRIDAY, "Wednesday", "2022-01-05"),
        ("Troops arrived in the capital on Thursday.", FRIDAY, "Thursday", "2022-01-06"),
        ("A car bomb was on Monday rammed into a military base.", "2019-01-24", "Monday", "2019-01-21"),
        ("Police said the attack happened last Friday.", FRIDAY, "last Friday", "2021-12-31"),
        # In the future tense it names the next one.
        ("Leaders will meet on Monday to discuss the crisis.", FRIDAY, "Monday", "2022-01-10"),
        ("The president is set to address the nation on Monday.", FRIDAY, "Monday", "2022-01-10"),
        ("Opposition groups plan to rally on Sunday.", FRIDAY, "Sunday", "2022-01-09"),
        ("The vote is scheduled for Tuesday.", FRIDAY, "Tuesday", "2022-01-11"),
        ("Talks will resume next Wednesday.", FRIDAY, "next Wednesday", "2022-01-12"),
        # Days relative to publication.
        ("Twin bombings yesterday struck the cathedral.", "2019-01-28", "yesterday", "2019-01-27"),
        ("The curfew takes effect today.", FRIDAY, "today", "2022-01-07"),
        ("Gunmen attacked the checkpoint last night.", FRIDAY, "last night", "2022-01-06"),
        ("The minister will visit the region tomorrow.", FRIDAY, "tomorrow", "2022-01-08"),
        ("At least 71 people were arrested Friday night.", "2020-07-12", "Friday night", "2020-07-10"),
        ("The quake struck on Wednesday night.", "2019-10-22", "Wednesday night", "2019-10-16"),
        # A month and day without a year: the year nearest the report.
        ("A state of emergency is in force until January 19.", FRIDAY, "January 19", "2022-01-19"),
        ("The protests began on December 30.", FRIDAY, "December 30", "2021-12-30"),
        ("Two people were killed in a bombing on June 27.", "2019-07-08", "June 27", "2019-06-27"),
        ("Elections were held on 21 June.", "2020-07-12", "21 June", "2020-06-21"),
        # Explicit dates, month-years, years.
        ("The deal was signed on March 3, 2015.", FRIDAY, "March 3, 2015", "2015-03-03"),
        ("The deal was signed on 3 March 2015.", FRIDAY, "3 March 2015", "2015-03-03"),
        (
            "It was the deadliest since an assault in Ghazni in August 2018.",
            "2019-01-24",
            "August 2018",
            "2018-08",
        ),
        ("The alliance was founded in 1999.", FRIDAY, "1999", "1999"),
        ("After an attack in the capital in 2015, a bill was proposed.", "2019-07-08", "2015", "2015"),
        # Bare months: the last such month, or the next one in the future.
        ("The protests began in June.", "2019-10-02", "June", "2019-06"),
        ("Gatherings were allowed in May again.", "2020-07-12", "May", "2020-05"),
        ("The protests began in early October.", "2019-11-10", "early October", "2019-10"),
        ("They resumed in late October.", "2019-11-10", "late October", "2019-10"),
        ("Elections will be held in March.", FRIDAY, "March", "2022-03"),
        ("The protests started in November.", FRIDAY, "November", "2021-11"),
        # Weeks, months and years relative to publication.
        ("The rally was held last month.", "2019-07-08", "last month", "2019-06"),
        ("Inflation rose last year.", FRIDAY, "last year", "2021"),
        ("Ministers resigned three years ago.", FRIDAY, "three years ago", "2019"),
        ("It is the worst unrest since independence three decades ago.", FRIDAY, "three decades ago", "1992"),
        # Holidays with a fixed date.
        ("Protests against a New Year's Day fuel price hike spread.", FRIDAY, "New Year's Day", "2022-01-01"),
    ],
)
def test_times_normalise_news_expressions(
    document: Callable[..., Document], text: str, published: str, expression: str, value: str
) -> None:
    time = _find(document(text, published=published), expression)
    assert time.value == value


@pytest.mark.parametrize(
    ("text", "published", "expression", "value", "value_end"),
    [
        ("Talks were held from January 2 to 5.", FRIDAY, "January 2 to 5", "2022-01-02", "2022-01-05"),
        ("Voting ran from 2 to 4 March 2019.", FRIDAY, "2 to 4 March 2019", "2019-03-02", "2019-03-04"),
        (
            "Protests have been taking place since Tuesday.",
            "2020-07-12",
            "since Tuesday",
            "2020-07-07",
            "2020-07-12",
        ),
        # "last week" is the Monday-to-Sunday week before the report's week.
        ("Last week a car bombing killed five.", "2019-01-24", "Last week", "2019-01-14", "2019-01-20"),
        # "this week" is the report's week so far...
        ("Unrest spread this week.", FRIDAY, "this week", "2022-01-03", "2022-01-07"),
        ("Clashes broke out earlier this week.", FRIDAY, "earlier this week", "2022-01-03", "2022-01-06"),
        # ...or the seven days before a Monday report.
        ("This week saw a referendum.", "2019-01-28", "This week", "2019-01-22", "2019-01-28"),
        (
            "Strikes are planned for September and October.",
            "2019-07-08",
            "September and October",
            "2019-09",
            "2019-10",
        ),
    ],
)
def test_times_normalise_ranges(
    document: Callable[..., Document], text: str, published: str, expression: str, value: str, value_end: str
) -> None:
    time = _find(document(text, published=published), expression)
    assert (time.value, time.value_end) == (value, value_end)


@pytest.mark.parametrize(
    ("text", "expression", "value", "anchor"),
    [
        # "a day before" counts from publication when the sentence names no date...
        ("Soldiers fired at protesters a day before.", "a day before", "2022-01-06", "published"),
        # ...and from the date the sentence names when it does.
        (
            "Rebels seized the town on January 2 and the army returned a day later.",
            "a day later",
            "2022-01-03",
            "event",
        ),
        (
            "The ministry said on Wednesday that troops had left the day before.",
            "the day before",
            "2022-01-04",
            "event",
        ),
        (
            "The rally ended on Tuesday; police had warned organisers a day earlier.",
            "a day earlier",
            "2022-01-03",
            "event",
        ),
        (
            "On Friday, the coalition said an attack that day caused no casualties.",
            "that day",
            "2022-01-07",
            "event",
        ),
        ("Troops left Iraq in 2011, then returned three years later.", "three years later", "2014", "event"),
        ("On Wednesday, the president spoke to the nation.", "Wednesday", "2022-01-05", "published"),
        ("The alliance was founded in 1999.", "1999", "1999", "absolute"),
    ],
)
def test_times_anchor_relative_expressions(
    document: Callable[..., Document], text: str, expression: str, value: str, anchor: str
) -> None:
    time = _find(document(text), expression)
    assert (time.value, time.anchor) == (value, anchor)


@pytest.mark.parametrize(
    ("text", "expression", "value", "kind"),
    [
        ("The government set new fuel price limits for six months.", "for six months", None, "duration"),
        ("The country's worst unrest in three decades continued.", "three decades", None, "duration"),
        ("A state of emergency was declared until January 19.", "until January 19", "2022-01-19", "deadline"),
        (
            "The president is set to address the nation later in the day.",
            "later in the day",
            "2022-01-07",
            "future",
        ),
        ("Leaders will meet on Monday.", "Monday", "2022-01-10", "future"),
        ("The blast was heard at 7:37 p.m. local time.", "7:37 p.m.", None, "clock"),
        ("Police said on Thursday that 26 people had died.", "Thursday", "2022-01-06", "date"),
        # Seen in the 2019-2020 Wikinews corpus: a past participle and a possessive.
        ("Other games scheduled for Wednesday were still held.", "Wednesday", "2022-01-05", "date"),
        ("By today's judgment, the court ruled against the ban.", "today", "2022-01-07", "date"),
    ],
)
def test_times_kind_marks_what_is_no_event_date(
    document: Callable[..., Document], text: str, expression: str, value: str | None, kind: str
) -> None:
    doc = document(text)
    time = _find(doc, expression)
    assert (time.value, time_kind(doc, time)) == (value, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Police said 2000 protesters gathered in the square.",
        "More than 2,019 people were detained.",
        "A quake was recorded at 2053 UTC.",
        "The 2000 km pipeline crosses the border.",
        "A tremor hit at 4:53 a.m. (2053 Wednesday night, UTC).",
    ],
)
def test_times_numbers_that_are_not_years(document: Callable[..., Document], text: str) -> None:
    assert not [t for t in normalize_times(document(text)) if t.value and len(t.value) == 4]


def test_times_without_publication_date_leave_relative_values_unknown(
    document: Callable[..., Document],
) -> None:
    doc = document(
        "Protesters clashed with police on Wednesday, a year after the March 3, 2015 accord.", published=None
    )
    values = {t.mention.text: t.value for t in normalize_times(doc)}
    assert values["Wednesday"] is None
    assert values["March 3, 2015"] == "2015-03-03"


def test_times_spans_point_into_the_text(document: Callable[..., Document]) -> None:
    doc = document(
        "Kazakhstan’s president said on Friday that order had been restored, a day after troops "
        "arrived; a state of emergency runs until January 19."
    )
    for time in normalize_times(doc):
        assert doc.text[time.mention.start : time.mention.end] == time.mention.text


def test_times_empty_text(document: Callable[..., Document]) -> None:
    doc = document("")
    assert normalize_times(doc) == ()
    assert event_time(doc, (), ()).source == "published"
    assert as_of(doc, (), doc.span(0, 0)) is None


@pytest.mark.parametrize(
    ("text", "evidence", "date", "source"),
    [
        # The date attached to the event's own verb wins over the reporting verb's.
        (
            "The ministry said on Friday that protesters had stormed the city hall on Wednesday.",
            "stormed the city hall",
            "2022-01-05",
            "clause",
        ),
        (
            "Twin bombings yesterday struck the cathedral in Jolo.",
            "Twin bombings yesterday struck the cathedral",
            "2022-01-06",
            "clause",
        ),
        # A deadline or a duration is no event date: the nearest date before it in the paragraph is.
        (
            "Tokayev announced the resignation of the cabinet early on Wednesday. Authorities declared a "
            "state of emergency until January 19.",
            "declared a state of emergency",
            "2022-01-05",
            "context",
        ),
        (
            "The government made another concession on Thursday, setting new fuel price limits for six "
            "months.",
            "setting new fuel price limits",
            "2022-01-06",
            "clause",
        ),
        # A future date is no event date either.
        (
            "Police dispersed the crowd on Wednesday. Leaders will meet on Monday.",
            "Leaders will meet",
            "2022-01-05",
            "context",
        ),
    ],
)
def test_times_event_time_governs_clause(
    document: Callable[..., Document], text: str, evidence: str, date: str, source: str
) -> None:
    found = _evidence(document(text), evidence)
    assert (found.date, found.source) == (date, source)
    assert found.time_precision == 1


def test_times_event_time_week_and_month_precision(document: Callable[..., Document]) -> None:
    week = _evidence(
        document("Last week a car bombing killed five.", published="2019-01-24"), "a car bombing"
    )
    assert (week.date, week.date_end, week.time_precision) == ("2019-01-14", "2019-01-20", 2)
    month = _evidence(document("The protests began in June.", published="2019-10-02"), "The protests began")
    assert (month.date, month.time_precision) == ("2019-06-01", 3)


def test_times_event_time_falls_back_to_lead_then_publication(document: Callable[..., Document]) -> None:
    doc = document(
        "Police shot a protester yesterday in the city.\n\nIn other parts of the city, police used "
        "tear gas against protesters.",
        published="2019-10-02",
    )
    lead = _evidence(doc, "police used tear gas")
    assert (lead.date, lead.source) == ("2019-10-01", "context")
    undated = _evidence(document("Troops arrived in the capital."), "Troops arrived")
    assert (undated.date, undated.time_precision, undated.source) == (FRIDAY, 2, "published")
    assert undated.confidence < lead.confidence


def test_times_as_of_reads_the_figure_sentence(document: Callable[..., Document]) -> None:
    doc = document(
        "The interior ministry said on Thursday that 18 police had been killed. Officials said "
        "more than 1,000 people had been wounded."
    )
    times = normalize_times(doc)
    killed = doc.text.index("18 police")
    wounded = doc.text.index("1,000 people")
    assert as_of(doc, times, doc.span(killed, killed + 9)) == "2022-01-06"
    assert as_of(doc, times, doc.span(wounded, wounded + 12)) is None


@pytest.mark.parametrize(
    ("name", "published", "expression", "value"),
    [
        ("2019-01-24-maidan-shahr-car-bomb.txt", "2019-01-24", "Monday", "2019-01-21"),
        ("2019-01-24-maidan-shahr-car-bomb.txt", "2019-01-24", "August 2018", "2018-08"),
        ("2019-11-10-mosul-air-base-rocket-attack.txt", "2019-11-10", "that day", "2019-11-08"),
        ("2019-11-10-mosul-air-base-rocket-attack.txt", "2019-11-10", "three years later", "2014"),
        ("2019-10-22-mindanao-earthquake-aftershocks.txt", "2019-10-22", "Saturday", "2019-10-19"),
        ("2020-07-12-belgrade-parliament-protests.txt", "2020-07-12", "Friday night", "2020-07-10"),
        ("2019-07-08-tunisia-niqab-ban-decree.txt", "2019-07-08", "last month", "2019-06"),
    ],
)
def test_times_wikinews_excerpts(
    document: Callable[..., Document],
    corpus_text: Callable[[str], str],
    name: str,
    published: str,
    expression: str,
    value: str,
) -> None:
    body = corpus_text(name).split("\n\n", 1)[1]
    assert _find(document(body, published=published), expression).value == value
