"""Events from mentions: one event per happening, its date, place, actors, figures and notes (issue 4)."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Resources, process_document


@pytest.fixture
def events(document, resources: Resources):
    """The asserted events eventwire finds in a text we write, published on a Friday."""

    def find(text: str, published: str = "2022-01-07"):
        record = process_document(document(text, published=published), resources)
        return record.asserted_events

    return find


def test_events_mentions_of_one_riot_are_one_event(events) -> None:
    [event] = events("Protesters stormed the mayor's office in Almaty on Wednesday. "
                     "They set the building ablaze and smashed windows.")
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert event.date == "2022-01-05" and event.location == "Almaty"
    assert len(event.evidence) >= 2
    assert event.actor1 == "Rioters (Kazakhstan)" and event.inter1 == "Rioters"


def test_events_other_day_and_city_is_another_event(events) -> None:
    found = events("Protesters clashed with police in Almaty on Wednesday. "
                   "On Thursday, protesters clashed with police in Aktobe.")
    assert sorted((e.date, e.location) for e in found) == [("2022-01-05", "Almaty"), ("2022-01-06", "Aktobe")]


def test_events_the_attack_refers_back_and_the_weapon_types_it(events) -> None:
    found = events("A car bomb exploded outside a police station in Kandahar on Monday. "
                   "Dozens died in the attack, which was claimed by the Taliban.", published="2019-01-24")
    [event] = found
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == "Taliban" and event.inter1 == "Rebel group"
    assert event.date == "2019-01-21" and event.location == "Kandahar"
    assert event.fatalities == 12  # ACLED codes "dozens" as 12


def test_events_attribution_names_the_perpetrator(events) -> None:
    [event] = events("Twin bombs exploded at a church in Jolo on Sunday, killing 20 people. "
                     "The army said the Abu Sayyaf Group are the suspected perpetrators.",
                     published="2019-01-28")
    assert event.actor1 == "Abu Sayyaf Group" and event.fatalities == 20


def test_events_protest_that_turns_violent_is_one_riot(events) -> None:
    [event] = events("Thousands protested in Belgrade on Friday against the curfew. "
                     "Later, protesters threw rocks at police outside the parliament in Belgrade on Friday.",
                     published="2020-07-11")
    assert event.event_type == "Riots"


def test_events_a_protest_called_peaceful_stays_apart_from_later_clashes(events) -> None:
    found = events("Thousands rallied in Washington on Saturday. The rally was peaceful. "
                   "In the evening, supporters clashed with counter-protesters in Washington.",
                   published="2020-11-16")
    assert sorted(e.sub_event_type for e in found) == ["Peaceful protest", "Violent demonstration"]


def test_events_history_is_not_reported_as_news(events) -> None:
    found = events("The city was calm on Monday. After a bombing in the capital in 2015, a law was passed.",
                   published="2019-07-08")
    assert found == ()


@pytest.mark.parametrize("text, fatalities", [
    ("Rockets struck a military base near Mosul on Friday, but there were no casualties.", 0),
    ("Gunmen shot a journalist in Aden on Tuesday; the journalist died in hospital.", 1),
    ("Gunmen attacked a police checkpoint near Mosul on Friday, killing three officers.", 3),
])
def test_events_fatalities(events, text: str, fatalities: int) -> None:
    [event] = events(text)
    assert event.fatalities == fatalities


def test_events_figures_go_to_the_event_they_fit(events) -> None:
    found = events("Police detained 300 protesters in Almaty on Wednesday, while 18 officers were killed in "
                   "clashes with protesters in Almaty.")
    arrests = next(e for e in found if e.sub_event_type == "Arrests")
    assert arrests.fatalities is None


def test_events_notes_tell_the_day_place_and_evidence(events) -> None:
    [event] = events("Soldiers fired at protesters in Almaty on Thursday.")
    assert event.notes.startswith("On 6 January 2022, in Almaty (Kazakhstan): Soldiers fired at protesters")
