"""Hardening: forged Host headers, script in names rendered inertly everywhere, reconnection
after PostgreSQL drops the connection."""

import psycopg2
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from exhibitors.models import Exhibitor

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>जनपद<script>alert(2)</script>",
]


def test_a_forged_host_header_is_refused(client, db):
    response = client.get(reverse("accounts:login"), HTTP_HOST="evil.example")
    assert response.status_code == 400


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_in_a_name_is_rendered_inertly(personas, lucknow, payload, allocation):
    exhibitor = allocation.nomination.exhibitor
    Exhibitor.objects.filter(pk=exhibitor.pk).update(name=payload)
    pages = [
        personas["lucknow_staff"].get(reverse("exhibitors:list")),
        personas["lucknow_staff"].get(reverse("exhibitors:detail", args=[exhibitor.pk])),
        personas["principal_secretary"].get(
            reverse("events:fair_detail", args=[allocation.fair_id])
        ),
        personas["cell_officer"].get(reverse("events:board", args=[allocation.fair_id])),
        personas["cell_officer"].get(reverse("admin:exhibitors_exhibitor_changelist")),
        personas["cell_officer"].get(reverse("admin:stalls_allocation_changelist")),
    ]
    for page in pages:
        html = page.content.decode()
        assert payload not in html
        assert "&lt;script&gt;" in html or "&lt;img" in html
    export = personas["cell_officer"].get(
        reverse("stalls:export", args=[allocation.fair_id]), {"format": "csv"}
    )
    assert export["Content-Type"].startswith("text/csv")
    assert export["Content-Disposition"].startswith("attachment")


def test_script_in_a_name_is_inert_in_the_report(cell_officer, allocation):
    from reviews.models import Meeting
    from reviews.pdf import report_html

    Exhibitor.objects.filter(pk=allocation.nomination.exhibitor_id).update(name=PAYLOADS[0])
    fair = allocation.fair
    fair.name_en = PAYLOADS[1]
    fair.save()
    meeting = Meeting.objects.create(
        title_en="Review",
        title_hi="समीक्षा",
        held_at=timezone.now(),
        venue="Lucknow",
        convener=cell_officer,
    )
    meeting.agenda_items.create(position=1, title_en="Fair", fair=fair)
    html = report_html(meeting=meeting, user=cell_officer, language="en", cutoff=timezone.now())
    assert PAYLOADS[1] not in html and "&lt;img src=x" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_web_process_reconnects_after_postgres_drops_the_connection(client):
    """Connections persist between requests (CONN_MAX_AGE); when PostgreSQL drops one, the
    health check (CONN_HEALTH_CHECKS) at the start of the next request opens a new one."""
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert client.get("/healthz").status_code == 200
    pid = connection.connection.info.backend_pid
    settings_dict = connection.settings_dict
    killer = psycopg2.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        password=settings_dict["PASSWORD"] or None,
    )
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()
    # What the request handler does at the start of every request (the test client skips it).
    close_old_connections()
    assert client.get("/healthz").status_code == 200
    assert connection.connection.info.backend_pid != pid


SCRIPT = '<script>alert("x")</script>'
DEVANAGARI_SCRIPT = "<svg onload=alert(1)>सूरजकुंड"


@pytest.mark.parametrize("payload", [SCRIPT, DEVANAGARI_SCRIPT])
def test_script_in_every_name_field_is_inert(
    personas, allocation, activity, lucknow, payload, cell_officer
):
    """Names people type (fair, space, activity, exhibitor, product, partner, MoU, meeting,
    action point) reach pages, the admin and the report only escaped."""
    from events.models import Space
    from mous.models import MoU, Stage
    from partners.models import Partner
    from reviews.models import ActionPoint, Meeting

    fair = allocation.fair
    type(fair).objects.filter(pk=fair.pk).update(name_en=payload, name_hi=payload)
    Space.objects.filter(pk=allocation.space_id).update(name_en=payload, name_hi=payload)
    type(activity).objects.filter(pk=activity.pk).update(title_en=payload, title_hi=payload)
    product = lucknow.products.order_by("pk").first()
    type(product).objects.filter(pk=product.pk).update(name_en=payload, name_hi=payload)
    partner = Partner.objects.create(name_en=payload, name_hi=payload, kind="other")
    MoU.objects.create(
        partner=partner,
        title_en=payload,
        title_hi=payload,
        purpose_en=payload,
        purpose_hi=payload,
        nodal_officer=cell_officer,
        stage=Stage.IDENTIFIED,
    )
    meeting = Meeting.objects.create(
        title_en=payload,
        title_hi=payload,
        held_at=timezone.now(),
        venue=payload,
        convener=cell_officer,
    )
    ActionPoint.objects.create(
        meeting=meeting,
        number=1,
        text_en=payload,
        text_hi=payload,
        district=lucknow,
        due_on=timezone.localdate(),
    )
    urls = {
        "cell_officer": [
            "/",
            "/fairs/",
            f"/fairs/{fair.pk}/",
            f"/fairs/{fair.pk}/board/",
            "/mous/",
            f"/reviews/{meeting.pk}/",
            "/reviews/action-points/",
            f"/districts/{lucknow.pk}/",
            "/admin/events/fair/",
            "/admin/events/space/",
            "/admin/districts/product/",
            "/admin/partners/partner/",
            "/admin/mous/mou/",
            "/admin/reviews/meeting/",
        ],
        "lucknow_staff": ["/", f"/fairs/{fair.pk}/", "/reviews/action-points/"],
    }
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    shown = 0
    for persona, pages in urls.items():
        for url in pages:
            response = personas[persona].get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert payload not in html, url
            shown += escaped in html
    assert shown >= 10  # the names are on the pages, escaped
    from reviews.pdf import report_html

    meeting.agenda_items.create(position=1, title_en=payload, fair=fair)
    html = report_html(meeting=meeting, user=cell_officer, language="hi", cutoff=timezone.now())
    assert payload not in html
