"""The import's columns: their headings in English and Hindi, and reading a row's cells."""

from django.utils import translation

from core.fields import normalise_text
from exhibitors.models import Exhibitor

# Spreadsheet columns: field, English heading, Hindi heading. The upload accepts either, and
# the fields are the exhibitor form's (its district is chosen on the page, not per row).
COLUMNS = [
    ("kind", "Kind", "प्रकार"),
    ("name", "Name", "नाम"),
    ("product", "ODOP product", "ओडीओपी उत्पाद"),
    ("contact_person", "Contact person", "संपर्क व्यक्ति"),
    ("mobile", "Mobile", "मोबाइल"),
    ("email", "E-mail", "ई-मेल"),
    ("udyam_number", "Udyam registration number", "उद्यम पंजीकरण संख्या"),
    ("gstin", "GSTIN", "जीएसटीआईएन"),
]
# Headings people write for the same columns in registers of their own.
OTHER_HEADINGS = [
    ("product", "Product"),
    ("mobile", "Mobile number"),
    ("email", "Email"),
    ("udyam_number", "Udyam number"),
]
FIELDS = [name for name, _en, _hi in COLUMNS]
REQUIRED = ("kind", "name", "product", "mobile")
IDENTIFIERS = ("mobile", "udyam_number", "gstin")


def heading(name: str) -> str:
    """The column's heading in the active language."""
    hindi = (translation.get_language() or "en").startswith("hi")
    return next(hi if hindi else en for key, en, hi in COLUMNS if key == name)


def sheet_columns(header: list[str]) -> dict[str, int]:
    names = {label.casefold(): key for key, en, hi in COLUMNS for label in (en, hi)}
    names.update({label.casefold(): key for key, label in OTHER_HEADINGS})
    found = {}
    for index, text in enumerate(header):
        key = names.get(normalise_text(text).casefold())
        if key:
            found.setdefault(key, index)
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a mobile typed into a number cell
    return str(value).strip()


def row_values(cells: list, columns: dict[str, int]) -> dict[str, str]:
    return {
        name: _text(cells[index]) if index < len(cells) else "" for name, index in columns.items()
    }


def identifier(name: str, text: str) -> str | None:
    """As the model field stores it (+91, spaces, case): the value a match is found on."""
    return Exhibitor._meta.get_field(name).normalise(text) or None


def kinds_by_name() -> dict[str, str]:
    """Each kind by its code and its label in English and in Hindi, case-folded."""
    kinds = {}
    for kind in Exhibitor.Kind:
        kinds[kind.value.casefold()] = kind.value
        for language in ("en", "hi"):
            with translation.override(language):
                kinds[str(kind.label).casefold()] = kind.value
    return kinds
