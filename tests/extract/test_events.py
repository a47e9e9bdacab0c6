"""Event mentions: ACLED typing from actions and actors, modality, attribution (issue 4)."""

from __future__ import annotations

import pytest

from eventwire.extract import find_attributions, find_mentions


def asserted(document, text: str):
    return [m for m in find_mentions(document(text)) if m.modality == "asserted"]


@pytest.mark.parametrize("text, event_type, sub_event_type", [
    ("Protesters stormed the city hall in Almaty on Wednesday.", "Riots", "Violent demonstration"),
    ("Demonstrators threw stones at police outside the parliament.", "Riots", "Violent demonstration"),
    ("Thousands of people rallied in the capital on Sunday against the new tax.", "Protests", "Peaceful protest"),
    ("Police fired tear gas to disperse the demonstrators.", "Protests", "Protest with intervention"),
    ("Soldiers opened fire on protesters in the main square.", "Protests", "Excessive force against protesters"),
    ("A roadside bomb exploded near a police convoy in Kandahar.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint outside the city.", "Explosions/Remote violence",
     "Suicide bomb"),
    ("Airstrikes hit the rebel-held town overnight.", "Explosions/Remote violence", "Air/drone strike"),
    ("Militants fired rockets at the air base on Friday.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("Government troops clashed with rebels near the border town.", "Battles", "Armed clash"),
    ("Gunmen abducted 20 students from a boarding school.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("Gunmen shot dead three villagers in the market.", "Violence against civilians", "Attack"),
    ("Police arrested 50 opposition activists after the rally.", "Strategic developments", "Arrests"),
    ("Russian troops arrived in the country on Thursday.", "Strategic developments", "Other"),
    ("The rebels captured the town of Mekele after heavy fighting.", "Battles",
     "Non-state actor overtakes territory"),
])
def test_events_typing(document, text: str, event_type: str, sub_event_type: str) -> None:
    types = {(m.event_type, m.sub_event_type) for m in asserted(document, text)}
    assert (event_type, sub_event_type) in types


@pytest.mark.parametrize("text", [
    "The earthquake killed 20 people and destroyed hundreds of homes.",
    "A suspected gas leak led to an explosion that brought down the building.",
    "The spacecraft was launched on a Falcon 9 rocket from Florida.",
    "Republican lawmakers attacked the impeachment inquiry as a sham.",
    "The senator battled leukemia for years.",
    "The study demonstrated a link between diet and memory.",
    "The tennis player was arrested on a charge of domestic violence.",
    "He suffered a heart attack and died on Sunday.",
    "Police officers arrived at the scene six minutes later.",
    "The prime minister signed a decree banning face veils in public offices.",
    "The government announced new fuel price limits for six months.",
    "Police said the fire at the warehouse was an accident.",
    "Officials will fight corruption in the customs service.",
    "The minister sent a letter to the delegation, which arrived on Monday.",
])
def test_events_non_events_are_not_asserted(document, text: str) -> None:
    assert asserted(document, text) == []


@pytest.mark.parametrize("text, modality", [
    ("The peacekeeping force will not be engaged in fighting with rebels, the ministry said.", "negated"),
    ("Officials denied that soldiers fired at the crowd.", "negated"),
    ("Protests were not reported in the northern provinces.", "negated"),
    ("The spokesman warned the troops against taking control of the capital.", "hypothetical"),
    ("If protesters storm the parliament, the army could intervene.", "hypothetical"),
    ("The Taliban seeks to retake control of the province.", "hypothetical"),
    ("Police will arrest anyone who protests against the decree.", "future"),
    ("The opposition plans to rally in the capital next week.", "future"),
])
def test_events_modality(document, text: str, modality: str) -> None:
    mentions = find_mentions(document(text))
    assert mentions, text
    assert all(m.modality != "asserted" for m in mentions)
    assert modality in {m.modality for m in mentions}


def test_events_reported_events_stay_asserted_with_claimant(document) -> None:
    [mention] = asserted(document, "The interior ministry said police had detained 300 protesters in the capital.")
    assert mention.sub_event_type == "Arrests"
    assert "interior ministry" in mention.claimed_by


def test_events_according_to_is_a_claimant(document) -> None:
    [mention] = asserted(document, "Seventeen rockets struck near the base, according to the Iraqi military.")
    assert "Iraqi military" in mention.claimed_by


def test_events_time_clause_stays_asserted_under_a_future_main_clause(document) -> None:
    mentions = asserted(document, "Police will investigate after protesters stormed the building on Tuesday.")
    assert [m.sub_event_type for m in mentions] == ["Violent demonstration"]


@pytest.mark.parametrize("text, kind1, kind2", [
    ("Protesters clashed with police in front of parliament.", "protesters", "state"),
    ("Police fired rubber bullets at the demonstrators.", "state", "protesters"),
    ("Taliban fighters attacked a military base in the province.", "rebel", "state"),
    ("Gunmen attacked a police checkpoint overnight.", "armed", "state"),
    ("A protester was shot by police near the station.", "state", "protesters"),
])
def test_events_actor_kinds(document, text: str, kind1: str, kind2: str) -> None:
    mention = asserted(document, text)[0]
    assert mention.actor1 is not None and mention.actor1.kind == kind1
    assert mention.actor2 is not None and mention.actor2.kind == kind2


def test_events_foreign_force_keeps_its_nationality(document) -> None:
    [mention] = asserted(document, "Russian paratroopers were deployed to the airport.")
    assert mention.actor1.kind == "state" and mention.actor1.origin == "Russian"


@pytest.mark.parametrize("text, refers_back", [
    ("Dozens died in the Taliban attack.", "definite"),
    ("No group has claimed responsibility for the bombing.", "context"),
    ("Ten police officers have been killed since the start of the protests.", "context"),
    ("A car bomb exploded outside the ministry.", None),
])
def test_events_references_to_told_events(document, text: str, refers_back: str | None) -> None:
    mentions = find_mentions(document(text))
    assert mentions and mentions[0].refers_back is refers_back


def test_events_mentions_in_quotes_are_marked(document) -> None:
    mentions = find_mentions(document('"They fired at us without warning," a protester said.'))
    assert mentions and all(m.in_quote for m in mentions)


@pytest.mark.parametrize("text, group", [
    ("The Islamic State group claimed responsibility for the attack.", "Islamic State"),
    ("Officials said the Abu Sayyaf Group are the suspected perpetrators.", "Abu Sayyaf Group"),
    ("The authorities blamed the bombing on Al-Shabaab.", "Al Shabaab"),
])
def test_events_attributions_name_the_perpetrator(document, text: str, group: str) -> None:
    [attribution] = find_attributions(document(text))
    assert attribution.actor.name == group


def test_events_evidence_spans_point_into_the_text(document) -> None:
    doc = document("Protesters stormed the city hall in Almaty on Wednesday and set the building ablaze.")
    for mention in find_mentions(doc):
        for span in (mention.evidence, mention.trigger, mention.sentence):
            assert doc.text[span.start:span.end] == span.text
