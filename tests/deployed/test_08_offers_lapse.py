"""An offer nobody answers lapses by itself under the deployed Celery beat, and the place is
offered to the next in line: nobody but the beat touches it after its deadline is moved."""

import time

import pytest

SWEEP_WAIT = 60  # the stack sweeps every 5 s (stack.py); the beat's first run comes within it


@pytest.fixture(scope="module")
def pavilion(api) -> dict:
    """The Defence Expo's ODOP pavilion, drawn by lots in the demo, with its waiting list."""
    expo = next(f for f in api.all_pages("/api/v1/fairs/") if f["name_en"] == "Defence Expo")
    spaces = api.all_pages("/api/v1/spaces/", fair=expo["id"])
    return next(s for s in spaces if s["name_en"] == "ODOP pavilion")


def test_an_unanswered_offer_lapses_and_the_place_moves_on(api, database, pavilion):
    waiting = api.all_pages("/api/v1/nominations/", space=pavilion["id"], status="waitlisted")
    assert len(waiting) >= 2, "the demo pavilion has a waiting list"
    approved = api.all_pages("/api/v1/nominations/", space=pavilion["id"], status="approved")
    withdrawn = api.post_json(
        f"/api/v1/nominations/{approved[0]['id']}/withdraw/", {"reason": "Cannot travel."}
    )
    assert withdrawn.status == 200, withdrawn

    (offer,) = api.all_pages("/api/v1/offers/", space=pavilion["id"], status="open")
    head = offer["nomination"]
    database.offer_past_due(offer["id"])

    deadline = time.monotonic() + SWEEP_WAIT
    while True:
        shown = api.get(f"/api/v1/offers/{offer['id']}/").json()
        if shown["status"] != "open":
            break
        assert time.monotonic() < deadline, f"offer {offer['id']} still open: beat did not sweep"
        time.sleep(1)
    assert shown["status"] == "lapsed", shown
    assert api.get(f"/api/v1/nominations/{head}/").json()["status"] == "withdrawn"
    (next_offer,) = api.all_pages("/api/v1/offers/", space=pavilion["id"], status="open")
    assert next_offer["nomination"] != head
