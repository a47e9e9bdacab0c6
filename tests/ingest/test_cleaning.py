"""Cleaning: residue and credits out, title, outlet, agencies, dateline and date found."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import Metadata, RawDocument, clean
from eventwire.ingest.cleaning import parse_credit_line, parse_date, strip_dateline

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _clean(text: str, **metadata: str):
    return clean(RawDocument("test", text, False, Metadata(**metadata)))


def test_cleaning_wire_report_residue_and_credits() -> None:
    article, warnings = _clean((FIXTURES / "wire-report.txt").read_text(encoding="utf-8"))
    assert article.title == "Police fire tear gas as protesters storm city hall in Almaty"
    assert article.outlet == "France 24"
    assert article.agencies == ("AFP",)
    assert article.dateline == "Almaty"
    assert article.published == "2022-01-07" and article.published_source == "text"
    assert article.text.startswith("Thousands of protesters stormed the city hall")
    for residue in ("Issued on", "Advertisement", "Source link", "FRANCE 24", "(AFP)"):
        assert residue not in article.text
    assert warnings == ()


def test_cleaning_metadata_date_wins_over_text() -> None:
    article, _ = _clean((FIXTURES / "wire-report.txt").read_text(encoding="utf-8"), published="2022-01-08")
    assert article.published == "2022-01-08" and article.published_source == "metadata"


def test_cleaning_command_line_defaults_fill_only_what_is_missing() -> None:
    raw = RawDocument("a.txt", (FIXTURES / "wire-report.txt").read_text(encoding="utf-8"), False, Metadata())
    defaults = Metadata(published="2022-01-09", outlet="Example Wire", url="https://example.org/a")
    article, _ = clean(raw, defaults=defaults)
    assert (article.published, article.outlet, article.url) == ("2022-01-07", "France 24", "https://example.org/a")
    plain = RawDocument("b.txt", "Riot police fired tear gas at protesters in Minsk on Sunday.", False, Metadata())
    article, warnings = clean(plain, defaults=defaults)
    assert (article.published, article.published_source, article.outlet) == ("2022-01-09", "metadata", "Example Wire")
    assert warnings == ()


def test_cleaning_html_page() -> None:
    raw = RawDocument("page.html", (FIXTURES / "wire-report.html").read_text(encoding="utf-8"), True, Metadata())
    article, _ = clean(raw)
    assert article.title == "Protesters storm parliament in Belgrade"
    assert article.outlet == "Example Wire"
    assert article.published == "2020-07-08" and article.published_source == "metadata"
    assert article.url == "https://example.org/world/belgrade-protests"
    assert article.text.startswith("Protesters tried to storm the parliament building")
    assert "Subscribe" not in article.text and "Home" not in article.text


def test_cleaning_html_without_article_is_an_input_error() -> None:
    raw = RawDocument("empty.html", "<html><body><nav>Home</nav></body></html>", True, Metadata())
    with pytest.raises(InputError, match="no article text found in the HTML page"):
        clean(raw)


def test_cleaning_only_residue_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text left"):
        _clean("Advertisement\n\nSource link\n\nShare on Facebook")


def test_cleaning_id_ignores_whitespace_and_is_stable() -> None:
    a, _ = _clean("Riot police fired tear gas in Minsk on Sunday.\n\nDozens were detained.")
    b, _ = _clean("Riot police  fired tear gas in Minsk on Sunday.\r\n\r\n\r\nDozens   were detained.  ")
    assert a.id == b.id and a.text == b.text
    assert len(a.id) == 16 and int(a.id, 16) >= 0


def test_cleaning_normalises_unicode_and_control_characters() -> None:
    article, _ = _clean("Protesters in Bogota\u0301 marched\u200b\x07 on Friday.")
    assert article.text == "Protesters in Bogotá marched on Friday."


def test_cleaning_keeps_a_very_long_line_whole() -> None:
    sentence = "Police detained 20 protesters in Minsk on Sunday and released them on Monday. "
    article, _ = _clean("Arrests in Minsk\n\n" + sentence * 2000)  # one 160,000-character line
    assert article.title == "Arrests in Minsk"
    assert article.text == (sentence * 2000).strip()


def test_cleaning_joins_hard_wrapped_lines() -> None:
    article, _ = _clean("Protesters marched through the centre of\nthe capital on Sunday, police said.\n\n"
                        "Dozens were detained.")
    assert article.text == ("Protesters marched through the centre of the capital on Sunday, police said.\n\n"
                            "Dozens were detained.")


def test_cleaning_warns_without_date_and_on_other_languages() -> None:
    _, warnings = _clean("Riot police fired tear gas at protesters in the capital on Sunday.")
    assert any(w.startswith("[W001]") for w in warnings)
    article, warnings = _clean("Des milliers de manifestants ont défilé dimanche dans les rues de la capitale "
                               "pour protester contre la hausse du prix du carburant.", published="2022-01-02")
    assert article.language == "fr" and any(w.startswith("[W002]") for w in warnings)


@pytest.mark.parametrize("line, outlet, agencies", [
    ("(FRANCE 24 with AFP)", "France 24", ("AFP",)),
    ("(AFP)", None, ("AFP",)),
    ("— Reuters", None, ("Reuters",)),
    ("(AFP, Reuters)", None, ("AFP", "Reuters")),
    ("(Al Jazeera and news agencies)", "Al Jazeera", ()),
])
def test_cleaning_credit_lines(line: str, outlet: str | None, agencies: tuple[str, ...]) -> None:
    credits = parse_credit_line(line)
    assert credits is not None and credits.outlet == outlet and credits.agencies == agencies


@pytest.mark.parametrize("line", ["AFP said the toll could rise.", "Reuters correspondents saw tanks."])
def test_cleaning_sentences_naming_agencies_are_not_credits(line: str) -> None:
    assert parse_credit_line(line) is None


@pytest.mark.parametrize("paragraph, place, rest", [
    ("ALMATY (AFP) - Kazakhstan's president said", "Almaty", "Kazakhstan's president said"),
    ("KABUL, Afghanistan (AP) — A car bomb", "Kabul", "A car bomb"),
    ("BEIRUT, Jan 7 (Reuters) - Lebanese troops", "Beirut", "Lebanese troops"),
    ("NEW YORK — The mayor", "New York", "The mayor"),
    ("Police said - no more", None, "Police said - no more"),
])
def test_cleaning_datelines(paragraph: str, place: str | None, rest: str) -> None:
    text, credits = strip_dateline(paragraph)
    assert credits.dateline == place and text == rest


@pytest.mark.parametrize("text, expected", [
    ("07/01/2022 - 10:23", "2022-01-07"),
    ("2022-01-07T10:23:00Z", "2022-01-07"),
    ("7 January 2022", "2022-01-07"),
    ("Jan. 7, 2022", "2022-01-07"),
    ("yesterday", None),
    ("31/02/2022", None),
])
def test_cleaning_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected
