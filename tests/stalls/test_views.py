"""The district staff pages, the stall board and the exports, through HTTP."""

import itertools
from decimal import Decimal

from django.urls import reverse

from stalls.models import Allocation, Nomination
from stalls.services import allotment_set, nomination_approve, stalls_create
from tests import factories
from tests.queries import assert_constant_queries, assert_num_queries, count_queries


def test_district_staff_nominate_from_the_fair_page(
    personas, allotments, units_space, lucknow_exhibitor
):
    client = personas["lucknow_staff"]
    response = client.post(
        reverse("stalls:nominate", args=[units_space.fair_id]),
        {"space": units_space.pk, "exhibitor": lucknow_exhibitor.pk},
    )
    assert response["Location"] == reverse("events:fair_detail", args=[units_space.fair_id])
    nomination = Nomination.objects.get()
    assert (nomination.exhibitor, nomination.status) == (lucknow_exhibitor, "submitted")
    page = client.get(response["Location"]).content.decode()
    assert lucknow_exhibitor.name in page and "Submitted" in page


def test_nominating_another_districts_exhibitor_answers_404(
    personas, allotments, units_space, varanasi_exhibitor
):
    response = personas["lucknow_staff"].post(
        reverse("stalls:nominate", args=[units_space.fair_id]),
        {"space": units_space.pk, "exhibitor": varanasi_exhibitor.pk},
    )
    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_a_used_up_allotment_is_shown_at_the_form(personas, nomination, units_space, lucknow):
    other = factories.exhibitor(district=lucknow, mobile="9416100001")
    response = personas["lucknow_staff"].post(
        reverse("stalls:nominate", args=[units_space.fair_id]),
        {"space": units_space.pk, "exhibitor": other.pk},
    )
    assert response.status_code == 200
    assert "is used up" in response.context["form"].errors["space"][0]
    assert Nomination.objects.count() == 1


def test_the_fair_page_shows_the_waiting_list_position(personas, fair, lucknow, cell_officer):
    space = factories.space(fair=fair, capacity_units=1, name_en="Tiny")
    stalls_create(space=space, numbers=["T1"], user=cell_officer)
    allotment_set(space=space, district=lucknow, units=1, user=cell_officer)
    from stalls.services import nomination_submit

    nominations = [
        nomination_submit(
            space=space,
            exhibitor=factories.exhibitor(district=lucknow, mobile=f"94162000{n:02d}"),
            user=cell_officer,
            override_reason="reserve" if n else "",
        )
        for n in range(3)
    ]
    for nomination in nominations:
        nomination_approve(nomination=nomination, user=cell_officer)
    page = (
        personas["lucknow_staff"]
        .get(reverse("events:fair_detail", args=[fair.pk]))
        .content.decode()
    )
    assert "Position 1 in the waiting list" in page and "Position 2 in the waiting list" in page


