"""Resolve stage: normalise times, geocode places, and pick each event's date and place."""
