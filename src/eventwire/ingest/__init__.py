"""Ingest stage: read inputs and clean them into Articles."""

from .cleaning import clean
from .readers import Metadata, RawDocument, Rejected, read_inputs

__all__ = ["Metadata", "RawDocument", "Rejected", "clean", "read_inputs"]
