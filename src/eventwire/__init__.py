"""eventwire: news reports about unrest, conflict and disasters -> an ACLED-style event database."""

__version__ = "0.1.0"
