"""The portal's Hindi for Django's own strings (core/django_hindi.py): whole month names, and
the admin's strings that Django's Hindi catalogue leaves in English."""

import datetime
import json

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_dates_name_the_month_in_full_in_hindi():
    day = datetime.date(2026, 12, 6)
    template = Template('{{ day|date:"j M Y" }} · {{ day|date:"D j M" }}')
    with translation.override("hi"):
        text = template.render(Context({"day": day}))
    assert text.startswith("6 दिसंबर 2026")
    assert "दिस्" not in text
    with translation.override("en"):
        assert template.render(Context({"day": day})).startswith("6 Dec 2026")


@pytest.mark.parametrize(
    ("month", "hindi"), [(1, "जनवरी"), (2, "फ़रवरी"), (8, "अगस्त"), (10, "अक्टूबर")]
)
def test_every_month_is_written_out(month, hindi):
    with translation.override("hi"):
        text = Template('{{ day|date:"M" }}').render(
            Context({"day": datetime.date(2027, month, 1)})
        )
    assert text == hindi


def test_the_admin_index_reads_in_hindi(personas):
    page = personas["cell_officer"].get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="hi")
    text = page.content.decode()
    for hindi in ("हाल की कार्रवाइयाँ", "मेरी कार्रवाइयाँ", "पोर्टल देखें"):
        assert hindi in text
    for english in ("Recent actions", "My actions", "View site", "Start typing to filter"):
        assert english not in text


def test_the_admins_change_message_reads_in_hindi(personas, lucknow):
    client = personas["cell_officer"]
    product = lucknow.products.first()
    url = reverse("admin:districts_product_change", args=[product.pk])
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="hi").context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    answer = client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="hi")
    messages = [str(m) for m in answer.context["messages"]]
    assert messages and "सफलतापूर्वक बदला गया" in messages[0], answer.context.get("errors")


def test_the_admins_javascript_catalogue_has_the_portals_hindi(personas):
    catalogue = personas["cell_officer"].get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="hi")
    text = catalogue.content.decode()
    # The catalogue is JSON inside JavaScript: non-ASCII letters are escaped.
    assert json.dumps("जनवरी") in text and json.dumps("समय चुनें") in text
