"""Where a span sits in an article: its sentence, its paragraph, and the verbs that govern it.

Shared by the time and place resolvers, which both look for the expression "tied to the event's
clause": first inside the evidence, then attached to the evidence's verb or to a verb above it.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..extract.lexicon import lexicon
from ..model import Span

# How a mention relates to an event's evidence, best first.
INSIDE, ATTACHED, ABOVE, ELSEWHERE = 0, 1, 2, 3


def token_at(doc: Doc, offset: int) -> Token:
    """The token that covers a character offset (or the next one)."""
    index = max(0, bisect.bisect_right(doc, offset, key=lambda token: token.idx) - 1)
    return doc[index]


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that overlap the characters [start, end)."""
    if not len(doc):
        return []
    found = []
    for token in doc[token_at(doc, start).i :]:
        if token.idx >= end:
            break
        found.append(token)
    return found


def sentence_of(doc: Doc, offset: int) -> SpacySpan:
    """The sentence that holds a character offset.

    Walks to the sentence boundaries from the token: spaCy's Token.sent scans the whole Doc.
    """
    start = token_at(doc, offset).i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = start + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Character bounds of the paragraph (text between line breaks) that holds `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def governor(token: Token) -> Token:
    """The verb a word hangs from: the first verb (or the root) above it."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return current


def roots(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of [start, end) whose head lies outside it: "attack" in "an attack that day on a base"."""
    tokens = tokens_in(doc, start, end)
    return [t for t in tokens if not (start <= t.head.idx < end) or t.head.i == t.i]


def evidence_heads(doc: Doc, evidence: Span) -> list[Token]:
    """The verbs of the evidence's clause: its roots that are verbs, else the verbs they hang from."""
    return [t if t.pos_ in ("VERB", "AUX") else governor(t) for t in roots(doc, evidence.start, evidence.end)]


def describes_other_noun(doc: Doc, mention: Span, evidence: Span) -> bool:
    """Whether an expression modifies a noun outside the evidence rather than the event's clause.

    "since its founding in 1999", "the start of the protests this week": the date is the founding's
    or the protests', not that of an event told elsewhere in the sentence.
    """
    event_nouns = {noun for action in lexicon().actions for noun in action.nouns}
    for token in roots(doc, mention.start, mention.end):
        attached = token.head.head if token.dep_ == "pobj" else token.head
        if attached.pos_ not in ("NOUN", "PROPN"):
            continue
        # Outside the evidence any noun counts; inside it, a noun that names no event ("its founding
        # in 1999", "a New Year's Day fuel price hike") dates that thing, not the event.
        if not evidence.start <= attached.idx < evidence.end or attached.lemma_.lower() not in event_nouns:
            return True
    return False


def relation(doc: Doc, mention: Span, evidence: Span, heads: list[Token]) -> int:
    """INSIDE the evidence, ATTACHED to its verb, attached ABOVE it (a governing clause), or ELSEWHERE."""
    if evidence.start <= mention.start and mention.end <= evidence.end:
        return INSIDE
    verb = governor(token_at(doc, mention.start))
    if any(verb.i == head.i for head in heads):
        return ATTACHED
    if any(verb.i in {a.i for a in head.ancestors} for head in heads):
        return ABOVE
    return ELSEWHERE
