"""Permission-matrix rows for the whole API (tests/test_permissions.py): every route, every
method it answers, for every role.

The API answers 401 without a session or token, 403 without the model permission, 404 for a
record outside the user's scope, and 405 to a signed-in user for a method the route does not
offer. Objects belong to Lucknow: ``varanasi_staff`` is the "other district" case. Writes are
sent as JSON with an empty body, so whoever may write gets 400 (a field is required), PATCH
changes nothing (200). OPTIONS reads the route's description: it needs the view permission
but looks up no record, so the other district gets 200 on a detail route too.

Cell officers keep the MoU pipeline, the Principal Secretary reads it, district staff have no
access (403), as on the pages. Meetings and report jobs are state-level: district staff get
404 there, as on the pages; the Principal Secretary reads (approved reports only) and writes
nothing (403). Notices are each user's own: the notice belongs to Lucknow's staff.
"""

from tests.conftest import PERSONAS
from tests.permissions.methods import METHODS
from tests.permissions.rows import pk_of, url

ALL_200 = {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}
OWN = {**ALL_200, "varanasi_staff": 404}
ALL_403 = {**dict.fromkeys(PERSONAS, 403), "anonymous": 401}
STATEWIDE_READ = {**ALL_200, "lucknow_staff": 403, "varanasi_staff": 403}
NOT_OFFERED = {**dict.fromkeys(PERSONAS, 405), "anonymous": 401}
# State-wide records only the officers write.
OFFICER_WRITES = {**ALL_403, "cell_officer": 200}
OFFICER_WRITES_EMPTY = {**ALL_403, "cell_officer": 400}
# District records: the officer and the district's staff write, the other district's staff
# write their own (a list route has no record to hide).
DISTRICT_WRITES_EMPTY = {**dict.fromkeys(PERSONAS, 400), "anonymous": 401}
DISTRICT_WRITES_EMPTY["principal_secretary"] = 403
MOU_READERS = {
    "anonymous": 401,
    "cell_officer": 200,
    "lucknow_staff": 403,
    "varanasi_staff": 403,
    "principal_secretary": 200,
}
MOU_WRITES = {**MOU_READERS, "principal_secretary": 403}
MOU_WRITES_EMPTY = {**MOU_WRITES, "cell_officer": 400}
OWN_NOTICE = {**dict.fromkeys(PERSONAS, 404), "anonymous": 401, "lucknow_staff": 200}
STATE_LEVEL = {**ALL_200, "lucknow_staff": 404, "varanasi_staff": 404}
STATE_LEVEL_WRITES = {**STATE_LEVEL, "principal_secretary": 403}
STATE_LEVEL_WRITES_EMPTY = {**STATE_LEVEL_WRITES, "cell_officer": 400}
OFFER_ANSWERS = {
    **ALL_200,
    "lucknow_staff": 409,
    "varanasi_staff": 404,
    "principal_secretary": 403,
}
ANY_METHOD = [method for method in METHODS if method != "head"]


def _records(basename, fixture, *, read=ALL_200, own=None, create=None, change=None):
    """The list and detail routes of a viewset: ``create`` is the POST on the list (None if
    the viewset does not create), ``change`` the PUT and PATCH on the detail (empty body)."""
    detail = {"get": own or read, "options": read}
    if change is not None:
        put, patch = change
        detail |= {"put": put, "patch": patch}
    listing = {"get": read, "options": read}
    if create is not None:
        listing["post"] = create
    return {
        **url(f"v1:{basename}-list", **listing),
        **url(f"v1:{basename}-detail", pk_of(fixture), **detail),
    }


def _action(name, fixture, post, options=ALL_200):
    return url(name, pk_of(fixture) if fixture else None, post=post, options=options)


OFFICER_RECORD = {"create": OFFICER_WRITES_EMPTY, "change": (OFFICER_WRITES_EMPTY, OFFICER_WRITES)}
MOU_RECORD = {
    "read": MOU_READERS,
    "create": MOU_WRITES_EMPTY,
    "change": (MOU_WRITES_EMPTY, MOU_WRITES),
}

