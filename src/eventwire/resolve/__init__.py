"""Resolve stage: times, places and actors, and events built from mentions."""

from .events import build_events
from .places import resolve_places
from .times import normalize_times

__all__ = ["build_events", "normalize_times", "resolve_places"]
