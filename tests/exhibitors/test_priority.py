"""District staff record their exhibitors' priority categories with the evidence."""

from django.urls import reverse

from exhibitors.models import PriorityClaim


def test_staff_record_and_remove_a_category_with_its_evidence(
    client, lucknow_exhibitor, lucknow_staff
):
    client.force_login(lucknow_staff)
    url = reverse("exhibitors:priority", args=[lucknow_exhibitor.pk])
    detail = client.get(reverse("exhibitors:detail", args=[lucknow_exhibitor.pk]))
    assert url in detail.content.decode()
    saved = client.post(url, {"category": "gi_tag", "evidence": "GI-123", "issued_by": "GIR"})
    assert saved.status_code == 302
    claim = PriorityClaim.objects.get()
    assert (claim.category, claim.evidence) == ("gi_tag", "GI-123")
    again = client.post(url, {"category": "gi_tag", "evidence": "GI-124"})
    assert again.status_code == 200
    assert "already claimed" in again.content.decode()
    removed = client.post(url, {"remove": str(claim.pk)})
    assert removed.status_code == 302
    assert not PriorityClaim.objects.exists()


def test_a_category_without_evidence_is_refused_at_the_field(
    client, lucknow_exhibitor, lucknow_staff
):
    client.force_login(lucknow_staff)
    url = reverse("exhibitors:priority", args=[lucknow_exhibitor.pk])
    for evidence in ("", "   "):
        answer = client.post(url, {"category": "women_led", "evidence": evidence})
        assert answer.status_code == 200
        assert "evidence" in answer.context["form"].errors
    assert not PriorityClaim.objects.exists()


def test_another_districts_exhibitor_answers_404(client, lucknow_exhibitor, varanasi_staff):
    client.force_login(varanasi_staff)
    url = reverse("exhibitors:priority", args=[lucknow_exhibitor.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"category": "gi_tag", "evidence": "X"}).status_code == 404


def test_the_page_reads_a_constant_number_of_queries(client, lucknow_exhibitor, lucknow_staff):
    from tests.queries import assert_constant_queries

    client.force_login(lucknow_staff)
    url = reverse("exhibitors:priority", args=[lucknow_exhibitor.pk])

    def grow():
        for category in ("gi_tag", "women_led", "divyang"):
            PriorityClaim.objects.create(
                exhibitor=lucknow_exhibitor, category=category, evidence=f"{category}-1"
            )

    assert assert_constant_queries(lambda: client.get(url), grow) <= 8
