"""Loading the master data shipped with the portal (divisions, districts, ODOP products).

The load is idempotent: it creates what is missing and reports what differs, but never
overwrites a value in the portal, since cell officers correct names and codes in the admin.
Rows are matched on ``source_key``, a key taken from the file that officers cannot edit.
"""

import csv
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.fields import normalise_text
from districts.models import District, Division, Product

DATA_DIR = Path(__file__).resolve().parent / "data"
ODOP_CSV = DATA_DIR / "up_odop_districts.csv"
HQ_CSV = DATA_DIR / "up_district_hq.csv"


@dataclass
class MasterDataReport:
    created: Counter = field(default_factory=Counter)
    differences: list[str] = field(default_factory=list)


@dataclass
class _Loader:
    report: MasterDataReport
    existing: dict[type, dict[str, object]]

    def get_or_create(self, model, key: str, values: dict):
        obj = self.existing[model].get(key)
        if obj is None:
            # A row an officer created by hand before the first load is adopted, not doubled.
            obj = model.objects.filter(name_en=values["name_en"], **self._scope(values)).first()
            if obj is not None:
                obj.source_key = key
                obj.save(update_fields=["source_key", "updated_at"])
        if obj is None:
            obj = model(source_key=key, **values)
            obj.full_clean()
            obj.save()
            self.report.created[model._meta.verbose_name_plural] += 1
        else:
            self._compare(obj, key, values)
        self.existing[model][key] = obj
        return obj

    @staticmethod
    def _scope(values: dict) -> dict:
        return {"district": values["district"]} if "district" in values else {}

    def _compare(self, obj, key: str, values: dict) -> None:
        for name, wanted in values.items():
            current = getattr(obj, name)
            if current != wanted:
                self.report.differences.append(
                    f"{key}: {name} is {current!s} in the portal and {wanted!s} in the file; "
                    "kept the portal's value."
                )


def _text(value: str) -> str:
    return normalise_text(value or "")


def master_data_read(odop_csv: Path = ODOP_CSV, hq_csv: Path = HQ_CSV) -> list[dict]:
    """Rows of the ODOP file joined with the headquarters file on ``district_en``."""
    with open(hq_csv, encoding="utf-8-sig", newline="") as handle:
        hq = {row["district_en"]: row for row in csv.DictReader(handle)}
    with open(odop_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["hq"] = hq.get(row["district_en"], {})
    return rows


def master_data_load(*, rows: list[dict]) -> MasterDataReport:
    """Create missing divisions, districts and products; report values that differ."""
    report = MasterDataReport()
    existing = {
        model: {obj.source_key: obj for obj in model.objects.exclude(source_key=None)}
        for model in (Division, District, Product)
    }
    loader = _Loader(report=report, existing=existing)
    with transaction.atomic():
        for row in rows:
            _load_row(loader, row)
    return report


def _load_row(loader: _Loader, row: dict) -> None:
    division = loader.get_or_create(
        Division,
        f"division:{_text(row['division_en'])}",
        {"name_en": _text(row["division_en"]), "name_hi": _text(row["division_hi"])},
    )
    hq = row["hq"]
    district_en = _text(row["district_en"])
    district = loader.get_or_create(
        District,
        f"district:{district_en}",
        {
            "division": division,
            "name_en": district_en,
            "name_hi": _text(row["district_hi"]),
            "lgd_code": int(row["lgd_code"]) if row["lgd_code"].strip() else None,
            "hq_town_en": _text(hq.get("hq_town_en", "")),
            "hq_town_hi": _text(hq.get("hq_town_hi", "")),
            "latitude": Decimal(hq["lat"]) if hq.get("lat") else None,
            "longitude": Decimal(hq["lon"]) if hq.get("lon") else None,
        },
    )
    for prefix, is_original in (("odop_product", True), ("second_product", False)):
        name_en = _text(row[f"{prefix}_en"])
        if not name_en:
            continue
        loader.get_or_create(
            Product,
            f"product:{district_en}:{'original' if is_original else 'second'}",
            {
                "district": district,
                "name_en": name_en,
                "name_hi": _text(row[f"{prefix}_hi"]),
                "is_original": is_original,
            },
        )
