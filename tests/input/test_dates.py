"""Dates: this century only, an MoU valid after it is signed, an impossible calendar date a
field error."""

import pytest

from events.models import Fair
from mous.models import MoU
from tests.api.clients import api_client, assert_error


def _mou(mou_partner, cell_officer, **dates):
    return {
        "partner": mou_partner.pk,
        "title_en": "Packaging",
        "title_hi": "पैकेजिंग",
        "purpose_en": "Packaging for ODOP products.",
        "purpose_hi": "ओडीओपी उत्पादों की पैकेजिंग।",
        "nodal_officer": cell_officer.pk,
        "stage": "in_talks",
        "note_en": "First talks.",
        **dates,
    }


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"valid_until": "1900-01-01"}, "valid_until"),
        ({"signed_on": "2026-03-01", "valid_until": "2026-02-28"}, "valid_until"),
        ({"valid_from": "2026-03-01", "valid_until": "2026-02-01"}, "valid_until"),
        ({"signed_on": "20266-01-01"}, "signed_on"),
        ({"signed_on": "2026-02-30"}, "signed_on"),
        ({"valid_from": "2150-01-01"}, "valid_from"),
    ],
)
def test_an_mou_with_impossible_dates_is_refused_at_the_field(
    cell_officer, mou_partner, dates, field
):
    response = api_client(cell_officer).post(
        "/api/v1/mous/", _mou(mou_partner, cell_officer, **dates), format="json"
    )
    assert field in assert_error(response, 400, "invalid")["fields"]
    assert MoU.objects.count() == 0


@pytest.mark.parametrize("start", ["1900-01-01", "2100-01-01", "2027-13-01"])
def test_a_fair_outside_this_century_is_refused(cell_officer, start):
    response = api_client(cell_officer).post(
        "/api/v1/fairs/",
        {
            "name_en": "Fair",
            "name_hi": "मेला",
            "kind": "crafts_fair",
            "venue_en": "Ground",
            "city": "Lucknow",
            "start_date": start,
            "end_date": "2027-02-01",
        },
        format="json",
    )
    assert "start_date" in assert_error(response, 400, "invalid")["fields"]
    assert Fair.objects.count() == 0
