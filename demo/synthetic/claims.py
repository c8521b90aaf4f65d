"""Synthetic claims for Marketing Development Assistance.

The scheme's rule versions (demo/claims.py's), the stall charge of every space, a budget for
each financial year, and for the fairs that are over about a fifth of their places claimed:
each claim at a step its age makes likely, with every step it took, its amounts as the rule
version in force admits them (claims/services/rules.py), the sanctioned ones sanctioned fair by
fair against the year's budget after the fair, and most of them paid. No exhibitor is assisted
twice within the rule's gap, as the submit step's eligibility check requires.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal

from django.utils import timezone

from claims.models import (
    Budget,
    Claim,
    ClaimEvent,
    ClaimStatus,
    ClaimStep,
    Sanction,
    SchemeRule,
    financial_year_label,
    financial_year_of,
)
from claims.models.claims import TRANSITIONS
from claims.services.rules import claim_compute, payable_of
from demo.claims import _rules
from demo.synthetic.bulk import _bulk
from events.models import Fair, Space
from stalls.models import Allocation

S, Step = ClaimStatus, ClaimStep
CLAIMED = (0.12, 0.32)  # a fair's share of places claimed, uniform: about 22 % in all
CHARGE, GST = Decimal(30000), Decimal(18)  # ₹35,400 a stall with GST
OTHER_STATE = ["New Delhi", "Mumbai"]
# The statuses claims reach and how often: half a year after its fair a claim is mostly settled.
STATUSES = [S.PAID, S.SANCTIONED, S.VERIFIED, S.RECOMMENDED, S.SUBMITTED, S.RETURNED, S.REJECTED]
STATUSES += [S.DRAFT]
SETTLED = [76, 4, 3, 2, 2, 3, 7, 3]
RECENT = [25, 15, 15, 12, 12, 6, 5, 10]
FORWARD = [Step.CREATE, Step.SUBMIT, Step.RECOMMEND, Step.VERIFY, Step.SANCTION, Step.PAY]
REACHED = {S.DRAFT: 1, S.SUBMITTED: 2, S.RECOMMENDED: 3, S.VERIFIED: 4, S.SANCTIONED: 5, S.PAID: 6}
# Days from the step before (from the fair's last day for the first).
GAPS = {
    Step.CREATE: (3, 25),
    Step.SUBMIT: (1, 10),
    Step.RECOMMEND: (2, 12),
    Step.VERIFY: (3, 20),
    Step.RETURN: (2, 10),
    Step.EDIT: (2, 10),
    Step.REJECT: (3, 20),
    Step.SANCTION: (5, 30),
    Step.PAY: (7, 45),
}
REASONS = {
    Step.RECOMMEND: "Checked against the originals at the DIC.",
    Step.RETURN: "The freight invoice is not legible; attach a clear copy.",
    Step.REJECT: "The unit was paid assistance for the same fair under another scheme.",
}
CORRECTION = "The freight invoice covers two consignments; one was for another fair."
IFSC = ["SBIN0001234", "PUNB0123400", "BKID0004512", "UBIN0531111", "BARB0LUCKNO"]
MODES = [Claim.TravelMode.TRAIN_3AC, Claim.TravelMode.AC_BUS, Claim.TravelMode.LOWER]
MODES += [Claim.TravelMode.HIGHER]
FARES = {
    Fair.Location.IN_STATE: (300, 2500),
    Fair.Location.OTHER_STATE: (1800, 6500),
    Fair.Location.ABROAD: (25000, 60000),
}
BUDGET_FLOOR, LAKH = Decimal(5_000_000), Decimal(100_000)
PAISE = Decimal("0.01")


@dataclass
class _Ledger:
    """What the claims written so far settled: who was assisted for which fair, the sanctions
    and their numbers, the payments."""

    taken: set  # sanction numbers in use
    assisted: dict = field(default_factory=dict)  # exhibitor id → first day of that fair
    serials: dict = field(default_factory=lambda: defaultdict(int))
    sanctions: list = field(default_factory=list)
    payments: int = 0

    def number(self, year: int) -> str:
        """The next sanction number of the financial year, unused."""
        while True:
            self.serials[year] += 1
            number = f"ODOP/MDA/{year}-{(year + 1) % 100:02d}/{self.serials[year]:04d}"
            if number not in self.taken:
                self.taken.add(number)
                return number

    def reference(self, day: datetime.date) -> str:
        self.payments += 1
        return f"PFMS/UP/{day.year}/{self.payments:07d}"


def _claims(sizes, rng, fairs, exhibitors, officer) -> None:
    """Claims for the places of the fairs that are over, oldest fair first."""
    _rules()
    _charges_and_places(fairs)
    today = timezone.localdate()
    over = sorted((f for f in fairs if f.end_date < today), key=lambda f: (f.start_date, f.pk))
    if not over:
        return
    by_pk = {exhibitor.pk: exhibitor for exhibitor in exhibitors}
    places = _places([fair.pk for fair in over])
    ledger = _Ledger(taken=set(Sanction.objects.values_list("number", flat=True)))
    made, first = [], None
    for fair in over:
        rule = SchemeRule.objects.for_fair(fair)
        if rule is not None:
            first = first or fair.start_date
            made += _fair_claims(rng, fair, rule, places[fair.pk], by_pk, ledger, officer)
    if first is None:
        return  # no fair under the scheme yet
    years = range(financial_year_of(first), financial_year_of(today) + 1)
    _sanctions(sizes.made, ledger.sanctions, years)
    _claims_written(sizes.made, made, officer)


def _claims_written(made: dict, claims: list, officer) -> None:
    """The claims, then their steps as ClaimEvent rows (the service writes one per step)."""
    rows = _bulk(made, Claim, [claim for claim, _steps in claims], dated=True)
    events = [
        ClaimEvent(
            claim=claim,
            step=step,
            from_status=before,
            to_status=after,
            reason=why,
            by=officer,
            at=at,
        )
        for claim, (_claim, steps) in zip(rows, claims, strict=True)
        for step, before, after, at, why in steps
    ]
    _bulk(made, ClaimEvent, events, dated=True)


def _charges_and_places(fairs) -> None:
    """What a claim is computed from and the fair pages show: each space's charge (a claim
    may not exceed it), and fairs in Delhi and Mumbai held in another state."""
    ids = [fair.pk for fair in fairs]
    Space.objects.filter(fair_id__in=ids, charge__isnull=True).update(
        charge=CHARGE, charge_gst_percent=GST
    )
    Fair.objects.filter(pk__in=ids, city__in=OTHER_STATE).update(location=Fair.Location.OTHER_STATE)
    for fair in fairs:
        if fair.city in OTHER_STATE:
            fair.location = Fair.Location.OTHER_STATE


def _places(fair_ids: list) -> dict:
    """Per fair, its active places: (allocation, district, exhibitor) ids in pk order."""
    places = defaultdict(list)
    rows = (
        Allocation.objects.filter(fair_id__in=fair_ids, status=Allocation.Status.ACTIVE)
        .order_by("pk")
        .values_list("fair_id", "pk", "district_id", "nomination__exhibitor_id")
    )
    for fair_id, *place in rows:
        places[fair_id].append(tuple(place))
    return places


def _fair_claims(rng, fair, rule, places, exhibitors, ledger, officer) -> list:
    """About a fifth of the fair's places claimed: (claim, its steps) each, and the fair's
    sanction in the ledger for those that reached it."""
    today = timezone.localdate()
    weights = SETTLED if (today - fair.end_date).days > 180 else RECENT
    timelines = []
    for place in sorted(rng.sample(places, round(len(places) * rng.uniform(*CLAIMED)))):
        if _assisted_within(ledger.assisted.get(place[2]), fair.start_date, rule.gap_years):
            continue
        path = _path(rng, rng.choices(STATUSES, weights)[0])
        done, rest = _timeline(rng, fair.end_date, path, today)
        if done:
            timelines.append((place, done, rest))
    day = _sanction_steps(rng, timelines, today)
    number = ledger.number(financial_year_of(day)) if day else ""
    charged = Space(measure=Space.Measure.UNITS, charge=CHARGE, charge_gst_percent=GST).charge_for()
    made = []
    for place, done, _rest in timelines:
        claim = _claim(rng, fair, rule, place, exhibitors[place[2]], charged, officer)
        made.append((claim, _steps(rng, claim, done, ledger, number)))
    sanctioned = [claim for claim, _steps in made if claim.status in (S.SANCTIONED, S.PAID)]
    if sanctioned:
        _sanction(fair, sanctioned, day, number, ledger, officer)
    return made


def _assisted_within(earlier: datetime.date | None, start: datetime.date, years: int) -> bool:
    """Whether assistance for a fair that began on ``earlier`` falls in the gap before ``start``
    (claims.services.rules.earlier_assistance's window)."""
    if earlier is None or not years:
        return False
    try:
        since = start.replace(year=start.year - years)
    except ValueError:  # 29 February, in a year without one
        since = start.replace(year=start.year - years, day=28)
    return since <= earlier <= start


def _path(rng, status: str) -> list:
    """The steps a claim took to ``status``; about one in ten that the cell verified had been
    returned for correction once on the way."""
    if status in (S.RETURNED, S.REJECTED):
        return [*FORWARD[:3], Step.RETURN if status == S.RETURNED else Step.REJECT]
    steps = FORWARD[: REACHED[status]]
    if len(steps) > 3 and rng.random() < 0.1:
        steps[3:3] = [Step.RETURN, Step.EDIT, Step.SUBMIT, Step.RECOMMEND]
    return steps


def _timeline(rng, end: datetime.date, steps: list, today: datetime.date) -> tuple[list, list]:
    """The days of the steps before the sanction, as far as today reached; and the sanction's
    steps still to take, if every step before them was taken."""
    done, day = [], end
    for index, step in enumerate(steps):
        if step == Step.SANCTION:
            return done, steps[index:]
        day += datetime.timedelta(days=rng.randint(*GAPS[step]))
        if day > today:
            return done, []
        done.append((step, day))
    return done, []


def _sanction_steps(rng, timelines: list, today: datetime.date) -> datetime.date | None:
    """The fair's claims verified for sanction are sanctioned together on one day after the
    last of them was verified, if that day has come (returned); then each is paid, if its day
    has come."""
    waiting = [(done, rest) for _place, done, rest in timelines if rest]
    if not waiting:
        return None
    day = max(done[-1][1] for done, _rest in waiting)
    day += datetime.timedelta(days=rng.randint(*GAPS[Step.SANCTION]))
    if day > today:
        return None
    for done, rest in waiting:
        done.append((Step.SANCTION, day))
        paid = day + datetime.timedelta(days=rng.randint(*GAPS[Step.PAY]))
        if Step.PAY in rest and paid <= today:
            done.append((Step.PAY, paid))
    return day


def _claim(rng, fair, rule, place, exhibitor, charged: Decimal, officer) -> Claim:
    """The claim as the district drafts it, with what the rule version admits."""
    allocation_id, district_id, _exhibitor_id = place
    person = exhibitor.contact_person or exhibitor.name
    fare = Decimal(rng.randrange(*FARES[fair.location], 10)) if rng.random() < 0.9 else Decimal(0)
    freight = Decimal(rng.randrange(1500, 15_000, 50)) if rng.random() < 0.8 else Decimal(0)
    claim = Claim(
        allocation_id=allocation_id,
        fair_id=fair.pk,
        exhibitor_id=exhibitor.pk,
        district_id=district_id,
        rule=rule,
        applicant_name=person,
        applicant_birth_date=datetime.date(
            rng.randint(1955, 1995), rng.randint(1, 12), rng.randint(1, 28)
        ),
        dic_registration=f"DIC/{district_id:02d}/{rng.randint(2012, 2017)}/{exhibitor.pk:06d}",
        no_other_benefit=True,
        stall_charge_paid=charged,
        freight_paid=freight,
        fare_paid=fare,
        travel_mode=rng.choices(MODES, [50, 20, 25, 5])[0] if fare else "",
        account_holder=person,
        ifsc=rng.choice(IFSC),
        account_number=f"{30_100_000_000 + allocation_id * 7919}",
        created_by=officer,
    )
    return claim_compute(claim)


def _steps(rng, claim: Claim, done: list, ledger, number: str) -> list:
    """The claim's steps as (step, from, to, at, reason), its status, and what the cell's
    verification and payment recorded on it; ``number`` is its sanction's."""
    now, steps, status = timezone.now(), [], ""
    for index, (step, day) in enumerate(done):
        after = _after(step, status)
        reason = number if step == Step.SANCTION else REASONS.get(step, "")
        if step == Step.VERIFY and claim.freight_admissible and rng.random() < 0.15:
            claim.freight_verified = (claim.freight_admissible / 2).quantize(PAISE)
            claim.correction_reason = reason = CORRECTION
            claim.amount = payable_of(claim)
        if step == Step.PAY:
            reason = claim.payment_reference = ledger.reference(day)
            claim.paid_on = day
        at = _at(day, index, now, len(done), steps[-1][3] if steps else None)
        steps.append((step, status, after, at, reason))
        status = after
    claim.status = status
    claim.created_at, claim.updated_at = steps[0][3], steps[-1][3]
    return steps


def _after(step: str, status: str) -> str:
    if step == Step.CREATE:
        return S.DRAFT
    if step == Step.EDIT:
        return status
    if step in (Step.RETURN, Step.REJECT):
        return S.RETURNED if step == Step.RETURN else S.REJECTED
    return TRANSITIONS[step][1]


def _at(day: datetime.date, index: int, now, count: int, before) -> datetime.datetime:
    """The step's time on its day (office hours, in order), never in the future nor before
    the step before it."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    at = min(
        at + datetime.timedelta(minutes=40 * index), now - datetime.timedelta(minutes=count - index)
    )
    return max(at, before + datetime.timedelta(seconds=30)) if before else at


def _sanction(fair, claims: list, day, number: str, ledger, officer) -> None:
    """One sanction of the fair's claims that reached it; the budget is the year's, found once
    every sanction is known."""
    sanction = Sanction(
        number=number,
        sanctioned_on=day,
        fair_id=fair.pk,
        total=sum((claim.amount for claim in claims), Decimal(0)),
        claim_count=len(claims),
        sanctioned_by=officer,
    )
    ledger.sanctions.append(sanction)
    for claim in claims:
        claim.sanction = sanction
        ledger.assisted[claim.exhibitor_id] = fair.start_date


def _sanctions(made: dict, sanctions: list, years) -> None:
    """A budget for each financial year, with room for its sanctions; then the sanctions."""
    needed = defaultdict(Decimal)
    for sanction in sanctions:
        needed[financial_year_of(sanction.sanctioned_on)] += sanction.total
    budgets = {
        budget.financial_year: budget
        for budget in Budget.objects.with_position().filter(financial_year__in=years)
    }
    rows = []
    for year in years:
        # A fifth more than was sanctioned, in lakhs: the cell never spends all of it.
        lakhs = (needed[year] * Decimal("1.2") / LAKH).quantize(Decimal(1), ROUND_UP)
        allocation = max(BUDGET_FLOOR, lakhs * LAKH)
        budget = budgets.get(year)
        if budget is None:
            label = financial_year_label(year)
            reference = f"Budget release {year % 100:02d}/{label}, MSME & Export Promotion"
            rows.append(
                Budget(financial_year=year, allocation=allocation, order_reference=reference)
            )
        elif budget.allocation - budget.sanctioned < needed[year]:
            Budget.objects.filter(pk=budget.pk).update(allocation=budget.sanctioned + allocation)
    for budget in _bulk(made, Budget, rows):
        budgets[budget.financial_year] = budget
    for sanction in sanctions:
        sanction.budget = budgets[financial_year_of(sanction.sanctioned_on)]
    _bulk(made, Sanction, sanctions)
