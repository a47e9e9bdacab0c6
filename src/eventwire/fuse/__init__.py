"""Cross-article fusion: decide which stored event a new report describes, and merge reports.

Pure functions over data: the store fetches candidates and writes the outcome.
"""

from .merge import Report, canonical_event, is_same_event

__all__ = ["Report", "canonical_event", "is_same_event"]
