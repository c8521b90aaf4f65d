"""Permission-matrix rows for the MoU pages (see tests/test_permissions.py)."""

from tests.conftest import PERSONAS

ALL_302 = dict.fromkeys(PERSONAS, 302)
MOU_READERS = {
    "anonymous": 302,
    "cell_officer": 200,
    "lucknow_staff": 403,
    "varanasi_staff": 403,
    "principal_secretary": 200,
}
MOU_WRITERS = {**MOU_READERS, "principal_secretary": 403}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


ROWS = {
    "mous:list": ("get", None, "", MOU_READERS),
    "mous:detail": ("get", pk_of("mou"), "", MOU_READERS),
    "mous:stage_move": ("get", pk_of("mou"), "", MOU_WRITERS),
    "mous:document_download": ("get", pk_of("mou_document"), "", MOU_READERS),
}

ADMIN_MODELS = {
    "mous_mou": ("mou", "vac"),
    "mous_moustagechange": ("mou_stage_change", "v"),
    "mous_deliverable": ("mou_deliverable", "vacd"),
    "mous_moudocument": ("mou_document", "vad"),
    "mous_moureminder": ("mou_reminder", "v"),
}
