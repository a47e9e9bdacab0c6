"""Cross-article fusion: which reports tell the same event, and the canonical view of each event.

Pure functions over data: the store fetches candidate reports with indexed blocking queries and
writes the outcome.
"""

from .bcubed import BCubed, bcubed
from .canonical import canonical_event, fatalities_of
from .cluster import MERGE_THRESHOLD, Partition, is_linked, partition_reports
from .score import (
    DATE_WINDOW_DAYS,
    PLACE_LIMIT_RADII,
    PLACE_RADIUS_KM,
    Report,
    Similarity,
    compare,
    date_window_days,
    evidence_context,
    haversine_km,
    link_score,
    report_key,
    sentence_around,
    text_similarity,
)

__all__ = [
    "DATE_WINDOW_DAYS", "MERGE_THRESHOLD", "PLACE_LIMIT_RADII", "PLACE_RADIUS_KM", "BCubed", "Partition", "Report",
    "Similarity", "bcubed", "canonical_event", "compare", "date_window_days", "evidence_context", "fatalities_of",
    "haversine_km", "is_linked", "link_score", "partition_reports", "report_key", "sentence_around",
    "text_similarity",
]
