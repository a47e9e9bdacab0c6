"""The rule tables of data/events.toml, actors.toml and modality.toml, loaded once per process."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

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
    typing: tuple[TypingRule, ...]
    actor_words: dict[str, ActorType]  # lemma or phrase -> type
    groups: dict[str, ActorType]  # lower-case organisation name -> type with the ACLED name
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
    attribution_verbs: frozenset[str]
    attribution_nouns: frozenset[str]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("eventwire").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def lexicon() -> Lexicon:
    """Compile the rule tables once per process."""
    events, actors, modality = _load("events.toml"), _load("actors.toml"), _load("modality.toml")
    actions = tuple(
        Action(name=name, verbs=frozenset(spec.get("verbs", ())), nouns=frozenset(spec.get("nouns", ())),
               phrases=tuple(tuple(p.split()) for p in spec.get("phrases", ())),
               agent_required=frozenset(spec.get("agent_required", ())),
               force_required=spec.get("force_required", False), place_required=spec.get("place_required", False))
        for name, spec in events["actions"].items())
    typing = tuple(
        TypingRule(action=rule["action"], actor1=frozenset(rule["actor1"]) if "actor1" in rule else None,
                   actor2=frozenset(rule["actor2"]) if "actor2" in rule else None, context=rule.get("context"),
                   event_type=EVENT_TYPE_OF[rule["sub_event_type"]], sub_event_type=rule["sub_event_type"],
                   plover=rule.get("plover"))
        for rule in events["typing"])
    actor_words = {word: ActorType(spec["kind"], spec["name"], spec["inter"])
                   for spec in actors["actor"] for word in spec["words"]}
    groups = {name: ActorType(spec["kind"], spec["name"], spec["inter"])
              for spec in actors["group"] for name in spec["names"]}
    neg, hyp, fut, rep = modality["negated"], modality["hypothetical"], modality["future"], modality["reporting"]
    return Lexicon(
        actions=actions, typing=typing, actor_words=actor_words, groups=groups,
        negation_particles=frozenset(neg["particles"]), negation_governors=frozenset(neg["governors"]),
        hypothetical_auxiliaries=frozenset(hyp["auxiliaries"]), hypothetical_markers=frozenset(hyp["markers"]),
        hypothetical_governors=frozenset(hyp["governors"]), future_auxiliaries=frozenset(fut["auxiliaries"]),
        future_governors=frozenset(fut["governors"]), counterfactual=frozenset(fut["counterfactual"]),
        reporting_verbs=frozenset(rep["verbs"]),
        reference_prepositions=frozenset(events["references"]["prepositions"]),
        reference_nouns=frozenset(events["references"]["nouns"]),
        reference_verbs=frozenset(events["references"]["verbs"]),
        attribution_verbs=frozenset(events["attribution"]["verbs"]),
        attribution_nouns=frozenset(events["attribution"]["nouns"]))
