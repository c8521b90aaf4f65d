"""Fair venue and objectives written in English and Hindi: each page shows the active
language's, falling back to the other one with a marker (and its lang) when it is missing."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.models import bilingual_text
from tests import factories
from tests.api.clients import api_client

pytestmark = pytest.mark.django_db


def test_the_text_follows_the_language_and_marks_a_fallback():
    template = Template("{{ text }}")
    with translation.override("hi"):
        both = bilingual_text("Dilli Haat", "दिल्ली हाट")
        assert template.render(Context({"text": both})) == "दिल्ली हाट"
        english_only = bilingual_text("Dilli Haat", "")
        html = template.render(Context({"text": english_only}))
        assert '<span lang="en">Dilli Haat</span>' in html and "(अंग्रेज़ी में)" in html
    with translation.override("en"):
        assert template.render(Context({"text": bilingual_text("Dilli Haat", "")})) == "Dilli Haat"
        hindi_only = template.render(Context({"text": bilingual_text("", "दिल्ली हाट")}))
        assert '<span lang="hi">दिल्ली हाट</span>' in hindi_only and "(in Hindi)" in hindi_only
        assert template.render(Context({"text": bilingual_text("", "")})) == ""


def test_the_marker_escapes_what_officers_wrote():
    with translation.override("hi"):
        html = Template("{{ text }}").render(
            Context({"text": bilingual_text("<script>x</script>", "")})
        )
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_fair_page_shows_the_hindi_venue_and_marks_english_objectives(personas):
    fair = factories.fair(venue_hi="सूरजकुंड मेला मैदान", objectives_en="Every ODOP product displayed.")
    url = reverse("events:fair_detail", args=[fair.pk])
    hindi = personas["principal_secretary"].get(url, HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "सूरजकुंड मेला मैदान" in hindi and "Surajkund Mela Ground" not in hindi
    assert '<p lang="en">Every ODOP product displayed.</p>' in hindi
    assert "केवल अंग्रेज़ी में लिखा गया।" in hindi
    english = personas["principal_secretary"].get(url).content.decode()
    assert "Surajkund Mela Ground" in english and "Written in English only." not in english


def test_the_api_reads_and_writes_both_languages(cell_officer):
    client = api_client(cell_officer)
    answer = client.post(
        "/api/v1/fairs/",
        {
            "name_en": "Fair",
            "name_hi": "मेला",
            "kind": "crafts_fair",
            "venue_en": "Ground",
            "venue_hi": "मैदान",
            "city": "Lucknow",
            "start_date": "2027-03-01",
            "end_date": "2027-03-03",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert (body["venue_en"], body["venue_hi"], body["venue"]) == ("Ground", "मैदान", "Ground")
