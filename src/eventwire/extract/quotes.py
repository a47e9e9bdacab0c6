"""Quotations and reported speech, with their speakers resolved to the fullest name in the article.

Three kinds (spec/output.md, Quote): `direct` ("..." said X; X said: "..."; quotes over several
sentences or paragraphs), `partial` (a quoted fragment inside a sentence: vowed to fight "until
the total destruction of the militants") and `indirect` (X said that ...; according to X, ...).

Quote boundaries are found on the characters, not on spaCy's sentences: the small English model
splits sentences at odd places around quotation marks. The dependency parse then links each
quote to its reporting verb ("said", "told", "read") and the verb to its subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from ..model import Quote
from ..nlp import Document
from ..tables import load_table

# Dependency labels (ClearNLP, as in spaCy's English models) used below.
_SUBJECTS = ("nsubj", "nsubjpass")
# A reporting verb without a subject borrows the one of the verb it hangs from:
# "..., adding that ..." -> the subject of "said".
_BORROWS_SUBJECT = ("advcl", "conj", "xcomp", "pcomp", "acl")
_RELATIVE = ("who", "which", "that")
_DETERMINERS = ("the", "a", "an", "this", "these", "those")


@dataclass(frozen=True, slots=True)
class _Rules:
    cues: frozenset[str]
    thinking: frozenset[str]
    according: frozenset[str]
    relays: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    documents: frozenset[str]
    issue_verbs: frozenset[str]
    opening: str
    closing: str
    straight: str


@cache
def _rules() -> _Rules:
    table = load_table("quotes")
    return _Rules(
        cues=frozenset(table["cues"]["verbs"]),
        thinking=frozenset(table["cues"]["thinking"]),
        according=frozenset(table["cues"]["according"]),
        relays=frozenset(table["cues"]["relays"]),
        person_pronouns=frozenset(table["pronouns"]["person"]),
        group_pronouns=frozenset(table["pronouns"]["group"]),
        titles=frozenset(table["titles"]["heads"]),
        honorifics=frozenset(table["titles"]["honorifics"]),
        documents=frozenset(table["documents"]["nouns"]),
        issue_verbs=frozenset(table["documents"]["issue_verbs"]),
        opening="".join(table["marks"]["open"]),
        closing="".join(table["marks"]["close"]),
        straight="".join(table["marks"]["straight"]),
    )


@dataclass(frozen=True, slots=True)
class _Marked:
    """Words between quotation marks; `close` is the paragraph end when the quote runs on."""

    open: int
    close: int
    continued: bool

    @property
    def start(self) -> int:
        return self.open + 1


@dataclass(frozen=True, slots=True)
class _Person:
    """A person the article names: the fullest form of the name, a title, and where it is mentioned."""

    name: str
    role: str | None
    mentions: tuple[int, ...]
    # Mentions as the subject of a clause: what "he" most likely refers to.
    subject_mentions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Previous:
    """The speaker of the last quote, for quotes that go on without a verb and for "he said"."""

    speaker: str | None
    role: str | None
    at: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A quote before its speaker is resolved: resolution runs in text order (pronouns need it)."""

    kind: str
    start: int
    end: int
    cue: Token | None
    subject: tuple[int, int] | None
    follows_previous: bool = False
    # A quote left open at the end of its paragraph: its speaker is named where it goes on.
    runs_on: bool = False


