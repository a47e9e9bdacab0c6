"""Language identification with py3langid (its model ships inside the package)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this probability the text is too short or mixed to call; we then assume English
# rather than skip extraction on a headline-length input.
MIN_PROBABILITY = 0.9
SAMPLE_CHARS = 3000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en" when unsure)."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language) if probability >= MIN_PROBABILITY else "en"
