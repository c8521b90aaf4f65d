"""Claims built outside the per-test transaction, for tests that run on committed rows
(PostgreSQL races, the real worker): master data, users, a fair that is over, verified claims."""

import datetime
from decimal import Decimal

from accounts.models import User
from accounts.services import user_create
from claims.models import Claim
from claims.services import claim_create, claim_recommend, claim_submit, claim_verify
from districts.models import District
from districts.services import master_data_load, master_data_read
from events.models import Fair
from stalls.models import DailySale
from stalls.services import (
    allocation_create,
    allotment_set,
    nomination_approve,
    nomination_submit,
    stalls_create,
)
from tests import factories
from tests.claims.fixtures import attach_all, claim_values, rule


def world_build() -> dict:
    """Master data, two cell officers, Lucknow's staff and the scheme's rule version."""
    master_data_load(rows=master_data_read())
    lucknow = District.objects.get(name_en="Lucknow")
    password = "x" * 16
    officers = [
        user_create(username=f"officer-{n}", role=User.Role.CELL_OFFICER, password=password)
        for n in (1, 2)
    ]
    staff = user_create(
        username="lko-claims", role=User.Role.DISTRICT_STAFF, district=lucknow, password=password
    )
    rule()
    return {"officers": officers, "staff": staff, "lucknow": lucknow}


def verified_claims(world, count: int) -> list[Claim]:
    """``count`` verified claims of Lucknow's exhibitors at one fair that is over."""
    officer, staff, lucknow = world["officers"][0], world["staff"], world["lucknow"]
    fair = factories.fair(status=Fair.Status.ALLOCATION, location=Fair.Location.OTHER_STATE)
    space = factories.space(
        fair=fair, capacity_units=count, charge=Decimal(20000), charge_gst_percent=Decimal(18)
    )
    stalls = stalls_create(space=space, numbers=[f"C{n}" for n in range(count)], user=officer)
    allotment_set(space=space, district=lucknow, units=count, user=officer)
    places = []
    for n, stall in enumerate(stalls):
        exhibitor = factories.exhibitor(district=lucknow, mobile=f"94191{n:05d}")
        nomination = nomination_submit(space=space, exhibitor=exhibitor, user=staff)
        nomination = nomination_approve(nomination=nomination, user=officer)
        places.append(allocation_create(nomination=nomination, stall=stall, user=officer))
    Fair.objects.filter(pk=fair.pk).update(
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 2, 16),
        status=Fair.Status.CONCLUDED,
    )
    claims = []
    for place in places:
        DailySale.objects.create(
            allocation=place,
            district=lucknow,
            fair=fair,
            date=datetime.date(2026, 2, 1),
            amount=Decimal(9000),
            entered_by=staff,
        )
        claim = claim_create(claim=Claim(**claim_values(place)), user=staff)
        attach_all(claim, staff)
        claim = claim_recommend(claim=claim_submit(claim=claim, user=staff), user=staff)
        claims.append(claim_verify(claim=claim, user=officer))
    return claims
