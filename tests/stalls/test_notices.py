"""Every decision about a district's nomination is told to that district: a notice in the
portal and an e-mail in each reader's language, written in the decision's transaction."""

from decimal import Decimal

import pytest
from django.utils import translation

from accounts.models import User
from core.exceptions import ApplicationError
from notifications.models import Notice, OutgoingEmail
from stalls.models import Nomination
from stalls.services import (
    allocation_cancel,
    allocation_create,
    allocation_move,
    nomination_approve,
    nomination_reject,
    nomination_submit,
    nomination_withdraw,
)
from tests import factories

Code = Notice.Code


@pytest.fixture
def hindi_colleague(lucknow):
    """A second Lucknow staff member who reads Hindi."""
    user = factories.user(username="lko2", role=User.Role.DISTRICT_STAFF, district=lucknow)
    User.objects.filter(pk=user.pk).update(language="hi")
    user.refresh_from_db()
    return user


@pytest.fixture
def short_space(fair, lucknow, cell_officer):
    """Room for five in the plan but three stalls numbered: the fourth approval waits."""
    from stalls.services import allotment_set, stalls_create

    space = factories.space(fair=fair, capacity_units=5, name_en="Hall B")
    stalls_create(space=space, numbers=["B1", "B2", "B3"], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=5, user=cell_officer)
    space.refresh_from_db()
    return space


def approved(space, lucknow, staff, officer, count):
    return [
        nomination_approve(
            nomination=nomination_submit(
                space=space,
                exhibitor=factories.exhibitor(district=lucknow, mobile=f"94150003{i:02}"),
                user=staff,
            ),
            user=officer,
        )
        for i in range(count)
    ]


def told(code, user=None):
    notices = Notice.objects.filter(code=code)
    return list(notices.filter(recipient=user) if user else notices)


def test_an_approval_is_told_to_the_district_in_each_readers_language(
    nomination, cell_officer, lucknow_staff, hindi_colleague, varanasi_staff
):
    nomination_approve(nomination=nomination, user=cell_officer)

    (english,) = told(Code.NOMINATION_APPROVED, lucknow_staff)
    (hindi,) = told(Code.NOMINATION_APPROVED, hindi_colleague)
    assert told(Code.NOMINATION_APPROVED, varanasi_staff) == []
    assert told(Code.NOMINATION_APPROVED, cell_officer) == []
    assert english.link == nomination.fair.get_absolute_url()
    with translation.override("en"):
        assert english.text == (
            f"{nomination.exhibitor.name} is approved for {nomination.space.name_en} at "
            "Surajkund International Crafts Fair; the place follows."
        )
    with translation.override("hi"):
        assert "सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला" in hindi.text
        assert hindi.text == (
            f"सूरजकुंड अंतर्राष्ट्रीय शिल्प मेला के {nomination.space.name_hi} के लिए "
            f"{nomination.exhibitor.name} का नामांकन स्वीकृत है; स्थान का आवंटन आगे होगा।"
        )
    mails = {tuple(m.recipients): m for m in OutgoingEmail.objects.all()}
    assert set(mails) == {(lucknow_staff.email,), (hindi_colleague.email,)}
    assert "the place follows" in mails[(lucknow_staff.email,)].body
    assert "स्वीकृत" in mails[(hindi_colleague.email,)].body
    assert "/fairs/" in mails[(lucknow_staff.email,)].body


def test_a_nomination_without_room_is_told_its_place_in_the_waiting_list(
    short_space, lucknow, lucknow_staff, cell_officer
):
    approved(short_space, lucknow, lucknow_staff, cell_officer, 5)

    assert len(told(Code.NOMINATION_APPROVED, lucknow_staff)) == 3  # three stalls
    waiting = sorted(told(Code.NOMINATION_WAITLISTED, lucknow_staff), key=lambda n: n.pk)
    assert [n.params["position"] for n in waiting] == [1, 2]
    with translation.override("en"):
        assert waiting[1].text.endswith("at position 2.")


def test_a_rejection_carries_its_reason(nomination, cell_officer, lucknow_staff):
    nomination_reject(nomination=nomination, reason="No GI certificate.", user=cell_officer)

    (notice,) = told(Code.NOMINATION_REJECTED, lucknow_staff)
    with translation.override("en"):
        assert notice.text.endswith("is rejected. Reason: No GI certificate.")


def test_a_stall_and_an_area_are_named_in_the_allocation_notice(
    allocation, area_space, lucknow, lucknow_staff, cell_officer
):
    (stall_notice,) = told(Code.PLACE_ALLOCATED, lucknow_staff)
    nomination = nomination_submit(
        space=area_space,
        exhibitor=factories.exhibitor(district=lucknow, mobile="9415000201"),
        area_requested=Decimal("12.5"),
        user=lucknow_staff,
    )
    nomination = nomination_approve(nomination=nomination, user=cell_officer)
    allocation_create(nomination=nomination, user=cell_officer)

    area_notice = told(Code.PLACE_ALLOCATED, lucknow_staff)[0]  # newest first
    with translation.override("en"):
        assert "is given stall S1 in" in stall_notice.text
        assert "is given 12.50 m² in Pavilion" in area_notice.text


def test_a_move_and_a_cancellation_are_told_with_their_reasons(
    allocation, units_space, cell_officer, lucknow_staff
):
    other = units_space.stalls.get(number="S2")
    moved = allocation_move(
        allocation=allocation, stall=other, reason="Nearer the gate.", user=cell_officer
    )
    allocation_cancel(allocation=moved, reason="The artisan is unwell.", user=cell_officer)

    (move,) = told(Code.PLACE_MOVED, lucknow_staff)
    (cancel,) = told(Code.PLACE_CANCELLED, lucknow_staff)
    with translation.override("en"):
        assert "moves to stall S2" in move.text and move.text.endswith("Nearer the gate.")
        assert cancel.text.endswith("Reason: The artisan is unwell.")


def test_a_place_freed_by_a_withdrawal_is_told_to_the_next_in_line(
    short_space, lucknow, lucknow_staff, cell_officer
):
    made = approved(short_space, lucknow, lucknow_staff, cell_officer, 4)
    assert made[3].status == Nomination.Status.WAITLISTED

    nomination_withdraw(nomination=made[0], user=lucknow_staff, reason="Cannot travel.")

    # Nobody decided the offer, so the one who withdrew is told too, with the deadline.
    offered = [
        n for n in told(Code.OFFER_MADE, lucknow_staff) if n.params["nomination_id"] == made[3].pk
    ]
    assert len(offered) == 1
    assert "accept or decline it on the fair's page by" in offered[0].text


def test_a_refused_decision_tells_nobody(allocation, nomination, units_space, cell_officer):
    before = (Notice.objects.count(), OutgoingEmail.objects.count())
    with pytest.raises(ApplicationError):
        allocation_create(
            nomination=nomination, stall=units_space.stalls.get(number="S1"), user=cell_officer
        )
    with pytest.raises(ApplicationError):
        nomination_reject(nomination=nomination, reason="   ", user=cell_officer)
    assert (Notice.objects.count(), OutgoingEmail.objects.count()) == before


def test_the_district_reads_the_decision_on_its_notices_page(
    client, nomination, cell_officer, lucknow_staff
):
    nomination_approve(nomination=nomination, user=cell_officer)
    client.force_login(lucknow_staff)
    page = client.get("/notifications/")
    assert page.status_code == 200
    assert "the place follows" in page.content.decode()
