"""Sanctioning verified claims against the year's budget, recording payment, and the
sanction order's PDF.

A sanction locks the year's budget row, then its claims (by id, always in that order), so
two officers sanctioning at once are served one after the other: the second finds the claims
sanctioned, or the budget spent, and is refused. The order's PDFs are rows first; a worker
claims each with a conditional update, so a second delivery does nothing.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from claims.models import (
    Budget,
    Claim,
    ClaimStep,
    Sanction,
    SanctionOrder,
    financial_year_label,
    financial_year_of,
)
from claims.models.sanctions import order_path
from claims.services.claims import _move, _notify, _step_guard, field_checked
from claims.services.rules import rupees
from core.audit.services import audit_created
from core.broker import task_send, task_send_on_commit
from core.exceptions import ApplicationError, StorageUnavailable
from core.jobs import job_claim, jobs_resend
from core.scoping import require_permission
from notifications.models import Notice

logger = logging.getLogger(__name__)
Code = Notice.Code


def budget_position(budget: Budget) -> dict:
    """The year's allocation, what its sanctions commit, what is paid, and what is left."""
    if not hasattr(budget, "sanctioned"):
        budget = Budget.objects.with_position().get(pk=budget.pk)
    return {
        "allocation": budget.allocation,
        "sanctioned": budget.sanctioned,
        "paid": budget.paid,
        "left": budget.allocation - budget.sanctioned,
    }


def sanction_problems(*, number: str, sanctioned_on: datetime.date | None) -> dict:
    problems = {}
    if not (number or "").strip():
        problems["number"] = _("Give the sanction order's number.")
    elif Sanction.objects.filter(number=number.strip()).exists():
        problems["number"] = _("A sanction with this number exists already.")
    if sanctioned_on is None:
        problems["sanctioned_on"] = _("Give the date of the sanction.")
    elif sanctioned_on > timezone.localdate():
        problems["sanctioned_on"] = _("A sanction cannot be dated in the future.")
    return problems


def claims_sanction(
    *, fair, claim_ids: list[int], number: str, sanctioned_on: datetime.date, user
) -> Sanction:
    """Sanction the fair's verified claims ``claim_ids`` together under one order number,
    refused if any is not verified, belongs to another fair, or the total would take the
    financial year's budget beyond its allocation."""
    require_permission(user, "claims.sanction_claim")
    problems = sanction_problems(number=number, sanctioned_on=sanctioned_on)
    if not claim_ids:
        problems["claims"] = _("Choose the claims to sanction.")
    if problems:
        raise ValidationError(problems)
    year = financial_year_of(sanctioned_on)
    try:
        with transaction.atomic():
            sanction = _sanction_locked(
                fair=fair,
                claim_ids=claim_ids,
                number=number.strip(),
                day=sanctioned_on,
                year=year,
                user=user,
            )
    except IntegrityError as error:
        if Sanction.objects.filter(number=number.strip()).exists():
            raise ValidationError(
                {"number": _("A sanction with this number exists already.")}
            ) from error
        raise
    for language in (SanctionOrder.Language.ENGLISH, SanctionOrder.Language.HINDI):
        order = SanctionOrder.objects.get(sanction=sanction, language=language)
        _send_on_commit(order.pk)
    return sanction


def _sanction_locked(*, fair, claim_ids, number, day, year, user) -> Sanction:
    budget = Budget.objects.select_for_update().filter(financial_year=year).first()
    if budget is None:
        raise ValidationError(
            {
                "sanctioned_on": _(
                    "No MDA budget is recorded for %(year)s; the cell adds it first."
                )
                % {"year": financial_year_label(year)}
            }
        )
    claims = list(
        Claim.objects.select_for_update(of=("self",))
        .filter(pk__in=claim_ids)
        .select_related("exhibitor", "fair")
        .order_by("pk")
    )
    if len(claims) != len(set(claim_ids)) or any(c.fair_id != fair.pk for c in claims):
        raise ValidationError({"claims": _("Choose claims of this fair only.")})
    for claim in claims:
        _step_guard(claim, ClaimStep.SANCTION, user)
    total = sum((c.amount for c in claims), 0)
    left = budget_position(budget)["left"]
    if total > left:
        raise ValidationError(
            {
                "claims": _(
                    "These claims total %(total)s but the %(year)s budget has %(left)s left."
                )
                % {"total": rupees(total), "year": budget.label, "left": rupees(left)}
            }
        )
    sanction = Sanction(
        number=number,
        sanctioned_on=day,
        budget=budget,
        fair=fair,
        total=total,
        claim_count=len(claims),
        sanctioned_by=user,
    )
    # The number's own checks (visible characters, no control characters, its length).
    sanction.full_clean(validate_unique=False)
    sanction.save()
    audit_created(sanction, user=user)
    for claim in claims:
        _move(claim, ClaimStep.SANCTION, user=user, reason=number, fields={"sanction": sanction})
        _notify(claim, Code.CLAIM_SANCTIONED, actor=user)
    SanctionOrder.objects.bulk_create(
        [SanctionOrder(sanction=sanction, language=code) for code in SanctionOrder.Language.values]
    )
    return sanction


