"""Keyboard only: the nomination form and the allocation form are reached with Tab, filled with
the arrow keys and typing, and submitted with Enter or Space."""

import pytest
from playwright.sync_api import expect

from exhibitors.models import Exhibitor
from stalls.models import Allocation, Nomination, Stall
from tests.browser import records
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _focused(page) -> str:
    """The focused element as tag#id (or tag[type])."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const tag = e.tagName.toLowerCase();
            return tag + (e.id ? '#' + e.id : '[' + (e.type || '') + ']');
        }"""
    )


def _tab_to(page, target: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == target:
            return
    raise AssertionError(f"Tab never reached {target}")


def _tab_through(page, expected: list[str]) -> None:
    for target in expected:
        page.keyboard.press("Tab")
        assert _focused(page) == target


def _arrow_to(page, select: str, value: str, limit: int = 200) -> None:
    """Arrow down a focused, closed <select> until it shows ``value``."""
    for _ in range(limit):
        if page.eval_on_selector(select, "e => e.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{select} never reached {value}")


def test_the_nomination_and_allocation_forms_work_with_the_keyboard_alone(open_page):
    """One test for both forms: the demo data is loaded once."""
    # District staff nominate an exhibitor: Tab, arrow keys, Enter.
    fair = records.lucknow_room_at_surajkund()
    nominated = Nomination.objects.filter(fair=fair).values("exhibitor")
    exhibitor = (
        Exhibitor.objects.filter(district__name_en="Lucknow", product__isnull=False)
        .exclude(pk__in=nominated)
        .order_by("pk")
        .first()
    )
    space = fair.spaces.get()
    page = open_page()
    sign_in(page, "lucknow.staff")
    page.goto(f"/fairs/{fair.pk}/nominate/")

    _tab_to(page, "select#id_space")
    _arrow_to(page, "#id_space", str(space.pk))  # the fair's only space, chosen already
    _tab_through(page, ["select#id_exhibitor"])
    _arrow_to(page, "#id_exhibitor", str(exhibitor.pk))
    _tab_through(page, ["button[submit]"])  # a stall fair asks for no m²
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(f"{exhibitor.name} is nominated")
    nomination = Nomination.objects.get(fair=fair, exhibitor=exhibitor)
    assert nomination.status == Nomination.Status.SUBMITTED

    # A cell officer allocates a free stall: Tab, arrow keys, Space.
    records.approved_nomination_at_surajkund()
    fair = records.surajkund()
    stall = (
        Stall.objects.filter(fair=fair)
        .exclude(allocations__status=Allocation.Status.ACTIVE)
        .order_by("position", "pk")
        .first()
    )
    page = open_page()  # a new context: the officer's own session
    sign_in(page, "cell.officer")
    page.goto(f"/fairs/{fair.pk}/board/stalls/{stall.pk}/allocate/")

    _tab_to(page, "select#id_nomination")
    page.keyboard.press("ArrowDown")  # the first candidate: no reason needed
    chosen = page.eval_on_selector("#id_nomination", "e => e.value")
    assert chosen
    _tab_through(page, ["textarea#id_override_reason", "button[submit]"])
    page.keyboard.press("Space")

    nomination = Nomination.objects.select_related("exhibitor").get(pk=chosen)
    expect(page.get_by_role("status")).to_contain_text(
        f"{nomination.exhibitor.name} is allocated {stall.number}."
    )
    allocation = Allocation.objects.get(stall=stall, status=Allocation.Status.ACTIVE)
    assert allocation.nomination_id == nomination.pk
