"""A freed place is offered to the next in the waiting list, who accepts or declines within
OFFER_HOURS; unanswered, the offer lapses by itself and the place is offered on."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from notifications.models import Notice
from stalls.models import Nomination, Offer
from stalls.services import (
    allocation_create,
    nomination_approve,
    nomination_reject,
    nomination_submit,
    offer_accept,
    offer_decline,
    offers_lapse,
)
from stalls.tasks import lapse_offers
from tests import factories


def third_in_line(offer, district, officer):
    """Another nomination waiting behind the offered one."""
    nomination = nomination_submit(
        space=offer.space,
        exhibitor=factories.exhibitor(district=district, mobile="9415000103"),
        user=officer,
        override_reason="Second reserve.",
    )
    return nomination_approve(nomination=nomination, user=officer)


def test_a_freed_place_is_offered_for_the_configured_time(offer, lucknow_staff, settings):
    assert offer.status == Offer.Status.OPEN
    assert offer.nomination.status == Nomination.Status.OFFERED
    hours = (offer.expires_at - offer.offered_at).total_seconds() / 3600
    assert round(hours) == settings.OFFER_HOURS == 48
    notice = Notice.objects.filter(recipient=lucknow_staff, code=Notice.Code.OFFER_MADE).get()
    assert "by " in notice.text and offer.nomination.exhibitor.name in notice.text


def test_accepting_approves_the_nomination(offer, lucknow_staff):
    offer_accept(offer=offer, user=lucknow_staff)
    offer.refresh_from_db()
    assert (offer.status, offer.answered_by) == (Offer.Status.ACCEPTED, lucknow_staff)
    assert offer.nomination.status == Nomination.Status.APPROVED


def test_declining_withdraws_and_offers_the_place_on(offer, lucknow, lucknow_staff, cell_officer):
    third = third_in_line(offer, lucknow, cell_officer)
    assert third.status == Nomination.Status.WAITLISTED
    offer_decline(offer=offer, user=lucknow_staff, reason="The artisan is unwell.")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED and offer.reason == "The artisan is unwell."
    assert offer.nomination.status == Nomination.Status.WITHDRAWN
    assert "declined" in offer.nomination.decision_reason
    third.refresh_from_db()
    assert third.status == Nomination.Status.OFFERED
    assert third.offers.open().exists()


def test_an_unanswered_offer_lapses_and_moves_on(offer, lucknow, lucknow_staff, cell_officer):
    third = third_in_line(offer, lucknow, cell_officer)
    assert offers_lapse(now=offer.expires_at - datetime.timedelta(seconds=1)) == 0
    assert offers_lapse(now=offer.expires_at) == 1
    offer.refresh_from_db()
    assert offer.status == Offer.Status.LAPSED
    assert offer.nomination.status == Nomination.Status.WITHDRAWN
    third.refresh_from_db()
    assert third.status == Nomination.Status.OFFERED
    lapsed = Notice.objects.filter(recipient=lucknow_staff, code=Notice.Code.OFFER_LAPSED).get()
    assert "lapsed unanswered" in lapsed.text
    # Run again: nothing more to do.
    assert offers_lapse(now=offer.expires_at) == 0


def test_the_beat_task_lapses_due_offers(offer):
    Offer.objects.filter(pk=offer.pk).update(
        offered_at=timezone.now() - datetime.timedelta(hours=50),
        expires_at=timezone.now() - datetime.timedelta(hours=2),
    )
    assert lapse_offers.delay().get() == 1
    offer.refresh_from_db()
    assert offer.status == Offer.Status.LAPSED


def test_an_offer_accepted_after_its_deadline_is_refused_and_changes_nothing(offer, lucknow_staff):
    Offer.objects.filter(pk=offer.pk).update(
        offered_at=timezone.now() - datetime.timedelta(hours=50),
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with pytest.raises(ApplicationError) as refused:
        offer_accept(offer=offer, user=lucknow_staff)
    assert refused.value.code == "offer_lapsed"
    assert "lapsed" in str(refused.value)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN
    assert offer.nomination.status == Nomination.Status.OFFERED


def test_another_district_cannot_answer(offer, varanasi_staff, principal_secretary):
    for user in (varanasi_staff, principal_secretary):
        with pytest.raises(PermissionDenied):
            offer_accept(offer=offer, user=user)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


def test_an_offer_is_answered_once(offer, lucknow_staff):
    offer_accept(offer=offer, user=lucknow_staff)
    with pytest.raises(ApplicationError) as refused:
        offer_decline(offer=offer, user=lucknow_staff)
    assert refused.value.code == "offer_closed"


def test_an_offered_nomination_is_placed_only_once_accepted(offer, cell_officer):
    stall = offer.space.stalls.get()
    with pytest.raises(ApplicationError) as refused:
        allocation_create(nomination=offer.nomination, stall=stall, user=cell_officer)
    assert refused.value.code == "offer_open"
    offer_accept(offer=offer, user=cell_officer)
    assert allocation_create(nomination=offer.nomination, stall=stall, user=cell_officer)


def test_rejecting_an_offered_nomination_ends_the_offer(offer, lucknow, cell_officer):
    third = third_in_line(offer, lucknow, cell_officer)
    nomination_reject(nomination=offer.nomination, reason="Not an ODOP product.", user=cell_officer)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN
    third.refresh_from_db()
    assert third.status == Nomination.Status.OFFERED


def test_the_district_answers_on_the_page(client, offer, lucknow_staff):
    client.force_login(lucknow_staff)
    fair_page = client.get(offer.nomination.fair.get_absolute_url()).content.decode()
    url = reverse("stalls:offer", args=[offer.pk])
    assert url in fair_page and "Answer by" in fair_page
    page = client.get(url)
    assert page.status_code == 200
    empty = client.post(url, {})
    assert empty.status_code == 200 and "answer" in empty.context["form"].errors
    done = client.post(url, {"answer": "accept"})
    assert done.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    again = client.post(url, {"answer": "decline"})
    assert again.status_code == 200
    assert "This offer has ended" in again.content.decode()


def test_the_page_refuses_a_lapsed_offer_at_the_form(client, offer, lucknow_staff):
    Offer.objects.filter(pk=offer.pk).update(
        offered_at=timezone.now() - datetime.timedelta(hours=50),
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    client.force_login(lucknow_staff)
    answer = client.post(reverse("stalls:offer", args=[offer.pk]), {"answer": "accept"})
    assert answer.status_code == 200
    assert "lapsed" in answer.content.decode()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


def test_the_api_accepts_and_declines(client, offer, lucknow, lucknow_staff, cell_officer):
    third = third_in_line(offer, lucknow, cell_officer)
    client.force_login(lucknow_staff)
    listed = client.get("/api/v1/offers/?status=open").json()
    assert [row["id"] for row in listed["results"]] == [offer.pk]
    declined = client.post(
        f"/api/v1/offers/{offer.pk}/decline/",
        {"reason": "Unwell."},
        content_type="application/json",
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    next_offer = third.offers.get()
    accepted = client.post(f"/api/v1/offers/{next_offer.pk}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"


def test_the_offer_page_reads_a_constant_number_of_queries(
    client, offer, lucknow, lucknow_staff, cell_officer
):
    from tests.queries import assert_constant_queries

    client.force_login(lucknow_staff)
    url = reverse("stalls:offer", args=[offer.pk])

    def grow():  # more of the district's nominations waiting behind it
        for index in range(3):
            nomination = nomination_submit(
                space=offer.space,
                exhibitor=factories.exhibitor(district=lucknow, mobile=f"94150030{index:02d}"),
                user=cell_officer,
                override_reason="Reserve.",
            )
            nomination_approve(nomination=nomination, user=cell_officer)

    assert assert_constant_queries(lambda: client.get(url), grow) <= 8