def extract_quotes(document: Document) -> tuple[Quote, ...]:
    """Every direct, partial and indirect quote of the article, in text order, speakers resolved."""
    rules = _rules()
    text, doc = document.text, document.doc
    marked = _find_marked(text, rules)
    masked = _mask(text, marked)
    people = _find_people(doc, rules)
    candidates = sorted(
        [*_marked_candidates(doc, text, masked, marked, rules), *_indirect_candidates(doc, marked, rules)],
        key=lambda c: c.start,
    )
    quotes: list[Quote] = []
    kept: list[_Candidate] = []
    previous = _Previous(None, None, -1)
    for candidate in candidates:
        if candidate.subject is not None:
            speaker, role = _resolve(doc, candidate.subject, people, previous, rules)
        elif candidate.follows_previous:
            speaker, role = previous.speaker, previous.role
        else:
            continue
        if speaker is None and candidate.kind != "direct":
            continue
        start, end = _trim(text, candidate.start, candidate.end)
        if end - start < 2:
            continue
        cue = candidate.cue.text if candidate.cue is not None else None
        if candidate.cue is not None and candidate.cue.lower_ == "according":
            cue = "according to"
        quotes.append(
            Quote(
                text=text[start:end],
                kind=candidate.kind,
                evidence=document.span(start, end),
                speaker=speaker,
                speaker_role=role,
                cue=cue,
            )
        )
        if speaker is not None:
            previous = _Previous(speaker, role, start)
        kept.append(candidate)
    # A quote running over paragraphs is attributed once, often at its end ('..." she added').
    for i in range(len(quotes) - 2, -1, -1):
        if kept[i].runs_on and quotes[i + 1].speaker is not None and kept[i + 1].follows_previous is False:
            quotes[i] = replace(
                quotes[i], speaker=quotes[i + 1].speaker, speaker_role=quotes[i + 1].speaker_role
            )
    return tuple(quotes)


def name_of(document: Document, token: Token) -> str | None:
    """The fullest name for the noun phrase a token heads: "Tokayev" -> "Kassym-Jomart Tokayev",
    "he" -> the nearest person named before, "Kazakhstan's interior ministry" as written."""
    rules = _rules()
    people = _find_people(document.doc, rules)
    return _resolve(document.doc, _phrase(token), people, _Previous(None, None, -1), rules)[0]


def person_of(document: Document, token: Token) -> str | None:
    """The fullest name of the person a noun phrase names, or None when it names no person."""
    rules = _rules()
    start, end = _phrase(token)
    person = _person_in(document.doc[start:end], _find_people(document.doc, rules))
    return person.name if person is not None else None


