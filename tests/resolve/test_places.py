"""Toponym finding, resolution and event places, on sentences we write and Wikinews excerpts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.geo import haversine_km
from eventwire.model import Place
from eventwire.nlp import Document
from eventwire.resolve.gazetteer import Gazetteer
from eventwire.resolve.places import EventPlace, event_place, focus_country, is_demonym, resolve_places


def _places(document: Document, gazetteer: Gazetteer, mention: str) -> list[Place]:
    return [p for p in resolve_places(document, gazetteer) if p.mention.text == mention]


def _event(document: Document, gazetteer: Gazetteer, evidence: str) -> EventPlace:
    start = document.text.index(evidence)
    places = resolve_places(document, gazetteer)
    return event_place(document, places, [document.span(start, start + len(evidence))], gazetteer=gazetteer)


@pytest.mark.parametrize(
    ("text", "mention", "iso", "feature", "near"),
    [
        # Possessives, curly quotes and mislabelled entities are still toponyms.
        ("Kazakhstan’s president said order had been restored.", "Kazakhstan", "KZ", "country", None),
        ("Armed protesters fought in Kazakhstan‘s main city Almaty.", "Kazakhstan", "KZ", "country", None),
        ("Armed protesters fought in Kazakhstan‘s main city Almaty.", "Almaty", "KZ", "city", (43.25, 76.91)),
        ("The first units of a Moscow-led force arrived.", "Moscow", "RU", "city", (55.75, 37.62)),
        ("A rocket attack hit an air base near Mosul on Friday.", "Mosul", "IQ", "city", (36.34, 43.12)),
        (
            "A car bomb was rammed into a base in Maidan Shahr in Afghanistan's Maidan Wardak province.",
            "Maidan Shahr",
            "AF",
            "city",
            (34.40, 68.87),
        ),
        (
            "A car bomb was rammed into a base in Maidan Shahr in Afghanistan's Maidan Wardak province.",
            "Maidan Wardak",
            "AF",
            "admin1",
            None,
        ),
        ("Police fired tear gas in Kiev on Sunday.", "Kiev", "UA", "city", (50.45, 30.52)),
        (
            "Hong Kong police fired tear gas at protesters in Tsuen Wan.",
            "Hong Kong",
            "HK",
            None,
            (22.3, 114.17),
        ),
        (
            "Twin bombings struck a cathedral in Jolo, on the island of Mindanao.",
            "Mindanao",
            "PH",
            "other",
            None,
        ),
        ("Iran denied that its forces had fired on Syria.", "Syria", "SY", "country", None),
        ("Residents fled Davao City after the quake.", "Davao City", "PH", "city", (7.07, 125.61)),
        (
            "Aftershocks hit General Santos City on Saturday.",
            "General Santos City",
            "PH",
            "city",
            (6.11, 125.17),
        ),
        # Context picks among same-named places.
        (
            "A tornado hit Paris, Texas, on Sunday, the National Weather Service said.",
            "Paris",
            "US",
            "city",
            (33.66, -95.56),
        ),
        (
            "Thousands marched in Paris against the pension reform, French unions said.",
            "Paris",
            "FR",
            "city",
            (48.85, 2.35),
        ),
        (
            "Classes were cancelled in Esperanza, Sultan Kudarat, after the quake in the Philippines.",
            "Esperanza",
            "PH",
            "city",
            (6.72, 124.52),
        ),
        (
            "Several thousand people rallied in Washington, DC on Saturday.",
            "Washington",
            "US",
            "city",
            (38.90, -77.04),
        ),
        ("Protesters gathered in Tunis, the Tunisian capital.", "Tunis", "TN", "city", (36.82, 10.17)),
        ("Fighting continued in Ghazni after the Taliban assault.", "Ghazni", "AF", "city", (33.55, 68.42)),
    ],
)
def test_places_resolve_toponyms(
    document: Callable[..., Document],
    gazetteer: Gazetteer,
    text: str,
    mention: str,
    iso: str,
    feature: str | None,
    near: tuple[float, float] | None,
) -> None:
    found = _places(document(text), gazetteer, mention)
    assert found, f"{mention!r} not found"
    place = found[0]
    assert place.iso == iso
    assert feature is None or place.feature == feature  # None: a city-state, as country or city
    assert place.latitude is not None and place.longitude is not None
    if near is not None:
        assert haversine_km(near[0], near[1], place.latitude, place.longitude) < 25


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Person names that are also towns.
        ("US State Department spokesman Ned Price warned Moscow. Price said the world is watching.", "Price"),
        ("Judge Amy Berman Jackson sentenced him to 73 months.", "Jackson"),
        (
            "Representative Elijah Cummings died on Thursday. Cummings led the Oversight Committee.",
            "Cummings",
        ),
        # Common words that are towns somewhere.
        ("Police said the Coast Guard had joined the search.", "Police"),
        ("The Earth is warming faster than expected, scientists said.", "Earth"),
        ("The CIA declined to comment.", "CIA"),
        # A town inside an organisation's name.
        ("The Manila Bulletin reported the quake.", "Manila"),
    ],
)
def test_places_avoid_false_toponyms(
    document: Callable[..., Document], gazetteer: Gazetteer, text: str, word: str
) -> None:
    assert not [p for p in resolve_places(document(text), gazetteer) if p.mention.text == word and p.latitude]


@pytest.mark.parametrize(
    ("text", "mention", "iso"),
    [
        ("The Kazakh government appealed for help.", "Kazakh", "KZ"),
        ("Hours after the first Russian-led troops arrived, order was restored.", "Russian", "RU"),
        ("Iraqi security forces responded immediately.", "Iraqi", "IQ"),
        ("Serbian police arrested 71 people.", "Serbian", "RS"),
        ("The Tunisian parliament debated the bill.", "Tunisian", "TN"),
        ("Serbians protested for a fourth night.", "Serbians", "RS"),
    ],
)
def test_places_demonyms_name_countries(
    document: Callable[..., Document], gazetteer: Gazetteer, text: str, mention: str, iso: str
) -> None:
    place = _places(document(text), gazetteer, mention)[0]
    assert (place.iso, place.feature) == (iso, "country")
    assert is_demonym(place)


def test_places_country_names_are_no_demonyms(
    document: Callable[..., Document], gazetteer: Gazetteer
) -> None:
    place = _places(document("Aftershocks shook the southern Philippines."), gazetteer, "Philippines")[0]
    assert not is_demonym(place)


def test_places_world_regions_stay_unresolved(
    document: Callable[..., Document], gazetteer: Gazetteer
) -> None:
    place = _places(
        document("It was one of the most stable states of Central Asia."), gazetteer, "Central Asia"
    )
    assert place and place[0].latitude is None and place[0].iso is None


def test_places_landmark_takes_its_town_point(
    document: Callable[..., Document], gazetteer: Gazetteer
) -> None:
    doc = document(
        "Several thousand people rallied at Freedom Plaza in the US capital city of Washington, DC."
    )
    plaza = _places(doc, gazetteer, "Freedom Plaza")[0]
    assert (plaza.iso, plaza.feature, plaza.geonames_id) == ("US", "other", None)
    assert haversine_km(38.896, -77.031, plaza.latitude, plaza.longitude) < 5  # type: ignore[arg-type]


def test_places_spans_point_into_the_text(document: Callable[..., Document], gazetteer: Gazetteer) -> None:
    doc = document("Kazakhstan‘s president said Russian-led troops reached Almaty, Kazakhstan’s main city.")
    places = resolve_places(doc, gazetteer)
    assert places
    for place in places:
        assert doc.text[place.mention.start : place.mention.end] == place.mention.text


def test_places_focus_country(document: Callable[..., Document], gazetteer: Gazetteer) -> None:
    doc = document(
        "Protesters clashed with police in Almaty. The Kremlin said Russian troops would help. "
        "Kazakhstan's president thanked Moscow."
    )
    assert focus_country(doc, resolve_places(doc, gazetteer)) == "KZ"
    datelined = document("Officials met to discuss the protests in Moscow.", dateline="Almaty")
    assert (
        focus_country(datelined, (*resolve_places(datelined, gazetteer), *resolve_places(doc, gazetteer)))
        == "KZ"
    )


@pytest.mark.parametrize(
    ("text", "evidence", "location", "precision", "source"),
    [
        # The place attached to the event's verb, most specific first.
        (
            "Protesters stormed and torched public buildings in Almaty on Wednesday, Kazakhstan's interior "
            "ministry said.",
            "stormed and torched public buildings in Almaty",
            "Almaty",
            1,
            "clause",
        ),
        (
            "A car bomb was rammed into a military base in Maidan Shahr in Afghanistan's Maidan Wardak "
            "province.",
            "A car bomb was rammed into a military base",
            "Maydanshakhr",
            1,
            "clause",
        ),
        # "near" a town: ACLED geo_precision 2.
        (
            "The coalition said an attack on an Iraqi air base near Mosul produced no casualties.",
            "an attack on an Iraqi air base",
            "Mosul",
            2,
            "clause",
        ),
        # Nothing in the sentence: the nearest place before it in the paragraph.
        (
            "Police arrested dozens in Belgrade. The protesters clashed with police in front of parliament.",
            "The protesters clashed with police",
            "Belgrade",
            1,
            "context",
        ),
        # Only a country: the country, ACLED geo_precision 3.
        (
            "More than 3,000 people were detained across Kazakhstan.",
            "More than 3,000 people were detained",
            "Kazakhstan",
            3,
            "clause",
        ),
    ],
)
def test_places_event_place_ties_to_clause(
    document: Callable[..., Document],
    gazetteer: Gazetteer,
    text: str,
    evidence: str,
    location: str,
    precision: int,
    source: str,
) -> None:
    found = _event(document(text), gazetteer, evidence)
    assert (found.location, found.geo_precision, found.source) == (location, precision, source)


def test_places_event_place_never_a_demonym(document: Callable[..., Document], gazetteer: Gazetteer) -> None:
    doc = document("Protests spread across Kazakhstan.\n\nRussian paratroopers and Belarusian units arrived.")
    found = _event(doc, gazetteer, "Russian paratroopers and Belarusian units arrived")
    assert (found.iso, found.source) == ("KZ", "focus")


def test_places_event_place_falls_back_to_article_town(
    document: Callable[..., Document], gazetteer: Gazetteer
) -> None:
    doc = document(
        "Anti-government protests have been taking place in Belgrade since Tuesday.\n\n"
        "The protesters clashed in front of parliament with the police."
    )
    found = _event(doc, gazetteer, "The protesters clashed")
    assert (found.location, found.iso, found.geo_precision, found.source) == ("Belgrade", "RS", 2, "focus")


def test_places_event_place_uses_dateline(document: Callable[..., Document], gazetteer: Gazetteer) -> None:
    doc = document("Security forces fired tear gas at protesters.", dateline="Minsk")
    found = _event(doc, gazetteer, "fired tear gas")
    assert (found.location, found.iso, found.geo_precision, found.source) == ("Minsk", "BY", 1, "dateline")


@pytest.mark.parametrize(
    ("name", "mention", "iso", "near"),
    [
        ("2019-01-24-maidan-shahr-car-bomb.txt", "Maidan Shahr", "AF", (34.396, 68.866)),
        ("2019-01-28-jolo-cathedral-bombings.txt", "Zamboanga", "PH", (6.91, 122.074)),
        ("2019-10-02-hong-kong-protester-shot.txt", "Tsuen Wan", "HK", (22.371, 114.113)),
        ("2019-10-22-mindanao-earthquake-aftershocks.txt", "Makilala", "PH", (6.952, 125.097)),
        ("2019-10-22-mindanao-earthquake-aftershocks.txt", "Esperanza", "PH", (6.723, 124.52)),
        ("2019-11-10-mosul-air-base-rocket-attack.txt", "Baghdad", "IQ", (33.341, 44.401)),
        ("2020-11-17-washington-pro-trump-protest-violence.txt", "Washington", "US", (38.895, -77.036)),
    ],
)
def test_places_wikinews_excerpts(
    document: Callable[..., Document],
    corpus_text: Callable[[str], str],
    gazetteer: Gazetteer,
    name: str,
    mention: str,
    iso: str,
    near: tuple[float, float],
) -> None:
    body = corpus_text(name).split("\n\n", 1)[1]
    place = _places(document(body), gazetteer, mention)[0]
    assert place.iso == iso
    assert haversine_km(near[0], near[1], place.latitude, place.longitude) < 25  # type: ignore[arg-type]
