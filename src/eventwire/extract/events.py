"""Find event mentions: trigger words, their actors, their ACLED type and their modality.

A mention is one place in the text that names an action ACLED codes ("stormed", "car bomb",
"fired tear gas"). Its type comes from the action and the kinds of its actors (data/events.toml):
demonstrators clashing with police is a riot, armed men clashing with soldiers a battle. Mentions
that are negated, hypothetical or future keep that modality so that they are never asserted.
Resolving mentions into events (date, place, merging) is the next stage's work.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Span
from ..nlp import Document
from .lexicon import Action, ActorType, Lexicon, TypingRule, lexicon
from .quotes import according_source, name_of, subject_of

# Entities whose words never trigger an event: "March" the month, a law's title, a person's name.
NON_EVENT_ENTITIES = {"DATE", "TIME", "PERSON", "WORK_OF_ART", "LAW", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
VERBAL = {"VERB", "AUX"}
NOMINAL = {"NOUN", "PROPN"}
# Proper names a trigger word can be part of without naming an event.
NAME_ENTITIES = {"ORG", "EVENT", "FAC", "PRODUCT", "NORP", "GPE", "LOC", "LAW", "WORK_OF_ART"}
# Actor kinds that are organised: their violence and arrests are political by who they are.
ORGANISED_KINDS = {"state", "rebel", "militia", "external", "armed"}
# Actions whose mentions are political violence ACLED codes only when not an accident or disaster.
HARM_ACTIONS = {"attack", "explosion", "shelling", "air_strike", "grenade", "chemical", "destruction", "clash"}
WEAPON_ACTIONS = {"explosion", "shelling", "air_strike", "grenade", "chemical"}
# Actions that ACLED codes only when political: ordinary crime and its arrests are not coded.
CRIME_PRONE = {"attack", "sexual_violence", "abduction", "arrest"}
# A noun that only modifies another ("bomb-making guidebook", "protest leader") names no event.
MODIFIER_DEPS = {"compound", "amod", "npadvmod", "nmod", "poss"}
PRONOUNS = {"they", "he", "she", "them", "him", "her", "we"}
# Nouns that name many people in the singular: "the crowd ... they".
COLLECTIVES = {"police", "crowd", "army", "military", "mob", "government", "authorities", "taliban", "people"}
# Clause parts that carry a statement of their own and so are not part of the event's evidence.
OWN_CLAUSES = {"relcl", "advcl", "ccomp", "parataxis", "acl", "appos"}
# Verbs whose subject performs the action their object names ("the Taliban carried out the attack").
SUPPORT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "claim", "perpetrate", "commit", "hold", "lead",
                 "organise", "organize", "unleash", "use", "fire"}
# Definite, demonstrative and possessive determiners mark a noun that refers back to a told event.
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those", "such", "its", "their", "his", "her"}
# Words that say violence happened without saying how; a later "rockets struck" types it.
GENERIC_ATTACKS = {"attack", "assault"}
INDEFINITE_PRONOUNS = {"anyone", "anybody", "whoever", "everyone", "everybody", "anything", "those"}
REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
# Things that take territory: a place entity or a word for ground.
TERRITORY = {"control", "city", "town", "village", "base", "territory", "area", "district", "region", "province",
             "airport", "hill", "neighbourhood", "neighborhood", "outpost", "checkpoint", "border", "capital"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
# Actor kinds that may deploy: armed forces, never a delegation or a letter.
FORCE_KINDS = {"state", "external", "rebel", "militia"}
VIOLENT_ACTIONS = {"attack", "explosion", "abduction", "sexual_violence", "shelling", "air_strike", "grenade"}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A noun phrase naming who acts or is acted on."""

    span: Span
    kind: str  # state, rebel, militia, armed, protesters, rioters, civilians, external
    name: str  # ACLED name, may hold {country}
    inter: str
    origin: str | None = None  # a nationality word in the phrase ("Russian" troops)
    plural: bool = False  # "they" can stand for it


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that names an event ACLED would code."""

    action: str
    event_type: str
    sub_event_type: str
    plover: str | None
    trigger: Span
    evidence: Span
    sentence: Span
    paragraph: int
    actor1: ActorMention | None
    actor2: ActorMention | None
    modality: str
    claimed_by: str | None
    # "definite": "the attack" (may be the first report of it); "context": "claimed responsibility
    # for the bombing", "since the start of the protests" (only ever an event already told); None.
    refers_back: str | None
    bare_plural: bool  # "protests continued": a plural noun without article, often a continuation
    generic: bool  # "an attack": violence without its means; a more specific mention may type it
    in_quote: bool  # inside quotation marks: a speaker's account


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence naming who did it: "the Abu Sayyaf Group are the suspected perpetrators"."""

    actor: ActorMention
    sentence: Span