def sentence_of(token: Token) -> Iterator[Token]:
    """The tokens of a token's parse tree, its sentence; much cheaper than `token.sent` in a loop."""
    root = token
    while root.head.i != root.i:
        root = root.head
    return root.subtree


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, a leading "that", and the commas or semicolons closing a quote before its attribution."""
    while start < end and text[start].isspace():
        start += 1
    if text.startswith("that ", start):
        start += 5
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


# --- quotation marks -------------------------------------------------------------------------


def _find_marked(text: str, rules: _Rules) -> tuple[_Marked, ...]:
    found: list[_Marked] = []
    left_open = False
    for paragraph in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        first_open = True
        for i in range(paragraph.start(), paragraph.end()):
            char = text[i]
            if char not in rules.opening + rules.closing + rules.straight:
                continue
            starts_word = i == paragraph.start() or text[i - 1].isspace() or text[i - 1] in "([—–-"
            # Some feeds use one curly mark for both ends: a closing mark that starts a word opens.
            opens = opened is None and (
                char in rules.opening or char in rules.straight or (char in rules.closing and starts_word)
            )
            if opens:
                opened = i
            elif opened is not None and char in rules.closing + rules.straight:
                leading = text[paragraph.start() : opened].strip() == ""
                found.append(_Marked(opened, i, continued=left_open and first_open and leading))
                opened, first_open = None, False
        if opened is not None:
            # Wire style: a quote that goes on in the next paragraph has no closing mark here.
            leading = text[paragraph.start() : opened].strip() == ""
            found.append(_Marked(opened, paragraph.end(), continued=left_open and first_open and leading))
        left_open = opened is not None
    return tuple(found)


def _mask(text: str, marked: tuple[_Marked, ...]) -> str:
    """The text with quoted words blanked out, so that their full stops end no sentence."""
    chars = list(text)
    for quote in marked:
        for i in range(quote.start, quote.close):
            if chars[i] != "\n":
                chars[i] = "x"
    return "".join(chars)


# A full stop after a title ("Mr.", "Sen.") or an initial ("John F. Kennedy", "U.S.") ends no sentence.
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "St", "Jr",
                  "Prof", "Rev", "Mt", "No")
_NOT_AFTER = "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS) + r"(?<!\b[A-Z])"
_SENTENCE_END = re.compile(rf"(?:{_NOT_AFTER}\.|[!?;])(?=[\s\"”’]|$)")


def _marked_candidates(
    doc: Doc, text: str, masked: str, marked: tuple[_Marked, ...], rules: _Rules
) -> Iterator[_Candidate]:
    for index, quote in enumerate(marked):
        words = text[quote.start : quote.close].strip()
        if len(re.findall(r"\w+", words)) < 1:
            continue
        paragraph_start = text.rfind("\n", 0, quote.open) + 1
        paragraph_end = text.find("\n", quote.close)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        before = text[paragraph_start : quote.open].rstrip()
        direct = (
            quote.continued
            or not before
            or before[-1] in ":,.;!?—–-"
            or (words[:1].isupper() and _ends_with_cue(doc, paragraph_start, quote.open, rules))
        )
        if not direct:
            yield _partial(doc, quote, rules)
            continue
        cue, subject = _attribution(doc, text, masked, marked, index, paragraph_start, paragraph_end, rules)
        runs_on = quote.close == paragraph_end and index + 1 < len(marked) and marked[index + 1].continued
        yield _Candidate(
            "direct", quote.start, quote.close, cue, subject, follows_previous=cue is None, runs_on=runs_on
        )


def _ends_with_cue(doc: Doc, start: int, end: int, rules: _Rules) -> bool:
    span = doc.char_span(start, end, alignment_mode="contract")
    tokens = [t for t in span if not t.is_punct] if span is not None else []
    return bool(tokens) and tokens[-1].lemma_.lower() in rules.cues


def _partial(doc: Doc, quote: _Marked, rules: _Rules) -> _Candidate:
    """A fragment inside a sentence: its speaker is the subject of the reporting verb above it."""
    span = doc.char_span(quote.start, quote.close, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _Candidate("partial", quote.start, quote.close, None, None)
    token: Token = span.root
    for _ in range(8):
        if (
            token.lemma_.lower() in rules.cues
            and token.pos_ in ("VERB", "AUX")
            and token.i not in range(span.start, span.end)
        ):
            subject = subject_of(token)
            if subject is not None:
                return _Candidate("partial", quote.start, quote.close, token, _phrase(subject))
        according = _according_in(sentence_of(token), rules)
        if according is not None:
            return _Candidate("partial", quote.start, quote.close, according[0], according[1])
        if token.head.i == token.i:
            break
        token = token.head
    return _Candidate("partial", quote.start, quote.close, None, None)


def _attribution(
    doc: Doc,
    text: str,
    masked: str,
    marked: tuple[_Marked, ...],
    index: int,
    paragraph_start: int,
    paragraph_end: int,
    rules: _Rules,
) -> tuple[Token | None, tuple[int, int] | None]:
    """The reporting verb and subject next to a direct quote: after it ("...," X said) or before it
    (X said: "..."), within its sentence and paragraph."""
    quote = marked[index]
    # After the quote: up to the next quote, sentence end or paragraph end.
    after_end = paragraph_end
    if index + 1 < len(marked) and marked[index + 1].open < after_end:
        after_end = marked[index + 1].open
    stop = _SENTENCE_END.search(masked, quote.close + 1, after_end)
    after_end = stop.end() if stop else after_end
    inner = text[quote.start : quote.close].rstrip()
    # A quote closed by a full stop ends its sentence: what follows is attribution only if the
    # reporting verb comes at once ("..." Price said.), not a new sentence.
    reach = 3 if inner[-1:] in ".!?" else 12
    found = _cue_in(doc, quote.close + 1, after_end, rules, first=True, reach=reach)
    if found is not None:
        return found
    # Before the quote: from the sentence start (or the previous quote) to the opening mark.
    before_start = paragraph_start
    for match in _SENTENCE_END.finditer(masked, paragraph_start, quote.open):
        before_start = match.end()
    if index > 0 and marked[index - 1].close >= before_start and marked[index - 1].close < quote.open:
        before_start = marked[index - 1].close + 1
    return _cue_in(doc, before_start, quote.open, rules, first=False, reach=40) or (None, None)


def _cue_in(
    doc: Doc, start: int, end: int, rules: _Rules, *, first: bool, reach: int
) -> tuple[Token, tuple[int, int]] | None:
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    tokens = [t for t in span if not t.is_punct and not t.is_space]
    if not first:
        tokens.reverse()
    for position, token in enumerate(tokens[:reach]):
        if token.lower_ in rules.according:
            according = _according_phrase(token)
            if according is not None:
                return token, according
        lemma = token.lemma_.lower()
        if lemma not in rules.cues or lemma in rules.thinking or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = subject_of(token)
        if subject is not None and start <= subject.idx < end:
            return token, _phrase(subject)
        # Inverted or unparsed: the noun phrase right after the verb (said X) or right before it.
        neighbour = _neighbour_phrase(doc, token, start, end)
        if neighbour is not None:
            return token, neighbour
        if position >= reach:
            break
    return None


def _neighbour_phrase(doc: Doc, cue: Token, start: int, end: int) -> tuple[int, int] | None:
    following = [t for t in doc[cue.i + 1 :] if t.idx < end]
    if following and following[0].pos_ in ("PROPN", "NOUN", "DET", "PRON", "ADJ"):
        head = next((t for t in following if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if head is not None:
            return _phrase(head)
    preceding = [t for t in doc[: cue.i] if t.idx >= start and not t.is_punct]
    if preceding and preceding[-1].pos_ in ("PROPN", "NOUN", "PRON"):
        return _phrase(preceding[-1])
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb; for "adding that ..." the subject of the verb above."""
    token = verb
    for _ in range(4):
        # Active subjects only: in "no deaths were reported", the deaths are what is reported.
        subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ != "it"]
        if subjects:
            # "The news agency AFP has placed ...": prefer the name.
            subject = next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
            if subject.lower_ in _RELATIVE:
                return _antecedent(token.head if token.dep_ == "relcl" else _noun_before(subject))
            return subject
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "officials reporting 150 dead" (not "a manifesto posted online")
        if token.dep_ not in _BORROWS_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    return None


