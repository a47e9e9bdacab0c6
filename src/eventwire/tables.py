"""The rule tables of the extractors: TOML files in `eventwire/data/`, read once on first use."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_table(name: str) -> dict[str, Any]:
    """The parsed `eventwire/data/<name>.toml`; cached, so every caller shares one copy (never mutate it)."""
    with resources.files("eventwire").joinpath("data", f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