def find_mentions(document: Document) -> tuple[Mention, ...]:
    """Every event mention in the document, in text order."""
    lex = lexicon()
    doc = document.doc
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", document.text)]
    quoted = quoted_regions(document.text)
    mentions: list[Mention] = []
    seen_actors: list[ActorMention] = []
    for sentence in doc.sents:
        flags = _context(sentence, lex)
        # The sentence's own actors first: "an officer surrounded by protesters; he then fired".
        seen_actors.extend(a for a in (_actor(t, seen_actors, document) for t in sentence
                                       if t.pos_ in NOMINAL) if a is not None)
        for action, tokens, head in _triggers(sentence, lex):
            actor1, actor2 = _actors(head, action, seen_actors, document)
            if not _licensed(action, head, tokens, actor1, actor2):
                continue
            if action.name in VIOLENT_ACTIONS and actor1 is not None and actor1.kind == "civilians":
                # A person who attacks is an attacker, whatever word names them ("a man stabbed ...").
                actor1 = dataclasses.replace(actor1, kind="individual", name=lex.sole_perpetrator.name,
                                             inter=lex.sole_perpetrator.inter)
            if not _plausible(action, head, tokens, sentence, actor1, actor2, lex) or _recalled(head, lex):
                continue
            rule = _typing(action.name, actor1, actor2, flags, lex.typing)
            if rule is None:
                continue
            modality, reporter = _modality(head, lex)
            start, end = _clause(head, sentence)
            mentions.append(Mention(
                action=action.name, event_type=rule.event_type, sub_event_type=rule.sub_event_type,
                plover=rule.plover, trigger=document.span(tokens[0].idx, _end(tokens[-1])),
                evidence=document.span(start, end), sentence=document.span(sentence.start_char, sentence.end_char),
                paragraph=sum(1 for s in paragraph_starts if s <= head.idx) - 1,
                actor1=actor1, actor2=actor2, modality=modality,
                claimed_by=_claimant(document, reporter, sentence), refers_back=_refers_back(head, lex),
                bare_plural=head.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in head.children)
                and not (head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.onset_verbs),
                generic=action.name == "attack" and head.lemma_.lower() in GENERIC_ATTACKS,
                in_quote=any(start <= head.idx < end for start, end in quoted)))
    return tuple(mentions)


# -- triggers ----------------------------------------------------------------------------------------

