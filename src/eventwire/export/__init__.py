"""Export stage: stored events to the formats the field uses. Writers take iterables, never query."""

from .acled import ACLED_COLUMNS, write_acled
from .geojson import write_geojson
from .jsonl import write_jsonl
from .parquet import write_parquet

WRITERS = {"acled": write_acled, "geojson": write_geojson, "jsonl": write_jsonl, "parquet": write_parquet}
BINARY_FORMATS = {"parquet"}

__all__ = ["ACLED_COLUMNS", "BINARY_FORMATS", "WRITERS", "write_acled", "write_geojson", "write_jsonl",
           "write_parquet"]
