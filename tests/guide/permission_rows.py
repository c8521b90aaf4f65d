"""Permission-matrix rows for the public fair guide (tests/test_permissions.py): every page
answers everyone, signed in or not; the fair is taking nominations (public)."""

from tests.permissions.rows import ALL_200, Args, pk_of, url

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
