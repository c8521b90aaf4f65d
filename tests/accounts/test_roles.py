"""Roles are groups with model permissions; the table below is the contract."""

from django.contrib.auth.models import Group

from accounts.roles import CELL_OFFICER_GROUP, DISTRICT_STAFF_GROUP, PRINCIPAL_SECRETARY_GROUP
from accounts.services import user_sync_role

MASTER_VIEW = {"districts.view_division", "districts.view_district", "districts.view_product"}

EXPECTED = {
    CELL_OFFICER_GROUP: MASTER_VIEW
    | {
        "districts.add_division",
        "districts.change_division",
        "districts.add_district",
        "districts.change_district",
        "districts.add_product",
        "districts.change_product",
        "districts.delete_product",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
    },
    DISTRICT_STAFF_GROUP: MASTER_VIEW,
    PRINCIPAL_SECRETARY_GROUP: MASTER_VIEW,
}


def group_permissions(group_name: str, apps: set[str]) -> set[str]:
    """The group's permissions on the models of ``apps`` (each app's tests check its own)."""
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
        if app in apps
    }


def test_the_migration_creates_each_role_group_with_its_permissions(db):
    for name, expected in EXPECTED.items():
        assert group_permissions(name, {"districts", "accounts"}) == expected, name


def test_the_principal_secretary_holds_only_view_permissions(db):
    group = Group.objects.get(name=PRINCIPAL_SECRETARY_GROUP)
    codenames = group.permissions.values_list("codename", flat=True)
    assert codenames and all(codename.startswith("view_") for codename in codenames)


def test_a_user_gets_the_group_and_admin_access_of_the_role(cell_officer, lucknow_staff):
    assert list(cell_officer.groups.values_list("name", flat=True)) == [CELL_OFFICER_GROUP]
    assert cell_officer.is_staff
    assert not lucknow_staff.is_staff
    assert lucknow_staff.has_perm("districts.view_district")
    assert not lucknow_staff.has_perm("districts.change_district")


def test_changing_a_role_moves_the_user_to_the_new_group(cell_officer):
    cell_officer.role = "principal_secretary"
    cell_officer.save()
    user_sync_role(user=cell_officer)
    assert list(cell_officer.groups.values_list("name", flat=True)) == [PRINCIPAL_SECRETARY_GROUP]
    assert not cell_officer.is_staff
