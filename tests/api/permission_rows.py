"""Permission-matrix rows for the API (tests/test_permissions.py): every route, for every role.

The API answers 401 without a session or token, 403 without the model permission, and 404 for
a record outside the user's scope. Objects belong to Lucknow: ``varanasi_staff`` is the "other
district" case. Workflow actions are POSTed with an empty body.
"""

from tests.conftest import PERSONAS

ALL_200 = {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}
OWN = {**ALL_200, "varanasi_staff": 404}
STATEWIDE_READ = {**ALL_200, "lucknow_staff": 403, "varanasi_staff": 403}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


def _lists(names, expected=ALL_200):
    return {f"v1:{name}-list": ("get", None, "", expected) for name in names}


ROWS = {
    "api-schema": ("get", None, "", dict.fromkeys(PERSONAS, 200)),
    "api-docs": ("get", None, "", dict.fromkeys(PERSONAS, 200)),
    "v1:auth-token": ("get", None, "", dict.fromkeys(PERSONAS, 405)),
    "v1:auth-me": ("get", None, "", ALL_200),
    **_lists(
        ["division", "district", "product", "fair", "space", "activity", "exhibitor", "stall"]
    ),
    **_lists(["allotment", "nomination", "allocation", "dailysale"]),
    "v1:recipient-list": ("get", None, "", STATEWIDE_READ),
    "v1:division-detail": ("get", pk_of("division"), "", ALL_200),
    "v1:district-detail": ("get", pk_of("lucknow"), "", OWN),
    "v1:product-detail": ("get", pk_of("product"), "", OWN),
    "v1:fair-detail": ("get", pk_of("fair"), "", ALL_200),
    "v1:fair-coverage": ("get", pk_of("fair"), "", ALL_200),
    "v1:fair-status": (
        "post",
        pk_of("fair"),
        "",
        {
            "anonymous": 401,
            "cell_officer": 400,
            "lucknow_staff": 403,
            "varanasi_staff": 403,
            "principal_secretary": 403,
        },
    ),
    "v1:space-detail": ("get", pk_of("units_space"), "", ALL_200),
    "v1:activity-detail": ("get", pk_of("activity"), "", ALL_200),
    "v1:recipient-detail": ("get", pk_of("recipient"), "", STATEWIDE_READ),
    "v1:exhibitor-detail": ("get", pk_of("lucknow_exhibitor"), "", OWN),
    "v1:stall-detail": ("get", pk_of("stall"), "", ALL_200),
    "v1:allotment-detail": ("get", pk_of("allotment"), "", OWN),
    "v1:nomination-detail": ("get", pk_of("nomination"), "", OWN),
    "v1:nomination-approve": (
        "post",
        pk_of("nomination"),
        "",
        {
            "anonymous": 401,
            "cell_officer": 200,
            "lucknow_staff": 403,
            "varanasi_staff": 404,
            "principal_secretary": 403,
        },
    ),
    "v1:nomination-reject": (
        "post",
        pk_of("nomination"),
        "",
        {
            "anonymous": 401,
            "cell_officer": 400,
            "lucknow_staff": 403,
            "varanasi_staff": 404,
            "principal_secretary": 403,
        },
    ),
    "v1:nomination-withdraw": (
        "post",
        pk_of("nomination"),
        "",
        # The officer withdraws it; for Lucknow's staff it is then no longer active.
        {
            "anonymous": 401,
            "cell_officer": 200,
            "lucknow_staff": 409,
            "varanasi_staff": 404,
            "principal_secretary": 403,
        },
    ),
    "v1:allocation-detail": ("get", pk_of("allocation"), "", OWN),
    "v1:allocation-cancel": (
        "post",
        pk_of("allocation"),
        "",
        {
            "anonymous": 401,
            "cell_officer": 400,
            "lucknow_staff": 403,
            "varanasi_staff": 403,
            "principal_secretary": 403,
        },
    ),
    "v1:allocation-move": (
        "post",
        pk_of("allocation"),
        "",
        {
            "anonymous": 401,
            "cell_officer": 400,
            "lucknow_staff": 403,
            "varanasi_staff": 403,
            "principal_secretary": 403,
        },
    ),
    "v1:dailysale-detail": ("get", pk_of("daily_sale"), "", OWN),
}
