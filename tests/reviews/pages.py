"""What the meeting's pages post: the meeting's fields and its formsets, written as a browser
sends them (prefixed names, management forms)."""

import datetime

from django.utils import timezone

MEETING_DAY = timezone.localdate() + datetime.timedelta(days=12)


def meeting_fields(*, convener, attendees=(), **overrides) -> dict:
    values = {
        "title_en": "Review of the winter fairs",
        "title_hi": "शीतकालीन मेलों की समीक्षा",
        "held_at": f"{MEETING_DAY.isoformat()}T11:00",
        "chair": "principal_secretary",
        "venue": "Udyog Bandhu, Lucknow",
        "convener": convener.pk,
        "other_attendees": "",
        **overrides,
    }
    data = {f"meeting-{name}": value for name, value in values.items()}
    data["meeting-attendees"] = [person.pk for person in attendees]
    return data


def rows(prefix: str, entries: list[dict], *, initial: int = 0, blank: int = 0) -> dict:
    """A formset's data: its rows, ``blank`` empty rows after them, and the management form."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(entries) + blank),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, entry in enumerate(entries):
        for name, value in entry.items():
            data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data


def point(text: str, *, owner: str, days: int = 30, **fields) -> dict:
    """One action point row; ``owner`` is "officer-<pk>" or "district-<pk>"."""
    due = MEETING_DAY + datetime.timedelta(days=days)
    return {"text_en": text, "owner": owner, "due_on": due.isoformat(), **fields}


def officer(user) -> str:
    return f"officer-{user.pk}"


def district(record) -> str:
    return f"district-{record.pk}"
