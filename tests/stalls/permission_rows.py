"""Permission-matrix rows for fairs, exhibitors, stalls and sales (tests/test_permissions.py)."""

from tests.conftest import PERSONAS

ALL_200 = dict.fromkeys(PERSONAS, 200)
LOGIN_REQUIRED = {**ALL_200, "anonymous": 302}
OWN_DISTRICT = {**LOGIN_REQUIRED, "varanasi_staff": 404}
DISTRICT_WRITERS = {**LOGIN_REQUIRED, "principal_secretary": 403}
STATEWIDE = {**LOGIN_REQUIRED, "lucknow_staff": 403, "varanasi_staff": 403}
OFFICERS = {**STATEWIDE, "principal_secretary": 403}


def pk_of(fixture):
    return lambda objs: [objs[fixture].pk]


ROWS = {
    "events:fair_list": ("get", None, "", LOGIN_REQUIRED),
    "events:fair_detail": ("get", pk_of("fair"), "", LOGIN_REQUIRED),
    "stalls:nominate": ("get", pk_of("fair"), "", DISTRICT_WRITERS),
    "stalls:board": ("get", pk_of("units_space_fair"), "", STATEWIDE),
    "stalls:allocate_stall": (
        "get",
        lambda objs: [objs["fair"].pk, objs["stall"].pk],
        "",
        OFFICERS,
    ),
    "stalls:allocate_area": (
        "get",
        lambda objs: [objs["fair"].pk, objs["area_space"].pk],
        "",
        OFFICERS,
    ),
    "stalls:allocation_move": (
        "get",
        lambda objs: [objs["allocation"].fair_id, objs["allocation"].pk],
        "",
        {**OFFICERS, "lucknow_staff": 403, "varanasi_staff": 403},
    ),
    "stalls:sales": ("get", pk_of("fair"), "", DISTRICT_WRITERS),
    "stalls:sales_template": ("get", pk_of("fair"), "", DISTRICT_WRITERS),
    "stalls:sales_upload": ("get", pk_of("fair"), "", DISTRICT_WRITERS),
    "stalls:export": ("get", pk_of("fair"), "", LOGIN_REQUIRED),
    "stalls:nomination_withdraw": (
        "get",
        pk_of("nomination"),
        "",
        {**OWN_DISTRICT, "principal_secretary": 403},
    ),
    "exhibitors:list": ("get", None, "", LOGIN_REQUIRED),
    "exhibitors:create": ("get", None, "", DISTRICT_WRITERS),
    "exhibitors:detail": ("get", pk_of("lucknow_exhibitor"), "", OWN_DISTRICT),
    "exhibitors:update": (
        "get",
        pk_of("lucknow_exhibitor"),
        "",
        {**OWN_DISTRICT, "principal_secretary": 403},
    ),
}

ADMIN_MODELS = {
    "events_fair": ("fair", "vacd"),
    "events_space": ("units_space", "vacd"),
    "events_activity": ("activity", "vacd"),
    "events_recipient": ("recipient", "vacd"),
    "exhibitors_exhibitor": ("lucknow_exhibitor", "vac"),
    "stalls_stall": ("stall", "vacd"),
    "stalls_allotment": ("allotment", "vacd"),
    "stalls_nomination": ("nomination", "vc"),
    "stalls_allocation": ("allocation", "vc"),
    "stalls_override": ("override", "v"),
    "stalls_dailysale": ("daily_sale", "vc"),
}
