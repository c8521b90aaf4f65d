"""One row of the import: the exhibitor it would register, or the registered one it matches
and what an update would change; its problems by column."""

import copy
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.fields import normalise_text
from core.scoping import scoped_rows
from districts.models import District
from exhibitors.imports.columns import FIELDS, IDENTIFIERS, heading, identifier
from exhibitors.imports.model_checks import model_errors
from exhibitors.models import Exhibitor


@dataclass
class RowError:
    row: int
    column: str  # the heading in the user's language; "" for the row as a whole
    message: str


@dataclass
class NewRow:
    row: int
    exhibitor: Exhibitor  # unsaved: what the save would register
    fields: dict


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Match:
    """A row whose mobile, Udyam number or GSTIN is an exhibitor's of the district."""

    row: int
    exhibitor: Exhibitor  # as registered
    fields: dict  # what an update would set
    changes: list[Change]


@dataclass
class ExhibitorImport:
    district: District
    errors: list[RowError] = field(default_factory=list)
    new: list[NewRow] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)  # with changes: update or skip
    unchanged: list[Match] = field(default_factory=list)  # as registered already
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_work(self) -> bool:
        return bool(self.new or self.matches)


@dataclass
class RowContext:
    """What every row is checked against, read once for the file."""

    user: object
    district: District
    kinds: dict
    own_products: dict
    other_products: dict
    registered: dict  # (identifier, value) → Exhibitor
    seen: dict = field(default_factory=dict)  # (identifier, value) → row number
    matched: dict = field(default_factory=dict)  # exhibitor pk → row number


def check_row(result: ExhibitorImport, context: RowContext, number: int, values: dict) -> None:
    """Check row ``number`` (its cells by field) and add it to ``result``: as its errors, a
    new exhibitor, or a match (changed or as registered)."""
    errors: dict[str, str] = {}
    existing = _existing(context, values, errors)
    if existing is None:
        candidate = Exhibitor(district=context.district, created_by=context.user)
    else:
        candidate = copy.copy(existing)
    written = _apply(candidate, values, context, errors, keep_blank=existing is not None)
    for name, message in model_errors(candidate).items():
        errors.setdefault(name, message)
    _remember(context, number, values, existing)
    if errors:
        result.errors.extend(
            RowError(number, heading(name) if name in FIELDS else "", errors[name])
            for name in sorted(errors, key=_column_order)
        )
    elif existing is None:
        fields = {name: getattr(candidate, name) for name in FIELDS}
        result.new.append(NewRow(number, candidate, fields))
    else:
        _sort_match(result, number, existing, candidate, written)


def _column_order(name: str) -> int:
    return FIELDS.index(name) if name in FIELDS else len(FIELDS)


def _existing(context: RowContext, values: dict, errors: dict) -> Exhibitor | None:
    """The registered exhibitor the row matches, or None; a problem with the match (another
    district's, two different ones, one an earlier row matched) goes into ``errors``."""
    found = _found(context, values, errors)
    if not found:
        return None
    (name, exhibitor), *others = found.values()
    elsewhere = [(n, e) for n, e in found.values() if e.district_id != context.district.pk]
    if elsewhere:
        name, exhibitor = elsewhere[0]
        errors.setdefault(name, _registered_elsewhere(exhibitor, context.user))
        return None
    if others:
        names = ", ".join(e.name for _n, e in found.values())
        errors.setdefault(
            name,
            _(
                "The mobile, Udyam number and GSTIN of this row belong to different registered "
                "exhibitors (%(names)s). Correct the row, or ask the ODOP cell to merge them."
            )
            % {"names": names},
        )
        return None
    if exhibitor.pk in context.matched:
        errors.setdefault(
            name,
            _("Row %(row)s matches the same registered exhibitor, %(name)s.")
            % {"row": context.matched[exhibitor.pk], "name": exhibitor.name},
        )
    return exhibitor


def _found(context: RowContext, values: dict, errors: dict) -> dict:
    """Exhibitor pk → (the identifier that found it, the exhibitor). An identifier an earlier
    row of the file holds goes into ``errors``."""
    found = {}
    for name in IDENTIFIERS:
        value = identifier(name, values.get(name, ""))
        if not value:
            continue
        if (name, value) in context.seen:
            errors.setdefault(
                name,
                _("The same value is already in row %(row)s.")
                % {"row": context.seen[(name, value)]},
            )
        exhibitor = context.registered.get((name, value))
        if exhibitor is not None:
            found.setdefault(exhibitor.pk, (name, exhibitor))
    return found


def _registered_elsewhere(exhibitor: Exhibitor, user) -> str:
    """Named only to those who may see the other district's exhibitor (the cell)."""
    if scoped_rows([exhibitor], user, Exhibitor):
        return _(
            "%(name)s of %(district)s is already registered with this mobile, Udyam number or "
            "GSTIN; an exhibitor belongs to one district."
        ) % {"name": exhibitor.name, "district": exhibitor.district.name}
    return _(
        "An exhibitor of another district is registered with this mobile, Udyam number or "
        "GSTIN. Please contact the ODOP cell."
    )


def _remember(context: RowContext, number: int, values: dict, existing) -> None:
    for name in IDENTIFIERS:
        value = identifier(name, values.get(name, ""))
        if value:
            context.seen.setdefault((name, value), number)
    if existing is not None:
        context.matched.setdefault(existing.pk, number)


def _apply(candidate, values: dict, context: RowContext, errors: dict, *, keep_blank) -> set:
    """Set the row's values on ``candidate``; a blank cell keeps what a registered exhibitor
    holds. Returns the fields the row sets."""
    written = set()
    for name in FIELDS:
        text = values.get(name, "")
        if keep_blank and not text:
            continue
        written.add(name)
        if name == "kind":
            candidate.kind = context.kinds.get(text.casefold(), text)
        elif name == "product":
            candidate.product = _product(text, context, errors)
        else:
            # Blank is NULL where the field allows it, as the form gives it (NULLs never
            # collide in a unique index; two blank strings would).
            empty = Exhibitor._meta.get_field(name).null and not text
            setattr(candidate, name, None if empty else text)
    return written


def _product(text: str, context: RowContext, errors: dict):
    if not text:
        return None
    key = normalise_text(text).casefold()
    product = context.own_products.get(key) or context.other_products.get(key)
    if product is None:
        errors["product"] = _(
            "No ODOP product is named “%(name)s”. Use a name from the list of the district's "
            "products."
        ) % {"name": text}
    return product


def _sort_match(result, number: int, existing: Exhibitor, candidate, written: set) -> None:
    changes, fields = [], {}
    for name in FIELDS:
        old, new = getattr(existing, name), getattr(candidate, name)
        if name not in written or (old or None) == (new or None):
            continue
        fields[name] = new
        changes.append(Change(heading(name), _shown(existing, name), _shown(candidate, name)))
    match = Match(number, existing, fields, changes)
    (result.matches if changes else result.unchanged).append(match)


def _shown(exhibitor: Exhibitor, name: str) -> str:
    if name == "kind":
        return str(exhibitor.get_kind_display())
    value = getattr(exhibitor, name)
    return "" if value is None else str(getattr(value, "name", value))
