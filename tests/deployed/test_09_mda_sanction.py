"""An MDA claim is verified and sanctioned over HTTP on the deployed stack, and its sanction
order is laid out in English and in Hindi by the deployed worker (fonts, templates and
WeasyPrint from requirements.txt alone)."""

import time

ORDER_WAIT = 120


def test_a_sanctioned_claim_gets_its_orders_from_the_worker(api):
    # The demo's Lucknow claim the district has recommended.
    claim = api.all_pages("/api/v1/claims/", status="recommended")[0]
    verified = api.post_json(f"/api/v1/claims/{claim['id']}/verify/", {})
    assert verified.status == 200, verified
    assert verified.json()["status"] == "verified"
    made = api.post_json(
        "/api/v1/sanctions/",
        {
            "fair": claim["fair"],
            "claims": [claim["id"]],
            "number": "DEPLOYED/MDA/1",
            # In the financial year of the demo's budget (2026–27).
            "sanctioned_on": "2026-11-30",
        },
    )
    assert made.status == 201, made
    sanction = made.json()
    deadline = time.monotonic() + ORDER_WAIT
    while {o["status"] for o in sanction["orders"]} & {"queued", "running"}:
        assert time.monotonic() < deadline, f"orders not prepared in {ORDER_WAIT} s: {sanction}"
        time.sleep(1)
        sanction = api.get(f"/api/v1/sanctions/{sanction['id']}/").json()
    assert sorted((o["language"], o["status"]) for o in sanction["orders"]) == [
        ("en", "succeeded"),
        ("hi", "succeeded"),
    ], sanction
    assert all(o["pages"] >= 1 for o in sanction["orders"])
    shown = api.get(f"/api/v1/claims/{claim['id']}/").json()
    assert (shown["status"], shown["sanction"]) == ("sanctioned", sanction["id"])
    assert shown["account_number"].startswith("••••")