def _triggers(sentence: SpacySpan, lex: Lexicon) -> Iterable[tuple[Action, list[Token], Token]]:
    """Trigger words and phrases of the sentence, each token used once, longest phrases first."""
    matches: list[tuple[int, int, Action, list[Token]]] = []
    for token in sentence:
        if token.ent_type_ in NON_EVENT_ENTITIES:
            continue
        for word in {token.lemma_.lower(), token.lower_}:
            for order, action, phrase in lex.phrases_by_first_word.get(word, ()):
                tokens = _phrase_match(token, phrase, sentence.end)
                # "the fire at the warehouse" is not "fired at": a verb phrase needs its verb.
                if tokens and not (token.pos_ in NOMINAL and tokens[1].pos_ == "ADP"):
                    matches.append((len(phrase), order, action, tokens))
    claimed: set[int] = set()
    found: list[tuple[Action, list[Token], Token]] = []
    # Longest phrases first: "fire tear gas" is an intervention before "fire ... at" is an attack.
    for _, _, action, tokens in sorted(matches, key=lambda m: (-m[0], m[1], m[3][0].i)):
        if not claimed.intersection(range(tokens[0].i, tokens[-1].i + 1)):
            claimed.update(t.i for t in tokens)
            if action.name != "stop":  # "heart attack": the words are taken, no event named
                found.append((action, tokens, _phrase_head(tokens)))
    for token in sentence:
        if token.i in claimed or token.ent_type_ in NON_EVENT_ENTITIES or token.dep_ in MODIFIER_DEPS:
            continue
        if token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES and not _capitalised_word(token):
            continue  # "Rally for the Republic", "Operation Desert Storm": part of a name
        lemma = token.lemma_.lower()
        if token.pos_ == "PROPN" and lemma.endswith("s"):
            lemma = lemma[:-1]  # proper nouns keep their plural: "Rockets struck" opening a sentence
        for action in lex.actions:
            if (token.pos_ in VERBAL and lemma in action.verbs) or (token.pos_ in NOMINAL and lemma in action.nouns):
                claimed.add(token.i)
                found.append((action, [token], token))
                break
    return sorted(found, key=lambda item: item[1][0].i)


def _capitalised_word(token: Token) -> bool:
    """A common word the model took for a name only because it opens the sentence ("Rockets struck")."""
    doc = token.doc
    alone = token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"
    return token.is_sent_start and token.ent_iob_ == "B" and alone


def _phrase_match(first: Token, phrase: tuple[str, ...], end: int) -> list[Token] | None:
    """The tokens from `first` that match the phrase word by word (lemma or form); up to 3 modifiers
    may intervene ("set the building ablaze", "threw rocks"), but no verb or punctuation."""
    doc = first.doc
    tokens, position = [first], first.i
    for word in phrase[1:]:
        nxt = next((t for t in doc[position + 1:min(position + 5, end)] if _word_is(t, word)), None)
        if nxt is None or any(t.is_punct or t.pos_ in VERBAL for t in doc[position + 1:nxt.i]
                              if not _word_is(t, "and")):
            return None
        tokens.append(nxt)
        position = nxt.i
    return tokens


def _word_is(token: Token, word: str) -> bool:
    return word in (token.lemma_.lower(), token.lower_)


def _phrase_head(tokens: Sequence[Token]) -> Token:
    """The phrase's syntactic head: the token whose head lies outside the phrase."""
    indexes = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in indexes or t.head == t), tokens[0])