def claim_pay(*, claim: Claim, reference: str, paid_on: datetime.date | None, user) -> Claim:
    """Record the payment of a sanctioned claim: the bank's reference and the date."""
    reference = (reference or "").strip()
    problems = {}
    if not reference:
        problems["reference"] = _("Give the payment reference (UTR or PFMS number).")
    else:
        try:
            reference = field_checked(Claim, "payment_reference", reference, "reference")
        except ValidationError as error:
            problems.update(error.message_dict)
    if paid_on is None:
        problems["paid_on"] = _("Give the date of payment.")
    elif paid_on > timezone.localdate():
        problems["paid_on"] = _("A payment cannot be dated in the future.")
    with transaction.atomic():
        # The claim's row alone is locked: its sanction is read, never changed, here.
        claim = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("sanction")
            .get(pk=claim.pk)
        )
        _step_guard(claim, ClaimStep.PAY, user)
        if not problems and paid_on < claim.sanction.sanctioned_on:
            problems["paid_on"] = _("The payment cannot come before the sanction of %(date)s.") % {
                "date": claim.sanction.sanctioned_on.strftime("%d.%m.%Y")
            }
        if problems:
            raise ValidationError(problems)
        claim = _move(
            claim,
            ClaimStep.PAY,
            user=user,
            reason=reference,
            fields={"payment_reference": reference, "paid_on": paid_on},
        )
        _notify(claim, Code.CLAIM_PAID, actor=user)
    return claim


# --- The sanction order's PDF --------------------------------------------------------------


def _send_on_commit(order_id: int) -> None:
    from claims.tasks import render_sanction_order

    task_send_on_commit(render_sanction_order, args=[order_id])


def sanction_order_render(*, order_id: int) -> SanctionOrder | None:
    """Lay out one order's PDF; does nothing unless it is queued, or running so long that its
    worker must have died. The file is named after the row, so a rerun overwrites it."""
    from claims.pdf import sanction_order_pdf

    if not job_claim(SanctionOrder, order_id):
        return None
    order = SanctionOrder.objects.select_related("sanction__fair", "sanction__budget").get(
        pk=order_id
    )
    try:
        pdf, pages = sanction_order_pdf(sanction=order.sanction, language=order.language)
    except ApplicationError as error:
        return _order_failed(order, str(error.message))
    except Exception:
        logger.exception("Sanction order %s failed", order.pk)
        with translation.override(order.language):
            message = _("The order could not be prepared because of an error, which is recorded.")
        return _order_failed(order, message)
    try:
        saved = _store(order, pdf)
    except (StorageUnavailable, OSError, OperationalError):
        # A passing fault of the disk or the database: queued again for the task's retry
        # (or the sweeper) to take up.
        SanctionOrder.objects.filter(pk=order_id, status=SanctionOrder.Status.RUNNING).update(
            status=SanctionOrder.Status.QUEUED, updated_at=timezone.now()
        )
        raise
    SanctionOrder.objects.filter(pk=order_id, status=SanctionOrder.Status.RUNNING).update(
        status=SanctionOrder.Status.SUCCEEDED,
        file=saved,
        pages=pages,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    order.refresh_from_db()
    return order


def _store(order: SanctionOrder, pdf: bytes) -> str:
    storage = order.file.storage
    name = order_path(order, "")
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(pdf))


def _order_failed(order: SanctionOrder, message: str) -> SanctionOrder:
    SanctionOrder.objects.filter(pk=order.pk).update(
        status=SanctionOrder.Status.FAILED, error=message, updated_at=timezone.now()
    )
    order.refresh_from_db()
    return order


def sanction_order_retry(*, order: SanctionOrder, user) -> SanctionOrder:
    """Queue a failed order again (the cell's button on the sanction's page)."""
    require_permission(user, "claims.sanction_claim")
    updated = SanctionOrder.objects.filter(pk=order.pk, status=SanctionOrder.Status.FAILED).update(
        status=SanctionOrder.Status.QUEUED, error="", updated_at=timezone.now()
    )
    if updated:
        transaction.on_commit(lambda: sanction_order_enqueue(order_id=order.pk))
    order.refresh_from_db()
    return order


def sanction_order_enqueue(*, order_id: int) -> bool:
    from claims.tasks import render_sanction_order

    return task_send(render_sanction_order, args=[order_id])


def sanction_orders_sweep(*, now=None) -> int:
    """Send again orders left queued (the broker was down when they were made) or running
    past the time limit (their worker died); a duplicate delivery is harmless."""
    return jobs_resend(SanctionOrder, lambda pk: sanction_order_enqueue(order_id=pk), now=now)