def _noun_before(pronoun: Token) -> Token:
    """The noun right before a relative pronoun the parse did not attach: "police, who said"."""
    for token in reversed(pronoun.doc[max(0, pronoun.i - 3) : pronoun.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return token
    return pronoun


def _is_when(token: Token) -> bool:
    """ "on Saturday" in "the report on Saturday": a date is not part of who speaks."""
    return token.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in token.children)


def _antecedent(token: Token) -> Token:
    """The noun a relative clause is about: "officials, who said" -> officials; in "the report on
    Saturday, which said", the report, not the day."""
    while token.ent_type_ in ("DATE", "TIME") and token.dep_ == "pobj" and token.head.head.i != token.head.i:
        token = token.head.head
    return token


def _phrase(token: Token) -> tuple[int, int]:
    """Token offsets (start, end) of the noun phrase a token heads, without the clauses hanging from it."""
    dropped = {
        t.i
        for child in token.children
        if child.dep_ in ("relcl", "advcl", "ccomp", "acl") or _is_when(child)
        for t in child.subtree
    }
    indices = [t.i for t in token.subtree if t.i not in dropped]
    start, end = min(indices), max(indices) + 1
    doc = token.doc
    while start < token.i and doc[start].is_punct:
        start += 1
    while end - 1 > token.i and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _according_phrase(token: Token) -> tuple[int, int] | None:
    """The source of "according to X": token offsets of X."""
    source = according_source(token)
    return _phrase(source) if source is not None else None


def according_source(token: Token) -> Token | None:
    """The head noun of X in "according to X"; for "a report citing the mayor's office", the office."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        to = token.doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    relay = next((c for c in source.children if c.lemma_.lower() in _rules().relays), None)
    cited = next((c for c in relay.children if c.dep_ == "dobj"), None) if relay is not None else None
    return cited if cited is not None else source


def _according_in(sentence: Iterable[Token], rules: _Rules) -> tuple[Token, tuple[int, int]] | None:
    for token in sentence:
        if token.lower_ in rules.according:
            phrase = _according_phrase(token)
            if phrase is not None:
                return token, phrase
    return None


# --- indirect speech -------------------------------------------------------------------------


def _indirect_candidates(doc: Doc, marked: tuple[_Marked, ...], rules: _Rules) -> Iterator[_Candidate]:
    quoted = [(q.start, q.close) for q in marked]

    def inside(offset: int) -> bool:
        return any(a <= offset < b for a, b in quoted)

    for token in doc:
        if inside(token.idx):
            continue
        if token.lower_ in rules.according:
            candidate = _according_clause(token)
            if candidate is not None:
                yield candidate
            continue
        if token.lemma_.lower() not in rules.cues or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = subject_of(token)
        tokens = _reported_clause(token)
        # A clause ends with its paragraph, whatever the parse joined.
        tokens = [t for t in tokens if "\n" not in doc[min(t.i, token.i) : max(t.i, token.i) + 1].text]
        if not tokens or subject is None:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        quoted_chars = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
        # A clause that is mostly one of the quotes is that direct quote, already found.
        if len(tokens) < 3 or quoted_chars > (end - start) / 2:
            continue
        yield _Candidate("indirect", start, end, token, _phrase(subject))


def _reported_clause(verb: Token) -> list[Token]:
    """The clause a reporting verb governs, without its "that"."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
    # "The toll has risen to 45, the ministry said": the verb of saying hangs from the clause.
    first = min(t.i for t in verb.subtree if not t.is_punct)
    if (
        verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < verb.i
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.doc[first - 1].text in (",", "—", "–")
    ):
        return [t for t in verb.head.subtree if t.i < first - 1]
    # The small model often reads "announced classes ... would be cancelled" as an object and a
    # second verb; a conjoined verb with an auxiliary but no subject of its own is that clause.
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    conj = next(
        (
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and any(a.dep_ in ("aux", "auxpass") for a in c.children)
            and not any(a.dep_ in _SUBJECTS for a in c.children)
        ),
        None,
    )
    if obj is None or conj is None or conj.i < obj.i:
        return []
    end = max(t.i for t in conj.subtree if t.dep_ not in ("advcl", "punct") or t.i < conj.i) + 1
    return list(verb.doc[min(t.i for t in obj.subtree) : end])


def _according_clause(token: Token) -> _Candidate | None:
    """ "X happened, according to Y" and "According to Y, X happened": Y says X."""
    source = _according_phrase(token)
    head = token.head
    if source is None or head.i == token.i:
        return None
    excluded = {t.i for t in token.subtree}
    kept = [t for t in head.subtree if t.i not in excluded and not t.is_punct]
    # Keep the stretch on the side of the head: the clause, not what the source phrase holds.
    if token.i < head.i:
        kept = [t for t in kept if t.i > max(excluded)]
    else:
        kept = [t for t in kept if t.i < min(excluded)]
    if len(kept) < 3:
        return None
    start, end = kept[0].idx, kept[-1].idx + len(kept[-1])
    return _Candidate("indirect", start, end, token, source)


# --- speakers --------------------------------------------------------------------------------


def _find_people(doc: Doc, rules: _Rules) -> tuple[_Person, ...]:
    """The people the article names, each with the fullest form of the name and a title.

    A name is a run of proper nouns that the model tags PERSON, or that follows a title
    ("President Kassym-Jomart Tokayev", tagged ORG by the small model).
    """
    names: list[tuple[tuple[str, ...], str | None, int, bool]] = []
    for run in _proper_runs(doc):
        tokens = [t for t in run if t.text not in ("’s", "'s")]
        person = [i for i, t in enumerate(tokens) if t.ent_type_ == "PERSON"]
        titled = [i for i, t in enumerate(tokens) if t.lower_ in rules.titles]
        # The name follows the last title ("President Kassym-Jomart Tokayev", "Senior Superintendent
        # Yolanda Yu Hoi-kwan"), else it is the PERSON entity of the run; what comes before is the role.
        cut = titled[-1] + 1 if titled else (person[0] if person else 0)
        role_tokens, tokens = tokens[:cut], tokens[cut:]
        if not tokens:
            continue
        left = _left_title(doc, run[0].i, rules)
        appositive = _appositive_role(tokens[-1], rules)
        is_person = (bool(person) or bool(titled) or bool(left) or appositive is not None) and not all(
            t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in tokens
        )
        if not is_person:
            continue
        role_tokens = [t for t in role_tokens if t.lower_ not in rules.honorifics]
        role = " ".join(t.text for t in [*left, *role_tokens]) or appositive
        start = run[0].i
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in rules.titles:
            # "Secretary of State Mike Pompeo": the title runs over "of".
            role = " ".join(t.text for t in [doc[start - 2], doc[start - 1], *role_tokens])
        subject = any(t.dep_ in _SUBJECTS or t.dep_ == "appos" and t.head.dep_ in _SUBJECTS for t in tokens)
        names.append((tuple(t.text for t in tokens), role, tokens[0].idx, subject))
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    people: dict[tuple[str, ...], tuple[str | None, list[int], list[int]]] = {}
    for name, role, at, subject in names:
        if _join(name) in places and role is None:
            continue  # "Maidan Wardak" is a province elsewhere in the text
        full = max((n for n, *_ in names if n[-1] == name[-1] and _contains(n, name)), key=len)
        known_role, mentions, subjects = people.get(full, (None, [], []))
        people[full] = (known_role or role, [*mentions, at], [*subjects, *([at] if subject else [])])
    return tuple(
        _Person(_join(name), role, tuple(mentions), tuple(subjects))
        for name, (role, mentions, subjects) in people.items()
    )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return all(part in longer for part in shorter)


def _join(parts: tuple[str, ...]) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(parts))


