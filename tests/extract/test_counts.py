"""Reported figures of people (issue 5): kind, bounds, subject, source, and what is not a count."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.extract.counts import extract_counts, fatalities_of
from eventwire.extract.quotes import extract_quotes
from eventwire.model import Count, span_of
from eventwire.nlp import Document

MakeDocument = Callable[..., Document]


def _only(document: Document) -> Count:
    counts = extract_counts(document)
    assert len(counts) == 1, counts
    return counts[0]


@pytest.mark.parametrize(
    ("text", "kind", "value", "low", "high", "qualifier"),
    [
        (
            "Police said 18 officers had been killed since the start of the protests.",
            "killed",
            18,
            None,
            None,
            "exact",
        ),
        ("Gunmen killed at least 12 villagers in an overnight raid.", "killed", None, 12, None, "at_least"),
        ("Dozens died in the attack, reportedly conducted by the Taliban.", "killed", None, 24, 99, "dozens"),
        ("The attack left 7 dead, the governor said.", "killed", 7, None, None, "exact"),
        ("Rescuers recovered 35 bodies from the rubble.", "killed", 35, None, None, "exact"),
        ("A total of 39 are confirmed dead.", "killed", 39, None, None, "exact"),
        ("Authorities have confirmed 27 deaths so far.", "killed", 27, None, None, "exact"),
        ("Sixty-six people or more were injured yesterday.", "injured", None, 66, None, "at_least"),
        ("The blast wounded 110 people.", "injured", 110, None, None, "exact"),
        (
            "Director Rebic said the night's incidents injured fourteen police officers.",
            "injured",
            14,
            None,
            None,
            "exact",
        ),
        ("Six police officers were hospitalised after the clashes.", "hospitalized", 6, None, None, "exact"),
        ("Nearly 400 people were admitted to hospital.", "hospitalized", None, None, 400, "nearly"),
        ("Officers arrested 14 people and seized 3 vehicles.", "detained", 14, None, None, "exact"),
        ("At least 71 people were arrested Friday night.", "detained", None, 71, None, "at_least"),
        ("Security forces detained more than 3,000 protesters.", "detained", None, 3000, None, "more_than"),
        ("Five people remain missing after the flood.", "missing", 5, None, None, "exact"),
        ("Rebels abducted 30 students from a boarding school.", "missing", 30, None, None, "exact"),
        (
            "Over 2,000 residents near the volcano have been relocated.",
            "displaced",
            None,
            2000,
            None,
            "more_than",
        ),
        ("Hundreds of people were evacuated from their homes.", "displaced", None, 200, 999, "hundreds"),
        ("The government deployed 3,000 troops to the region.", "deployed", 3000, None, None, "exact"),
        ("A 500-strong contingent of peacekeepers arrived on Monday.", "deployed", 500, None, None, "exact"),
        (
            "There are reportedly about 5000 U.S. troops now in the country.",
            "deployed",
            None,
            4500,
            5500,
            "about",
        ),
        ("Several thousand people rallied in the capital.", "other", None, 3000, 9999, "thousands"),
        ("Between 300 and 400 demonstrators gathered outside parliament.", "other", None, 300, 400, "range"),
        ("The number of people killed in the violence rose to 31 on Tuesday.", "killed", 31, None, None, "exact"),
        ("Two men were shot and killed outside a bar early Sunday.", "killed", 2, None, None, "exact"),
        ("Four people were stabbed to death in the attack.", "killed", 4, None, None, "exact"),
        ("Three people were shot Saturday night, police said.", "injured", 3, None, None, "exact"),
        ("According to authorities, scores more were injured.", "injured", None, 40, 99, "scores"),
    ],
)
def test_counts_kind_and_bounds(
    document: MakeDocument,
    text: str,
    kind: str,
    value: int | None,
    low: int | None,
    high: int | None,
    qualifier: str,
) -> None:
    count = _only(document(text))
    assert (count.kind, count.value, count.low, count.high, count.qualifier) == (
        kind,
        value,
        low,
        high,
        qualifier,
    )


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "The ministry said 18 police and national guard servicemen had been killed.",
            "police and national guard servicemen",
        ),
        ("The ministry said 26 “armed criminals” had been “liquidated”.", "armed criminals"),
        ("Officials reported hundreds of Taliban killed.", "Taliban"),
        ("The confirmed deaths include one member of the Coast Guard.", "member of the Coast Guard"),
        ("Two police officers were injured.", "police officers"),
        ("The news agency AFP has placed the protester death count in the hundreds.", "protester"),
    ],
)
def test_counts_subject_is_whom_the_figure_counts(document: MakeDocument, text: str, subject: str) -> None:
    assert subject in (_only(document(text)).subject or "")


@pytest.mark.parametrize(
    ("text", "claimed_by"),
    [
        (
            "Kazakhstan's interior ministry said on Friday that 26 people had been killed.",
            "interior ministry",
        ),
        (
            "Sixty-six people or more were injured yesterday according to health officials.",
            "health officials",
        ),
        ("Taliban spokesperson Zabiullah Mujahid claimed 190 were dead.", "Zabiullah Mujahid"),
        ("Security forces detained 150 protesters, according to the interior ministry.", "interior ministry"),
        ("The death toll has risen to 45, the health ministry said.", "health ministry"),
        ("According to a report citing the mayor's office, twenty people were arrested.", "mayor's office"),
        (
            "Some estimated death tolls, provided anonymously by officials to journalists, exceeded 100.",
            "officials",
        ),
        ("The Disaster Council increased the previous death toll to six.", "Disaster Council"),
    ],
)
def test_counts_claimed_by_is_who_gives_the_figure(
    document: MakeDocument, text: str, claimed_by: str
) -> None:
    assert claimed_by in (_only(document(text)).claimed_by or "")


def test_counts_claimed_by_resolves_the_fullest_name(document: MakeDocument) -> None:
    text = (
        "Police director Vladimir Rebic spoke on Saturday. "
        "Director Rebic said the night's incidents injured fourteen police officers."
    )
    assert _only(document(text)).claimed_by == "Vladimir Rebic"


@pytest.mark.parametrize(
    "text",
    [
        "Nursultan Nazarbayev, 81, has held on to the reins of power.",
        "The victim, eighteen-years-old and a high school student, was taken to hospital.",
        "A 35-year-old man was arrested at the scene.",
        "The suspects, aged 19 and 22, appeared in court.",
        "Protesters accused the elite of amassing wealth while the nation of 19 million remained poor.",
        "The Philippines has a population of 108 million.",
        "The alliance was founded in 1999 and includes five other ex-Soviet states.",
        "The government set new fuel price limits for six months.",
        "It is the worst unrest since independence three decades ago.",
        "The protests are now in their sixteenth week, after sixteen weeks of clashes.",
        "Turnout was 65 percent.",
        "Police seized 40 kilograms of heroin and $2 million in cash.",
        "Yesterday was the 70th anniversary of the takeover.",
        "A magnitude 6.3 earthquake struck at 7:37 p.m. local time.",
        "The tremor damaged 143 buildings including 70 schools and 40 houses.",
        "Seventeen rockets struck near the base.",
        "He was sentenced to 15 years in prison.",
        "The bill was passed by 231 votes to 194.",
        "Of the 2.8 million who voted, 85% were in favour.",
        "It was one of the highest death tolls in the region.",
        "Nobody was injured in the blast, and no deaths were reported.",
        "Sky News said it was the fourth major bus crash in a month.",
        "He drew his pistol, pointed it, and shot at one person.",
        "Officials said the twelve with the dead jackal were questioned.",
        "Mr. Basilashvili, world ranking number 27, was arrested on Friday.",
        "The bus driver, 54, died at the scene.",
    ],
)
def test_counts_skip_figures_that_count_no_people(document: MakeDocument, text: str) -> None:
    assert extract_counts(document(text)) == ()


def test_counts_share_the_kind_of_a_list(document: MakeDocument) -> None:
    text = (
        "Mijares further claimed 90 civilians were wounded, as were seventeen from the Armed Forces, "
        "and two each from the Coast Guard and the National Police."
    )
    counts = extract_counts(document(text))
    assert [(c.kind, c.value) for c in counts] == [
        ("injured", 90),
        ("injured", 17),
        ("injured", 2),
        ("injured", 2),
    ]
    assert [c.subject for c in counts[1:]] == ["Armed Forces", "Coast Guard", "National Police"]
    assert all(c.claimed_by == "Mijares" for c in counts)


def test_counts_list_with_the_verb_at_the_end(document: MakeDocument) -> None:
    text = (
        "Reuters reported the attack the deadliest since August 2018, with officials reporting at the time "
        "150 security forces, 95 civilians, and hundreds of Taliban killed."
    )
    counts = extract_counts(document(text))
    assert [(c.kind, c.value or c.qualifier) for c in counts] == [
        ("killed", 150),
        ("killed", 95),
        ("killed", "hundreds"),
    ]
    assert {c.claimed_by for c in counts} == {"officials"}


def test_counts_figures_of_one_sentence_keep_their_own_words(document: MakeDocument) -> None:
    counts = extract_counts(document("The clashes left at least 14 dead and more than 200 wounded."))
    assert [(c.kind, c.low) for c in counts] == [("killed", 14), ("injured", 200)]


def test_counts_fatally_marks_the_dead_of_a_list(document: MakeDocument) -> None:
    counts = extract_counts(document("Five people were shot, one fatally, during a party."))
    assert [(c.kind, c.value) for c in counts] == [("injured", 5), ("killed", 1)]


def test_counts_reuse_the_quotes_of_the_caller(document: MakeDocument) -> None:
    doc = document("Police director Vladimir Rebic said at least 71 people were arrested Friday night.")
    assert extract_counts(doc, quotes=extract_quotes(doc)) == extract_counts(doc)
    assert extract_counts(doc)[0].claimed_by == "Vladimir Rebic"


def test_counts_one_figure_per_verb(document: MakeDocument) -> None:
    counts = extract_counts(document("Last week a car bombing killed five and wounded 110."))
    assert [(c.kind, c.value) for c in counts] == [("killed", 5), ("injured", 110)]


def test_counts_a_figure_with_its_own_verb_is_not_in_the_list(document: MakeDocument) -> None:
    counts = extract_counts(document("At least seventeen people died and 35 were rescued."))
    assert [(c.kind, c.low) for c in counts] == [("killed", 17)]


def test_counts_evidence_spans_reproduce_the_text(
    document: MakeDocument, corpus_text: Callable[[str], str]
) -> None:
    text = corpus_text("2019-01-28-jolo-cathedral-bombings.txt")
    for count in extract_counts(document(text)):
        assert count.evidence == span_of(text, count.evidence.start, count.evidence.end)
        assert count.as_of is None


def test_counts_wikinews_jolo_casualties_by_group(
    document: MakeDocument, corpus_text: Callable[[str], str]
) -> None:
    body = corpus_text("2019-01-28-jolo-cathedral-bombings.txt").partition("\n\n")[2]
    counts = extract_counts(document(body))
    killed = [c for c in counts if c.kind == "killed"]
    assert [(c.value, c.low) for c in killed] == [(None, 20), (14, None), (5, None), (1, None), (27, None)]
    assert fatalities_of(counts) == 20


def test_counts_wikinews_mindanao_update(document: MakeDocument, corpus_text: Callable[[str], str]) -> None:
    counts = extract_counts(document(corpus_text("2019-10-22-mindanao-earthquake-aftershocks.txt")))
    assert fatalities_of(counts) == 6
    assert sorted(c.value for c in counts if c.kind == "injured" and c.value) == [7, 21, 29, 36, 93, 167]


# --- fatalities_of: ACLED conventions, on hand-made counts -------------------------------------


def _killed(
    text: str,
    *,
    value: int | None = None,
    low: int | None = None,
    high: int | None = None,
    qualifier: str = "exact",
    subject: str | None = None,
    claimed_by: str | None = None,
    at: int = 0,
) -> Count:
    body = " " * at + text
    return Count(
        kind="killed",
        evidence=span_of(body, at, at + len(text)),
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        subject=subject,
        claimed_by=claimed_by,
    )


@pytest.mark.parametrize(
    ("count", "fatalities"),
    [
        (_killed("dozens died", low=24, high=99, qualifier="dozens"), 12),
        (_killed("hundreds of Taliban killed", low=200, high=999, qualifier="hundreds"), 100),
        (_killed("several were killed", low=3, high=9, qualifier="several"), 10),
        (_killed("tens of people died", low=20, high=99, qualifier="tens"), 10),
        (_killed("at least 20 were killed", low=20, qualifier="at_least"), 20),
        (_killed("more than 100 died", low=100, qualifier="more_than"), 100),
        (_killed("about 50 were killed", low=45, high=55, qualifier="about"), 50),
        (_killed("18 were killed", value=18), 18),
    ],
)
def test_counts_fatalities_of_codes_vague_figures_as_acled(count: Count, fatalities: int) -> None:
    assert fatalities_of([count]) == fatalities


def test_counts_fatalities_of_takes_the_most_conservative_estimate() -> None:
    counts = [
        _killed("exceeded 100", low=100, qualifier="more_than", claimed_by="officials"),
        _killed("190 were dead", value=190, claimed_by="Taliban", at=300),
        _killed("killed twelve", value=12, claimed_by="governor", at=600),
    ]
    assert fatalities_of(counts) == 12


def test_counts_fatalities_of_adds_groups_but_not_their_total() -> None:
    counts = [
        _killed("at least 20 were killed", low=20, qualifier="at_least"),
        _killed("fourteen civilians", value=14, subject="civilians", claimed_by="police", at=200),
        _killed("five soldiers", value=5, subject="soldiers", claimed_by="police", at=220),
        _killed("one coast guard", value=1, subject="coast guard", claimed_by="police", at=240),
    ]
    assert fatalities_of(counts) == 20


def test_counts_fatalities_of_drops_superseded_figures() -> None:
    counts = [
        _killed("from five people", value=5, subject="people"),
        _killed("five dead", value=5, at=200),
        _killed("death toll to six", value=6, at=400),
        _killed("an earlier toll of 27 dead", value=27, at=600),
    ]
    assert fatalities_of(counts) == 6


def test_counts_fatalities_of_ignores_other_kinds() -> None:
    injured = Count(kind="injured", evidence=span_of("30 injured", 0, 10), value=30)
    assert fatalities_of([injured]) is None
