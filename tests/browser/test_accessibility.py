"""axe-core on the main pages of every role, in English and in Hindi, on a desktop and on a
phone: no serious or critical finding, no page wider than the screen (nor a table scrolling
sideways inside it), and on a Hindi page no interface string left in English (checked against
the catalogue). axe-core is vendored (tests/browser/vendor/axe.min.js, MPL-2.0), so no npm is
needed."""

import pytest

from districts.models import District
from events.models import Fair
from exhibitors.models import Exhibitor
from mous.models import MoU
from stalls.models import Allocation, Stall
from tests.browser import records
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_findings,
    english_on_hindi_page,
    format_findings,
    overflow,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = {"en": "English", "hi": "हिन्दी"}


def _paths(role: str) -> list[str]:
    """The main pages of a role, each of which the role may open."""
    fair = records.surajkund()
    lucknow = District.objects.get(name_en="Lucknow")
    meeting = records.demo_meeting()
    free_stall = (
        Stall.objects.filter(fair=fair)
        .exclude(allocations__status=Allocation.Status.ACTIVE)
        .order_by("position", "pk")
        .first()
    )
    exhibitor = Exhibitor.objects.filter(district=lucknow).order_by("pk").first()
    mou = MoU.objects.order_by("pk").first()
    common = [
        "/",
        "/fairs/",
        f"/fairs/{fair.pk}/",
        "/exhibitors/",
        f"/exhibitors/{exhibitor.pk}/",
        f"/districts/{lucknow.pk}/",
    ]
    last_season = Fair.objects.get(name_en="Surajkund International Crafts Fair 2026")
    common.append("/search/?q=Lucknow")
    if role == "lucknow.staff":
        return [
            *common,
            "/exhibitors/new/",
            "/exhibitors/import/",
            f"/fairs/{fair.pk}/nominate/",
            f"/fairs/{last_season.pk}/sales/",
            f"/fairs/{last_season.pk}/sales/upload/",
            "/claims/",
            "/reviews/action-points/",
            "/notifications/",
        ]
    statewide = [
        *common,
        "/districts/",
        f"/fairs/{fair.pk}/board/",
        "/mous/",
        f"/mous/{mou.pk}/",
        "/reviews/",
        f"/reviews/{meeting.pk}/",
        "/reviews/action-points/",
    ]
    if role == "cell.officer":
        return [
            *statewide,
            "/reviews/new/",
            f"/reviews/{meeting.pk}/edit/",
            "/exhibitors/import/",
            f"/fairs/{fair.pk}/nominate/",
            f"/fairs/{fair.pk}/board/stalls/{free_stall.pk}/allocate/",
            "/reviews/reports/",
        ]
    return [*statewide, "/reviews/reports/"]


def _switch_language(page, language: str) -> None:
    page.get_by_role("button", name=LANGUAGES[language]).click()
    page.wait_for_selector(f"html[lang={language}]")


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("role", ["lucknow.staff", "cell.officer", "principal.secretary"])
def test_main_pages_have_no_serious_accessibility_findings(open_page, role, device):
    paths = _paths(role)
    page = open_page(viewport=PHONE if device == "phone" else DESKTOP)
    problems = []

    def check(path: str, language: str) -> None:
        response = page.goto(path)
        where = f"{role} {device} {language} {path}"
        assert response.status == 200, f"{role} could not open {path}: {response.status}"
        assert page.locator("html").get_attribute("lang") == language, path
        findings = axe_findings(page)
        if findings:
            problems.append(format_findings(where, findings))
        fit = overflow(page)
        if fit["width"] > fit["viewport"] or fit["inner"]:
            problems.append(f"{where}: wider than the screen: {fit}")
        if language == "hi":
            english = english_on_hindi_page(page)
            if english:
                problems.append(f"{where}: English on a Hindi page: {english}")

    for language in LANGUAGES:  # the sign-in page, before signing in
        page.goto("/accounts/login/")
        _switch_language(page, language)
        check("/accounts/login/", language)
    _switch_language(page, "en")
    sign_in(page, role)
    for language in LANGUAGES:
        _switch_language(page, language)
        for path in paths:
            check(path, language)
    assert not problems, "\n".join(problems)