def test_withdrawing_another_districts_nomination_answers_404(personas, nomination):
    response = personas["varanasi_staff"].post(
        reverse("stalls:nomination_withdraw", args=[nomination.pk])
    )
    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_district_staff_withdraw_their_nomination(personas, nomination):
    response = personas["lucknow_staff"].post(
        reverse("stalls:nomination_withdraw", args=[nomination.pk]), {"reason": "Ill"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"


def test_the_cell_officer_allocates_a_stall_on_the_board(personas, nomination, stall, cell_officer):
    nomination_approve(nomination=nomination, user=cell_officer)
    client = personas["cell_officer"]
    board = client.get(reverse("events:board", args=[stall.fair_id])).content.decode()
    allocate_url = reverse("stalls:allocate_stall", args=[stall.fair_id, stall.pk])
    assert allocate_url in board
    response = client.post(allocate_url, {"nomination": nomination.pk})
    assert response["Location"] == reverse("events:board", args=[stall.fair_id])
    assert Allocation.objects.get().stall == stall
    board = client.get(reverse("events:board", args=[stall.fair_id])).content.decode()
    assert nomination.exhibitor.name in board and allocate_url not in board


def test_the_principal_secretary_sees_the_board_without_allocation_links(personas, stall):
    page = (
        personas["principal_secretary"]
        .get(reverse("events:board", args=[stall.fair_id]))
        .content.decode()
    )
    assert "/allocate/" not in page and stall.number in page


def test_allocating_a_taken_stall_says_so_at_the_form(
    personas, allocation, units_space, varanasi_exhibitor, varanasi_staff, cell_officer
):
    from stalls.services import nomination_submit

    other = nomination_submit(space=units_space, exhibitor=varanasi_exhibitor, user=varanasi_staff)
    nomination_approve(nomination=other, user=cell_officer)
    response = personas["cell_officer"].post(
        reverse("stalls:allocate_stall", args=[allocation.fair_id, allocation.stall_id]),
        {"nomination": other.pk},
    )
    assert response.status_code == 200
    assert "already allocated" in str(response.context["form"].errors)


def test_area_is_allocated_on_the_board(
    personas, allotments, area_space, lucknow_exhibitor, cell_officer
):
    from stalls.services import nomination_submit

    nomination = nomination_submit(
        space=area_space, exhibitor=lucknow_exhibitor, area_requested=Decimal(30), user=cell_officer
    )
    nomination_approve(nomination=nomination, user=cell_officer)
    response = personas["cell_officer"].post(
        reverse("stalls:allocate_area", args=[area_space.fair_id, area_space.pk]),
        {"nomination": nomination.pk, "area": "30"},
    )
    assert response.status_code == 302
    area_space.refresh_from_db()
    assert area_space.allocated_area == Decimal(30)


def test_the_export_neutralises_formulas(personas, allocation):
    exhibitor = allocation.nomination.exhibitor
    exhibitor.name = '=HYPERLINK("http://evil")'
    exhibitor.save()
    response = personas["cell_officer"].get(
        reverse("stalls:export", args=[allocation.fair_id]), {"format": "csv"}
    )
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert response["Content-Disposition"].startswith("attachment;")
    xlsx = personas["cell_officer"].get(reverse("stalls:export", args=[allocation.fair_id]))
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ['\'=HYPERLINK("http://evil")']


def test_district_staff_export_only_their_district(personas, allocation):
    response = personas["varanasi_staff"].get(
        reverse("stalls:export", args=[allocation.fair_id]), {"format": "csv"}
    )
    assert allocation.nomination.exhibitor.name not in response.content.decode("utf-8-sig")


# --- Query counts ----------------------------------------------------------------------------


_batches = itertools.count(1)


def _grow_allocations(fair, lucknow, cell_officer, count):
    """A new space of ``count`` stalls, every one allocated."""
    from stalls.services import allocation_create, nomination_submit

    batch = next(_batches)
    space = factories.space(fair=fair, capacity_units=count, name_en=f"Hall {batch}")
    numbers = [f"G{batch}-{n}" for n in range(count)]
    stalls = stalls_create(space=space, numbers=numbers, user=cell_officer)
    allotment_set(space=space, district=lucknow, units=count, user=cell_officer)
    base = 94170_00000 + batch * 100
    for n, stall in enumerate(stalls):
        exhibitor = factories.exhibitor(district=lucknow, mobile=str(base + n))
        nomination = nomination_submit(space=space, exhibitor=exhibitor, user=cell_officer)
        nomination_approve(nomination=nomination, user=cell_officer)
        allocation_create(nomination=nomination, stall=stall, user=cell_officer)


def test_the_board_runs_a_constant_number_of_queries(personas, allocation, lucknow, cell_officer):
    client = personas["cell_officer"]
    url = reverse("events:board", args=[allocation.fair_id])
    client.get(url)
    # user (session from the cache), permissions, fair, spaces, stalls, the fair's active
    # allocations (read once for stalls and spaces)
    with assert_num_queries(6):
        client.get(url)
    assert_constant_queries(
        lambda: client.get(url),
        lambda: _grow_allocations(allocation.fair, lucknow, cell_officer, 49),
    )


def test_the_fair_pages_run_a_constant_number_of_queries(
    personas, allocation, lucknow, cell_officer
):
    fair = allocation.fair
    for persona in ("lucknow_staff", "principal_secretary"):
        client = personas[persona]
        for url in (reverse("events:fair_detail", args=[fair.pk]), reverse("events:fair_list")):
            assert_constant_queries(
                lambda url=url, client=client: client.get(url),
                lambda url=url: _grow_allocations(fair, lucknow, cell_officer, 5 + len(url) % 7),
            )


def test_the_sales_page_runs_a_constant_number_of_queries(
    personas, allocation, lucknow, cell_officer
):
    client = personas["lucknow_staff"]
    url = reverse("stalls:sales", args=[allocation.fair_id])
    assert_constant_queries(
        lambda: client.get(url),
        lambda: _grow_allocations(allocation.fair, lucknow, cell_officer, 20),
    )


def test_the_admin_changelists_run_a_constant_number_of_queries(
    personas, allocation, lucknow, cell_officer
):
    client = personas["cell_officer"]
    for model in (
        "stalls_allocation",
        "stalls_nomination",
        "stalls_allotment",
        "events_fair",
        "exhibitors_exhibitor",
        "stalls_stall",
    ):
        url = reverse(f"admin:{model}_changelist")
        assert_constant_queries(
            lambda url=url: client.get(url),
            lambda url=url: _grow_allocations(
                allocation.fair, lucknow, cell_officer, 10 + len(url)
            ),
        )


def test_the_cell_officer_moves_an_exhibitor_with_a_reason(personas, allocation, units_space):
    url = reverse("stalls:allocation_move", args=[allocation.fair_id, allocation.pk])
    target = units_space.stalls.get(number="S2")
    client = personas["cell_officer"]
    response = client.post(url, {"stall": target.pk, "reason": ""})
    assert "reason" in response.context["form"].errors
    response = client.post(url, {"stall": target.pk, "reason": "Closer to the entrance"})
    assert response.status_code == 302
    assert Allocation.objects.get(status="active").stall == target
    from stalls.models import Override

    assert Override.objects.get().made_by == client.user


def test_a_taken_stall_is_not_offered_for_a_move(personas, allocation, units_space):
    response = personas["cell_officer"].get(
        reverse("stalls:allocation_move", args=[allocation.fair_id, allocation.pk])
    )
    offered = {s.number for s in response.context["form"].fields["stall"].queryset}
    assert offered == {"S2", "S3"}


def test_the_fair_page_shows_nominations_fifty_at_a_time(
    personas, allocation, lucknow, cell_officer
):
    _grow_allocations(allocation.fair, lucknow, cell_officer, 55)
    client = personas["cell_officer"]
    url = reverse("events:fair_detail", args=[allocation.fair_id])
    first = client.get(url)
    assert len(first.context["nominations"]) == 50
    assert first.context["nominations"][0].place is not None
    assert 'rel="next"' in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["nominations"]) == 6
    # A page number past the end shows the last page, not an error.
    assert client.get(url, {"page": 99}).context["page_obj"].number == 2
    assert count_queries(lambda: client.get(url)) == count_queries(
        lambda: client.get(url, {"page": 2})
    )
