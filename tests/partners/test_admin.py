"""Partners and their contact people, recorded by cell officers in the admin."""

import pytest
from django.urls import reverse

from partners.models import ContactPerson, Partner


def _form(**overrides):
    data = {
        "name_en": "Quality Council of India (QCI)",
        "name_hi": "भारतीय गुणवत्ता परिषद (क्यूसीआई)",
        "short_name": "QCI",
        "kind": "quality",
        "website": "https://www.qcin.org",
        "address": "New Delhi",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "R. Verma",
        "contacts-0-designation": "Director",
        "contacts-0-phone": "+91 11 2337 9321",
        "contacts-0-email": "director@qcin.example",
    }
    return {**data, **overrides}


def test_an_officer_records_a_partner_with_a_contact_person(personas):
    response = personas["cell_officer"].post(reverse("admin:partners_partner_add"), _form())
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.get_kind_display() == "Quality body"
    assert partner.contacts.get().phone == "+91 11 2337 9321"


def test_a_bad_phone_number_is_refused_at_the_field(personas):
    response = personas["cell_officer"].post(
        reverse("admin:partners_partner_add"), _form(**{"contacts-0-phone": "call me"})
    )
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert "phone" in errors
    assert not Partner.objects.exists() and not ContactPerson.objects.exists()


def test_the_hindi_name_is_stored_nfc(personas):
    decomposed = "भारतीय गुणवत्ता परिषद ड\u093c"
    personas["cell_officer"].post(reverse("admin:partners_partner_add"), _form(name_hi=decomposed))
    assert Partner.objects.get().name_hi == "भारतीय गुणवत्ता परिषद ड़"


def test_a_partner_with_an_mou_cannot_be_deleted(mou):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        mou.partner.delete()
    assert Partner.objects.filter(pk=mou.partner_id).exists()


def test_the_partner_name_follows_the_language(mou_partner):
    from django.utils import translation

    with translation.override("hi"):
        assert str(mou_partner) == "फ्लिपकार्ट.कॉम"
    with translation.override("en"):
        assert str(mou_partner) == "Flipkart.com"