ACCOUNTS = {
    **url(
        "v1:auth-token",
        get=dict.fromkeys(PERSONAS, 405),
        options=dict.fromkeys(PERSONAS, 200),
        post=dict.fromkeys(PERSONAS, 400),
        # A session is no token to revoke.
        delete=dict.fromkeys(PERSONAS, 401),
    ),
    **url("v1:auth-me", get=ALL_200, options=ALL_200),
    **url("api-schema", get=dict.fromkeys(PERSONAS, 200), options=dict.fromkeys(PERSONAS, 200)),
    **url(
        "api-docs",
        get=dict.fromkeys(PERSONAS, 200),
        # Its only renderer is a template one, with no template for OPTIONS' description (a
        # 500): ``metadata_class=None`` in odop_portal/api_urls.py makes it 405.
        options=dict.fromkeys(PERSONAS, 405),
    ),
}

DISTRICTS = {
    **_records("division", "division"),
    **_records("district", "lucknow", own=OWN),
    **_records("product", "product", own=OWN),
}

EVENTS = {
    **_records("fair", "fair", **OFFICER_RECORD),
    **_action("v1:fair-status", "fair", OFFICER_WRITES_EMPTY),
    **_records("space", "units_space", **OFFICER_RECORD),
    **_records("activity", "activity", **OFFICER_RECORD),
    **_records("recipient", "recipient", own=OWN, create=OFFICER_WRITES_EMPTY),
}

EXHIBITORS = _records(
    "exhibitor",
    "lucknow_exhibitor",
    own=OWN,
    create=DISTRICT_WRITES_EMPTY,
    change=(
        {**DISTRICT_WRITES_EMPTY, "varanasi_staff": 404},
        {**OWN, "principal_secretary": 403},
    ),
)

STALLS = {
    **_records("stall", "stall", create=OFFICER_WRITES_EMPTY),
    **_records("allotment", "allotment", own=OWN, create=OFFICER_WRITES_EMPTY),
    # District staff ask for their own district; the cell decides.
    **_records(
        "allotmentrequest",
        "allotment_request",
        own=OWN,
        create={**DISTRICT_WRITES_EMPTY, "cell_officer": 403},
    ),
    # District staff hold no right to decide: the request is out of their scope for it (404).
    **_action(
        "v1:allotmentrequest-grant",
        "allotment_request",
        {**OFFICER_WRITES, "lucknow_staff": 404, "varanasi_staff": 404},
    ),
    **_action(
        "v1:allotmentrequest-refuse",
        "allotment_request",
        {**OFFICER_WRITES_EMPTY, "lucknow_staff": 404, "varanasi_staff": 404},
    ),
    # Rules and draws are the cell's; draws are public, so every role reads them (their
    # pages need no sign-in); the rules' changes are state-level records.
    **_records("allocationrule", "rule_change", read=STATEWIDE_READ, create=OFFICER_WRITES_EMPTY),
    **_records("draw", "draw", create=OFFICER_WRITES_EMPTY),
    **_action("v1:draw-draw", "draw", OFFICER_WRITES_EMPTY),
    **_records("nomination", "nomination", own=OWN, create=DISTRICT_WRITES_EMPTY),
    # The district answers its own offers (or the cell for it); the Principal Secretary reads.
    # The officer answers first; for Lucknow's staff the offer has then ended (409).
    **_records("offer", "offer", own=OWN),
    **_action("v1:offer-accept", "offer", OFFER_ANSWERS),
    **_action("v1:offer-decline", "offer", OFFER_ANSWERS),
    **_action("v1:nomination-approve", "nomination", {**OFFICER_WRITES, "varanasi_staff": 404}),
    **_action(
        "v1:nomination-reject", "nomination", {**OFFICER_WRITES_EMPTY, "varanasi_staff": 404}
    ),
    # The officer withdraws it; for Lucknow's staff it is then no longer active.
    **_action(
        "v1:nomination-withdraw",
        "nomination",
        {**OFFICER_WRITES, "lucknow_staff": 409, "varanasi_staff": 404},
    ),
    **_records("allocation", "allocation", own=OWN, create=OFFICER_WRITES_EMPTY),
    **_action("v1:allocation-cancel", "allocation", OFFICER_WRITES_EMPTY),
    **_action("v1:allocation-move", "allocation", OFFICER_WRITES_EMPTY),
    **_records("dailysale", "daily_sale", own=OWN, create=DISTRICT_WRITES_EMPTY),
    **url("v1:fair-coverage", pk_of("fair"), get=ALL_200, options=ALL_200),
}

