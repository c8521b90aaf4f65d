"""Permission-matrix rows for the MoU pages (see tests/test_permissions.py)."""

from tests.api import permission_rows as api
from tests.permissions.rows import ALL_405, pk_of, url

MOU_READERS = {
    "anonymous": 302,
    "cell_officer": 200,
    "lucknow_staff": 403,
    "varanasi_staff": 403,
    "principal_secretary": 200,
}
MOU_WRITERS = {**MOU_READERS, "principal_secretary": 403}

ROWS = {
    **url("mous:list", get=MOU_READERS, options=MOU_READERS),
    **url("mous:detail", pk_of("mou"), get=MOU_READERS, options=MOU_READERS),
    **url(
        "mous:stage_move",
        pk_of("mou"),
        get=MOU_WRITERS,
        options=MOU_WRITERS,
        post=MOU_WRITERS,
        put=ALL_405,
    ),
    **url("mous:document_download", pk_of("mou_document"), get=MOU_READERS, options=MOU_READERS),
    # Correcting a progress entry: the cell officers alone (an empty form is shown again, 200).
    **url(
        "mous:progress_correct",
        pk_of("mou_progress_entry"),
        get=MOU_WRITERS,
        options=MOU_WRITERS,
        post=MOU_WRITERS,
        put=ALL_405,
    ),
    # Its API twin (the rest of the API's rows are in tests/api/permission_rows.py): an empty
    # body is 400 for the officer; the Principal Secretary reads the route's description.
    **url(
        "v1:progressentry-correct",
        pk_of("mou_progress_entry"),
        post=api.MOU_WRITES_EMPTY,
        options=api.MOU_READERS,
    ),
}

ADMIN_MODELS = {
    "mous_mou": ("mou", "vac"),
    "mous_moustagechange": ("mou_stage_change", "v"),
    "mous_deliverable": ("mou_deliverable", "vacd"),
    "mous_moudocument": ("mou_document", "vad"),
    "mous_moureminder": ("mou_reminder", "v"),
}