def _proper_runs(doc: Doc) -> Iterator[list[Token]]:
    run: list[Token] = []
    for token in doc:
        hyphen = token.text == "-" and run and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        if token.pos_ == "PROPN" or hyphen:
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _left_title(doc: Doc, index: int, rules: _Rules) -> list[Token]:
    """Words before a name that give the person's title: "US State Department spokesman Ned Price"."""
    run: list[Token] = []
    i = index - 1
    while (
        i >= 0
        and doc[i].pos_ in ("NOUN", "PROPN", "ADJ")
        and doc[i].dep_ in ("compound", "amod", "nmod")
        and doc[i].head.i > i
    ):
        run.insert(0, doc[i])
        i -= 1
    if not any(t.lower_ in rules.titles for t in run):
        return []
    return run


def _appositive_role(token: Token, rules: _Rules) -> str | None:
    """ "X, the mayor of Almaty" -> "mayor of Almaty"; "the president of Y, X" -> "president of Y"."""
    for child in token.children:
        if child.dep_ == "appos" and child.lower_ in rules.titles:
            return _clean(token.doc, _phrase(child))
    if token.dep_ == "appos" and token.head.lower_ in rules.titles:
        start, end = _phrase(token.head)
        end = min(end, min(t.i for t in token.subtree))
        return _clean(token.doc, (start, end))
    return None


