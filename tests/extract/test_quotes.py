"""Quotes and reported speech (issue 5): boundaries, kinds, cues, speakers resolved to full names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.extract.quotes import extract_quotes
from eventwire.model import Quote, span_of
from eventwire.nlp import Document

MakeDocument = Callable[..., Document]


def _find(quotes: tuple[Quote, ...], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, [q.text for q in quotes]
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "speaker", "cue"),
    [
        (
            '"We will not negotiate with terrorists," Prime Minister Jane Doe told parliament on Tuesday.',
            "We will not negotiate",
            "Jane Doe",
            "told",
        ),
        (
            "“The world will be watching for any violation of human rights,” Price said.",
            "will be watching",
            "Price",
            "said",
        ),
        (
            '"We will use the full force of the law," said Delfin Lorenzana, the Defence Secretary.',
            "full force of the law",
            "Delfin Lorenzana",
            "said",
        ),
        (
            'Speaking to reporters, Mayor Anna Berg said: "The situation is under control."',
            "under control",
            "Anna Berg",
            "said",
        ),
        (
            'A member of the Tunisian Parliament, Samir Dilou said, "Tunisia is facing terrorist attacks".',
            "Tunisia is facing",
            "Samir Dilou",
            "said",
        ),
        (
            '"Chahed signed a government decree", a government official said.',
            "Chahed signed",
            "government official",
            "said",
        ),
        (
            'A source within the Interior Ministry reportedly said "I have been told not to make it public."',
            "I have been told",
            "source within the Interior Ministry",
            "said",
        ),
    ],
)
def test_quotes_direct_with_its_attribution(
    document: MakeDocument, text: str, words: str, speaker: str, cue: str
) -> None:
    quote = _find(extract_quotes(document(text)), words)
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", speaker, cue)


def test_quotes_direct_over_several_sentences(document: MakeDocument) -> None:
    text = (
        "Police Senior Superintendent Yolanda Yu Hoi-kwan said at a press conference: \"The officers' lives "
        'were seriously threatened. To save his own life, he fired a live shot at the attacker."'
    )
    quote = _find(extract_quotes(document(text)), "seriously threatened")
    assert "he fired a live shot" in quote.text
    assert quote.speaker == "Yolanda Yu Hoi-kwan"
    assert quote.speaker_role == "Police Senior Superintendent"


def test_quotes_direct_over_paragraphs_takes_the_speaker_named_at_its_end(document: MakeDocument) -> None:
    text = (
        'Governor Lisa Ray spoke on Monday.\n\n"The first part of the statement goes on here.\n\n'
        '"And the second part closes it," she added.'
    )
    quotes = extract_quotes(document(text))
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Lisa Ray"), ("direct", "Lisa Ray")]


def test_quotes_paragraph_without_verb_continues_the_last_speaker(document: MakeDocument) -> None:
    text = (
        "France-based opposition leader Mukhtar Ablyazov said that the regime was nearing its end.\n\n"
        "“It is only a question now of how long,” the former energy minister told AFP.\n\n"
        "“Literally in three days a revolution took place.”"
    )
    quotes = extract_quotes(document(text))
    assert _find(quotes, "how long").speaker == "Mukhtar Ablyazov"
    assert _find(quotes, "Literally in three days").speaker == "Mukhtar Ablyazov"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Kazakhstan’s president Kassym-Jomart Tokayev said security operations would continue "
            "“until the total destruction of the militants”.",
            "until the total destruction",
            "Kassym-Jomart Tokayev",
        ),
        (
            "The Russian foreign ministry has described the unrest as “an attempt inspired from outside”.",
            "an attempt inspired from outside",
            "Russian foreign ministry",
        ),
        (
            'Hotak alleged the central government are "hiding accurate casualty figures".',
            "hiding accurate casualty figures",
            "Hotak",
        ),
        (
            'President Donald Trump lashed out at the mayor on Twitter, accusing her of "not doing her job".',
            "not doing her job",
            "Donald Trump",
        ),
        (
            'Opposition leader John Roe said the election had been "stolen" and called for protests.',
            "stolen",
            "John Roe",
        ),
    ],
)
def test_quotes_partial_fragment_takes_the_subject_of_the_verb_above(
    document: MakeDocument, text: str, words: str, speaker: str
) -> None:
    quote = next(q for q in extract_quotes(document(text)) if q.kind == "partial" and words in q.text)
    assert quote.speaker == speaker


def test_quotes_scare_quotes_without_a_speaker_are_left_out(document: MakeDocument) -> None:
    assert extract_quotes(document('The so-called "peace plan" was published on Monday.')) == ()


@pytest.mark.parametrize(
    ("text", "words", "speaker", "cue"),
    [
        (
            "Police director Vladimir Rebic said at least 71 people were arrested Friday night.",
            "at least 71 people were arrested",
            "Vladimir Rebic",
            "said",
        ),
        (
            "Kazakhstan’s president claimed on Friday that constitutional order had mostly been restored.",
            "constitutional order had mostly been restored",
            "president",
            "claimed",
        ),
        (
            "Seventeen rockets struck near the base, according to Iraqi military.",
            "Seventeen rockets struck near the base",
            "Iraqi military",
            "according to",
        ),
        (
            "According to the UN, more than 1,000 civilians have been killed.",
            "more than 1,000 civilians have been killed",
            "UN",
            "according to",
        ),
        (
            "State and federal election officials have stated there is currently no evidence of fraud.",
            "no evidence of fraud",
            "State and federal election officials",
            "stated",
        ),
        (
            "The death toll has risen to 45, the health ministry said.",
            "The death toll has risen to 45",
            "health ministry",
            "said",
        ),
        (
            "Charles Plotena, the mayor of Esperanza, announced classes for students would be cancelled.",
            "would be cancelled",
            "Charles Plotena",
            "announced",
        ),
    ],
)
def test_quotes_indirect_reported_clause(
    document: MakeDocument, text: str, words: str, speaker: str, cue: str
) -> None:
    quote = next(q for q in extract_quotes(document(text)) if q.kind == "indirect" and words in q.text)
    assert speaker in (quote.speaker or "")
    assert quote.cue == cue
    assert not quote.text.startswith("that ")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            "President Kassym-Jomart Tokayev visited Almaty. Kazakhstan’s president said order was restored.",
            "Kassym-Jomart Tokayev",
            "President",
        ),
        (
            "President Aleksandar Vučić spoke. President Vučić said foreign forces were involved.",
            "Aleksandar Vučić",
            "President",
        ),
        (
            "US State Department spokesman Ned Price spoke on Friday. Price said Washington was watching.",
            "Ned Price",
            "US State Department spokesman",
        ),
        (
            "Abdurrahman Mangal, spokesperson for the provincial governor, said the attack killed twelve.",
            "Abdurrahman Mangal",
            "spokesperson for the provincial governor",
        ),
        (
            "Secretary of State Mike Pompeo said there was no evidence the attacks came from Yemen.",
            "Mike Pompeo",
            "Secretary of State",
        ),
    ],
)
def test_quotes_speaker_resolved_to_the_fullest_name_and_role(
    document: MakeDocument, text: str, speaker: str, role: str
) -> None:
    quote = extract_quotes(document(text))[-1]
    assert (quote.speaker, quote.speaker_role) == (speaker, role)


def test_quotes_pronoun_speaker_is_the_person_named_before(document: MakeDocument) -> None:
    text = (
        "Sharif Hotak, of the provincial council, described witnessing 35 bodies in one hospital. "
        '"The explosion was very powerful. The whole building has collapsed," he said.'
    )
    quote = _find(extract_quotes(document(text)), "The explosion was very powerful")
    assert quote.speaker == "Sharif Hotak"


def test_quotes_statement_speaks_for_who_issued_it(document: MakeDocument) -> None:
    text = (
        "On Friday, the Combined Joint Task Force released a statement about the attack. "
        '"No Coalition troops were injured," read the statement.'
    )
    quote = _find(extract_quotes(document(text)), "No Coalition troops were injured")
    assert quote.speaker == "Combined Joint Task Force"


@pytest.mark.parametrize("marks", [("“", "”"), ('"', '"')])
def test_quotes_straight_and_curly_marks(document: MakeDocument, marks: tuple[str, str]) -> None:
    opening, closing = marks
    text = f"{opening}We are ready,{closing} said Colonel Ivan Petrov, a spokesman for the army."
    (quote,) = extract_quotes(document(text))
    assert (quote.text, quote.speaker, quote.speaker_role) == ("We are ready", "Ivan Petrov", "Colonel")


def test_quotes_evidence_spans_reproduce_the_text(
    document: MakeDocument, corpus_text: Callable[[str], str]
) -> None:
    text = corpus_text("2019-01-28-jolo-cathedral-bombings.txt")
    quotes = extract_quotes(document(text))
    assert quotes
    for quote in quotes:
        assert quote.evidence == span_of(text, quote.evidence.start, quote.evidence.end)
        assert quote.kind in ("direct", "partial", "indirect")


@pytest.mark.parametrize(
    ("name", "words", "speaker"),
    [
        ("2019-01-28-jolo-cathedral-bombings.txt", "dastardly act", "Delfin Lorenzana"),
        (
            "2019-01-28-jolo-cathedral-bombings.txt",
            "Abu Sayyaf Group are the suspected perpetrators",
            "dela Vega",
        ),
        (
            "2019-11-10-mosul-air-base-rocket-attack.txt",
            "we will not be deterred",
            "Combined Joint Task Force",
        ),
        (
            "2020-07-12-belgrade-parliament-protests.txt",
            "foreign security forces were involved",
            "Aleksandar Vučić",
        ),
        ("2019-07-08-tunisia-niqab-ban-decree.txt", "Maybe it is time now", "Souhail Alouini"),
    ],
)
def test_quotes_wikinews_speakers(
    document: MakeDocument, corpus_text: Callable[[str], str], name: str, words: str, speaker: str
) -> None:
    quote = _find(extract_quotes(document(corpus_text(name))), words)
    assert speaker in (quote.speaker or "")
