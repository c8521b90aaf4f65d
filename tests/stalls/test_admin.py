"""The cell officers' admin: bulk approval, rejection with a reason, allocation in order."""

from decimal import Decimal

from django.urls import reverse

from stalls.models import Allocation, Allotment, Nomination
from stalls.services import nomination_submit
from tests import factories


def _action(client, model, action, pks, **extra):
    return client.post(
        reverse(f"admin:stalls_{model}_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in pks], **extra},
    )


def test_approving_in_bulk_waitlists_what_does_not_fit(
    personas, allotments, units_space, lucknow, varanasi, cell_officer
):
    nominations = [
        nomination_submit(
            space=units_space,
            exhibitor=factories.exhibitor(district=district, mobile=f"941900000{n}"),
            user=cell_officer,
            override_reason="extra" if n > 1 else "",
        )
        for n, district in enumerate([lucknow, varanasi, lucknow, varanasi])
    ]
    response = _action(
        personas["cell_officer"], "nomination", "approve", [n.pk for n in nominations]
    )
    assert response.status_code == 302
    statuses = sorted(Nomination.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "approved", "waitlisted"]


def test_rejecting_asks_for_a_reason_first(personas, nomination):
    client = personas["cell_officer"]
    page = _action(client, "nomination", "reject", [nomination.pk])
    assert page.status_code == 200 and "reason" in page.context["form"].fields
    nomination.refresh_from_db()
    assert nomination.status == "submitted"
    _action(
        client, "nomination", "reject", [nomination.pk], reason="Not an ODOP product", post="yes"
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decision_reason) == ("rejected", "Not an ODOP product")


def test_allocating_in_waiting_list_order_fills_free_stalls(personas, nomination, cell_officer):
    from stalls.services import nomination_approve

    nomination_approve(nomination=nomination, user=cell_officer)
    _action(personas["cell_officer"], "nomination", "allocate_in_order", [nomination.pk])
    allocation = Allocation.objects.get()
    assert allocation.nomination == nomination and allocation.stall.number == "S1"


def test_the_allotment_form_shows_capacity_at_the_field(
    personas, units_space, lucknow, varanasi, cell_officer
):
    from stalls.services import allotment_set

    allotment_set(space=units_space, district=lucknow, units=3, user=cell_officer)
    response = personas["cell_officer"].post(
        reverse("admin:stalls_allotment_add"),
        {"space": units_space.pk, "district": varanasi.pk, "units": 1, "area": "0"},
    )
    assert response.status_code == 200
    assert "not yet allotted" in response.context["adminform"].form.errors["units"][0]
    assert not Allotment.objects.filter(district=varanasi).exists()


def test_an_allotment_is_added_through_the_admin(personas, area_space, lucknow):
    response = personas["cell_officer"].post(
        reverse("admin:stalls_allotment_add"),
        {"space": area_space.pk, "district": lucknow.pk, "units": 0, "area": "25"},
    )
    assert response.status_code == 302
    area_space.refresh_from_db()
    assert area_space.allotted_area == Decimal(25)


def test_cancelling_an_allocation_needs_a_reason(personas, allocation):
    client = personas["cell_officer"]
    _action(client, "allocation", "cancel", [allocation.pk], reason="", post="yes")
    allocation.refresh_from_db()
    assert allocation.status == "active"
    _action(client, "allocation", "cancel", [allocation.pk], reason="Did not come", post="yes")
    allocation.refresh_from_db()
    assert (allocation.status, allocation.cancelled_reason) == ("cancelled", "Did not come")


def test_numbering_stalls_from_the_admin_stops_at_capacity(personas, fair):
    space = factories.space(fair=fair, capacity_units=4, name_en="Hall")
    personas["cell_officer"].post(
        reverse("admin:events_space_changelist"),
        {"action": "number_stalls", "_selected_action": [str(space.pk)]},
    )
    assert sorted(space.stalls.values_list("position", flat=True)) == [1, 2, 3, 4]
    space.refresh_from_db()
    assert space.stall_count == 4


def test_the_fair_filter_offers_recent_fairs_and_still_filters_by_any(personas, allocation):
    import datetime

    from events.models import Fair

    old = factories.fair(
        name_en="Surajkund 2016",
        start_date=datetime.date(2016, 2, 1),
        end_date=datetime.date(2016, 2, 15),
        status=Fair.Status.CONCLUDED,
    )
    client = personas["cell_officer"]
    url = reverse("admin:stalls_allocation_changelist")
    page = client.get(url).content.decode()
    assert allocation.fair.name_en in page  # a fair not yet over is offered
    assert "Surajkund 2016" not in page  # ten-year-old fairs are not listed
    filtered = client.get(url, {"fair__id__exact": old.pk})
    assert filtered.status_code == 200
    assert list(filtered.context["cl"].result_list) == []
    assert "Surajkund 2016" in filtered.content.decode()  # the chosen one is shown as chosen
    mine = client.get(url, {"fair__id__exact": allocation.fair_id})
    assert list(mine.context["cl"].result_list) == [allocation]
