"""Permission-matrix rows for the partners, MoU and notices API (tests/test_permissions.py).

Cell officers keep the MoU pipeline, the Principal Secretary reads it, district staff have no
access (403), as on the pages. Workflow actions are POSTed with an empty body, so an officer
gets 400 (a note is required). Notices are each user's own: the notice belongs to Lucknow's
staff, and everyone else gets 404.
"""

from tests.conftest import PERSONAS

READERS = {
    "anonymous": 401,
    "cell_officer": 200,
    "lucknow_staff": 403,
    "varanasi_staff": 403,
    "principal_secretary": 200,
}
WRITERS_EMPTY_BODY = {**READERS, "cell_officer": 400, "principal_secretary": 403}
OWN_NOTICE = {**dict.fromkeys(PERSONAS, 404), "anonymous": 401, "lucknow_staff": 200}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


ROWS = {
    "v1:partner-list": ("get", None, "", READERS),
    "v1:partner-detail": ("get", pk_of("mou_partner"), "", READERS),
    "v1:contactperson-list": ("get", None, "", READERS),
    "v1:contactperson-detail": ("get", pk_of("partner_contact"), "", READERS),
    "v1:mou-list": ("get", None, "", READERS),
    "v1:mou-detail": ("get", pk_of("mou"), "", READERS),
    "v1:mou-move-stage": ("post", pk_of("mou"), "", WRITERS_EMPTY_BODY),
    "v1:mou-note": ("post", pk_of("mou"), "", WRITERS_EMPTY_BODY),
    "v1:moustagechange-list": ("get", None, "", READERS),
    "v1:moustagechange-detail": ("get", pk_of("mou_stage_change"), "", READERS),
    "v1:deliverable-list": ("get", None, "", READERS),
    "v1:deliverable-detail": ("get", pk_of("mou_deliverable"), "", READERS),
    "v1:progressentry-list": ("get", None, "", READERS),
    "v1:progressentry-detail": ("get", pk_of("mou_progress_entry"), "", READERS),
    "v1:moudocument-list": ("get", None, "", READERS),
    "v1:moudocument-detail": ("get", pk_of("mou_document"), "", READERS),
    "v1:moudocument-download": ("get", pk_of("mou_document"), "", READERS),
    "v1:notice-list": ("get", None, "", EVERYONE),
    "v1:notice-detail": ("get", pk_of("notice"), "", OWN_NOTICE),
    "v1:notice-read": ("post", pk_of("notice"), "", OWN_NOTICE),
    "v1:notice-read-all": ("post", None, "", EVERYONE),
}
