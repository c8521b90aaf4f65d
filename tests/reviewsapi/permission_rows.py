"""Permission-matrix rows for the review meetings API (tests/test_permissions.py).

Meetings and report jobs are state-level: district staff get 404, as on the pages. Action
points and their compliance updates belong to Lucknow here: Varanasi's staff get 404. The
Principal Secretary reads (approved reports only) and writes nothing (403). Workflow actions
are POSTed with an empty body, so whoever may act gets 400 (a field is required); approving
the fixture's report, approved already, answers 409.
"""

from tests.conftest import PERSONAS

ALL_200 = {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}
STATE_LEVEL = {**ALL_200, "lucknow_staff": 404, "varanasi_staff": 404}
OWN = {**ALL_200, "varanasi_staff": 404}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


ROWS = {
    "v1:meeting-list": ("get", None, "", STATE_LEVEL),
    "v1:meeting-detail": ("get", pk_of("meeting"), "", STATE_LEVEL),
    "v1:meeting-reports": (
        "post",
        pk_of("meeting"),
        "",
        {**STATE_LEVEL, "cell_officer": 400, "principal_secretary": 403},
    ),
    "v1:actionpoint-list": ("get", None, "", ALL_200),
    "v1:actionpoint-detail": ("get", pk_of("lucknow_point"), "", OWN),
    "v1:actionpoint-updates": (
        "post",
        pk_of("lucknow_point"),
        "",
        {**OWN, "cell_officer": 400, "lucknow_staff": 400, "principal_secretary": 403},
    ),
    "v1:complianceupdate-list": ("get", None, "", ALL_200),
    "v1:complianceupdate-detail": ("get", pk_of("compliance_update"), "", OWN),
    "v1:reportjob-list": ("get", None, "", STATE_LEVEL),
    "v1:reportjob-detail": ("get", pk_of("approved_report"), "", STATE_LEVEL),
    "v1:reportjob-download": ("get", pk_of("approved_report"), "", STATE_LEVEL),
    "v1:reportjob-approve": (
        "post",
        pk_of("approved_report"),
        "",
        {**STATE_LEVEL, "cell_officer": 409, "principal_secretary": 403},
    ),
}
