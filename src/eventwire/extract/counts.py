"""Reported figures of people: how many were killed, injured, detained, displaced, deployed...

Every number `numbers.find_amounts` reads is tested against the parse: is it a count of people
(not an age, a year, a population, a duration, money, a magnitude, a count of buildings)? What
happened to them (the casualty word nearest to it in the dependency tree)? Whom does it count
(the noun it modifies)? Who gives it (the speaker of the quote or clause holding it)? The word
lists live in `data/counts.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..model import Count, Quote
from ..nlp import Document
from ..tables import load_table
from .numbers import Amount, find_amounts
from .quotes import according_source, extract_quotes, name_of, person_of, sentence_of, subject_of

# A casualty word further than this many dependency arcs from the number is about something else.
_MAX_TREE_DISTANCE = 3
# Fallback when the parse of a long list is wrong: a casualty word this many tokens to the right
# ("hundreds of Taliban killed").
_MAX_RIGHT = 4
# Tokens between two figures of one list ("90 civilians were wounded, as were seventeen ...").
_MAX_LIST_GAP = 12


@dataclass(frozen=True, slots=True)
class _Rules:
    verbs: dict[str, str]
    words: dict[str, str]
    people_kinds: dict[str, str]
    # Multi-word cues by their first word: (kind, lemma sequence); kind None for `not_cues`.
    phrases_by_first: dict[str, tuple[tuple[str | None, tuple[str, ...]], ...]]
    people: frozenset[str]
    forces: frozenset[str]
    groups: frozenset[str]
    things: frozenset[str]
    entity_labels: frozenset[str]
    after: tuple[str, ...]
    before: frozenset[str]
    population: tuple[tuple[str, ...], ...]
    min_forces: int
    claim_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    sources: frozenset[str]
    earlier: frozenset[str]
    transparent: frozenset[str]
    blockers: frozenset[str]
    acled: dict[str, int]


@cache
def _rules() -> _Rules:
    table = load_table("counts")
    vague = load_table("numbers")["vague"]
    return _Rules(
        verbs={w: kind for kind, entry in table["kinds"].items() for w in entry["verbs"]},
        words={w: kind for kind, entry in table["kinds"].items() for w in entry["words"]},
        people_kinds={w: kind for kind, entry in table["kinds"].items() for w in entry["people"]},
        phrases_by_first=_by_first_word({**table["phrases"], "": table["not_cues"]["phrases"]}),
        people=frozenset(table["people"]["nouns"]),
        forces=frozenset(table["people"]["forces"]),
        groups=frozenset(table["people"]["groups"]),
        things=frozenset(table["things"]["nouns"]),
        entity_labels=frozenset(table["not_counts"]["entity_labels"]),
        after=tuple(table["not_counts"]["after"]),
        before=frozenset(table["not_counts"]["before"]),
        population=tuple(tuple(p) for p in table["not_counts"]["population"]),
        min_forces=int(table["forces"]["min_without_cue"]),
        claim_verbs=frozenset(table["claims"]["verbs"]),
        speech_verbs=frozenset(table["claims"]["speech"]),
        sources=frozenset(table["claims"]["sources"]),
        earlier=frozenset(table["updates"]["earlier"]),
        transparent=frozenset(table["paths"]["transparent"]),
        blockers=frozenset(table["paths"]["blockers"]),
        acled={str(v["qualifier"]): int(v["acled"]) for v in vague.values()},
    )


def _by_first_word(
    phrases: dict[str, list[list[str]]],
) -> dict[str, tuple[tuple[str | None, tuple[str, ...]], ...]]:
    """Phrases indexed by their first word; the kind "" (phrases that are no cue) becomes None."""
    index: dict[str, tuple[tuple[str | None, tuple[str, ...]], ...]] = {}
    for kind, sequences in phrases.items():
        for sequence in sequences:
            index[sequence[0]] = (*index.get(sequence[0], ()), (kind or None, tuple(sequence)))
    return index


@dataclass(frozen=True, slots=True)
class _Cue:
    """A word (or phrase) telling what happened to the people counted: ("killed", token indices).

    `role` is "verb", "word" (noun or adjective), "phrase" or "people" (the counted noun itself).
    """

    kind: str
    tokens: tuple[int, ...]
    role: str


@dataclass(frozen=True, slots=True)
class _Figure:
    """One amount of one article on its way to becoming a Count."""

    amount: Amount
    number: TokenSpan
    noun: Token | None
    cue: _Cue | None
    subjects: tuple[tuple[str | None, int], ...]  # (whom it counts, where that phrase ends)


def extract_counts(document: Document, *, quotes: Sequence[Quote] | None = None) -> tuple[Count, ...]:
    """Every reported figure of people in the article, in text order.

    `quotes`: the article's `extract_quotes` result, when the caller has it already (the speaker
    of a quote holding a figure is who gives it); computed here otherwise. `as_of` is left None:
    the time resolver fills it.
    """
    rules = _rules()
    doc = document.doc
    cues = _find_cues(doc, rules)
    figures: list[_Figure] = []
    for amount in find_amounts(document.text):
        number = doc.char_span(amount.number_start, amount.number_end, alignment_mode="expand")
        if number is None or len(number) == 0 or _not_a_count(doc, amount, number, rules):
            continue
        noun = _counted_noun(number)
        if noun is not None and _noun_class(noun, rules) == "thing":
            continue
        cue = _nearest_cue(doc, number, noun, cues, rules)
        figures.append(_Figure(amount, number, noun, cue, _subjects(doc, number, noun, cue, rules)))
    figures = _inherit_kinds(doc, figures)
    quotes = extract_quotes(document) if quotes is None else quotes
    counts: list[Count] = []
    for figure in figures:
        kind = _kind(figure, rules)
        if kind is None:
            continue
        claimed_by = _claimant(document, figure, quotes, rules)
        for subject, subject_end in figure.subjects:
            start, end = _evidence(doc, figure, subject_end, rules)
            amount = figure.amount
            counts.append(
                Count(
                    kind=kind,
                    evidence=document.span(start, end),
                    value=amount.value,
                    low=amount.low,
                    high=amount.high,
                    qualifier=amount.qualifier,
                    subject=subject,
                    claimed_by=claimed_by,
                )
            )
    return tuple(_inherit_claims(counts))


# --- what is not a count ---------------------------------------------------------------------


def _not_a_count(doc: Doc, amount: Amount, number: TokenSpan, rules: _Rules) -> bool:
    """Ages, years, dates, times, money, percentages, measures, names with numbers, populations."""
    if any(t.ent_type_ in rules.entity_labels for t in number) and not _bare_entity(doc, number):
        return True
    text = doc.text
    digits = text[amount.number_start : amount.number_end]
    if re.fullmatch(r"1[89]\d\d|20\d\d", digits):
        return True  # a year
    following = text[amount.number_end : amount.number_end + 14].lower()
    # "24-hour", "ten-storey", "81-year-old": a number fused to a word modifies it ("-strong" is a force).
    fused = re.match(r"-([a-z]+)", following)
    if fused and fused.group(1) != "strong":
        return True
    next_word = following.split()[0].rstrip(".,;:)") if following.split() else ""
    if next_word in rules.after or following.startswith("%"):
        return True
    start = doc.char_span(amount.start, amount.end, alignment_mode="expand")
    first = start.start if start is not None else number.start
    previous = doc[first - 1] if first > 0 else None
    if (
        previous is not None
        and previous.pos_ != "VERB"
        and (previous.lower_ in rules.before or previous.text in rules.before)
    ):
        return True  # "Region 11", "aged 30", "$5"; not "it will number 2,500"
    if previous is not None and previous.ent_type_ and number[0].ent_iob_ == "I":
        return True  # inside a name: "Region 11", "Flight 302"
    if _age_or_part(doc, number, first, rules):
        return True
    window = [t.lemma_.lower() for t in doc[max(0, first - 4) : first]]
    after = [t.lemma_.lower() for t in doc[number.end : number.end + 3]]
    return any(_contains(window, pattern) or _starts(after, pattern) for pattern in rules.population)


def _age_or_part(doc: Doc, number: TokenSpan, first: int, rules: _Rules) -> bool:
    """ "Nazarbayev, 81,", "the driver, 54," and "when she was one" are ages; in "one of the sixteen on board", the
    sixteen is the whole of which one is counted."""
    following = doc[number.end] if number.end < len(doc) else None
    if (
        first >= 2
        and doc[first - 1].text in (",", "(")
        and (doc[first - 2].pos_ == "PROPN" or doc[first - 2].lemma_.lower() in rules.people)
        and following is not None
        and following.text in (",", ")", "and", "died", "was")
    ):
        return True
    last = number[-1]
    if (
        last.dep_ in ("attr", "acomp")
        and last.head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.pos_ in ("PRON", "PROPN") for c in last.head.children)
    ):
        return True
    holder = last.head if last.dep_ == "nummod" else last
    if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.like_num:
        return True
    # "one of the highest death tolls": a ranking, not a count.
    of = next((c for c in last.children if c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return whole is not None and any(c.tag_ == "JJS" for c in whole.children)


def _bare_entity(doc: Doc, number: TokenSpan) -> bool:
    """A date or time entity that is the number alone ("36" in "36 in North Cotabato"): the small
    model tags lone numbers as dates; real dates and times have words ("three decades", "June 21")."""
    start = number.start
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = number.start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return all(t.like_num or t.is_punct for t in doc[start:end])


def _contains(words: list[str], pattern: tuple[str, ...]) -> bool:
    n = len(pattern)
    return any(tuple(words[i : i + n]) == pattern for i in range(len(words) - n + 1))


def _starts(words: list[str], pattern: tuple[str, ...]) -> bool:
    return tuple(words[: len(pattern)]) == pattern


# --- whom a figure counts --------------------------------------------------------------------


def _counted_noun(number: TokenSpan) -> Token | None:
    """The noun a number counts: "18 police", "hundreds of Taliban", "3,000 of them"."""
    for token in reversed(number):
        # "between 300 and 400 demonstrators": the first number of a range carries the noun.
        if (
            token.dep_ in ("nummod", "quantmod")
            and token.head.pos_ in ("NOUN", "PROPN", "PRON")
            and token.head.i >= number.end
        ):
            return token.head
    last = number[-1]
    if last.i + 2 < len(last.doc) and last.nbor(1).text == "-" and last.nbor(2).lower_ == "strong":
        return None  # "a 500-strong contingent": the number counts people, not contingents
    of = next((c for c in last.children if c.lower_ == "of"), None)
    if of is not None:
        return next((c for c in of.children if c.dep_ == "pobj"), None)
    return None


def _noun_class(noun: Token, rules: _Rules) -> str:
    """ "person", "thing" or "unknown" for the noun a number modifies."""
    lemma, lower = noun.lemma_.lower(), noun.lower_
    if lemma in rules.people or lower in rules.people or noun.pos_ == "PRON":
        return "person"
    if lemma in rules.words or lower in rules.words or lemma in rules.people_kinds:
        return "person"  # "six deaths", "35 bodies", "167 casualties"
    if noun.ent_type_ in ("NORP", "PERSON") or lemma.endswith(("man", "men", "ist", "ian")):
        return "person"
    if lemma in rules.things or lower in rules.things:
        return "thing"
    if noun.ent_type_ in ("ORG",) and noun.pos_ == "PROPN":
        return "person"  # "hundreds of Taliban", "five Armed Forces personnel"
    return "unknown"


def _subjects(
    doc: Doc, number: TokenSpan, noun: Token | None, cue: _Cue | None, rules: _Rules
) -> tuple[tuple[str | None, int], ...]:
    """Whom the figure counts, with the token index where that phrase ends; "two each from the
    Coast Guard and the National Police" gives one subject per group."""
    end = number.end
    source = next((c for c in number[-1].children if c.lower_ == "from" and c.dep_ == "prep"), None)
    if noun is None and source is not None:
        groups = [c for c in source.children if c.dep_ == "pobj"]
        groups += [c for g in groups for c in _conjuncts(g)]
        return tuple((_strip(doc[a:b].text), b) for a, b in map(_own_phrase, groups)) or ((None, end),)
    if noun is None:
        return ((_toll_subject(doc, cue, rules), end),)
    # "six deaths", "35 bodies": the noun says what happened, not who; "20 protesters" says who.
    if noun.pos_ == "PRON" or (
        cue is not None and noun.i in cue.tokens and cue.role != "phrase" and cue.kind in ("killed", "injured")
    ):
        return ((None, max(end, noun.i + 1)),)
    first, last = _own_phrase(noun)
    head = noun
    while head.dep_ in ("nmod", "compound") and head.head.i > head.i:
        # "18 police and national guard servicemen", parsed as a modifier of the last noun.
        head = head.head
        last = max(last, _own_phrase(head)[1])
    partitive = noun.head.lower_ == "of" and noun.head.head.i in range(number.start, number.end)
    # "hundreds of Taliban" counts the Taliban; "18 police" counts what follows the number.
    first = first if partitive else max(first, number.end)
    for conj in _conjuncts(noun):
        # "18 police and national guard servicemen": one group; "95 civilians, and hundreds of
        # Taliban": two figures, each with its own noun; "25 people and damaging churches": no.
        if not _numbered(conj) and _noun_class(conj, rules) == "person":
            last = max(last, _own_phrase(conj)[1])
    if noun.lemma_.lower() in rules.groups:
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        last = max(last, *(t.i + 1 for t in of.subtree)) if of is not None else last
    return ((_strip(doc[first:last].text), last),)


