"""Permission-matrix rows for MDA claims (tests/test_permissions.py).

The claim, its document and its sanction belong to Lucknow. District staff draft, correct,
document and submit their own district's claims (the other district's answer 404); the cell
verifies, sanctions and pays; the Principal Secretary reads claims, budgets and sanctions but
not the claimants' documents. A step the user may not take is 403 from the service; a step
refused for the claim's state comes back to its page with the reason (302). The posted-only
pages answer 405 to any other method before anything else (``core.views.FormPageMixin``).
"""

from tests.permissions.rows import (
    ALL_405,
    LOGIN_REQUIRED,
    OWN_DISTRICT,
    Args,
    pk_of,
    url,
)

STATEWIDE = {**LOGIN_REQUIRED, "lucknow_staff": 403, "varanasi_staff": 403}
OFFICERS = {**STATEWIDE, "principal_secretary": 403}
DISTRICT_STAFF = {**LOGIN_REQUIRED, "cell_officer": 403, "principal_secretary": 403}
OWN_STAFF = {**DISTRICT_STAFF, "varanasi_staff": 404}
DOCUMENT_READERS = {**OWN_DISTRICT, "principal_secretary": 403}
SUBMIT = {**OWN_STAFF, "lucknow_staff": 302}
ORDER_RETRY = {**STATEWIDE, "cell_officer": 302, "principal_secretary": 403}

ROWS = {
    **url("claims:list", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("claims:export", get=LOGIN_REQUIRED, options=LOGIN_REQUIRED),
    **url("claims:budget", get=STATEWIDE, options=STATEWIDE),
    **url("claims:sanction_export", get=STATEWIDE, options=STATEWIDE),
    **url(
        "claims:create",
        get=DISTRICT_STAFF,
        options=DISTRICT_STAFF,
        post=DISTRICT_STAFF,
        put=ALL_405,
    ),
    **url(
        "claims:sanction_create",
        get=OFFICERS,
        options=OFFICERS,
        post=OFFICERS,
        put=ALL_405,
    ),
    **url("claims:detail", pk_of("claim_draft"), get=OWN_DISTRICT, options=LOGIN_REQUIRED),
    **url(
        "claims:update",
        pk_of("claim_draft"),
        get=OWN_STAFF,
        options=DISTRICT_STAFF,
        post=OWN_STAFF,
        put=ALL_405,
    ),
    **url(
        "claims:documents",
        pk_of("claim_draft"),
        get=ALL_405,
        options={**DISTRICT_STAFF, "cell_officer": 403},
        post={**OWN_STAFF, "lucknow_staff": 302},
        put=ALL_405,
    ),
    **url(
        "claims:step",
        Args(("claim_draft",), lambda objs: [objs["claim_draft"].pk, "submit"]),
        get=ALL_405,
        options=LOGIN_REQUIRED,
        post=SUBMIT,
        put=ALL_405,
    ),
    **url(
        "claims:document",
        pk_of("claim_document"),
        get=DOCUMENT_READERS,
        options={**LOGIN_REQUIRED, "principal_secretary": 403},
    ),
    **url("claims:sanction", pk_of("sanction"), get=STATEWIDE, options=STATEWIDE),
    **url(
        "claims:order",
        pk_of("sanction_order"),
        get=STATEWIDE,
        options=STATEWIDE,
        post=ORDER_RETRY,
        put=ALL_405,
    ),
}

ADMIN_MODELS = {
    "claims_schemerule": ("mda_rule", "vac"),
    "claims_budget": ("mda_budget", "vac"),
    "claims_claim": ("claim_draft", "v"),
    "claims_sanction": ("sanction", "v"),
    "claims_sanctionorder": ("sanction_order", "v"),
}
