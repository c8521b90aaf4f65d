"""The import's check (the preview) and its all-or-nothing save."""

import hashlib
import json
from collections.abc import Collection
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit.context import origin
from core.audit.services import audit_snapshot
from core.exceptions import ApplicationError
from core.fields import normalise_text
from core.scoping import require_permission
from core.spreadsheets import Sheet
from districts.masterdata import master_data
from districts.models import District
from exhibitors.imports.columns import (
    IDENTIFIERS,
    REQUIRED,
    heading,
    identifier,
    kinds_by_name,
    row_values,
    sheet_columns,
)
from exhibitors.imports.rows import ExhibitorImport, RowContext, check_row
from exhibitors.services import (
    exhibitor_create,
    exhibitor_district,
    exhibitor_update,
    exhibitors_matching,
)

# Values per identifier in one lookup: three lists stay within SQLite's 999 parameters.
LOOKUP_CHUNK = 300


@dataclass
class ImportSaved:
    created: int
    updated: int


def exhibitor_import_check(*, user, district, sheet: Sheet) -> ExhibitorImport:
    """Check every row of an uploaded register for ``district`` (district staff: their own),
    and sort the rows into errors, new exhibitors and matches of registered ones.

    Nothing is saved. A file without the template's required columns, or without rows, is
    refused as a whole (ApplicationError at the file).
    """
    require_permission(user, "exhibitors.add_exhibitor")
    district = _district(user, district)
    return _check(user=user, district=district, sheet=sheet, lock=False)


def exhibitor_import_commit(
    *,
    user,
    district,
    sheet: Sheet,
    fingerprint: str,
    update_rows: Collection[int] = (),
    update_all: bool = False,
) -> ImportSaved:
    """Register the file's new exhibitors and update the matches chosen (``update_rows``, by
    row number, or every one), all or none.

    Any bad row refuses the whole file. ``fingerprint`` is the preview's: if the file or the
    matched exhibitors are no longer what the preview showed (someone saved since, or the
    same preview is submitted twice), nothing is saved.
    """
    require_permission(user, "exhibitors.add_exhibitor")
    if update_rows or update_all:
        require_permission(user, "exhibitors.change_exhibitor")
    district = _district(user, district)
    try:
        with transaction.atomic(), origin(source="import"):
            # One import into a district at a time: the second waits, then finds what the
            # first registered as matches, and its fingerprint no longer agrees.
            list(District.objects.select_for_update().filter(pk=district.pk).values_list("pk"))
            checked = _check(user=user, district=district, sheet=sheet, lock=True)
            _refuse_changed(checked, fingerprint)
            rows = set(update_rows)
            chosen = [m for m in checked.matches if update_all or m.row in rows]
            for row in checked.new:
                with _at_row(row.row):
                    exhibitor_create(user=user, district=district, **row.fields)
            for match in chosen:
                with _at_row(match.row):
                    exhibitor_update(user=user, exhibitor=match.exhibitor, **match.fields)
    except IntegrityError:
        # Another district registered one of the file's identifiers in the meantime.
        raise _stale() from None
    return ImportSaved(created=len(checked.new), updated=len(chosen))


def _district(user, district) -> District:
    district = exhibitor_district(user=user, district=district)
    if district is None:
        raise ApplicationError(_("Choose the district."), code="no_district", field="district")
    if not District.objects.for_user(user).filter(pk=district.pk).exists():
        raise PermissionDenied
    return district


def _refuse_changed(checked: ExhibitorImport, fingerprint: str) -> None:
    if not checked.ok:
        raise ApplicationError(
            _("The file has errors; nothing was saved. Correct the rows listed and upload again."),
            code="invalid_upload",
        )
    if checked.fingerprint != fingerprint:
        raise _stale()


def _stale() -> ApplicationError:
    return ApplicationError(
        _(
            "Exhibitors of this file were registered or changed after the preview, so nothing "
            "was saved. Check the new preview and save again."
        ),
        code="stale",
    )


@contextmanager
def _at_row(row: int):
    """Name the row if a service refuses it (the check before it should have)."""
    try:
        yield
    except (ValidationError, ApplicationError) as error:
        problem = " ".join(error.messages) if isinstance(error, ValidationError) else error
        raise ApplicationError(
            _("Row %(row)s: %(problem)s Nothing was saved.") % {"row": row, "problem": problem},
            code="invalid_upload",
        ) from error


def _check(*, user, district, sheet: Sheet, lock: bool) -> ExhibitorImport:
    columns = sheet_columns(sheet.header)
    missing = [heading(name) for name in REQUIRED if name not in columns]
    if missing:
        raise ApplicationError(
            _("Columns missing: %(names)s. Keep the headings of the template.")
            % {"names": ", ".join(missing)},
            code="missing_columns",
            field="file",
        )
    rows = [(n, row_values(cells, columns)) for n, cells in enumerate(sheet.rows, start=2)]
    if not rows:
        raise ApplicationError(
            _("The file has no rows below its headings."), code="no_rows", field="file"
        )
    own, other = _products(district)
    context = RowContext(
        user=user,
        district=district,
        kinds=kinds_by_name(),
        own_products=own,
        other_products=other,
        registered=_registered(rows, lock=lock),
    )
    result = ExhibitorImport(district=district)
    for number, values in rows:
        check_row(result, context, number, values)
    result.fingerprint = _fingerprint(sheet, district, context.registered)
    return result


def _products(district: District) -> tuple[dict, dict]:
    """The ODOP products by name (English or Hindi, case-folded): the district's own, and
    those of other districts (so a row naming one gets the model's message for it)."""
    own, other = {}, {}
    for product in master_data().products:
        names = own if product.district_id == district.pk else other
        for name in (product.name_en, product.name_hi):
            if name:
                names.setdefault(normalise_text(name).casefold(), product)
    return own, other


def _registered(rows: list, *, lock: bool) -> dict:
    """(identifier, value) → the exhibitor, of any district, registered with it."""
    wanted = {
        name: sorted({v for _n, values in rows if (v := identifier(name, values.get(name, "")))})
        for name in IDENTIFIERS
    }
    found = {}
    longest = max(len(values) for values in wanted.values())
    for start in range(0, longest, LOOKUP_CHUNK):
        chunk = {name: values[start : start + LOOKUP_CHUNK] for name, values in wanted.items()}
        queryset = exhibitors_matching(
            mobiles=chunk["mobile"],
            udyam_numbers=chunk["udyam_number"],
            gstins=chunk["gstin"],
        ).select_related("product")
        if lock:
            queryset = queryset.select_for_update(of=("self",))
        for exhibitor in queryset:
            for name in IDENTIFIERS:
                if getattr(exhibitor, name):
                    found[(name, getattr(exhibitor, name))] = exhibitor
    return found


def _fingerprint(sheet: Sheet, district: District, registered: dict) -> str:
    """The file and the state of every exhibitor it matches, as one digest."""
    digest = hashlib.sha256()
    content = [district.pk, sheet.header, sheet.rows]
    digest.update(json.dumps(content, default=str, ensure_ascii=False).encode())
    for exhibitor in sorted({e.pk: e for e in registered.values()}.values(), key=lambda e: e.pk):
        state = [exhibitor.pk, audit_snapshot(exhibitor)]
        digest.update(json.dumps(state, default=str, sort_keys=True).encode())
    return digest.hexdigest()
