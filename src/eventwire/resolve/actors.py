"""Name actors the way ACLED does, with the country they belong to."""

from __future__ import annotations

from collections.abc import Callable

from ..extract import ActorMention

# The state a foreign force belongs to acts outside its own country: ACLED's codebook types such
# forces, like peacekeepers and international coalitions, as External/Other forces.
EXTERNAL = "External/Other forces"


def actor_name(actor: ActorMention, *, country: str | None,
               country_of: Callable[[str], str | None]) -> tuple[str, str]:
    """ACLED actor name and inter type: "Police Forces of Kazakhstan", "Protesters (Kazakhstan)".

    `country` is the event's country; `country_of` maps a nationality word ("Russian") to a
    country name, for foreign forces ("Russian paratroopers" in Kazakhstan).
    """
    origin = country_of(actor.origin) if actor.origin else None
    inter = actor.inter
    owner = country
    if actor.kind == "state" and origin and origin != country:
        owner, inter = origin, EXTERNAL
    elif actor.kind == "state" and origin:
        owner = origin
    if "{country}" not in actor.name:
        return actor.name, inter
    if owner is None:
        # No country known: the name without it ("Protesters", "Police Forces").
        return actor.name.replace(" of {country}", "").replace(" ({country})", ""), inter
    return actor.name.format(country=owner), inter
