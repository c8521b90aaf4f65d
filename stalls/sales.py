"""Services for daily sales: one entry, and the spreadsheet upload (preview, then commit).

The checks of one row are plain functions shared by the entry form and the upload, so 10,000
rows are validated without a form object or a query per row.
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
from core.audit.services import (
    audit_changed,
    audit_created,
    audit_diff,
    audit_entry,
    audit_record_many,
    audit_snapshot,
)
from core.exceptions import ApplicationError
from core.fields import bounds_error
from core.scoping import require_permission
from core.spreadsheets import Sheet
from stalls.models import Allocation, DailySale

# Spreadsheet columns: key, English heading, Hindi heading. The upload accepts either.
COLUMNS = [
    ("ref", "Ref", "संदर्भ"),
    ("place", "Stall or area", "स्टॉल या क्षेत्र"),
    ("exhibitor", "Exhibitor", "प्रदर्शक"),
    ("date", "Date (DD-MM-YYYY)", "तिथि (दिन-माह-वर्ष)"),
    ("amount", "Sales (Rs)", "बिक्री (रु.)"),
    ("enquiries", "Enquiries", "पूछताछ"),
    ("export_leads", "Export leads", "निर्यात संपर्क"),
]
COLUMN_LABEL = {
    "date": gettext_lazy("date"),
    "amount": gettext_lazy("sales"),
    "enquiries": gettext_lazy("enquiries"),
    "export_leads": gettext_lazy("export leads"),
    "ref": gettext_lazy("reference"),
}


def sale_errors(*, fair, date, amount, enquiries, export_leads, today) -> dict[str, str]:
    """Field → message for one day's figures of one place; empty when they are acceptable."""
    errors = {}
    if date is None:
        errors["date"] = _("Enter the date as DD-MM-YYYY.")
    elif not fair.start_date <= date <= fair.end_date:
        errors["date"] = _("Choose a day of the fair (%(start)s to %(end)s).") % {
            "start": date_format(fair.start_date),
            "end": date_format(fair.end_date),
        }
    elif date > today:
        errors["date"] = _("Sales cannot be entered for a day that has not come yet.")
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


def sale_record(
    *, user, allocation: Allocation, date, amount, enquiries=0, export_leads=0
) -> DailySale:
    """Record (or correct) one day's sales of an allocated place of the user's district."""
    require_permission(user, "stalls.add_dailysale")
    if not Allocation.objects.for_user(user).filter(pk=allocation.pk).exists():
        raise PermissionDenied
    if allocation.status != Allocation.Status.ACTIVE:
        raise ApplicationError(_("This place is no longer allocated."), code="not_active")
    errors = sale_errors(
        fair=allocation.fair,
        date=date,
        amount=amount,
        enquiries=enquiries,
        export_leads=export_leads,
        today=timezone.localdate(),
    )
    if errors:
        name, message = next(iter(errors.items()))
        raise ApplicationError(message, code="invalid_sale", field=name)
    with transaction.atomic():
        stored = DailySale.objects.filter(allocation=allocation, date=date).first()
        before = audit_snapshot(stored) if stored is not None else None
        sale, _created = DailySale.objects.update_or_create(
            allocation=allocation,
            date=date,
            defaults={
                "amount": amount,
                "enquiries": enquiries,
                "export_leads": export_leads,
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


# --- Spreadsheet upload ----------------------------------------------------------------------


@dataclass
class SalesUpload:
    rows: list[dict] = field(default_factory=list)  # accepted rows, ready to save
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    skipped: int = 0  # rows without a sales figure

    @property
    def ok(self) -> bool:
        return not self.errors


def _columns(header: list[str]) -> dict[str, int]:
    names = {label.casefold(): key for key, en, hi in COLUMNS for label in (en, hi)}
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
    """Check every row of an uploaded sheet against the user's allocations in the fair.

    Nothing is saved; the result lists each bad row by its number in the file.
    """
    result = SalesUpload()
    columns = _columns(sheet.header)
    missing = [
        en for key, en, hi in COLUMNS if key in ("ref", "date", "amount") and key not in columns
    ]
    if missing:
        result.errors.append((1, _("Columns missing: %(names)s.") % {"names": ", ".join(missing)}))
        return result
    allocations = {
        a.pk: a for a in Allocation.objects.for_user(user, "view").filter(fair=fair).active()
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
        result.rows.append({"allocation": allocation, **values})


def sales_upload_commit(*, user, fair, sheet: Sheet) -> int:
    """Save every row of the sheet, or none: any bad row refuses the whole upload."""
    require_permission(user, "stalls.add_dailysale")
    checked = sales_upload_check(user=user, fair=fair, sheet=sheet)
    if not checked.ok:
        raise ApplicationError(
            _("The file has errors; nothing was saved. Correct the rows listed and upload again."),
            code="invalid_upload",
        )
    keys = {(row["allocation"].pk, row["date"]) for row in checked.rows}
    with transaction.atomic():
        existing = {
            (s.allocation_id, s.date): s
            for s in DailySale.objects.filter(fair=fair, allocation_id__in={k[0] for k in keys})
            if (s.allocation_id, s.date) in keys
        }
        new, changed, before = [], [], {}
        for row in checked.rows:
            sale = existing.get((row["allocation"].pk, row["date"]))
            if sale is not None:
                before[sale.pk] = audit_snapshot(sale)
            if sale is None:
                sale = DailySale(
                    allocation=row["allocation"],
                    district_id=row["allocation"].district_id,
                    product_id=row["allocation"].product_id,
                    fair=fair,
                    date=row["date"],
                )
                new.append(sale)
            else:
                changed.append(sale)
            sale.amount, sale.enquiries, sale.export_leads = (
                row["amount"],
                row["enquiries"],
                row["export_leads"],
            )
            sale.entered_by = user
            sale.updated_at = timezone.now()
        DailySale.objects.bulk_create(new)
        DailySale.objects.bulk_update(
            changed, ["amount", "enquiries", "export_leads", "entered_by", "updated_at"]
        )
        _audit_import(user, new, changed, before)
    return len(checked.rows)


def _audit_import(user, new: list, changed: list, before: dict) -> None:
    """One audit row per sale the import created or changed, written in a single insert.

    Per row rather than one row for the whole file: each day's sales then shows the import in
    its own history, and the request id ties the rows of one upload together.
    """
    with origin(source="import"):
        entries = [
            audit_entry(
                user=user, action="create", obj=s, changes=audit_diff(None, audit_snapshot(s))
            )
            for s in new
        ] + [
            audit_entry(
                user=user,
                action="update",
                obj=s,
                changes=audit_diff(before[s.pk], audit_snapshot(s)),
            )
            for s in changed
        ]
    audit_record_many(entries)


def sales_template_rows(*, user, fair) -> list[list]:
    """Rows of the sales template: one per allocated place of the user's district and fair day."""
    allocations = (
        Allocation.objects.for_user(user)
        .filter(fair=fair)
        .active()
        .select_related("stall", "nomination__exhibitor")
        .in_sheet_order()
    )
    days = [fair.start_date + datetime.timedelta(days=n) for n in range(fair.days)]
    rows = []
    for allocation in allocations:
        place = allocation.stall.number if allocation.stall_id else f"{allocation.area} m²"
        for day in days:
            rows.append(
                [
                    allocation.pk,
                    place,
                    allocation.nomination.exhibitor.name,
                    day.strftime("%d-%m-%Y"),
                    None,
                    None,
                    None,
                ]
            )
    return rows