PARTNERS_AND_MOUS = {
    **_records("partner", "mou_partner", **MOU_RECORD),
    **_records("contactperson", "partner_contact", **MOU_RECORD),
    **_records("mou", "mou", **MOU_RECORD),
    **_action("v1:mou-move-stage", "mou", MOU_WRITES_EMPTY, MOU_READERS),
    **_action("v1:mou-note", "mou", MOU_WRITES_EMPTY, MOU_READERS),
    **_records("moustagechange", "mou_stage_change", read=MOU_READERS),
    **_records("deliverable", "mou_deliverable", **MOU_RECORD),
    **_records("progressentry", "mou_progress_entry", read=MOU_READERS, create=MOU_WRITES_EMPTY),
    # A document is uploaded as multipart: a JSON body is 415.
    **_records(
        "moudocument",
        "mou_document",
        read=MOU_READERS,
        create={**MOU_WRITES, "cell_officer": 415},
    ),
    **url("v1:moudocument-download", pk_of("mou_document"), get=MOU_READERS, options=MOU_READERS),
}

NOTICES = {
    **_records("notice", "notice", own=OWN_NOTICE),
    **_action("v1:notice-read", "notice", OWN_NOTICE),
    **_action("v1:notice-read-all", None, ALL_200),
}

REVIEWS = {
    **_records(
        "meeting",
        "meeting",
        read=STATE_LEVEL,
        create=STATE_LEVEL_WRITES_EMPTY,
        change=(STATE_LEVEL_WRITES_EMPTY, STATE_LEVEL_WRITES),
    ),
    **_action("v1:meeting-reports", "meeting", STATE_LEVEL_WRITES_EMPTY, STATE_LEVEL),
    **_records("actionpoint", "lucknow_point", own=OWN, **OFFICER_RECORD),
    **_action(
        "v1:actionpoint-updates",
        "lucknow_point",
        {**OWN, "cell_officer": 400, "lucknow_staff": 400, "principal_secretary": 403},
    ),
    **_records("complianceupdate", "compliance_update", own=OWN),
    **_records("reportjob", "approved_report", read=STATE_LEVEL),
    **url("v1:reportjob-download", pk_of("approved_report"), get=STATE_LEVEL, options=STATE_LEVEL),
    # The fixture's report is approved already: 409.
    **_action(
        "v1:reportjob-approve",
        "approved_report",
        {**STATE_LEVEL_WRITES, "cell_officer": 409},
        STATE_LEVEL,
    ),
}

# Claims are the district's: its staff create and correct them and take its steps (a draft
# without documents cannot be submitted: 400; a step out of order: 409); the cell verifies,
# sanctions and pays; the Principal Secretary reads. A step's own permission is its
# service's (403); a step that needs a reason or a reference refuses an empty body (400)
# before that. Sanctions and budgets are the cell's; rule versions every role reads.
CLAIM_WRITERS = {**DISTRICT_WRITES_EMPTY, "cell_officer": 403}
CLAIM_STEP = {**ALL_403, "varanasi_staff": 404}
CLAIM_FORM_STEP = {**dict.fromkeys(PERSONAS, 400), "anonymous": 401, "varanasi_staff": 404}
CLAIMS = {
    **_records(
        "claim",
        "claim_draft",
        own=OWN,
        create=CLAIM_WRITERS,
        change=(NOT_OFFERED, {**CLAIM_STEP, "lucknow_staff": 200}),
    ),
    **_action("v1:claim-submit", "claim_draft", {**CLAIM_STEP, "lucknow_staff": 400}),
    **_action("v1:claim-recommend", "claim_draft", {**CLAIM_STEP, "lucknow_staff": 409}),
    **_action("v1:claim-verify", "claim_draft", {**CLAIM_STEP, "cell_officer": 409}),
    **_action("v1:claim-return", "claim_draft", CLAIM_FORM_STEP),
    **_action("v1:claim-reject", "claim_draft", CLAIM_FORM_STEP),
    **_action("v1:claim-pay", "claim_draft", CLAIM_FORM_STEP),
    **_records("sanction", "sanction", read=STATEWIDE_READ, create=OFFICER_WRITES_EMPTY),
    **_records("schemerule", "mda_rule"),
    **_records("budget", "mda_budget", read=STATEWIDE_READ),
}

ROWS = {
    **ACCOUNTS,
    **CLAIMS,
    **DISTRICTS,
    **EVENTS,
    **EXHIBITORS,
    **STALLS,
    **PARTNERS_AND_MOUS,
    **NOTICES,
    **REVIEWS,
    # Anything else under /api/ is the JSON 404, whatever the method.
    **url("api-not-found", **dict.fromkeys(ANY_METHOD, dict.fromkeys(PERSONAS, 404))),
}