def _plausible(action: Action, head: Token, tokens: Sequence[Token], sentence: SpacySpan,
               actor1: ActorMention | None, actor2: ActorMention | None, lex: Lexicon) -> bool:
    """Whether the words name the political violence, demonstration or development ACLED codes,
    not a figure of speech ("attacked the inquiry"), an accident ("a gas leak led to an explosion")
    or an ordinary crime ("arrested on a charge of domestic violence")."""
    lemma = head.lemma_.lower()
    objects = [c for c in head.children if c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd")]
    if head.pos_ in VERBAL and lemma in lex.intransitive and (objects or _is_passive(head)):
        return False  # "demonstrated the method"
    if head.pos_ in VERBAL:
        direct_objects = [c for c in head.children if c.dep_ == "dobj" and c not in tokens]
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        strict = lemma in lex.strict_verbs
        if action.name in ("attack", "clash", "destruction", "riot") and any(
                c.lemma_.lower() in lex.abstract_objects or (strict and not _is_target(c, lex))
                for c in direct_objects):
            return False  # "attacked the proposal", "battled leukemia", "burn fossil fuels"
        if action.name != "explosion" and any(
                c.lower_ in REFLEXIVES for c in direct_objects + [g for t in tokens for g in t.children]):
            return False  # "set himself on fire": self-harm, not a riot ("blew himself up" is a suicide bomb)
        if action.objects and not any(c.lemma_.lower() in action.objects for c in direct_objects):
            return False  # "foiled opposition to his plans"
        if action.subjects and len(tokens) == 1 and actor1 is None and not any(
                c.lemma_.lower() in action.subjects for c in subjects):
            return False  # "it exploded", "the population exploded"
        if action.name == "clash" and actor2 is None and not (actor1 is not None and actor1.plural):
            return False  # "fighting for a holiday": a fight needs two sides
    organised = actor1 is not None and actor1.kind in ORGANISED_KINDS
    if action.name == "clash" and head.pos_ in NOMINAL and not (
            any(a is not None and a.kind not in ("civilians", "individual") for a in (actor1, actor2))
            or {t.lemma_.lower() for t in sentence} & (lex.harm_words | lex.political_cues)):
        return False  # "clashes with misguided politicians": a quarrel, not a fight
    nouns = {t.lemma_.lower() for t in sentence if t.pos_ in NOMINAL}
    text = sentence.text.lower()
    if action.name in HARM_ACTIONS and not organised and (
            nouns & lex.non_violent_causes or any(" " in c and c in text for c in lex.non_violent_causes)):
        return False  # an earthquake, a crash, a virus
    if action.name in WEAPON_ACTIONS and head.pos_ in NOMINAL and actor1 is None and actor2 is None and not (
            {t.lemma_.lower() for t in sentence if t != head} & lex.harm_words):
        return False  # "a Falcon 9 rocket", "a Japanese bomber": a weapon word without harm done
    if action.name in CRIME_PRONE:
        window = _window_lemmas(sentence)
        political = bool(window & lex.political_cues) or any(
            a is not None and a.kind in ("protesters", "rioters", "rebel", "militia", "external")
            for a in (actor1, actor2)) or (actor2 is not None and actor2.kind == "state")
        if action.name != "arrest":
            political = political or organised or (
                action.name == "attack" and bool({t.lemma_.lower() for t in tokens} & lex.firearm_words))
        if not political or any(c in text for c in lex.criminal_cues) and not organised:
            return False
    return True


def _is_target(token: Token, lex: Lexicon) -> bool:
    """Whether what a verb hits is a person, a force, a place or a building."""
    if token.pos_ == "PRON" or token.ent_type_ in ("PERSON", "NORP", "ORG", "GPE", "FAC", "LOC"):
        return True
    lemma = token.lemma_.lower()
    return lemma in lex.targets or lemma in lex.actor_words or lex.group_pattern.search(token.lower_) is not None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _window_lemmas(sentence: SpacySpan) -> set[str]:
    """The lemmas of a sentence and the one before it: where the context of an arrest is told."""
    doc = sentence.doc
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    return {t.lemma_.lower() for t in doc[start:sentence.end]}


def _licensed(action: Action, head: Token, tokens: Sequence[Token], actor1: ActorMention | None,
              actor2: ActorMention | None) -> bool:
    """The constraints of the action's table: a needed actor, a force that deploys, a place taken."""
    lemma = head.lemma_.lower()
    if head.pos_ in VERBAL and lemma in action.agent_required and actor1 is None:
        return False  # "killed" needs a killer; "clashes broke out" needs none
    if action.force_required and not any(a is not None and a.kind in FORCE_KINDS and not a.name.startswith("Police")
                                         for a in (actor1, actor2)):
        return False  # police arriving at a scene is not a deployment
    if action.place_required:
        objects = [c for t in tokens for c in t.children if c.dep_ in ("dobj", "pobj", "nsubjpass", "prep")]
        words = [w for c in objects for w in c.subtree if w not in tokens]
        if not words and any(t.lemma_.lower() == "control" for t in tokens):
            return True  # "the rebels took control"
        if not any(w.ent_type_ in PLACE_ENTITIES or w.lemma_.lower() in TERRITORY - {"control"} for w in words):
            return False  # "take control of their personal use"
    return True


# -- actors ------------------------------------------------------------------------------------------

def _actors(head: Token, action: Action, seen: Sequence[ActorMention], document: Document
            ) -> tuple[ActorMention | None, ActorMention | None]:
    """Who acts (actor1) and who is acted on (actor2), from the trigger's syntax."""
    agents: list[Token] = []
    patients: list[Token] = []
    if head.pos_ in VERBAL:
        verb = head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        governor = verb
        while not subjects and governor.dep_ in ("conj", "xcomp", "advcl") and governor.head.pos_ in VERBAL:
            # "stormed and torched", "drew his pistol, pointed it, and shot": later verbs share the
            # first one's subject.
            governor = governor.head
            subjects = [c for c in governor.children if c.dep_ == "nsubj"]
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in NOMINAL:
            # "police who fired", "a protester being shot": the noun the clause describes takes part.
            subjects = [s for s in subjects if s.lower_ not in RELATIVE_PRONOUNS]
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
                verb.tag_ == "VBN" and not subjects)
            (patients if passive else subjects).append(verb.head)
        agents += subjects
        agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        patients += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            if prep.lower_ in ("at", "on", "against", "with", "into", "upon"):
                patients += [c for c in prep.children if c.dep_ == "pobj"]
    else:
        noun = head
        # "Taliban attack", "police crackdown"; but "anti-government protests" are against, not by.
        agents += [c for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                   and not _opposed(c)]
        for prep in (c for c in noun.children if c.dep_ == "prep"):
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ == "by":
                agents += objects
            elif prep.lower_ in ("on", "against", "at", "with", "targeting"):
                patients += objects
            elif prep.lower_ == "between" and objects:
                # "clashes between police and protesters"
                agents.append(objects[0])
                patients += list(objects[0].conjuncts)
        clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
        # "Dozens died in the attack, reportedly conducted by the Taliban": the small model hangs
        # the participle off the main verb.
        clauses += [c for c in noun.head.head.children if c.dep_ == "advcl" and c.tag_ == "VBN"] \
            if noun.dep_ == "pobj" else []
        for clause in clauses:
            # "an attack conducted by the Taliban", "another attack ascribed to the Taliban"
            for prep in (c for c in clause.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "to")):
                agents += [c for c in prep.children if c.dep_ == "pobj"]
        if noun.dep_ in ("dobj", "pobj") and noun.head.lemma_.lower() in SUPPORT_VERBS | {"for"}:
            # "police fired rubber bullets at the crowd": the verb's subject acts, its target suffers.
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            agents += [c for c in verb.children if c.dep_ == "nsubj"]
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "against")):
                patients += [c for c in prep.children if c.dep_ == "pobj"]
        if noun.dep_ == "nsubj" and noun.head.pos_ in VERBAL:
            patients += [c for c in noun.head.children if c.dep_ in ("dobj",)]
    if action.name == "deploy" and head.lemma_.lower() in ("send", "dispatch", "deploy", "station"):
        # "troops were sent", "sent troops": the force deployed is the object.
        agents, patients = patients + agents, []
    actor1 = next((a for a in (_actor(t, seen, document) for t in agents) if a), None)
    actor2 = next((a for a in (_actor(t, seen, document) for t in patients) if a), None)
    return actor1, actor2


