"""The rule tables of data/events.toml, actors.toml and modality.toml, loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..tables import load_table
from ..vocab import EVENT_TYPE_OF


@dataclass(frozen=True, slots=True)
class Action:
    """A class of actions and the words that name it."""

    name: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    agent_required: frozenset[str]  # words that name this action only with an actor on some side
    force_required: bool  # only armed forces can do it (deployments)
    place_required: bool  # the object must be a place (territory taken)
    subjects: frozenset[str]  # for verbs: what may be the subject when no actor is ("a bomb exploded")
    objects: frozenset[str]  # for verbs: what the object must be ("foiled a plot")


@dataclass(frozen=True, slots=True)
class TypingRule:
    """(action, actor kinds, context) -> ACLED type and sub-type, PLOVER category."""

    action: str
    actor1: frozenset[str] | None
    actor2: frozenset[str] | None
    context: str | None
    event_type: str
    sub_event_type: str
    plover: str | None


@dataclass(frozen=True, slots=True)
class ActorType:
    """A kind of actor ACLED names from a common noun ("police" -> Police Forces of <country>)."""

    kind: str
    name: str
    inter: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    actions: tuple[Action, ...]
    # First word of each multi-word trigger -> (order of its action, action, phrase): only
    # phrases whose first word is in a sentence are tried.
    phrases_by_first_word: dict[str, tuple[tuple[int, Action, tuple[str, ...]], ...]]
    typing: tuple[TypingRule, ...]
    actor_words: dict[str, ActorType]  # lemma or phrase -> type
    sole_perpetrator: ActorType  # a person who attacks, named by a word for anyone
    groups: dict[str, ActorType]  # lower-case organisation name -> type with the ACLED name
    group_pattern: re.Pattern[str]  # any organisation name, longest first, as a whole word
    negation_particles: frozenset[str]
    negation_governors: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_markers: frozenset[str]
    hypothetical_governors: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    counterfactual: frozenset[str]
    reporting_verbs: frozenset[str]
    reference_prepositions: frozenset[str]
    reference_nouns: frozenset[str]
    reference_verbs: frozenset[str]
    history_nouns: frozenset[str]
    charge_words: frozenset[str]
    onset_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    attribution_nouns: frozenset[str]
    intransitive: frozenset[str]
    targets: frozenset[str]
    strict_verbs: frozenset[str]
    abstract_objects: frozenset[str]
    non_violent_causes: frozenset[str]
    harm_words: frozenset[str]
    political_cues: frozenset[str]
    criminal_cues: frozenset[str]
    firearm_words: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """Compile the rule tables once per process."""
    events, actors, modality = load_table("events"), load_table("actors"), load_table("modality")
    filters = events["filters"]
    actions = tuple(
        Action(name=name, verbs=frozenset(spec.get("verbs", ())), nouns=frozenset(spec.get("nouns", ())),
               phrases=tuple(tuple(p.split()) for p in spec.get("phrases", ())),
               agent_required=frozenset(spec.get("agent_required", ())),
               force_required=spec.get("force_required", False), place_required=spec.get("place_required", False),
               subjects=frozenset(spec.get("subjects", ())), objects=frozenset(spec.get("objects", ())))
        for name, spec in events["actions"].items())
    typing = tuple(
        TypingRule(action=rule["action"], actor1=frozenset(rule["actor1"]) if "actor1" in rule else None,
                   actor2=frozenset(rule["actor2"]) if "actor2" in rule else None, context=rule.get("context"),
                   event_type=EVENT_TYPE_OF[rule["sub_event_type"]], sub_event_type=rule["sub_event_type"],
                   plover=rule.get("plover"))
        for rule in events["typing"])
    index: dict[str, list[tuple[int, Action, tuple[str, ...]]]] = {}
    for order, action in enumerate(actions):
        for phrase in action.phrases:
            index.setdefault(phrase[0], []).append((order, action, phrase))
    # Stop phrases ("heart attack") are matched like triggers and claim their words, naming nothing.
    stop = Action(name="stop", verbs=frozenset(), nouns=frozenset(), phrases=(), agent_required=frozenset(),
                  force_required=False, place_required=False, subjects=frozenset(), objects=frozenset())
    for phrase in (tuple(p.split()) for p in filters["stop_phrases"]):
        index.setdefault(phrase[0], []).append((-1, stop, phrase))
    actor_words = {word: ActorType(spec["kind"], spec["name"], spec["inter"])
                   for spec in actors["actor"] for word in spec["words"]}
    groups = {name: ActorType(spec["kind"], spec["name"], spec["inter"])
              for spec in actors["group"] for name in spec["names"]}
    neg, hyp, fut, rep = modality["negated"], modality["hypothetical"], modality["future"], modality["reporting"]
    names = sorted(groups, key=len, reverse=True)
    group_pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return Lexicon(
        actions=actions, phrases_by_first_word={k: tuple(v) for k, v in index.items()}, typing=typing,
        actor_words=actor_words, groups=groups, group_pattern=group_pattern,
        sole_perpetrator=next(ActorType(a["kind"], a["name"], a["inter"]) for a in actors["actor"]
                              if a["kind"] == "individual"),
        negation_particles=frozenset(neg["particles"]), negation_governors=frozenset(neg["governors"]),
        hypothetical_auxiliaries=frozenset(hyp["auxiliaries"]), hypothetical_markers=frozenset(hyp["markers"]),
        hypothetical_governors=frozenset(hyp["governors"]), future_auxiliaries=frozenset(fut["auxiliaries"]),
        future_governors=frozenset(fut["governors"]), counterfactual=frozenset(fut["counterfactual"]),
        reporting_verbs=frozenset(rep["verbs"]),
        reference_prepositions=frozenset(events["references"]["prepositions"]),
        reference_nouns=frozenset(events["references"]["nouns"]),
        reference_verbs=frozenset(events["references"]["verbs"]),
        history_nouns=frozenset(events["references"]["history"]),
        charge_words=frozenset(events["references"]["charges"]),
        onset_verbs=frozenset(events["references"]["onset"]),
        attribution_verbs=frozenset(events["attribution"]["verbs"]),
        attribution_nouns=frozenset(events["attribution"]["nouns"]),
        intransitive=frozenset(filters["intransitive"]), targets=frozenset(filters["targets"]),
        strict_verbs=frozenset(filters["strict_verbs"]), abstract_objects=frozenset(filters["abstract_objects"]),
        non_violent_causes=frozenset(filters["non_violent_causes"]), harm_words=frozenset(filters["harm_words"]),
        political_cues=frozenset(filters["political_cues"]), criminal_cues=frozenset(filters["criminal_cues"]),
        firearm_words=frozenset(filters["firearm_words"]))