def _own_phrase(token: Token) -> tuple[int, int]:
    """Token offsets of a noun with its modifiers, without what is coordinated or attached to it."""
    attached = ("conj", "cc", "appos", "relcl", "prep", "acl", "punct")
    dropped = {t.i for c in token.children if c.dep_ in attached for t in c.subtree}
    indices = [t.i for t in token.subtree if t.i not in dropped]
    return min(indices), max(indices) + 1


def _conjuncts(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "conj":
            found += [child, *_conjuncts(child)]
    return found


def _numbered(token: Token) -> bool:
    return token.like_num or token.ent_type_ == "CARDINAL" or any(c.dep_ == "nummod" for c in token.children)


def _toll_subject(doc: Doc, cue: _Cue | None, rules: _Rules) -> str | None:
    """ "the protester death count": the people a toll word is about."""
    if cue is None:
        return None
    for i in cue.tokens:
        for head in (doc[i], doc[i].head):
            for child in head.lefts:
                if (
                    child.dep_ in ("compound", "amod")
                    and _noun_class(child, rules) == "person"
                    and child.i not in cue.tokens
                ):
                    return child.text
    return None


def _strip(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    return text.strip(" \"“”‘’'.,;:")


# --- what happened to them -------------------------------------------------------------------


def _find_cues(doc: Doc, rules: _Rules) -> tuple[_Cue, ...]:
    cues: list[_Cue] = []
    covered: set[int] = set()
    words = [(t.lemma_.lower(), t.lower_) for t in doc]
    for i, (lemma, lower) in enumerate(words):
        for kind, phrase in rules.phrases_by_first.get(lemma, ()) + rules.phrases_by_first.get(lower, ()):
            n = len(phrase)
            if i + n <= len(words) and all(p in ("*", *words[i + j]) for j, p in enumerate(phrase)):
                covered.update(range(i, i + n))
                if kind is not None:
                    cues.append(_Cue(kind, tuple(range(i, i + n)), "phrase"))
    for token in doc:
        if token.i in covered or token.ent_type_ in _NAME_LABELS or _negated(token):
            continue  # "the Grateful Dead"; "no deaths were reported"
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and lemma in rules.verbs:
            cues.append(_Cue(rules.verbs[lemma], (token.i,), "verb"))
        elif (kind := _kind_word(token, rules)) is not None:
            cues.append(_Cue(kind, (token.i,), "word"))
    return tuple(cues)


# Nouns that hold a figure: "a total of 39", "a toll of 27", "the number of dead rose to 31".
_TOTALS = ("total", "tally", "toll", "figure", "count", "number")

# Entity labels of names: a casualty word inside a name is part of the name.
_NAME_LABELS = ("ORG", "WORK_OF_ART", "PERSON", "GPE", "FAC", "EVENT", "PRODUCT", "LAW", "NORP")


def _kind_word(token: Token, rules: _Rules) -> str | None:
    if token.pos_ not in ("NOUN", "ADJ", "VERB", "ADV"):
        return None  # "ADV": "five were shot, one fatally"
    return rules.words.get(token.lemma_.lower()) or rules.words.get(token.lower_)


def _negated(token: Token) -> bool:
    """ "no deaths", "were not injured", "none was hurt", "no one was killed"."""
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in ("no", "none", "nobody", "no-one"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            t.lower_ in ("no", "none", "nobody") for t in child.subtree
        ):
            return True
    return False


def _path(a: Token, b: Token) -> list[Token] | None:
    """The tokens strictly between two tokens on their dependency path; None in different trees."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            down = [b, *b.ancestors][1:n]
            return [*up_a[1 : index[t.i]], *([t] if t.i not in (a.i, b.i) else []), *reversed(down)]
    return None


def _open_path(path: list[Token], cue: _Cue, rules: _Rules) -> bool:
    """A figure and a casualty word are linked through "be", "rise to", "exceed"... but not
    through another verb ("killed 813 and infected 35,000") or a clause of time or cause."""
    for token in path:
        if token.i in cue.tokens:
            continue
        if token.lower_ in rules.blockers:
            return False
        if token.pos_ == "VERB" and token.lemma_.lower() not in rules.transparent:
            return False
    return True


def _nearest_cue(
    doc: Doc, number: TokenSpan, noun: Token | None, cues: tuple[_Cue, ...], rules: _Rules
) -> _Cue | None:
    """The casualty word that tells what happened to the people counted: the nearest in the
    parse, then the counted noun itself ("35 bodies"), then a word right next to the figure
    when the parse of a long list went wrong ("hundreds of Taliban killed")."""
    anchors = [*number, *([noun] if noun is not None else [])]
    following = _verb_after(doc, max(a.i for a in anchors), cues)
    if following is not None:
        return following
    last = number[-1]
    if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lemma_.lower() in _TOTALS:
        anchors.append(last.head.head)  # "a total of 39 are confirmed dead"
    verb = last.head.head if last.dep_ == "pobj" and last.head.lower_ in ("to", "at") else None
    if verb is not None and verb.lemma_.lower() in rules.transparent:
        # "the number of people killed rose to 31": the figure is that of the subject.
        anchors += [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in _TOTALS]
    inside = set(range(number.start, number.end))
    best: tuple[float, int] | None = None
    chosen: _Cue | None = None
    for cue in cues:
        for i in cue.tokens:
            if i in inside:
                continue
            word = doc[i]
            if (
                cue.role == "word"
                and word.dep_ == "amod"
                and word.head.i not in inside
                and (noun is None or word.head.i != noun.i)
                and i - number.end > 1
            ):
                continue  # "the dead jackal": the word describes another noun
            for anchor in anchors:
                path = _path(anchor, doc[i])
                linear = abs(anchor.i - i)
                if path is not None and len(path) < _MAX_TREE_DISTANCE and _open_path(path, cue, rules):
                    key: tuple[float, int] = (len(path) + 1, linear)
                elif _next_to(doc, anchor.i, i):
                    key = (_MAX_TREE_DISTANCE + 1 + linear, linear)
                else:
                    continue
                if best is None or key < best:
                    best, chosen = key, cue
    if noun is not None:
        kind = rules.people_kinds.get(noun.lemma_.lower()) or rules.people_kinds.get(noun.lower_)
        if kind is not None and (best is None or best[0] > _MAX_TREE_DISTANCE):
            return _Cue(kind, (noun.i,), "people")
    return chosen


def _verb_after(doc: Doc, index: int, cues: tuple[_Cue, ...]) -> _Cue | None:
    """ "12 were killed", "scores more were injured", "200 wounded": the figure as the subject of
    the casualty word right after it is read from the words, whatever the parse says."""
    i = index + 1
    while (
        i < len(doc)
        and i - index <= 4
        and (doc[i].pos_ in ("AUX", "ADV", "PART") or doc[i].lower_ in ("more", "others", "other"))
    ):
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("VERB", "ADJ"):
        return None
    return next((c for c in cues if c.tokens[0] == i), None)


def _next_to(doc: Doc, anchor: int, cue: int) -> bool:
    """A casualty word a few words after the figure, with no verb, number, "and" or comma between."""
    if not 0 < cue - anchor <= _MAX_RIGHT:
        return False
    low, high = sorted((anchor, cue))
    between = doc[low + 1 : high]
    return not any(t.pos_ in ("VERB", "CCONJ", "PUNCT") or t.like_num for t in between)


def _same_clause(doc: Doc, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return not any(t.text in (";", ".", "!", "?") or t.is_sent_start for t in doc[low + 1 : high])


def _inherit_kinds(doc: Doc, figures: list[_Figure]) -> list[_Figure]:
    """Figures of one list share the casualty word said once: "150 security forces, 95 civilians,
    and hundreds of Taliban killed"; "21 injured in Davao, 36 in North Cotabato, 29 in ..."."""
    result = list(figures)
    changed = True
    while changed:
        changed = False
        for i, figure in enumerate(result):
            if figure.cue is not None:
                continue
            for j in sorted(range(len(result)), key=lambda j: (abs(j - i), j > i)):
                other = result[j]
                if j != i and other.cue is not None and _one_list(doc, figure, other):
                    result[i] = replace(figure, cue=other.cue)
                    changed = True
                    break
    return result


def _one_list(doc: Doc, a: _Figure, b: _Figure) -> bool:
    first, second = sorted((a, b), key=lambda f: f.number.start)
    gap = doc[first.number.end : second.number.start]
    if len(gap) > _MAX_LIST_GAP or not _same_clause(doc, first.number.start, second.number.start):
        return False
    verbs = [t for t in gap if t.pos_ == "VERB"]
    # Only an ellipsis may repeat the verb of the first figure: "wounded, as were seventeen",
    # not a figure with a verb of its own ("died and 35 were rescued").
    cue = set(first.cue.tokens) if first.cue is not None else set()
    elliptic = second.noun is None and second.number[-1].head.pos_ != "VERB"
    return not verbs or (elliptic and all(t.i in cue for t in verbs))


def _kind(figure: _Figure, rules: _Rules) -> str | None:
    """The contract's kind, or None when the figure counts no people anyone reports on."""
    noun = figure.noun
    noun_class = _noun_class(noun, rules) if noun is not None else None
    cue = figure.cue
    if cue is not None:
        governed = noun is not None and noun.head.i in cue.tokens
        if noun_class == "unknown" and not (cue.role == "verb" and governed):
            return None  # "11,187 recorded accidents leading to 750 deaths"
        if cue.kind == "other" and (noun_class == "unknown" or figure.amount.value == 1):
            return None  # "gathered eight million views"; a crowd of one
        if (
            cue.kind == "other"
            and noun is None
            and not (
                cue.role == "verb"
                and figure.number[-1].head.i in cue.tokens
                and figure.number[-1].dep_ in ("nsubj", "nsubjpass")
            )
        ):
            return None  # a crowd is counted by its subject: "5,000 rallied"
        return cue.kind
    size = figure.amount.low or figure.amount.value or figure.amount.high or 0
    if noun is not None and noun.lemma_.lower() in rules.forces and size >= rules.min_forces:
        return "deployed"  # "about 5000 U.S. troops now in the country" (PLOVER MOBILIZE)
    return None


# --- evidence and sources --------------------------------------------------------------------


def _evidence(doc: Doc, figure: _Figure, subject_end: int, rules: _Rules) -> tuple[int, int]:
    """From the qualifier to the end of the counted noun phrase, with the casualty word when it
    is near ("more than 3,000 of them detained", "death toll to six"), and with the word that
    marks a figure as superseded ("an earlier toll of 27", "from five people"), which
    `fatalities_of` reads."""
    last_word = doc[subject_end - 1]
    start, end = figure.amount.start, max(figure.amount.end, last_word.idx + len(last_word))
    marker = _update_marker(figure, rules)
    if figure.cue is not None:
        first, last = doc[min(figure.cue.tokens)], doc[max(figure.cue.tokens)]
        before = 0 <= figure.number.start - last.i <= 10 and marker is None
        between = doc[min(last.i, figure.number.start) + 1 : max(first.i, figure.number.end)]
        # Not over another figure: "deaths are fourteen civilians, five soldiers" (the five).
        if (before or 0 <= first.i - subject_end <= 8) and not any(
            t.like_num and t.i not in range(figure.number.start, figure.number.end) for t in between
        ):
            start = min(start, first.idx)
            end = max(end, last.idx + len(last))
    if marker is not None:
        start = min(start, marker.idx)
    return start, end


def _update_marker(figure: _Figure, rules: _Rules) -> Token | None:
    """The word that makes a figure an old one: "from" in "from five people to six", "earlier" in
    "an earlier toll of 27", "previous" in "a previous 93 injured people"."""
    holder = figure.noun if figure.noun is not None else figure.number[-1]
    if (
        holder.dep_ == "pobj"
        and holder.head.lower_ == "from"
        and any(c.lower_ == "to" for c in holder.head.head.children)
    ):
        return holder.head
    # The nouns the figure belongs to, up to the verb of its clause: "toll" in "toll of 27 dead".
    owners = [holder]
    for ancestor in list(figure.number[-1].ancestors)[:3]:
        if ancestor.pos_ in ("VERB", "AUX"):
            break
        owners.append(ancestor)
    return next(
        (
            c
            for owner in owners
            for c in owner.children
            if c.dep_ == "amod" and c.lower_ in rules.earlier and c.i < figure.number.start
        ),
        None,
    )


def _claimant(document: Document, figure: _Figure, quotes: Sequence[Quote], rules: _Rules) -> str | None:
    """Who gives the figure: the speaker of the quote holding it, the subject of the verb that
    puts it on record ("the ministry raised the toll to six"), or "according to X" in its sentence."""
    start = figure.number.start_char
    for quote in quotes:
        if quote.speaker and quote.evidence.start <= start < quote.evidence.end:
            return quote.speaker
    token = figure.number[-1]
    for ancestor in list(token.ancestors)[:8]:
        if ancestor.lower_ == "to" and ancestor.head.lower_ == "according":
            break
        if ancestor.lemma_.lower() in rules.claim_verbs:
            subject = subject_of(ancestor)
            # Whoever "says" or "claims" a figure gives it; a toll "raised" by aftershocks does not.
            speech = ancestor.lemma_.lower() in rules.speech_verbs
            if subject is not None and (speech or _is_source(document, subject, rules)):
                return name_of(document, subject)
        agent = next((c for c in ancestor.children if c.dep_ == "agent"), None)
        if agent is not None and ancestor.lemma_.lower() in rules.claim_verbs:
            source = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if source is not None:
                return name_of(document, source)
    for candidate in sentence_of(figure.number[-1]):
        if candidate.lower_ == "according":
            source = according_source(candidate)
            if source is not None:
                return name_of(document, source)
        if candidate.dep_ == "agent" and candidate.head.lemma_.lower() in rules.claim_verbs:
            source = next((c for c in candidate.children if c.dep_ == "pobj"), None)
            if source is not None:
                return name_of(document, source)
    return None


def _is_source(document: Document, token: Token, rules: _Rules) -> bool:
    """Whether a subject can give figures: a person, an organisation, officials; not "the attack"."""
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return False
    return (
        token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or token.pos_ == "PROPN"
        or token.lemma_.lower() in rules.sources
        or token.lower_ in rules.sources
        or person_of(document, token) is not None
    )


def _inherit_claims(counts: list[Count]) -> list[Count]:
    """A figure in a list without its own source takes the one of the figure before it, if close."""
    result = list(counts)
    for i in range(1, len(result)):
        previous, count = result[i - 1], result[i]
        if (
            count.claimed_by is None
            and previous.claimed_by is not None
            and 0 <= count.evidence.start - previous.evidence.start <= 150
        ):
            result[i] = replace(count, claimed_by=previous.claimed_by)
    return result


# --- fatalities ------------------------------------------------------------------------------


def fatalities_of(counts: Sequence[Count]) -> int | None:
    """The most conservative number of deaths among the `killed` counts of one event.

    ACLED FAQ "Fatalities" (2024): "If source reports differ or a vague estimate is provided,
    ACLED uses the most conservative estimate available"; vague words are coded 10 for "tens",
    12 for "dozens", 100 for "hundreds" (and "several" as 10, Codebook "Reported fatalities").
    A figure the article gives as superseded ("an earlier toll of 27") is dropped, since ACLED
    revises totals "upward or downward" as better information arrives. Figures for distinct
    groups given together ("14 civilians, 5 soldiers and 1 coast guard") are parts of one total
    and are added up; a total is never added to its parts: each is one estimate, and the lowest wins.
    """
    rules = _rules()
    old = [c for c in counts if c.kind == "killed" and _superseded(c, rules)]
    # A figure the article says was updated is dropped wherever it is repeated ("left five dead",
    # then "the toll rose from five to six").
    old_figures = {_figure_of(c, rules) for c in old}
    killed = [
        c
        for c in counts
        if c.kind == "killed" and c not in old and (c.subject or _figure_of(c, rules) not in old_figures)
    ]
    groups: list[list[Count]] = []
    for count in sorted(killed, key=lambda c: c.evidence.start):
        if _figure_of(count, rules) is None:
            continue
        if count.subject and groups and groups[-1][-1].subject and _same_breakdown(groups[-1][-1], count):
            groups[-1].append(count)
        else:
            groups.append([count])
    estimates = [sum(_figure_of(c, rules) or 0 for c in group) for group in groups]
    return min(estimates) if estimates else None


def _figure_of(count: Count, rules: _Rules) -> int | None:
    """The one number ACLED would code for a count: the stated figure, or the codebook's for a vague word."""
    if count.qualifier in rules.acled:
        return rules.acled[count.qualifier]
    if count.value is not None:
        return count.value
    if count.qualifier == "about" and count.low is not None and count.high is not None:
        return (count.low + count.high) // 2
    return count.low if count.low is not None else count.high


def _same_breakdown(previous: Count, count: Count) -> bool:
    """Two figures for different groups, given together by one source."""
    return (
        previous.subject != count.subject
        and previous.claimed_by == count.claimed_by
        and 0 <= count.evidence.start - previous.evidence.start <= 150
    )


def _superseded(count: Count, rules: _Rules) -> bool:
    """ "an earlier toll of 27 dead", "from five people to six" (the five)."""
    words = re.findall(r"[a-z]+", count.evidence.text.lower())
    return bool(words) and (words[0] == "from" or any(w in rules.earlier for w in words[:4]))
