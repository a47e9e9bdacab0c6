"""Reports we construct by hand for fusion's unit and store tests (no extractor involved)."""

from __future__ import annotations

from eventwire.fuse import Report
from eventwire.model import Event, Span
from eventwire.vocab import EVENT_TYPE_OF

# Three accounts of one riot (Almaty, 5 January 2022), and same-kind events elsewhere or later.
ALMATY = ("Protesters stormed the mayor's office in Almaty on Wednesday and set the building on fire, "
          "Kazakh police said.")
ALMATY_2 = "Demonstrators set fire to the Almaty mayor's office on Wednesday as protests over fuel prices spread."
ALMATY_3 = "The Almaty city administration building was torched by rioters on Wednesday, witnesses told reporters."
AKTOBE = "Hundreds of protesters rallied outside the regional administration in Aktobe on Wednesday, police said."
ALMATY_LATER = "Protesters gathered again in Almaty's Republic Square on Monday to demand the release of detainees."

PLACES = {"Almaty": (43.25, 76.91), "Aktobe": (50.28, 57.21), "Taldykorgan": (45.02, 78.37)}


def event(local_id: str = "1", *, sub_event_type: str = "Violent demonstration", date: str | None = "2022-01-05",
          time_precision: int = 1, iso: str | None = "KZ", admin1: str | None = None, location: str | None = "Almaty",
          geo_precision: int = 1, actor1: str | None = "Protesters (Kazakhstan)", fatalities: int | None = None,
          confidence: float = 0.8, text: str = ALMATY) -> Event:
    latitude, longitude = PLACES.get(location or "", (None, None))
    return Event(event_id=local_id, event_type=EVENT_TYPE_OF[sub_event_type], sub_event_type=sub_event_type,
                 evidence=(Span(0, len(text), text),), date=date, time_precision=time_precision, iso=iso,
                 country="Kazakhstan" if iso == "KZ" else None, admin1=admin1, location=location,
                 latitude=latitude, longitude=longitude, geo_precision=geo_precision, actor1=actor1,
                 inter1="Protesters" if actor1 else None, fatalities=fatalities, confidence=confidence)


def report(article_id: str, text: str = ALMATY, *, published: str | None = "2022-01-06", local_id: str = "1",
           **fields: object) -> Report:
    """A report whose context is `text` (as the store builds it from the evidence sentences)."""
    ev = event(f"{article_id}-{local_id}", text=text, **fields)  # type: ignore[arg-type]
    return Report(article_id, ev, published, text)
