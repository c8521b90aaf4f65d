"""Permission-matrix rows for review meetings, action points and reports
(tests/test_permissions.py). Meetings and reports are state-level: district staff get 404.
The Principal Secretary reads, and sees approved reports only; she never writes (403)."""

from tests.conftest import PERSONAS

ALL_200 = dict.fromkeys(PERSONAS, 200)
READERS = {**ALL_200, "anonymous": 302, "lucknow_staff": 404, "varanasi_staff": 404}
# POSTs without valid data: an officer is sent back (302), the reader refused (403).
OFFICER_POSTS = {**READERS, "cell_officer": 302, "principal_secretary": 403}
OWN_DISTRICT = {**ALL_200, "anonymous": 302, "varanasi_staff": 404}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


ROWS = {
    "reviews:meeting_list": ("get", None, "", READERS),
    "reviews:meeting_detail": ("get", pk_of("meeting"), "", READERS),
    "reviews:report_request": ("post", pk_of("meeting"), "", OFFICER_POSTS),
    "reviews:report_archive": ("get", None, "", READERS),
    "reviews:report_status": ("get", pk_of("approved_report"), "", READERS),
    "reviews:report_download": ("get", pk_of("approved_report"), "", READERS),
    "reviews:report_approve": ("post", pk_of("approved_report"), "", OFFICER_POSTS),
    "reviews:action_point_list": ("get", None, "", {**ALL_200, "anonymous": 302}),
    "reviews:action_point_detail": ("get", pk_of("lucknow_point"), "", OWN_DISTRICT),
}

ADMIN_MODELS = {
    "reviews_meeting": ("meeting", "vac"),
    "reviews_actionpoint": ("lucknow_point", "vac"),
    "reviews_complianceupdate": ("compliance_update", "v"),
    "reviews_reportjob": ("approved_report", "v"),
}