def _opposed(token: Token) -> bool:
    """"anti-government", "pro-Trump": the word names what a protest is for or against."""
    before = token.doc[max(0, token.i - 2):token.i].text.lower().replace(" ", "")
    return token.lower_.startswith(("anti-", "pro-")) or before in ("anti-", "pro-")


def _antecedent(pronoun: Token, seen: Sequence[ActorMention]) -> ActorMention | None:
    """The actor a pronoun stands for: the latest one named in this or the previous two sentences,
    plural for "they", singular for "he" and "she"."""
    plural = pronoun.lower_ in ("they", "them", "we")
    horizon = pronoun.sent.start_char - 400
    for actor in reversed(seen):
        if actor.span.start < horizon or actor.span.start >= pronoun.idx:
            continue
        if actor.plural == plural:
            return actor
    return None


def _actor(token: Token, seen: Sequence[ActorMention], document: Document) -> ActorMention | None:
    """The actor a noun (or pronoun) names, if it names one."""
    lex = lexicon()
    if token.lower_ in PRONOUNS and token.pos_ == "PRON":
        return _antecedent(token, seen)
    left = token.left_edge.i if token.left_edge.i >= token.i - 6 else token.i
    phrase = token.doc[left:token.i + 1]
    words = [t for t in token.subtree if t.i <= token.i + 6]
    text = " ".join(t.lower_ for t in words)
    found = lex.group_pattern.search(text)
    group = lex.groups[found.group(1)] if found else None
    lemma = token.lemma_.lower()
    actor_type: ActorType | None = group
    if actor_type is None:
        previous = token.doc[token.i - 1] if token.i > 0 else None
        pair = f"{previous.lemma_.lower()} {lemma}" if previous is not None else ""
        actor_type = lex.actor_words.get(pair) or lex.actor_words.get(lemma) or lex.actor_words.get(token.lower_)
    if actor_type is None and token.ent_type_ == "PERSON":
        actor_type = lex.actor_words["civilian"]
    if actor_type is None:
        return None
    origin = next((t.text for t in phrase if t.ent_type_ in ("NORP", "GPE") and t.i < token.i), None)
    plural = token.tag_ in ("NNS", "NNPS") or lemma in COLLECTIVES or any(c.dep_ == "conj" for c in token.children)
    return ActorMention(span=document.span(phrase.start_char, phrase.end_char), kind=actor_type.kind,
                        name=actor_type.name, inter=actor_type.inter, origin=origin, plural=plural)


