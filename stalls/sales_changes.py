"""What saving daily sales would do to the figures already saved, and the save itself.

The entry page and the spreadsheet upload both sort their rows into new, changed and unchanged
against what is saved, refuse to replace a saved figure without the user's confirmation, and
refuse outright when the saved figures are no longer those the user was shown (someone saved
the day's entry between the preview and the save). Both write only new and changed rows.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from core.audit.services import audit_diff, audit_entry, audit_record_many, audit_snapshot
from core.exceptions import ApplicationError
from stalls.models import Allocation, DailySale

FIGURES = ("amount", "enquiries", "export_leads")
FIGURE_LABEL = {
    "amount": gettext_lazy("Sales (₹)"),
    "enquiries": gettext_lazy("Enquiries"),
    "export_leads": gettext_lazy("Export leads"),
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class FigureChange:
    name: str
    old: Decimal | int
    new: Decimal | int

    @property
    def label(self):
        return FIGURE_LABEL[self.name]

    @property
    def is_amount(self) -> bool:
        return self.name == "amount"


@dataclass
class SalesChanges:
    """Rows sorted against the saved figures. A changed row carries ``saved`` (the DailySale)
    and ``differences`` (a FigureChange per figure it replaces)."""

    new: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def replacing(self) -> int:
        """How many saved figures the save would replace (the count the user confirms)."""
        return sum(len(row["differences"]) for row in self.changed)

    @property
    def writes(self) -> int:
        return len(self.new) + len(self.changed)


def sale_key(row: dict) -> tuple[int, object]:
    return (row["allocation"].pk, row["date"])


def _figures(source) -> tuple:
    """(amount to the paisa, enquiries, export leads) of a row dict or a DailySale."""
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    return (Decimal(get("amount")).quantize(CENT), get("enquiries"), get("export_leads"))


def saved_sales(*, user, fair, keys: set) -> dict:
    """The saved sales of these (place, day) keys, by key, in one query."""
    if not keys:
        return {}
    sales = DailySale.objects.for_user(user, "view").filter(
        fair=fair,
        allocation_id__in={pk for pk, _day in keys},
        date__in={day for _pk, day in keys},
    )
    return {(s.allocation_id, s.date): s for s in sales if (s.allocation_id, s.date) in keys}


def sales_fingerprint(*, keys, saved: dict) -> str:
    """A digest of what is saved for these (place, day) keys, including that nothing is.

    A preview carries it to its save; a different digest at the save means someone saved
    figures for one of these places and days in between, which the preview did not show.
    """
    digest = hashlib.sha256()
    for pk, day in sorted(keys):
        sale = saved.get((pk, day))
        figures = "-" if sale is None else "|".join(str(v) for v in _figures(sale))
        digest.update(f"{pk}|{day.isoformat()}|{figures}\n".encode())
    return digest.hexdigest()


def sales_changes(*, rows: list[dict], saved: dict) -> SalesChanges:
    """Sort rows (dicts with allocation, date and the figures) against the saved sales."""
    changes = SalesChanges(
        fingerprint=sales_fingerprint(keys={sale_key(r) for r in rows}, saved=saved)
    )
    for row in rows:
        sale = saved.get(sale_key(row))
        if sale is None:
            changes.new.append(row)
            continue
        differences = [
            FigureChange(name, old, new)
            for name, old, new in zip(FIGURES, _figures(sale), _figures(row), strict=True)
            if old != new
        ]
        if differences:
            changes.changed.append({**row, "saved": sale, "differences": differences})
        else:
            changes.unchanged.append(row)
    return changes


def sales_lock_places(ids: set[int]) -> set[int]:
    """Lock the places' rows until the transaction ends and return those still allocated.

    Every write of daily sales takes these locks first, in pk order, so figures compared with
    what a preview showed cannot change before the save ends. NO KEY UPDATE: the sales rows
    pointing at a place do not wait on it.
    """
    return set(
        Allocation.objects.select_for_update(no_key=True)
        .filter(pk__in=ids)
        .active()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def sales_require_confirmation(changes: SalesChanges, *, replace: bool) -> None:
    """Replacing a saved figure needs the user's explicit confirmation."""
    count = changes.replacing
    if count and not replace:
        raise ApplicationError(
            ngettext(
                "Saving would replace %(count)s saved figure. Tick the box to confirm it, "
                "or correct the figure.",
                "Saving would replace %(count)s saved figures. Tick the box to confirm them, "
                "or correct the figures.",
                count,
            )
            % {"count": count},
            code="confirm_replace",
            field="replace",
        )


def sales_write(*, user, fair, changes: SalesChanges) -> None:
    """Insert the new rows and update the changed ones, with one audit row per sale, in a
    handful of queries whatever the number of rows. Unchanged rows are not touched."""
    new, changed, before = [], [], {}
    for row in changes.new:
        allocation = row["allocation"]
        sale = DailySale(
            allocation=allocation,
            district_id=allocation.district_id,
            product_id=allocation.product_id,
            fair=fair,
            date=row["date"],
        )
        _set_figures(sale, row, user)
        new.append(sale)
    for row in changes.changed:
        sale = row["saved"]
        before[sale.pk] = audit_snapshot(sale)
        _set_figures(sale, row, user)
        changed.append(sale)
    DailySale.objects.bulk_create(new)
    DailySale.objects.bulk_update(changed, [*FIGURES, "entered_by", "updated_at"])
    # One audit row per sale rather than one per save: each day's sales then shows the change
    # in its own history; the request id ties the rows of one save together.
    audit_record_many(
        [
            audit_entry(
                user=user, action="create", obj=s, changes=audit_diff(None, audit_snapshot(s))
            )
            for s in new
        ]
        + [
            audit_entry(
                user=user,
                action="update",
                obj=s,
                changes=audit_diff(before[s.pk], audit_snapshot(s)),
            )
            for s in changed
        ]
    )


def _set_figures(sale: DailySale, row: dict, user) -> None:
    sale.amount, sale.enquiries, sale.export_leads = (row[name] for name in FIGURES)
    sale.entered_by = user
    sale.updated_at = timezone.now()  # bulk_update does not run auto_now
