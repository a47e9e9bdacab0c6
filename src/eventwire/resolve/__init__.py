"""Resolve stage: times, places and actors, and events built from mentions."""

from .events import build_events
from .gazetteer import Gazetteer
from .places import resolve_places
from .times import as_of, normalize_times

__all__ = ["Gazetteer", "as_of", "build_events", "normalize_times", "resolve_places"]
