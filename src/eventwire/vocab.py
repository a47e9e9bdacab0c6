"""Closed vocabularies of the output contract, spelled exactly as ACLED and PLOVER spell them.

Sources: ACLED Codebook (2024), sections "Event types and sub-event types" and "Actor types";
PLOVER event ontology (openeventdata/PLOVER, PLOVER_MANUAL.md).
"""

from __future__ import annotations

from typing import Literal, get_args

# ACLED event types -> their sub-event types (codebook table 1), in codebook order.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

EVENT_TYPE_OF: dict[str, str] = {sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs}

# ACLED's disorder_type column (codebook 2024): which broad kind of disorder each type belongs to.
# "Excessive force against protesters" counts as both political violence and a demonstration.
DISORDER_TYPE: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence",
    "Strategic developments": "Strategic developments",
}
DISORDER_TYPE_OF_SUB: dict[str, str] = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
    "Violent demonstration": "Demonstrations",
}

# The eight ACLED actor types, in the codebook's numeric order (1..8).
Inter = Literal[
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
]
INTER: tuple[str, ...] = get_args(Inter)

Modality = Literal["asserted", "negated", "hypothetical", "future"]
MODALITIES = ("asserted", "negated", "hypothetical", "future")

CountKind = Literal["killed", "injured", "hospitalized", "detained", "missing", "displaced", "deployed", "other"]
COUNT_KINDS = ("killed", "injured", "hospitalized", "detained", "missing", "displaced", "deployed", "other")

QuoteKind = Literal["direct", "partial", "indirect"]

PlaceFeature = Literal["country", "admin1", "city", "other"]

# How the publication date was found (contract: article.published_source).
PublishedSource = Literal["metadata", "text", "inferred"]

# PLOVER event categories (PLOVER_MANUAL.md, "Event types").
PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def interaction(inter1: str | None, inter2: str | None) -> str | None:
    """ACLED's text `interaction` column: "State forces-Protesters", or "Protesters only"."""
    if inter1 is None:
        return None
    if inter2 is None:
        return f"{inter1} only"
    first, second = sorted((inter1, inter2), key=INTER.index)
    return f"{first}-{second}"

# Event types that reports of one happening may disagree on. A car bomb at a checkpoint is an IED
# explosion to one outlet and an attack on civilians or a clash to another; police shooting a
# protester is excessive force against protesters to one and an attack to another; a protest is
# a riot to a third. The codebook's boundaries between these types rest on details (who was
# targeted, whether demonstrators were violent) that early reports often lack, and its own
# disorder types overlap there ("Excessive force against protesters" and riots count as both
# political violence and demonstrations). Strategic developments (arrests, agreements, looting)
# are other happenings. Each type is in exactly one family, so "same family" is an equivalence.
EVENT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}),
    frozenset({"Strategic developments"}),
)


def event_family(event_type: str) -> frozenset[str]:
    """The family of event types that `event_type` belongs to (itself alone if unknown)."""
    return next((family for family in EVENT_FAMILIES if event_type in family), frozenset({event_type}))
