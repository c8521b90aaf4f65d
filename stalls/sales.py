"""Services for daily sales: one entry, a day's entry page, and the spreadsheet upload (preview,
then commit).

The checks of one row are plain functions shared by the entry form and the upload, so 10,000
rows are validated without a form object or a query per row. What a save would change against
the saved figures, and the save itself, are in stalls.sales_changes.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit.context import origin
from core.audit.services import audit_changed, audit_created, audit_snapshot
from core.exceptions import ApplicationError
from core.fields import bounds_error
from core.scoping import require_permission
from core.spreadsheets import Sheet
from stalls.models import Allocation, DailySale
from stalls.sales_changes import (
    FIGURES,
    SalesChanges,
    sale_key,
    sales_changes,
    sales_fingerprint,
    sales_lock_places,
    sales_require_confirmation,
    sales_write,
    saved_sales,
)

# Spreadsheet columns: key, English heading, Hindi heading. The upload accepts either.
COLUMNS = [
    ("ref", "Ref", "संदर्भ"),
    ("place", "Stall or area", "स्टॉल या क्षेत्र"),
    ("exhibitor", "Exhibitor", "प्रदर्शक"),
    ("date", "Date", "तिथि"),
    ("amount", "Sales (Rs)", "बिक्री (रु.)"),
    ("enquiries", "Enquiries", "पूछताछ"),
    ("export_leads", "Export leads", "निर्यात संपर्क"),
]
# Headings of templates downloaded before the dates became date cells, still accepted.
OLD_HEADINGS = [("date", "Date (DD-MM-YYYY)"), ("date", "तिथि (दिन-माह-वर्ष)")]
COLUMN_LABEL = {
    "date": gettext_lazy("date"),
    "amount": gettext_lazy("sales"),
    "enquiries": gettext_lazy("enquiries"),
    "export_leads": gettext_lazy("export leads"),
    "ref": gettext_lazy("reference"),
}


def sales_days(fair, *, today=None) -> list[datetime.date]:
    """The fair's days that have come, first to last: the days whose sales can be entered."""
    last = min(fair.end_date, today or timezone.localdate())
    return [
        fair.start_date + datetime.timedelta(days=n)
        for n in range((last - fair.start_date).days + 1)
    ]


def sales_day_default(fair, *, today=None) -> datetime.date | None:
    """The day the entry page opens on: today while the fair runs, else its last day once it
    has ended; None before its first day (no day can be saved yet)."""
    today = today or timezone.localdate()
    return None if today < fair.start_date else min(today, fair.end_date)


def sale_date_error(*, fair, date, today) -> str | None:
    """Why sales cannot be entered for this day of the fair, or None."""
    if date is None:
        return _("Enter the date as DD-MM-YYYY.")
    if not fair.start_date <= date <= fair.end_date:
        return _("Choose a day of the fair (%(start)s to %(end)s).") % {
            "start": date_format(fair.start_date),
            "end": date_format(fair.end_date),
        }
    if date > today:
        return _("Sales cannot be entered for a day that has not come yet.")
    return None


def sale_errors(*, fair, date, amount, enquiries, export_leads, today) -> dict[str, str]:
    """Field → message for one day's figures of one place; empty when they are acceptable."""
    errors = {}
    if message := sale_date_error(fair=fair, date=date, today=today):
        errors["date"] = message
    if amount is None:
        errors["amount"] = _("Enter the sales in rupees, for example 12500.")
    elif amount < 0:
        errors["amount"] = _("Sales cannot be negative.")
    elif bounds_error(DailySale, "amount", amount):
        errors["amount"] = _("This amount is too large; check the figure.")
    for name, value in (("enquiries", enquiries), ("export_leads", export_leads)):
        if value is None or value < 0:
            errors[name] = _("Enter a whole number, zero or more.")
        elif message := bounds_error(DailySale, name, value):
            errors[name] = message
    return errors


def _refuse_first(errors: dict[str, str]) -> None:
    if errors:
        name, message = next(iter(errors.items()))
        raise ApplicationError(message, code="invalid_sale", field=name)


