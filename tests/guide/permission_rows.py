"""Permission-matrix rows for the public fair guide (tests/test_permissions.py): every page
answers everyone, signed in or not; the fair is taking nominations (public)."""

from tests.permissions.rows import ALL_200, LOGIN_REQUIRED, Args, pk_of, url

STALL = Args(("fair", "stall"), lambda objects: [objects["fair"].pk, objects["stall"].pk])

ROWS = {
    **url("guide:fair_list", get=ALL_200, options=ALL_200),
    **url("guide:fair", pk_of("fair"), get=ALL_200, options=ALL_200),
    **url("guide:map", pk_of("fair"), get=ALL_200, options=ALL_200),
    **url("guide:stall", STALL, get=ALL_200, options=ALL_200),
    **url("guide:poster", STALL, get=ALL_200, options=ALL_200),
}

ROWS |= {
    **url("open_data:index", get=ALL_200, options=ALL_200),
    **url("open_data:csv", Args((), lambda objects: ["sales"]), get=ALL_200, options=ALL_200),
    **url("open_data:json", Args((), lambda objects: ["sales"]), get=ALL_200, options=ALL_200),
}


def _calendar_token(objects):
    from dashboard.calendars import calendar_token

    return [calendar_token(objects["cell_officer"])]


ROWS |= {
    **url("calendar:page", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("calendar:public", get=ALL_200, options=ALL_200),
    # The feed's link is its key: whoever holds it reads it (a calendar cannot sign in).
    **url(
        "calendar:private",
        Args(("cell_officer",), _calendar_token),
        get=ALL_200,
        options=ALL_200,
    ),
}
