"""Permission-matrix rows for review meetings, action points and reports
(tests/test_permissions.py). Meetings and reports are state-level: district staff get 404.
The Principal Secretary reads, and sees approved reports only; she never writes (403), and
the pages that only write (a meeting's create and edit pages) are 403 for her to read too."""

from tests.permissions.rows import ALL_405, LOGIN_REQUIRED, OWN_DISTRICT, pk_of, url

READERS = {**LOGIN_REQUIRED, "lucknow_staff": 404, "varanasi_staff": 404}
# POSTs without valid data: an officer is sent back (302), the reader refused (403).
OFFICER_POSTS = {**READERS, "cell_officer": 302, "principal_secretary": 403}
# The meeting's forms: an officer gets the page (and a POST without valid data its errors,
# 200); the Principal Secretary 403; district staff 404.
OFFICER_FORMS = {**READERS, "principal_secretary": 403}


def _read(name, args=None):
    return url(name, args, get=READERS, options=READERS)


ROWS = {
    **_read("reviews:meeting_list"),
    **url("reviews:meeting_create", get=OFFICER_FORMS, post=OFFICER_FORMS, options=READERS),
    # The action points added on the meeting's page are posted to it.
    **url(
        "reviews:meeting_detail",
        pk_of("meeting"),
        get=READERS,
        options=READERS,
        post=OFFICER_FORMS,
    ),
    **url(
        "reviews:meeting_edit",
        pk_of("meeting"),
        get=OFFICER_FORMS,
        post=OFFICER_FORMS,
        options=READERS,
    ),
    **url("reviews:report_request", pk_of("meeting"), post=OFFICER_POSTS, options=READERS),
    **_read("reviews:report_archive"),
    **_read("reviews:report_status", pk_of("approved_report")),
    **_read("reviews:report_download", pk_of("approved_report")),
    **url("reviews:report_approve", pk_of("approved_report"), post=OFFICER_POSTS, options=READERS),
    **url("reviews:action_point_list", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    # The view reads the point before it looks at the method: OPTIONS is 404 out of scope too.
    **url(
        "reviews:action_point_detail",
        pk_of("lucknow_point"),
        get=OWN_DISTRICT,
        # OPTIONS names the methods and reads no record, as on every page.
        options=LOGIN_REQUIRED,
        post={**OWN_DISTRICT, "principal_secretary": 403},
        put=ALL_405,
    ),
}

ADMIN_MODELS = {
    "reviews_meeting": ("meeting", "vac"),
    "reviews_actionpoint": ("lucknow_point", "vac"),
    "reviews_complianceupdate": ("compliance_update", "v"),
    "reviews_reportjob": ("approved_report", "v"),
}