def sale_record(
    *, user, allocation: Allocation, date, amount, enquiries=0, export_leads=0
) -> DailySale:
    """Record (or correct) one day's sales of an allocated place of the user's district."""
    require_permission(user, "stalls.add_dailysale")
    if not Allocation.objects.for_user(user).filter(pk=allocation.pk).exists():
        raise PermissionDenied
    if allocation.status != Allocation.Status.ACTIVE:
        raise ApplicationError(_("This place is no longer allocated."), code="not_active")
    values = {"amount": amount, "enquiries": enquiries, "export_leads": export_leads}
    _refuse_first(
        sale_errors(fair=allocation.fair, date=date, today=timezone.localdate(), **values)
    )
    with transaction.atomic():
        # The same lock as the page and the upload take, so their check of what is saved
        # and their save are not split by this one.
        if not sales_lock_places({allocation.pk}):
            raise ApplicationError(_("This place is no longer allocated."), code="not_active")
        stored = DailySale.objects.filter(allocation=allocation, date=date).first()
        before = audit_snapshot(stored) if stored is not None else None
        sale, _created = DailySale.objects.update_or_create(
            allocation=allocation,
            date=date,
            defaults={
                **values,
                "district_id": allocation.district_id,
                "fair_id": allocation.fair_id,
                "product_id": allocation.product_id,
                "entered_by": user,
            },
        )
        if before is None:
            audit_created(sale, user=user)
        else:
            audit_changed(sale, before=before, user=user)
    return sale


def sales_day_record(*, user, fair, date, rows: list[dict], replace: bool = False) -> SalesChanges:
    """Record one day's figures of several places of the user's district (the entry page).

    ``rows`` are dicts of allocation, amount, enquiries, export_leads and ``seen``: the
    fingerprint of what the page showed as saved for that place and day (None: not compared).
    All or nothing: a row that replaces a saved figure needs ``replace``, and figures saved
    since the page was shown refuse the whole save. Unchanged rows are not written.
    """
    require_permission(user, "stalls.add_dailysale")
    ids = {row["allocation"].pk for row in rows}
    if Allocation.objects.for_user(user).filter(fair=fair, pk__in=ids).count() != len(ids):
        raise PermissionDenied
    today = timezone.localdate()
    rows = [{**row, "date": date} for row in rows]
    for row in rows:
        _refuse_first(
            sale_errors(fair=fair, today=today, date=date, **{n: row[n] for n in FIGURES})
        )
    with transaction.atomic():
        if sales_lock_places(ids) != ids:
            raise ApplicationError(
                _("A place on this page is no longer allocated; nothing was saved."),
                code="not_active",
            )
        saved = saved_sales(user=user, fair=fair, keys={sale_key(row) for row in rows})
        if any(
            row.get("seen") is not None
            and row["seen"] != sales_fingerprint(keys={sale_key(row)}, saved=saved)
            for row in rows
        ):
            raise ApplicationError(
                _(
                    "Sales of this day were saved by someone else after the page was opened, "
                    "so nothing was saved. The figures saved now are shown beside each place: "
                    "check them and save again."
                ),
                code="stale",
            )
        changes = sales_changes(rows=rows, saved=saved)
        sales_require_confirmation(changes, replace=replace)
        sales_write(user=user, fair=fair, changes=changes)
    return changes


# --- Spreadsheet upload ----------------------------------------------------------------------


@dataclass
class SalesUpload:
    rows: list[dict] = field(default_factory=list)  # accepted rows, ready to save
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    skipped: int = 0  # rows without a sales figure
    changes: SalesChanges | None = None  # without errors: the rows against the saved figures

    @property
    def ok(self) -> bool:
        return not self.errors


