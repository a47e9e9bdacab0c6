"""Extract stage: event mentions, figures and quotes found in a parsed document."""

from .counts import extract_counts, fatalities_of
from .events import ActorMention, Attribution, Mention, find_attributions, find_mentions
from .quotes import extract_quotes

__all__ = ["ActorMention", "Attribution", "Mention", "extract_counts", "extract_quotes", "fatalities_of",
           "find_attributions", "find_mentions"]
