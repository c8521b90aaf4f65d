"""Permission-matrix rows for letters, passes and the gate (tests/test_permissions.py).

The verification page is public: anyone with the letter's QR code reads what it proves. The
check-in page is the cell's; letters are printed by the district (its own places) and the
cell; a print job is its requester's (and the cell's). The place and the job belong to Lucknow.
"""

from tests.permissions.rows import ALL_200, ALL_405, LOGIN_REQUIRED, Args, pk_of, url

OFFICERS = {
    **LOGIN_REQUIRED,
    "lucknow_staff": 403,
    "varanasi_staff": 403,
    "principal_secretary": 403,
}
PRINTERS = {**LOGIN_REQUIRED, "principal_secretary": 403}
REQUESTED = {**PRINTERS, "lucknow_staff": 302, "varanasi_staff": 302, "cell_officer": 302}
OWN_JOB = {**PRINTERS, "varanasi_staff": 404}


def _token(objects):
    from passes.services import signed

    return [signed(objects["credential"].code)]


ROWS = {
    **url("passes:verify", Args(("credential",), _token), get=ALL_200, options=ALL_200),
    **url(
        "passes:check_in",
        pk_of("fair"),
        get=OFFICERS,
        options=OFFICERS,
        post=OFFICERS,
        put=ALL_405,
    ),
    **url(
        "passes:letters",
        Args(("allocation",), lambda objects: [objects["allocation"].fair_id]),
        get=PRINTERS,
        options=PRINTERS,
        post=REQUESTED,
        put=ALL_405,
    ),
    **url("passes:job", pk_of("print_job"), get=OWN_JOB, options=PRINTERS),
    # Lucknow's recipient of an award given on the fair's first day, still to come: the
    # other district's staff get 404; everyone else is sent back to the fair's page (302).
    **url(
        "passes:certificate",
        pk_of("recipient"),
        get={
            **LOGIN_REQUIRED,
            "cell_officer": 302,
            "lucknow_staff": 302,
            "principal_secretary": 302,
            "varanasi_staff": 404,
        },
        options=LOGIN_REQUIRED,
    ),
    **url("passes:job_download", pk_of("print_job"), get=OWN_JOB, options=PRINTERS),
}

ADMIN_MODELS = {
    "passes_credential": ("credential", "v"),
    "passes_attendance": ("attendance", "v"),
    "passes_certificate": ("certificate", "v"),
    "passes_printjob": ("print_job", "v"),
}
