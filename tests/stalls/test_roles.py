"""The roles' permissions on fairs, exhibitors, stalls and sales."""

from accounts.roles import CELL_OFFICER_GROUP, DISTRICT_STAFF_GROUP, PRINCIPAL_SECRETARY_GROUP
from tests.accounts.test_roles import group_permissions

APPS = {"events", "exhibitors", "stalls"}


def test_the_principal_secretary_only_reads(db):
    perms = group_permissions(PRINCIPAL_SECRETARY_GROUP, APPS)
    assert "stalls.view_allocation" in perms and "events.view_fair" in perms
    assert all(".view_" in perm for perm in perms)


def test_district_staff_write_nominations_exhibitors_sales_and_requests_only(db):
    writes = {p for p in group_permissions(DISTRICT_STAFF_GROUP, APPS) if ".view_" not in p}
    assert writes == {
        "exhibitors.add_exhibitor",
        "exhibitors.change_exhibitor",
        # Their exhibitors' priority categories, with the evidence.
        "exhibitors.add_priorityclaim",
        "exhibitors.change_priorityclaim",
        "exhibitors.delete_priorityclaim",
        "stalls.add_nomination",
        "stalls.change_nomination",
        "stalls.add_dailysale",
        "stalls.change_dailysale",
        # They ask for more places; only the cell decides (change).
        "stalls.add_allotmentrequest",
        # They answer the offers of places made to their district.
        "stalls.add_offer",
        "stalls.change_offer",
    }


def test_cell_officers_allocate_and_administer_fairs(db):
    perms = group_permissions(CELL_OFFICER_GROUP, APPS)
    assert {"stalls.add_allocation", "stalls.add_allotment", "events.change_fair"} <= perms