def _clean(doc: Doc, bounds: tuple[int, int]) -> str | None:
    start, end = bounds
    # A phrase the parse stretched over a paragraph break keeps its last paragraph.
    breaks = [t.i for t in doc[start:end] if "\n" in t.text]
    start = breaks[-1] + 1 if breaks else start
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end].text if end > start else None


def _resolve(
    doc: Doc, bounds: tuple[int, int], people: tuple[_Person, ...], previous: _Previous, rules: _Rules
) -> tuple[str | None, str | None]:
    """The speaker a noun phrase names, as (fullest name, role)."""
    start, end = bounds
    phrase = doc[start:end]
    at = phrase.start_char
    named = _person_in(phrase, people)
    if named is not None:
        return named.name, named.role
    head = phrase.root
    lemma = head.lower_
    last_person = previous.speaker is not None and _is_person(previous.speaker, people)
    if lemma in rules.person_pronouns:
        # "he said": the person last quoted or last named as a subject, whichever came later.
        person = _nearest(people, at, subjects=True) or _nearest(people, at)
        mentioned = max((m for m in person.mentions if m < at), default=-1) if person else -1
        if last_person and previous.at >= mentioned:
            return previous.speaker, previous.role
        return (person.name, person.role) if person else (None, None)
    if lemma in rules.group_pronouns:
        return previous.speaker, previous.role
    if head.lemma_.lower() in rules.documents:
        issuer = _issuer(doc, head, people, rules) or (previous.speaker, previous.role)
        if issuer[0] is not None:
            return issuer
    if lemma in rules.titles and head.tag_ in ("NN", "NNP") and _definite(phrase):
        titled = [p for p in people if p.role and lemma in p.role.lower()]
        person = _nearest(titled, at) or _nearest(titled, at, after=True)
        if person is not None:
            return person.name, person.role
        if last_person:
            return previous.speaker, previous.role
    return _clean(doc, (start, end)), None