# -- typing ------------------------------------------------------------------------------------------

def _context(sentence: SpacySpan, lex: Lexicon) -> frozenset[str]:
    """Facts about the sentence that typing rules test: a protest, a violent crowd, a suicide attack."""
    actions = {a.name: a for a in lex.actions}
    lemmas = {t.lemma_.lower() for t in sentence}
    doc = sentence.doc
    window = doc[max(0, sentence.start - 40):min(len(doc), sentence.end + 5)]
    nearby = {t.lemma_.lower() for t in window}
    flags = set()
    protest_words = actions["protest"].nouns | actions["protest"].verbs
    protest_actors = {w for w, t in lex.actor_words.items() if t.kind in ("protesters", "rioters")}
    if nearby & (protest_words | protest_actors):
        flags.add("protest")
    if lemmas & (actions["riot"].verbs | actions["riot"].nouns | {"molotov", "rock", "stone", "brick", "flare"}):
        flags.add("violent_crowd")
    if "suicide" in lemmas or re.search(r"\bblew (him|her|them)sel(f|ves) up\b", sentence.text, re.IGNORECASE):
        flags.add("suicide")
    return frozenset(flags)


def _typing(action: str, actor1: ActorMention | None, actor2: ActorMention | None, flags: frozenset[str],
            rules: Sequence[TypingRule]) -> TypingRule | None:
    kind1 = actor1.kind if actor1 else "unknown"
    kind2 = actor2.kind if actor2 else "unknown"
    for rule in rules:
        if rule.action != action:
            continue
        if rule.actor1 is not None and kind1 not in rule.actor1:
            continue
        if rule.actor2 is not None and kind2 not in rule.actor2:
            continue
        if rule.context is not None and rule.context not in flags:
            continue
        return rule
    return None


# -- modality and attribution ------------------------------------------------------------------------

def _modality(head: Token, lex: Lexicon) -> tuple[str, Token | None]:
    """Whether the mention is asserted, negated, hypothetical or future, and the verb that reports it.

    Walks from the trigger up its governors to the clause of a reporting verb: a cue on the way
    ("not", "will", "warned against", "if") decides; the reporting verb's subject is the claimant.
    """
    token, first = head, True
    while True:
        found = _cue(token, lex, governs=not first)
        if found:
            return found, None
        if not first and token.lemma_.lower() in lex.reporting_verbs:
            return "asserted", token
        if token.head == token:
            return "asserted", None
        if token.dep_ in ("relcl", "acl", "appos") and token.head.lower_ not in INDEFINITE_PRONOUNS:
            # A relative clause asserts on its own, except on "anyone who ...", which shares the
            # main clause's modality ("police will arrest anyone who protests").
            return "asserted", None
        if token.dep_ == "advcl":
            # "troops arrived to quell protests": a purpose has not happened; "..., when protesters
            # stormed the building": a time clause is asserted whatever the main clause says.
            return ("hypothetical" if _is_infinitive(token) else "asserted"), None
        if token.dep_ == "pobj" and token.head.lower_ in lex.reference_prepositions:
            return "asserted", None  # "after an attack in 2015, a bill was proposed"
        token, first = token.head, False