def _columns(header: list[str]) -> dict[str, int]:
    names = {label.casefold(): key for key, en, hi in COLUMNS for label in (en, hi)}
    names.update({label.casefold(): key for key, label in OLD_HEADINGS})
    found = {}
    for index, heading in enumerate(header):
        key = names.get(heading.strip().casefold())
        if key:
            found.setdefault(key, index)
    return found


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _decimal(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).replace(",", "").replace("₹", "").replace("Rs", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _whole(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    number = _decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def sales_upload_check(*, user, fair, sheet: Sheet) -> SalesUpload:
    """Check every row of an uploaded sheet against the user's allocations in the fair, and
    sort the accepted rows into new, changed and unchanged against the saved figures.

    Nothing is saved; the result lists each bad row by its number in the file.
    """
    result = _check_sheet(user=user, fair=fair, sheet=sheet)
    if result.ok:
        keys = {sale_key(row) for row in result.rows}
        saved = saved_sales(user=user, fair=fair, keys=keys)
        result.changes = sales_changes(rows=result.rows, saved=saved)
    return result


def _check_sheet(*, user, fair, sheet: Sheet) -> SalesUpload:
    result = SalesUpload()
    columns = _columns(sheet.header)
    missing = [
        en for key, en, hi in COLUMNS if key in ("ref", "date", "amount") and key not in columns
    ]
    if missing:
        result.errors.append((1, _("Columns missing: %(names)s.") % {"names": ", ".join(missing)}))
        return result
    allocations = {
        a.pk: a
        for a in Allocation.objects.for_user(user, "view")
        .filter(fair=fair)
        .active()
        .select_related("stall", "nomination__exhibitor")
    }
    today, seen = timezone.localdate(), {}
    for number, cells in enumerate(sheet.rows, start=2):

        def cell(key, cells=cells):
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else None

        if _decimal(cell("amount")) is None and str(cell("amount") or "").strip() == "":
            result.skipped += 1
            continue
        _check_row(result, number, cell, allocations, fair, today, seen)
    return result


def _check_row(result, number, cell, allocations, fair, today, seen) -> None:
    ref = _whole(cell("ref"))
    allocation = allocations.get(ref)
    if allocation is None:
        result.errors.append(
            (
                number,
                _("Ref %(ref)s is not a place of your district in this fair.")
                % {"ref": cell("ref")},
            )
        )
        return
    values = {
        "date": _date(cell("date")),
        "amount": _decimal(cell("amount")),
        "enquiries": _whole(cell("enquiries")),
        "export_leads": _whole(cell("export_leads")),
    }
    errors = sale_errors(fair=fair, today=today, **values)
    if values["date"] and (ref, values["date"]) in seen:
        errors["date"] = _("The same place and day already appear in row %(row)s.") % {
            "row": seen[(ref, values["date"])]
        }
    for name, message in errors.items():
        result.errors.append((number, f"{COLUMN_LABEL[name]}: {message}"))
    if not errors:
        seen[(ref, values["date"])] = number
        result.rows.append({"row": number, "allocation": allocation, **values})


def sales_upload_commit(
    *, user, fair, sheet: Sheet, fingerprint: str | None = None, replace: bool = False
) -> int:
    """Save the sheet's new and changed rows, or none; returns how many were written.

    Any bad row refuses the whole upload. ``fingerprint`` is the preview's
    (SalesChanges.fingerprint): if the figures saved for the file's places and days are no
    longer those the preview showed, nothing is saved. Replacing saved figures needs
    ``replace``, the user's confirmation. Unchanged rows are not written.
    """
    require_permission(user, "stalls.add_dailysale")
    checked = _check_sheet(user=user, fair=fair, sheet=sheet)
    if not checked.ok:
        raise ApplicationError(
            _("The file has errors; nothing was saved. Correct the rows listed and upload again."),
            code="invalid_upload",
        )
    ids = {row["allocation"].pk for row in checked.rows}
    with transaction.atomic(), origin(source="import"):
        if sales_lock_places(ids) != ids:
            raise ApplicationError(
                _("A place in the file is no longer allocated; nothing was saved."),
                code="not_active",
            )
        keys = {sale_key(row) for row in checked.rows}
        changes = sales_changes(
            rows=checked.rows, saved=saved_sales(user=user, fair=fair, keys=keys)
        )
        if fingerprint is not None and fingerprint != changes.fingerprint:
            raise ApplicationError(
                _(
                    "Sales of some of these places and days were saved after the preview, so "
                    "nothing was saved. Check the new preview and save again."
                ),
                code="stale",
            )
        sales_require_confirmation(changes, replace=replace)
        sales_write(user=user, fair=fair, changes=changes)
    return changes.writes


def sales_template_rows(*, user, fair) -> list[list]:
    """Rows of the sales template: one per allocated place of the user's district and fair day
    that has come, filled with the figures saved for it (numbers), empty where none are."""
    allocations = (
        Allocation.objects.for_user(user)
        .filter(fair=fair)
        .active()
        .select_related("stall", "nomination__exhibitor")
        .in_sheet_order()
    )
    days = sales_days(fair)
    saved = {
        (s.allocation_id, s.date): s
        for s in DailySale.objects.for_user(user).filter(fair=fair, date__in=days)
    }
    rows = []
    for allocation in allocations:
        place = allocation.stall.number if allocation.stall_id else f"{allocation.area} m²"
        for day in days:
            sale = saved.get((allocation.pk, day))
            figures = [getattr(sale, name) for name in FIGURES] if sale else [None] * 3
            rows.append([allocation.pk, place, allocation.nomination.exhibitor.name, day, *figures])
    return rows
