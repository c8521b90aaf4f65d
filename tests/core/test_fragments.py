"""The cached dashboard equals a fresh computation after every kind of write.

These tests commit for real (transactional), as requests and tasks do: the dashboard is read
once (its body cached), then a write goes through one path — a service, the API, the admin's
bulk action, a task, ``QuerySet.update``, ``bulk_create``, ``migrate`` — and
the page read again must equal the page rendered with the fragment cache off, and differ from
what it showed before the write (so the write was one the dashboard shows).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import fragments
from districts.models import District
from districts.services import master_data_load, master_data_read
from events.models import Fair, Space
from mous.models import MoU
from partners.models import Partner
from stalls.models import Allocation, DailySale, Nomination, Stall
from stalls.sales import sale_record
from stalls.services import allocation_create, allotment_set, stalls_create
from tests import factories
from tests.api.clients import api_client
from tests.reviews import builders

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|"csrfToken": "[^"]*"')


@pytest.fixture
def world():
    """Committed: master data, the three roles, a fair in allocation with 4 stalls, two
    approved Lucknow nominations."""
    master_data_load(rows=master_data_read())
    lucknow = District.objects.get(name_en="Lucknow")
    officer = factories.user(username="officer", role=User.Role.CELL_OFFICER)
    secretary = factories.user(username="ps", role=User.Role.PRINCIPAL_SECRETARY)
    staff = factories.user(username="lko", role=User.Role.DISTRICT_STAFF, district=lucknow)
    today = timezone.localdate()
    fair = factories.fair(
        status=Fair.Status.ALLOCATION,
        start_date=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=30),
    )
    space = factories.space(fair=fair, capacity_units=4)
    stalls_create(space=space, numbers=["A1", "A2", "A3", "A4"], user=officer)
    allotment_set(space=space, district=lucknow, units=4, user=officer)
    nominations = [
        Nomination.objects.create(
            fair=fair,
            space=space,
            exhibitor=factories.exhibitor(district=lucknow, mobile=f"98765432{n:02d}"),
            district=lucknow,
            status=Nomination.Status.APPROVED,
            nominated_by=staff,
        )
        for n in range(2)
    ]
    client = Client()
    client.force_login(secretary)
    return {
        "officer": officer,
        "fair": fair,
        "space": space,
        "nominations": nominations,
        "client": client,
        "lucknow": lucknow,
    }


def _dashboard(client) -> str:
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode())


def _fresh(client) -> str:
    with override_settings(FRAGMENT_CACHE=False):
        return _dashboard(client)


def _assert_cached_equals_fresh_after(world, write) -> None:
    client = world["client"]
    before = _dashboard(client)
    assert _dashboard(client) == before  # served from the cache, unchanged
    write()
    after = _dashboard(client)
    assert after == _fresh(client)
    assert after != before, "the write changed nothing the dashboard shows"


def _free_stall(space) -> Stall:
    taken = Allocation.objects.filter(stall__isnull=False).values("stall_id")
    return Stall.objects.filter(space=space).exclude(pk__in=taken).order_by("number").first()


def test_a_cached_dashboard_is_served_while_nothing_is_written(world):
    client = world["client"]
    first = _dashboard(client)
    version = fragments.data_version()
    assert _dashboard(client) == first
    assert fragments.data_version() == version


def test_after_a_service_writes(world):
    nomination, space = world["nominations"][0], world["space"]
    _assert_cached_equals_fresh_after(
        world,
        lambda: allocation_create(
            nomination=nomination, user=world["officer"], stall=_free_stall(space)
        ),
    )


def test_after_the_api_writes(world):
    nomination, space = world["nominations"][1], world["space"]

    def write():
        response = api_client(world["officer"]).post(
            "/api/v1/allocations/",
            {"nomination": nomination.pk, "stall": _free_stall(space).pk},
            format="json",
        )
        assert response.status_code == 201, response.content

    _assert_cached_equals_fresh_after(world, write)


def test_after_a_queryset_update(world):
    _assert_cached_equals_fresh_after(
        world, lambda: Space.objects.filter(pk=world["space"].pk).update(capacity_units=40)
    )


def test_after_a_bulk_create_of_sales(world):
    fair = world["fair"]
    nomination = world["nominations"][0]
    allocation = allocation_create(
        nomination=nomination, user=world["officer"], stall=_free_stall(world["space"])
    )
    # The fair held last month: its sales count as a past fair's.
    Fair.objects.filter(pk=fair.pk).update(
        start_date=timezone.localdate() - datetime.timedelta(days=40),
        end_date=timezone.localdate() - datetime.timedelta(days=30),
        status=Fair.Status.CONCLUDED,
    )

    def write():
        DailySale.objects.bulk_create(
            [
                DailySale(
                    allocation=allocation,
                    fair=fair,
                    district=allocation.district,
                    product=allocation.product,
                    date=fair.start_date + datetime.timedelta(days=n),
                    amount=Decimal(1000 + n),
                    entered_by=world["officer"],
                )
                for n in range(3)
            ]
        )

    fair.refresh_from_db()
    _assert_cached_equals_fresh_after(world, write)


def test_after_a_task(world):
    partner = Partner.objects.create(name_en="SIDBI", name_hi="सिडबी", kind=Partner.Kind.FINANCE)
    MoU.objects.create(
        partner=partner,
        title_en="Credit",
        stage=MoU.Stage.SIGNED,
        nodal_officer=world["officer"],
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    from mous.tasks import expire_mous

    _assert_cached_equals_fresh_after(world, lambda: expire_mous.delay())


def test_after_an_admin_bulk_action(world):
    meeting = builders.meeting(officer=world["officer"], days_ahead=-3)
    job = builders.finished_job(meeting_obj=meeting, officer=world["officer"])
    officer = Client()
    officer.force_login(world["officer"])

    def write():
        response = officer.post(
            reverse("admin:reviews_reportjob_changelist"),
            {"action": "approve", "_selected_action": [job.pk]},
        )
        assert response.status_code == 302
        job.refresh_from_db()
        assert job.approved_at is not None

    _assert_cached_equals_fresh_after(world, write)


def test_a_hard_reload_renders_fresh(world):
    client = world["client"]
    _dashboard(client)
    with CaptureQueriesContext(connection) as cached:
        _dashboard(client)
    with CaptureQueriesContext(connection) as fresh:
        client.get(reverse("dashboard:home"), headers={"cache-control": "no-cache"})
    assert len(fresh) > len(cached)


def test_a_rolled_back_write_leaves_the_version_alone(world):
    version = fragments.data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Space.objects.filter(pk=world["space"].pk).update(capacity_units=40)
        raise RuntimeError
    assert fragments.data_version() == version


def test_a_transaction_advances_the_version_once_when_it_commits(world):
    version = fragments.data_version()
    with transaction.atomic():
        Space.objects.filter(pk=world["space"].pk).update(capacity_units=40)
        Space.objects.filter(pk=world["space"].pk).update(capacity_units=41)
        assert fragments.has_pending_writes(connection)
        assert fragments.data_version() == version  # not before the commit
    assert fragments.data_version() == version + 1


def test_a_request_that_has_written_renders_fresh_and_caches_nothing(world, rf):
    request = rf.get("/")
    request.user = world["officer"]
    renders = []

    def render():
        renders.append(1)
        return f"<p>{len(renders)}</p>"

    with transaction.atomic():
        Space.objects.filter(pk=world["space"].pk).update(capacity_units=40)
        assert fragments.cached_fragment(request, "probe", render) == "<p>1</p>"
        assert fragments.cached_fragment(request, "probe", render) == "<p>2</p>"
    assert fragments.cached_fragment(request, "probe", render) == "<p>3</p>"
    assert fragments.cached_fragment(request, "probe", render) == "<p>3</p>"  # cached now


def test_migrate_advances_the_version(world):
    version = fragments.data_version()
    call_command("migrate", verbosity=0)
    assert fragments.data_version() > version


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "stalls_dailysale" ("amount") VALUES (%s)', "stalls_dailysale"),
        ('UPDATE "events_space" SET "capacity_units" = 4', "events_space"),
        ('DELETE FROM "django_session" WHERE 1', "django_session"),
        ("INSERT OR REPLACE INTO core_dataversion VALUES (1, 1)", "core_dataversion"),
        ('TRUNCATE "events_fair", "events_space"', ""),
        ('SELECT "events_space"."id" FROM "events_space"', None),
        ("  update events_fair set status = 'x'", "events_fair"),
    ],
)
def test_which_statements_count_as_writes(sql, table):
    assert fragments.written_table(sql) == table


def _page(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return TOKEN.sub("", response.content.decode())


def test_every_cached_page_equals_a_fresh_one_after_an_allocation(world):
    fair, lucknow = world["fair"], world["lucknow"]
    staff = Client()
    staff.force_login(User.objects.get(username="lko"))
    officer = Client()
    officer.force_login(world["officer"])
    meeting = builders.meeting(officer=world["officer"], days_ahead=-3)
    builders.action_point(meeting_obj=meeting, officer=world["officer"], fair=fair)
    pages = [
        (officer, reverse("reviews:meeting_detail", args=[meeting.pk]), True),
        (world["client"], reverse("reviews:meeting_detail", args=[meeting.pk]), True),
        (world["client"], reverse("dashboard:home"), True),
        (staff, reverse("dashboard:home"), True),
        (officer, reverse("events:fair_detail", args=[fair.pk]), True),
        (officer, reverse("events:board", args=[fair.pk]), True),
        (officer, reverse("events:fair_list"), True),
        (world["client"], reverse("districts:detail", args=[lucknow.pk]), True),
        (world["client"], reverse("districts:list"), False),
        (world["client"], reverse("mous:list"), False),
        (officer, reverse("reviews:meeting_list"), False),
        (officer, reverse("reviews:action_point_list"), True),
        (world["client"], reverse("reviews:report_archive"), False),
        (officer, f"{reverse('dashboard:search')}?q=Lucknow", False),
        (staff, reverse("stalls:sales", args=[fair.pk]), True),
        (officer, reverse("admin:stalls_allocation_changelist"), True),
        (officer, reverse("claims:list"), False),
        (staff, reverse("claims:list"), True),  # the layout's new notice
        (world["client"], reverse("draws:list"), False),
        (staff, reverse("notifications:list"), True),  # the allocation's notice
        (officer, f"{reverse('admin:stalls_nomination_changelist')}?status=allocated", True),
    ]
    before = [_page(client, url) for client, url, _shows in pages]
    assert [_page(client, url) for client, url, _shows in pages] == before
    allocation_create(
        nomination=world["nominations"][0], user=world["officer"], stall=_free_stall(world["space"])
    )
    for (client, url, shows), earlier in zip(pages, before, strict=True):
        after = _page(client, url)
        assert after == _page(client, url, cache_control="no-cache"), url
        assert (after != earlier) == shows, url


def test_the_forms_of_a_cached_fragment_carry_the_requests_csrf_token(world, rf):
    form = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'

    def request():
        made = rf.get("/")
        made.user = world["officer"]
        return made

    first = request()
    assert fragments.cached_fragment(first, "form", lambda: form.format("rendered")) == (
        form.format("rendered")
    )
    second = request()
    cached = fragments.cached_fragment(second, "form", lambda: form.format("never"))
    token = re.search(r'value="([^"]*)"', cached).group(1)
    assert token not in ("rendered", "never")
    # A token of this request's secret: the one Django would have put in the form.
    assert _unmask_cipher_token(token) == second.META["CSRF_COOKIE"]


def test_the_sales_entry_caches_its_rows_with_the_fingerprints_they_show(world):
    """The day's entry is cached with each row's fingerprint of what it shows as saved: after
    someone else saves, the page shows the new figure, and a save from it is not stale."""
    fair, officer = world["fair"], world["officer"]
    allocation = allocation_create(
        nomination=world["nominations"][0], user=officer, stall=_free_stall(world["space"])
    )
    today = timezone.localdate()
    Fair.objects.filter(pk=fair.pk).update(
        start_date=today - datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(days=3),
        status=Fair.Status.LIVE,
    )
    allocation.refresh_from_db()
    staff = Client()
    staff.force_login(User.objects.get(username="lko"))
    url = f"{reverse('stalls:sales', args=[fair.pk])}?date={today.isoformat()}"
    before = _page(staff, url)
    assert _page(staff, url) == before
    sale_record(user=officer, allocation=allocation, date=today, amount=Decimal("1500"))
    after = _page(staff, url)
    assert after == _page(staff, url, cache_control="no-cache")
    assert "Saved: ₹1,500" in after and "Saved: ₹1,500" not in before

    seen = re.search(r'name="form-0-seen" value="([^"]*)"', after).group(1)
    response = staff.post(
        url,
        {
            "date": today.isoformat(),
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-allocation": allocation.pk,
            "form-0-seen": seen,
            "form-0-amount": "1600",
            "form-0-enquiries": "0",
            "form-0-export_leads": "0",
            "replace": "on",
        },
    )
    assert response.status_code == 302
    assert DailySale.objects.get(allocation=allocation, date=today).amount == Decimal("1600")
    assert "Saved: ₹1,600" in _page(staff, url)


def test_a_cached_admin_changelist_does_not_read_its_rows(world):
    """The long changelists keep their table of results in the cache: a second request runs
    the counts and the filters, not the page's query, and lists the same rows."""
    officer = Client()
    officer.force_login(world["officer"])
    url = reverse("admin:stalls_nomination_changelist")
    rows = 'SELECT "stalls_nomination"."id"'
    with CaptureQueriesContext(connection) as queries:
        first = _page(officer, url)
    assert [q for q in queries if q["sql"].startswith(rows)]
    with CaptureQueriesContext(connection) as queries:
        assert _page(officer, url) == first
    assert not [q for q in queries if q["sql"].startswith(rows)]
    assert world["nominations"][0].exhibitor.name in first
