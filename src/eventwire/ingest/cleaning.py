"""Clean a raw document into an Article: the body text that every offset will point into.

Order matters and runs once: HTML -> main text (trafilatura), Unicode and whitespace normalised,
paragraphs rebuilt, title split off, web residue and wire credits removed, dateline parsed.
Nothing downstream re-cleans the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..errors import E004, E012, W001, W002, W003, InputError
from ..model import Article, content_id
from ..tables import load_table
from .language import detect_language
from .readers import Metadata, RawDocument

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")), start=1) for name in names}
TERMINAL = tuple('.!?:;"”’)')
MIN_HTML_WORDS = 8


@dataclass(frozen=True, slots=True)
class Credits:
    """Outlet and agencies found in credit lines and the dateline."""

    outlet: str | None = None
    agencies: tuple[str, ...] = ()
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class CleaningRules:
    boilerplate: tuple[re.Pattern[str], ...]
    published_line: re.Pattern[str]
    credit_line: re.Pattern[str]
    dateline: re.Pattern[str]
    agency_names: dict[str, str]  # casefolded spelling -> canonical name
    outlet_names: dict[str, str]


@cache
def cleaning_rules() -> CleaningRules:
    """Compile data/cleaning.toml once per process."""
    data = load_table("cleaning")
    credits = data["credits"]
    agency_names = {s.casefold(): name for name, spellings in credits["agencies"].items() for s in spellings}
    outlet_names = {s.casefold(): name for name, spellings in credits["outlets"].items() for s in spellings}
    # Generic credits ("and news agencies") end a credit line but name no agency.
    agency_names.update({s.casefold(): "" for s in credits["generic"]})
    agency = "(?i:" + "|".join(sorted((re.escape(s) for s in agency_names), key=len, reverse=True)) + ")"
    credit_line = re.compile(
        rf"[(\[]?\s*(?:[-–—]+\s*)?(?:(?P<outlet>[^()\[\]]{{2,40}}?)\s+(?:with|and|/|,)\s+|with\s+)?"
        rf"(?P<agencies>(?:{agency})(?:\s*(?:,|and|/|&|with)\s*(?:{agency}))*)\s*[)\]]?\.?",
        re.IGNORECASE)
    # AP Stylebook datelines: "ALMATY (AFP) - ", "KABUL, Afghanistan (AP) — ", "BEIRUT, Jan 7 (Reuters) -".
    place = r"[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,3}"
    dateline = re.compile(
        rf"(?P<place>{place})(?:,\s*(?P<region>[A-Z][\w.\-]+(?: [A-Z][\w.\-]+){{0,2}}))?"
        rf"(?:,?\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?\s*(?:\((?P<agency>{agency})\))?\s*[-–—]+\s+")
    return CleaningRules(
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in data["boilerplate"]["paragraphs"]),
        published_line=re.compile(data["boilerplate"]["published_lines"], re.IGNORECASE),
        credit_line=credit_line, dateline=dateline, agency_names=agency_names, outlet_names=outlet_names)


def clean(raw: RawDocument, *, defaults: Metadata | None = None) -> tuple[Article, tuple[str, ...]]:
    """Turn a raw document into an Article and the warnings met on the way.

    Metadata comes first from the input itself (JSONL fields, HTML meta tags), then from the text
    (credit lines, "Issued on:"), then from `defaults` (the command line's).
    Raises InputError when no article text is left (it goes to quarantine).
    """
    metadata, defaults = raw.metadata, defaults or Metadata()
    warnings: list[str] = []
    title, published, outlet, url = metadata.title, metadata.published, metadata.outlet, metadata.url
    published_source = "metadata" if published else None
    content = raw.content
    if raw.is_html:
        page = extract_html(content)
        content = page.text
        title, outlet, url = title or page.title, outlet or page.outlet, url or page.url
        if not published and page.published:
            published, published_source = page.published, "metadata"
    if published:
        published = normalize_published(published)
        if published is None:
            warnings.append(W003.format(value=metadata.published))
            published_source = None

    rules = cleaning_rules()
    paragraphs = split_paragraphs(normalize_text(content))
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    elif paragraphs and not title and not raw.is_html and looks_like_title(paragraphs[0]) and len(paragraphs) > 1:
        title, paragraphs = paragraphs[0], paragraphs[1:]

    body: list[str] = []
    credits = Credits()
    for paragraph in paragraphs:
        found = rules.published_line.fullmatch(paragraph)
        if found and not published and (text_date := parse_date(found.group("date"))):
            published, published_source = text_date, "text"
        if any(p.fullmatch(paragraph) for p in rules.boilerplate):
            continue
        if line_credits := parse_credit_line(paragraph):
            credits = _merge(credits, line_credits)
            continue
        body.append(paragraph)
    if body:
        body[0], dateline = strip_dateline(body[0])
        credits = _merge(credits, dateline)
    text = "\n\n".join(p for p in body if p)
    if not text.strip():
        raise InputError(E004 if raw.is_html else E012)

    if not published and defaults.published:
        published = normalize_published(defaults.published)
        published_source = "metadata" if published else None
        if published is None:
            warnings.append(W003.format(value=defaults.published))
    if not published:
        warnings.append(W001)
    language = detect_language(text)
    if language != "en":
        warnings.append(W002.format(language=language))
    article = Article(
        id=content_id(" ".join(text.split())), text=text, source_id=metadata.source_id, url=url or defaults.url,
        title=title or defaults.title, outlet=outlet or credits.outlet or defaults.outlet, agencies=credits.agencies,
        published=published,
        published_source=published_source, language=language, dateline=credits.dateline)
    return article, tuple(warnings)


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


def extract_html(html: str) -> Page:
    """Main text and metadata of a web page (trafilatura), publication date (htmldate)."""
    # Imported here: trafilatura pulls in lxml and friends, which text-only runs never need.
    import htmldate
    import trafilatura

    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    # trafilatura falls back to any text it finds; a few words of navigation are not an article.
    if page is None or len((page.text or "").split()) < MIN_HTML_WORDS:
        raise InputError(E004)
    published = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    return Page(text=page.text, title=page.title, outlet=page.sitename, url=page.url,
                published=published or page.date)


def normalize_text(text: str) -> str:
    """NFC, one kind of newline and space, no control or zero-width characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\n":
            out.append(ch)
        elif category == "Zs" or ch == "\t":
            out.append(" ")
        elif category not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append(ch)
    return "".join(out)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs as one line each: blank lines separate them; hard-wrapped lines are joined."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        current = ""
        for line in filter(None, lines):
            # A wrapped line continues a sentence: the previous one has no end mark, this one no capital.
            if current and not current.endswith(TERMINAL) and (line[0].islower() or line[0].isdigit()):
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def looks_like_title(paragraph: str) -> bool:
    """A headline: one short line of several words with no sentence-final full stop."""
    words = paragraph.split()
    return 2 <= len(words) <= 30 and len(paragraph) <= 200 and not paragraph.endswith((".", ":", ";", ","))


def parse_credit_line(paragraph: str) -> Credits | None:
    """"(FRANCE 24 with AFP)", "(Reuters)", "— AFP": the outlet and agencies it credits."""
    rules = cleaning_rules()
    found = rules.credit_line.fullmatch(paragraph.strip())
    if not found:
        return None
    agencies = tuple(dict.fromkeys(
        rules.agency_names[name.casefold()]
        for name in re.split(r"\s*(?:,|\band\b|/|&|\bwith\b)\s*", found.group("agencies"), flags=re.IGNORECASE)
        if rules.agency_names.get(name.casefold())))
    outlet = found.group("outlet")
    if outlet:
        outlet = rules.outlet_names.get(outlet.casefold().strip(), outlet.strip())
        outlet = outlet.title() if outlet.isupper() and len(outlet) > 4 else outlet
    return Credits(outlet=outlet, agencies=agencies)


def strip_dateline(paragraph: str) -> tuple[str, Credits]:
    """Remove a leading dateline ("ALMATY (AFP) - ") and return its place and agency."""
    rules = cleaning_rules()
    found = rules.dateline.match(paragraph)
    # A dateline's place is in capitals ("ALMATY"); a mixed-case opening needs an agency credit.
    if not found or (not found.group("agency") and not found.group("place").isupper()):
        return paragraph, Credits()
    if len(found.group("place")) < 3:
        return paragraph, Credits()
    agency = found.group("agency")
    agencies = (rules.agency_names[agency.casefold()],) if agency else ()
    return paragraph[found.end():], Credits(agencies=agencies, dateline=found.group("place").title())


def _merge(first: Credits, second: Credits) -> Credits:
    return Credits(outlet=first.outlet or second.outlet,
                   agencies=tuple(dict.fromkeys(first.agencies + second.agencies)),
                   dateline=first.dateline or second.dateline)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def normalize_published(value: str) -> str | None:
    """A publication date as YYYY-MM-DD, from ISO dates and datetimes or written dates."""
    return parse_date(value.strip())


def parse_date(text: str) -> str | None:
    """A full calendar date written as 2022-01-07, 07/01/2022, 7 January 2022 or January 7, 2022."""
    text = text.strip()
    patterns = (
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", None),
        # France 24, Al Jazeera and most non-US sites write day/month/year.
        (r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})", None),
        (r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})", "mon"),
        (r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", "mon"),
    )
    for pattern, named_month in patterns:
        found = re.search(pattern, text)
        if not found:
            continue
        month = MONTHS.get(found.group("mon").casefold()) if named_month else int(found.group("m"))
        if month is None:
            continue
        try:
            return date(int(found.group("y")), month, int(found.group("d"))).isoformat()
        except ValueError:
            continue
    return None
