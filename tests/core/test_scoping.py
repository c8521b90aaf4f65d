"""The scoping method every district-owned model uses."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from districts.models import District, Product
from tests import factories


def test_statewide_roles_see_every_district(cell_officer, principal_secretary):
    for user in (cell_officer, principal_secretary):
        assert District.objects.for_user(user).count() == 75


def test_district_staff_see_only_their_district(lucknow_staff, lucknow):
    assert list(District.objects.for_user(lucknow_staff)) == [lucknow]
    products = Product.objects.for_user(lucknow_staff)
    assert products.exists()
    assert set(products.values_list("district", flat=True)) == {lucknow.pk}


def test_nobody_without_the_permission_sees_anything(principal_secretary):
    # The Principal Secretary reads; changing is outside every scope.
    assert not District.objects.for_user(principal_secretary, "change").exists()
    assert not Product.objects.for_user(principal_secretary, "delete").exists()


def test_district_staff_cannot_change_master_data(lucknow_staff):
    assert not District.objects.for_user(lucknow_staff, "change").exists()


def test_cell_officers_change_master_data(cell_officer):
    assert District.objects.for_user(cell_officer, "change").count() == 75


def test_anonymous_and_inactive_users_see_nothing(lucknow_staff):
    assert not District.objects.for_user(AnonymousUser()).exists()
    assert not District.objects.for_user(None).exists()
    lucknow_staff.is_active = False
    assert not District.objects.for_user(lucknow_staff).exists()


def test_a_user_without_a_group_sees_nothing(lucknow):
    user = factories.user(username="nogroup", role=User.Role.DISTRICT_STAFF, district=lucknow)
    user.groups.clear()
    user = User.objects.get(pk=user.pk)  # drop the permission cache
    assert not District.objects.for_user(user).exists()


def test_superusers_see_everything(db):
    user = User.objects.create_superuser("root", "root@odop.example", "pw", role="cell_officer")
    assert District.objects.for_user(user, "delete").count() == 75


def test_in_memory_rows_are_scoped_by_the_same_rule(
    cell_officer, lucknow_staff, varanasi_staff, principal_secretary
):
    """scoped_rows (for the cached master data) returns what for_user returns."""
    from core.scoping import scoped_rows
    from districts.masterdata import master_data

    master = master_data()
    users = [cell_officer, lucknow_staff, varanasi_staff, principal_secretary, AnonymousUser()]
    for user in users:
        for model, rows in ((District, master.districts), (Product, master.products)):
            for action in ("view", "change"):
                expected = set(model.objects.for_user(user, action).values_list("pk", flat=True))
                got = {row.pk for row in scoped_rows(rows, user, model, action)}
                assert got == expected, (user, model, action)