def _cue(token: Token, lex: Lexicon, *, governs: bool) -> str | None:
    """The modality a word's own modifiers give it (negation first: "will not" is negated)."""
    lemma = token.lemma_.lower()
    cues = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or (
                child.dep_ == "prep" and word == "without"):
            cues.add("negated")
        elif child.dep_ in ("aux", "auxpass"):
            if word in lex.hypothetical_auxiliaries:
                cues.add("hypothetical")
            elif word in lex.future_auxiliaries or child.lemma_.lower() in lex.future_auxiliaries:
                perfect = any(c.dep_ == "aux" and c.lemma_.lower() in lex.counterfactual for c in token.children)
                cues.add("hypothetical" if perfect else "future")
        elif child.dep_ == "mark" and word in lex.hypothetical_markers:
            cues.add("hypothetical")
    for modality in ("negated", "hypothetical", "future"):
        if modality in cues:
            return modality
    if token.pos_ == "VERB" and token.tag_ == "VB" and token.dep_ in ("ROOT", "conj") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children) and (
            token.dep_ == "ROOT" or token.head.tag_ == "VB"):
        return "hypothetical"  # an imperative ("take a knife ... and attack"): an instruction, not an event
    if governs:
        if lemma in lex.negation_governors:
            return "negated"
        if lemma == "call" and not any(c.lower_ in ("for", "on") or c.dep_ == "xcomp" for c in token.children):
            return None  # "called the death a senseless killing" names it; "called for" wants it
        if lemma in lex.future_governors and (lemma not in ("set", "go", "due") or _has_to_complement(token)):
            return "future"
        if lemma in lex.hypothetical_governors:
            return "hypothetical"
    return None


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_to_complement(token: Token) -> bool:
    """"set to address", "going to attack", "due to meet": a governing word with a to-infinitive."""
    return any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in token.children)


def _claimant(document: Document, reporter: Token | None, sentence: SpacySpan) -> str | None:
    """Who reports the event: the subject of its reporting verb ("the interior ministry said"),
    else the source of "according to X", by the fullest name the article gives it."""
    source = subject_of(reporter) if reporter is not None else None
    if source is None:
        according = next((t for t in sentence if t.lower_ == "according"), None)
        source = according_source(according) if according is not None else None
    return name_of(document, source) if source is not None else None


def _recalled(head: Token, lex: Lexicon) -> bool:
    """"the 70th anniversary of the takeover", "charged with murder": an event recalled as history
    or named as a criminal charge, not reported."""
    if head.pos_ not in NOMINAL:
        return False
    token = head
    for _ in range(3):
        if token.head == token:
            return False
        token = token.head
        if token.lemma_.lower() in lex.history_nouns | lex.charge_words:
            return True
    return False


def _refers_back(head: Token, lex: Lexicon) -> str | None:
    """"since the start of the protests", "claimed responsibility for the bombing" ("context"),
    "the attack" ("definite"): a mention of an event already told, or None."""
    if head.pos_ not in NOMINAL:
        return None
    token = head
    for _ in range(4):  # the few words that govern a noun phrase: "for", "responsibility", "claimed"
        if token.head == token:
            break
        token = token.head
        lemma = token.lemma_.lower()
        if (token.dep_ == "prep" or token.pos_ == "ADP") and token.lower_ in lex.reference_prepositions:
            return "context"
        if lemma in lex.reference_nouns or (token.pos_ in VERBAL and lemma in lex.reference_verbs):
            return "context"
        if token.pos_ in VERBAL:
            break
    if any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS for c in head.children):
        return "definite"
    return None


