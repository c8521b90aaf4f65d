"""Roles map to Django groups; the groups carry model permissions.

Code checks permissions (``user.has_perm``), never group names. The groups and their
permissions are created by data migrations, each app's migration granting its own models'
permissions with ``grant_permissions``.
"""

from django.contrib.auth.management import create_permissions

CELL_OFFICER_GROUP = "Cell officer"
DISTRICT_STAFF_GROUP = "District staff"
PRINCIPAL_SECRETARY_GROUP = "Principal secretary"

ROLE_GROUPS = {
    "cell_officer": CELL_OFFICER_GROUP,
    "district_staff": DISTRICT_STAFF_GROUP,
    "principal_secretary": PRINCIPAL_SECRETARY_GROUP,
}


def _create_all_permissions(apps) -> None:
    # Permissions are normally created after the last migration; a data migration that
    # grants them must create them first.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, names: list[str]):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def grant_permissions(apps, grants: dict[str, list[str]]) -> None:
    """Add ``app_label.codename`` permissions to the named groups (created if missing)."""
    _create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for group_name, names in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*_permissions(apps, names))


def revoke_permissions(apps, grants: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    for group_name, names in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, names))