def _person_in(phrase: object, people: tuple[_Person, ...]) -> _Person | None:
    for token in phrase:  # type: ignore[attr-defined]
        # The small model tags some surnames as common nouns ("Mijares"): test capitalised words.
        if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper():
            continue
        matches = [p for p in people if token.text in p.name.replace("-", " - ").split()]
        if matches:
            return _nearest(matches, token.idx) or matches[0]
    return None


def _is_person(name: str, people: tuple[_Person, ...]) -> bool:
    return any(p.name == name for p in people)


def _nearest(
    people: list[_Person] | tuple[_Person, ...], at: int, *, after: bool = False, subjects: bool = False
) -> _Person | None:
    if after:
        following = [(m, p) for p in people for m in p.mentions if m > at]
        return min(following, key=lambda pair: pair[0])[1] if following else None
    preceding = [(m, p) for p in people for m in (p.subject_mentions if subjects else p.mentions) if m < at]
    return max(preceding, key=lambda pair: pair[0])[1] if preceding else None


def _definite(phrase: object) -> bool:
    """ "the president", "Kazakhstan's president", "President": a known person, not "a president"."""
    first = phrase[0]  # type: ignore[index]
    return first.lower_ not in ("a", "an", "one", "some", "another")


def _issuer(
    doc: Doc, document_noun: Token, people: tuple[_Person, ...], rules: _Rules
) -> tuple[str | None, str | None] | None:
    """Who issued "the statement": the subject of the last "X released a statement" before it."""
    for token in reversed(doc[: document_noun.i]):
        if (
            token.lemma_.lower() == document_noun.lemma_.lower()
            and token.dep_ == "dobj"
            and token.head.lemma_.lower() in rules.issue_verbs
        ):
            subject = subject_of(token.head)
            if subject is not None:
                named = _person_in(doc[_phrase(subject)[0] : _phrase(subject)[1]], people)
                if named is not None:
                    return named.name, named.role
                return _clean(doc, _phrase(subject)), None
    return None
