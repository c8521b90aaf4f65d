"""Permission-matrix rows for fairs, exhibitors, stalls and sales (tests/test_permissions.py).

Form pages answer 405 to PUT (``core.views.FormPageMixin``): Django's FormView would take it as
a POST.
"""

from tests.permissions.rows import (
    ALL_200,
    ALL_405,
    LOGIN_REQUIRED,
    OWN_DISTRICT,
    Args,
    pk_of,
    pks_of,
    url,
)

DISTRICT_WRITERS = {**LOGIN_REQUIRED, "principal_secretary": 403}
STATEWIDE = {**LOGIN_REQUIRED, "lucknow_staff": 403, "varanasi_staff": 403}
OFFICERS = {**STATEWIDE, "principal_secretary": 403}
DISTRICT_STAFF_ONLY = {**DISTRICT_WRITERS, "cell_officer": 403}
FORM_PAGE_MIXIN = ALL_405
PUBLIC = ALL_200

ROWS = {
    **url("events:fair_list", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("events:fair_detail", pk_of("fair"), get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url(
        "stalls:nominate",
        pk_of("fair"),
        get=DISTRICT_WRITERS,
        options=DISTRICT_WRITERS,
        post=DISTRICT_WRITERS,
        put=FORM_PAGE_MIXIN,
    ),
    **url("events:board", pk_of("units_space_fair"), get=STATEWIDE, options=STATEWIDE),
    # Any district may ask for more of a fair's space; the cell decides in the admin. An
    # empty request is refused at its fields (200).
    **url(
        "stalls:allotment_request",
        pks_of("fair", "units_space"),
        get=DISTRICT_STAFF_ONLY,
        options=DISTRICT_STAFF_ONLY,
        post=DISTRICT_STAFF_ONLY,
        put=FORM_PAGE_MIXIN,
    ),
    **url(
        "stalls:allocate_stall",
        pks_of("fair", "stall"),
        get=OFFICERS,
        options=OFFICERS,
        post=OFFICERS,
        put=FORM_PAGE_MIXIN,
    ),
    **url(
        "stalls:allocate_area",
        pks_of("fair", "area_space"),
        get=OFFICERS,
        options=OFFICERS,
        post=OFFICERS,
        put=FORM_PAGE_MIXIN,
    ),
    **url(
        "stalls:allocation_move",
        Args(("allocation",), lambda objs: [objs["allocation"].fair_id, objs["allocation"].pk]),
        get=OFFICERS,
        options=OFFICERS,
        post=OFFICERS,
        put=FORM_PAGE_MIXIN,
    ),
    # An empty sales sheet is refused as a whole (400).
    **url(
        "stalls:sales",
        pk_of("fair"),
        get=DISTRICT_WRITERS,
        options=DISTRICT_WRITERS,
        post={**DISTRICT_WRITERS, "cell_officer": 400, "lucknow_staff": 400, "varanasi_staff": 400},
    ),
    **url("stalls:sales_template", pk_of("fair"), get=DISTRICT_WRITERS, options=DISTRICT_WRITERS),
    **url(
        "stalls:sales_upload",
        pk_of("fair"),
        get=DISTRICT_WRITERS,
        options=DISTRICT_WRITERS,
        post=DISTRICT_WRITERS,
    ),
    **url("stalls:export", pk_of("fair"), get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url(
        "stalls:nomination_withdraw",
        pk_of("nomination"),
        get={**OWN_DISTRICT, "principal_secretary": 403},
        options={**LOGIN_REQUIRED, "principal_secretary": 403},
        # The reason is optional: the officer withdraws it (302); for Lucknow's staff it is
        # then withdrawn already, and the form says so (200).
        post={**OWN_DISTRICT, "cell_officer": 302, "principal_secretary": 403},
        put=FORM_PAGE_MIXIN,
    ),
    # District staff answer their district's offers; the cell may answer for them. An
    # empty answer is refused at its field (200).
    **url(
        "stalls:offer",
        pk_of("offer"),
        get={**OWN_DISTRICT, "principal_secretary": 403},
        options={**LOGIN_REQUIRED, "principal_secretary": 403},
        post={**OWN_DISTRICT, "principal_secretary": 403},
        put=FORM_PAGE_MIXIN,
    ),
    # Draws of lots are public: no sign-in, nothing personal (tests/stalls/test_draw_pages.py).
    **url("draws:list", get=PUBLIC, options=PUBLIC),
    **url("draws:detail", pk_of("draw"), get=PUBLIC, options=PUBLIC),
    **url(
        "draws:data",
        pk_of("draw"),
        get=PUBLIC,
        options=PUBLIC,
        post=ALL_405,
        put=ALL_405,
        patch=ALL_405,
        delete=ALL_405,
    ),
    **url("exhibitors:list", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url(
        "exhibitors:create",
        get=DISTRICT_WRITERS,
        options=DISTRICT_WRITERS,
        post=DISTRICT_WRITERS,
        put=ALL_405,
    ),
    **url(
        "exhibitors:detail",
        pk_of("lucknow_exhibitor"),
        get=OWN_DISTRICT,
        options=LOGIN_REQUIRED,
    ),
    # Priority categories with evidence: the district's staff and the cell record them.
    **url(
        "exhibitors:priority",
        pk_of("lucknow_exhibitor"),
        get={**OWN_DISTRICT, "principal_secretary": 403},
        options={**LOGIN_REQUIRED, "principal_secretary": 403},
        post={**OWN_DISTRICT, "principal_secretary": 403},
        put=ALL_405,
    ),
    **url(
        "exhibitors:update",
        pk_of("lucknow_exhibitor"),
        get={**OWN_DISTRICT, "principal_secretary": 403},
        options={**LOGIN_REQUIRED, "principal_secretary": 403},
        post={**OWN_DISTRICT, "principal_secretary": 403},
        put=ALL_405,
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
    "stalls_allotmentrequest": ("allotment_request", "v"),
    "stalls_draw": ("draw", "vac"),
    "stalls_allocationrulechange": ("rule_change", "v"),
    "stalls_offer": ("offer", "v"),
    "stalls_nomination": ("nomination", "vcs"),
    "stalls_allocation": ("allocation", "vcs"),
    "stalls_override": ("override", "v"),
    "stalls_dailysale": ("daily_sale", "vcs"),
}
