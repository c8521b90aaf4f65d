"""Each role's home page."""

from django.urls import reverse

from tests import factories
from tests.queries import assert_constant_queries, assert_num_queries


def test_statewide_home_counts_the_master_data(personas):
    response = personas["principal_secretary"].get(reverse("dashboard:home"))
    overview = response.context["overview"]
    assert (overview["divisions"], overview["districts"]) == (18, 75)
    assert overview["products"] == 100
    assert len(response.context["divisions"]) == 18
    assert "users_by_role" not in overview


def test_the_cell_officer_home_links_into_the_admin(personas):
    page = personas["cell_officer"].get(reverse("dashboard:home")).content.decode()
    assert reverse("admin:districts_district_changelist") in page
    assert reverse("admin:accounts_user_changelist") in page


def test_the_principal_secretary_sees_no_edit_control(personas):
    page = personas["principal_secretary"].get(reverse("dashboard:home")).content.decode()
    assert "/admin/" not in page


def test_district_staff_home_shows_their_district_only(personas, lucknow):
    response = personas["lucknow_staff"].get(reverse("dashboard:home"))
    assert response.context["district"] == lucknow
    page = response.content.decode()
    assert "Lucknow district" in page
    assert "Varanasi" not in page
    assert "Lko" in page  # colleague list: the persona itself


def test_home_pages_run_a_constant_number_of_queries(personas, varanasi):
    made = iter(range(100))

    def more_staff():
        for _ in range(5):
            factories.user(username=f"extra{next(made)}", role="district_staff", district=varanasi)

    state = personas["principal_secretary"]
    district = personas["varanasi_staff"]
    state.get("/")
    # session, user, user permissions, group permissions, district and product figures,
    # division summary
    with assert_num_queries(7):
        state.get("/")
    assert_constant_queries(lambda: state.get("/"), more_staff)
    assert_constant_queries(lambda: district.get("/"), more_staff)
