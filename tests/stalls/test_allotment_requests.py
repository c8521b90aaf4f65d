"""A district whose allotment is used asks for more places with a reason; the cell grants it
(the allotment grows within the space) or refuses it with a reason; the district is told."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from core.exceptions import ApplicationError
from events.models import Fair
from notifications.models import Notice
from stalls.models import Allotment, AllotmentRequest
from stalls.services import (
    allotment_request_grant,
    allotment_request_refuse,
    allotment_request_submit,
)
from tests.api.clients import assert_error


def page(fair, space):
    return reverse("stalls:allotment_request", args=[fair.pk, space.pk])


def allotted(space, district):
    allotment = Allotment.objects.get(space=space, district=district)
    return allotment.units if space.is_units else allotment.area


def test_the_district_asks_from_the_fair_page(
    client, fair, units_space, allotments, lucknow, lucknow_staff
):
    client.force_login(lucknow_staff)
    fair_page = client.get(reverse("events:fair_detail", args=[fair.pk])).content.decode()
    assert page(fair, units_space) in fair_page

    form = client.get(page(fair, units_space))
    assert form.status_code == 200
    text = " ".join(form.content.decode().split())
    assert "Your district's allotment in ODOP stalls: 1 stall, used by nominations: 0." in text

    sent = client.post(page(fair, units_space), {"units": "2", "reason": "Twelve are waiting."})
    assert sent.status_code == 302
    request = AllotmentRequest.objects.get()
    assert (request.district, request.units, request.status) == (lucknow, 2, "requested")
    assert request.requested_by == lucknow_staff
    listed = client.get(page(fair, units_space)).content.decode()
    assert "Twelve are waiting." in listed
    assert "Awaiting decision" in listed


def test_officers_do_not_see_the_ask_link(client, fair, units_space, allotments, cell_officer):
    client.force_login(cell_officer)
    fair_page = client.get(reverse("events:fair_detail", args=[fair.pk])).content.decode()
    assert page(fair, units_space) not in fair_page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"units": "2", "reason": ""}, "reason", "This field is required."),
        ({"units": "2", "reason": "\u200b"}, "reason", None),
        ({"units": "0", "reason": "Waiting."}, "units", "more than zero"),
        ({"units": "-1", "reason": "Waiting."}, "units", None),
        ({"units": "many", "reason": "Waiting."}, "units", "Enter a whole number."),
    ],
)
def test_a_bad_request_is_refused_at_its_field_and_saves_nothing(
    client, fair, units_space, allotments, lucknow_staff, data, field, message
):
    client.force_login(lucknow_staff)
    answer = client.post(page(fair, units_space), data)
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert field in errors, errors
    if message:
        assert message in " ".join(errors[field])
    assert not AllotmentRequest.objects.exists()


def test_hindi_readers_get_the_page_and_its_errors_in_hindi(
    client, fair, units_space, allotments, lucknow_staff
):
    client.force_login(lucknow_staff)
    answer = client.post(
        page(fair, units_space), {"units": "0", "reason": "x"}, HTTP_ACCEPT_LANGUAGE="hi"
    )
    with translation.override("hi"):
        text = answer.content.decode()
    assert "और स्थान माँगें" in text
    assert "शून्य से अधिक" in " ".join(answer.context["form"].errors["units"])


def test_one_open_request_per_space_and_district(
    client, fair, units_space, allotment_request, lucknow_staff
):
    client.force_login(lucknow_staff)
    answer = client.post(page(fair, units_space), {"units": "1", "reason": "More still."})
    assert answer.status_code == 200
    assert "awaiting a decision already" in answer.content.decode()
    assert AllotmentRequest.objects.count() == 1


def test_no_request_once_the_fairs_places_are_fixed(
    fair, units_space, allotments, lucknow, lucknow_staff
):
    Fair.objects.filter(pk=fair.pk).update(status=Fair.Status.CONCLUDED)
    units_space.refresh_from_db()
    with pytest.raises(ApplicationError):
        allotment_request_submit(
            space=units_space, district=lucknow, units=1, reason="Late.", user=lucknow_staff
        )
    assert not AllotmentRequest.objects.exists()


def test_staff_ask_only_for_their_own_district(units_space, allotments, varanasi, lucknow_staff):
    with pytest.raises(PermissionDenied):
        allotment_request_submit(
            space=units_space, district=varanasi, units=1, reason="Theirs.", user=lucknow_staff
        )


def test_the_page_is_for_district_staff(client, fair, units_space, cell_officer):
    client.force_login(cell_officer)
    assert client.get(page(fair, units_space)).status_code == 403


def test_a_space_of_another_fair_answers_404(client, fair, lucknow_staff):
    from tests import factories

    other = factories.space(fair=factories.fair(name_en="Dilli Haat", name_hi="दिल्ली हाट"))
    client.force_login(lucknow_staff)
    assert client.get(page(fair, other)).status_code == 404


def test_a_grant_raises_the_allotment_and_tells_the_district(
    allotment_request, units_space, lucknow, lucknow_staff, cell_officer
):
    before = allotted(units_space, lucknow)
    allotment_request_grant(request=allotment_request, user=cell_officer)

    allotment_request.refresh_from_db()
    assert allotment_request.status == "granted"
    assert allotment_request.decided_by == cell_officer
    assert allotted(units_space, lucknow) == before + 1
    (notice,) = Notice.objects.filter(recipient=lucknow_staff, code=Notice.Code.REQUEST_GRANTED)
    with translation.override("en"):
        assert notice.text.startswith("The request for 1 stall more in ODOP stalls at")


def test_a_grant_beyond_the_space_is_refused_and_changes_nothing(
    allotments, units_space, lucknow, lucknow_staff, cell_officer
):
    request = allotment_request_submit(
        space=units_space, district=lucknow, units=2, reason="Many.", user=lucknow_staff
    )
    with pytest.raises(ApplicationError) as refused:
        allotment_request_grant(request=request, user=cell_officer)
    assert refused.value.code == "capacity_exceeded"
    request.refresh_from_db()
    assert request.status == "requested"
    assert allotted(units_space, lucknow) == 1
    assert not Notice.objects.filter(code=Notice.Code.REQUEST_GRANTED).exists()


def test_a_refusal_needs_a_reason_and_is_told_with_it(
    allotment_request, lucknow_staff, cell_officer
):
    with pytest.raises(ApplicationError):
        allotment_request_refuse(request=allotment_request, reason=" ", user=cell_officer)
    allotment_request_refuse(
        request=allotment_request, reason="The hall is full.", user=cell_officer
    )
    allotment_request.refresh_from_db()
    assert (allotment_request.status, allotment_request.decision_reason) == (
        "refused",
        "The hall is full.",
    )
    (notice,) = Notice.objects.filter(recipient=lucknow_staff, code=Notice.Code.REQUEST_REFUSED)
    with translation.override("en"):
        assert notice.text.endswith("is refused. Reason: The hall is full.")


def test_a_request_is_decided_once(allotment_request, cell_officer):
    allotment_request_grant(request=allotment_request, user=cell_officer)
    for decide in (
        lambda: allotment_request_grant(request=allotment_request, user=cell_officer),
        lambda: allotment_request_refuse(
            request=allotment_request, reason="No.", user=cell_officer
        ),
    ):
        with pytest.raises(ApplicationError) as refused:
            decide()
        assert refused.value.code == "already_decided"


def test_district_staff_cannot_decide(allotment_request, lucknow_staff):
    with pytest.raises(PermissionDenied):
        allotment_request_grant(request=allotment_request, user=lucknow_staff)


def test_an_area_request_for_a_pavilion(
    allotments, area_space, lucknow, lucknow_staff, cell_officer
):
    request = allotment_request_submit(
        space=area_space, district=lucknow, area="15.5", reason="A bigger unit.", user=lucknow_staff
    )
    allotment_request_grant(request=request, user=cell_officer)
    assert allotted(area_space, lucknow) == Decimal("55.50")


def test_officers_grant_and_refuse_in_the_admin(
    client, allotment_request, units_space, lucknow, cell_officer
):
    client.force_login(cell_officer)
    changelist = reverse("admin:stalls_allotmentrequest_changelist")
    assert "Lucknow" in client.get(changelist).content.decode()
    answer = client.post(
        changelist, {"action": "grant", "_selected_action": [allotment_request.pk]}
    )
    assert answer.status_code == 302
    allotment_request.refresh_from_db()
    assert allotment_request.status == "granted"
    assert allotted(units_space, lucknow) == 2


def test_the_admin_refusal_asks_for_a_reason(client, allotment_request, cell_officer):
    client.force_login(cell_officer)
    changelist = reverse("admin:stalls_allotmentrequest_changelist")
    selected = {"action": "refuse", "_selected_action": [allotment_request.pk]}
    asked = client.post(changelist, selected)
    assert asked.status_code == 200 and "reason" in asked.content.decode()
    client.post(changelist, {**selected, "reason": "No room left."})
    allotment_request.refresh_from_db()
    assert (allotment_request.status, allotment_request.decision_reason) == (
        "refused",
        "No room left.",
    )


def api(client, user, path, data=None):
    client.force_login(user)
    return client.post(f"/api/v1/{path}", data or {}, content_type="application/json")


def test_the_api_asks_grants_and_refuses_through_the_same_services(
    client, allotments, units_space, lucknow, lucknow_staff, cell_officer
):
    asked = api(
        client,
        lucknow_staff,
        "allotment-requests/",
        {"space": units_space.pk, "units": 1, "reason": "Waiting artisans."},
    )
    assert asked.status_code == 201, asked.json()
    assert (asked.json()["district"], asked.json()["status"]) == (lucknow.pk, "requested")
    again = api(
        client,
        lucknow_staff,
        "allotment-requests/",
        {"space": units_space.pk, "units": 1, "reason": "Again."},
    )
    assert_error(again, 409, "request_open")

    pk = asked.json()["id"]
    granted = api(client, cell_officer, f"allotment-requests/{pk}/grant/")
    assert (granted.status_code, granted.json()["status"]) == (200, "granted")
    assert allotted(units_space, lucknow) == 2
    twice = api(client, cell_officer, f"allotment-requests/{pk}/refuse/", {"reason": "No."})
    assert_error(twice, 409, "already_decided")


def test_the_api_refuses_bad_input_at_its_field(
    client, allotment_request, units_space, lucknow_staff, cell_officer
):
    no_reason = api(client, cell_officer, f"allotment-requests/{allotment_request.pk}/refuse/")
    assert "reason" in assert_error(no_reason, 400, "invalid")["fields"]
    zero = api(
        client,
        lucknow_staff,
        "allotment-requests/",
        {"space": units_space.pk, "units": 0, "reason": "None at all."},
    )
    assert "units" in assert_error(zero, 400, "invalid_request")["fields"]
    officer = api(
        client,
        cell_officer,
        "allotment-requests/",
        {"space": units_space.pk, "units": 1, "reason": "For Lucknow."},
    )
    assert officer.status_code == 403
    assert AllotmentRequest.objects.count() == 1


def test_the_request_page_runs_a_constant_number_of_queries(
    client, fair, units_space, allotments, lucknow, lucknow_staff, cell_officer
):
    from tests.queries import assert_constant_queries

    client.force_login(lucknow_staff)

    def decided(count):
        AllotmentRequest.objects.bulk_create(
            AllotmentRequest(
                space=units_space,
                district=lucknow,
                units=1,
                reason=f"Request {i}.",
                status=AllotmentRequest.Status.REFUSED,
                requested_by=lucknow_staff,
                decided_by=cell_officer,
                decision_reason="No room.",
            )
            for i in range(count)
        )

    decided(1)
    assert_constant_queries(lambda: client.get(page(fair, units_space)), lambda: decided(20))
