"""Properties over arbitrary text: cleaning and extraction never raise, every span points at its text (issue 8).

Texts mix words that trigger eventwire's rules (figures, actors, cues, datelines, quotes) with
arbitrary Unicode, so that the rules run on odd input. Examples are few and short to keep the suite
fast; hypothesis keeps failing examples in .hypothesis/ and tries them first next time.
"""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.evaluate import check_spans
from eventwire.ingest import Metadata, RawDocument, Rejected, clean
from eventwire.ingest.readers import read_bytes
from eventwire.nlp import parse_articles
from eventwire.pipeline import Resources, process_document

WORDS = ("Police", "protesters", "killed", "wounded", "20", "dozens", "more than", "3,000", "detained", "said",
         "told", "on", "Sunday", "yesterday", "in", "Minsk", "Kazakhstan", "attack", "car bomb", "not", "will",
         "may", "stormed", "clashed with", "soldiers", "rebels", "tear gas", "the", "a", "of", "\u201c", "\u201d",
         '"', "'", ",", ".", ":", "-", "\u2014", "\n", "\n\n", "(AFP)", "ALMATY (Reuters) -", "Issued on:",
         "<p>", "</p>", "\u200b", "\x07", "\t", "e\u0301", "\U0001f600", "\ufeff")
TEXTS = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), TEXTS.map(str.encode), TEXTS.map(lambda t: t.encode("utf-16"))),
       kind=st.sampled_from([None, "text", "html", "jsonl"]))
def test_properties_reading_any_bytes_gives_documents_or_rejections(data: bytes, kind: str | None) -> None:
    for item in read_bytes("arbitrary", data, kind=kind):
        assert isinstance(item, RawDocument | Rejected)
        assert isinstance(item, RawDocument) or item.reason


@settings(max_examples=60, deadline=None)
@given(text=TEXTS, is_html=st.booleans(), published=st.sampled_from([None, "2022-01-07", "not a date"]))
def test_properties_cleaning_gives_an_article_or_an_input_error(text: str, is_html: bool,
                                                                published: str | None) -> None:
    with contextlib.suppress(InputError):  # the one way cleaning may refuse an input: it is quarantined
        article, _ = clean(RawDocument("arbitrary", text, is_html, Metadata(published=published)))
        assert article.text.strip() and article.text == article.text.strip()


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_properties_extraction_never_raises_and_spans_point_at_their_text(resources: Resources, text: str) -> None:
    with contextlib.suppress(InputError):
        article, warnings = clean(RawDocument("arbitrary", text, False, Metadata(published="2022-01-07")))
        [document] = parse_articles(resources.nlp, [article])
        record = process_document(document, resources, warnings=warnings)
        assert check_spans(record.to_dict())[0] == 0
        assert all(event.evidence for event in record.events)