def find_attributions(document: Document) -> tuple[Attribution, ...]:
    """Sentences that name a perpetrator: "X claimed responsibility", "X are the suspected
    perpetrators", "blamed on X", "attributed to X"."""
    lex = lexicon()
    found: list[Attribution] = []
    for sentence in document.doc.sents:
        for token in _perpetrator_tokens(sentence, lex):
            actor = _actor(token, (), document)
            # A named group, not "gunmen" again: attributions name who the first report could not.
            if actor is not None and actor.kind in ("rebel", "militia", "external"):
                found.append(Attribution(actor, document.span(sentence.start_char, sentence.end_char)))
                break
    return tuple(found)


def _perpetrator_tokens(sentence: SpacySpan, lex: Lexicon) -> Iterable[Token]:
    for token in sentence:
        lemma = token.lemma_.lower()
        children = list(token.children)
        if token.pos_ == "VERB" and lemma == "claim" and any(
                c.lemma_.lower() in ("responsibility", "credit") for c in children):
            yield from (c for c in children if c.dep_ == "nsubj")  # "ISIL claimed responsibility"
        elif token.pos_ == "VERB" and lemma in lex.attribution_verbs:
            yield from (c for c in children if c.dep_ == "dobj")  # "officials blamed the Taliban"
            for prep in (c for c in children if c.dep_ in ("prep", "agent") and c.lower_ in ("on", "to", "by")):
                yield from (c for c in prep.children if c.dep_ == "pobj")  # "blamed on", "attributed to"
        elif lemma in lex.attribution_nouns and token.dep_ == "attr":
            yield from (c for c in token.head.children if c.dep_ == "nsubj")  # "X are the perpetrators"


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paragraph by paragraph (an unclosed quote ends there)."""
    regions: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        opened: tuple[str, int] | None = None
        for i, ch in enumerate(paragraph.group()):
            if opened is None and ch in QUOTE_PAIRS:
                opened = (QUOTE_PAIRS[ch], paragraph.start() + i)
            elif opened is not None and ch == opened[0]:
                regions.append((opened[1], paragraph.start() + i + 1))
                opened = None
        if opened is not None:
            regions.append((opened[1], paragraph.end()))
    return regions


# -- evidence ----------------------------------------------------------------------------------------

def _clause(head: Token, sentence: SpacySpan) -> tuple[int, int]:
    """Character offsets of the clause that states the event: the governing verb with its arguments."""
    verb = head
    while verb.pos_ != "VERB" and verb.head != verb and verb.dep_ not in OWN_CLAUSES:
        verb = verb.head
    if verb.pos_ not in VERBAL or (verb is not head and verb.lemma_.lower() in lexicon().reporting_verbs
                                   and head.dep_ in ("dobj", "nsubjpass", "nsubj")):
        # "Reuters reported Monday's attack the deadliest since ...": the event is the noun phrase.
        verb = head
    # The small model often heads "A bomb was on Monday rammed into ..." with "was" and hangs
    # the participle off it as a clause of its own: keep that clause in the evidence.
    own_clauses = OWN_CLAUSES - {"advcl"} if verb.pos_ == "AUX" else OWN_CLAUSES
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in own_clauses or child.dep_ in ("punct", "cc", "mark"):
            continue
        if child.dep_ == "conj" and child.pos_ in VERBAL and any(c.dep_ == "nsubj" for c in child.children):
            continue
        tokens.extend(child.subtree)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        tokens.extend(t for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)
    if head not in tokens:
        tokens.append(head)
    tokens = [t for t in tokens if sentence.start <= t.i < sentence.end]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    doc: Doc = head.doc
    while last.i > first.i and (last.is_punct or last.is_space) and last.text not in ("”", '"', "’"):
        last = doc[last.i - 1]
    while first.i < last.i and (first.is_punct or first.is_space) and first.text not in ("“", '"', "‘"):
        first = doc[first.i + 1]
    return first.idx, _end(last)


def _end(token: Token) -> int:
    return token.idx + len(token.text)
