"""Loading the shipped master data: complete, idempotent, never overwriting corrections."""

import csv
import io

import pytest
from django.core.management import call_command

from districts.models import District, Division, Product
from districts.services import ODOP_CSV, master_data_load, master_data_read


def test_the_shipped_data_has_18_divisions_75_districts_and_their_products(db):
    assert Division.objects.count() == 18
    assert District.objects.count() == 75
    assert Product.objects.filter(is_original=True).count() == 75
    agra = District.objects.get(name_en="Agra")
    assert (agra.name_hi, agra.lgd_code, agra.division.name_en) == ("आगरा", 118, "Agra")
    assert agra.hq_town_hi == "आगरा" and agra.latitude is not None
    assert agra.products.count() == 2


def test_the_project_ships_its_own_copy_of_the_data():
    assert ODOP_CSV.is_file()
    assert "shared" not in str(ODOP_CSV.resolve().relative_to(ODOP_CSV.parents[2]))


def test_a_reload_creates_nothing_and_reports_nothing(db):
    report = master_data_load(rows=master_data_read())
    assert not report.created and report.differences == []


def test_a_reload_keeps_an_officers_correction_and_reports_it(lucknow):
    product = lucknow.products.get(is_original=True)
    product.name_hi = "चिकनकारी एवं ज़री-ज़रदोज़ी (संशोधित)"
    product.save()
    report = master_data_load(rows=master_data_read())
    product.refresh_from_db()
    assert product.name_hi == "चिकनकारी एवं ज़री-ज़रदोज़ी (संशोधित)"
    assert len(report.differences) == 1
    assert report.differences[0].startswith("product:Lucknow:original: name_hi is")


def test_a_reload_recreates_what_is_missing(db):
    Product.objects.filter(source_key="product:Agra:second").delete()
    report = master_data_load(rows=master_data_read())
    assert report.created == {"ODOP products": 1}
    assert Product.objects.filter(source_key="product:Agra:second").exists()


def test_a_row_made_by_hand_before_the_first_load_is_adopted_not_doubled(db):
    division = Division.objects.get(name_en="Agra")
    division.source_key = None
    division.save()
    report = master_data_load(rows=master_data_read())
    assert not report.created
    division.refresh_from_db()
    assert division.source_key == "division:Agra"


def test_names_are_stored_nfc_so_both_nukta_encodings_match(lucknow):
    decomposed = "\u0921\u093c"  # ड + nukta, as some keyboards type ड़
    precomposed = "\u095c"  # ड़ as one code point
    product = Product.objects.create(district=lucknow, name_en="Test", name_hi=f"{decomposed}ा")
    other = Product(district=lucknow, name_en="Test 2", name_hi=f"{precomposed}ा")
    other.save()
    product.refresh_from_db()
    other.refresh_from_db()
    assert product.name_hi == other.name_hi


def test_the_command_reports_what_it_did(db):
    out = io.StringIO()
    call_command("load_master_data", stdout=out)
    assert out.getvalue().strip() == "Master data: created nothing."


@pytest.fixture
def changed_csv(tmp_path):
    with open(ODOP_CSV, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["district_hi"] = "आगरा (बदला)"
    path = tmp_path / "odop.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_command_lists_each_difference(db, changed_csv):
    out = io.StringIO()
    call_command("load_master_data", odop_csv=changed_csv, stdout=out)
    assert "district:Agra: name_hi is आगरा in the portal and आगरा (बदला) in the file" in (
        out.getvalue()
    )
    assert District.objects.get(name_en="Agra").name_hi == "आगरा"


def test_the_cached_master_data_follows_every_change(lucknow):
    """Pages read districts and products from the cache; an edit is seen at once."""
    from districts.masterdata import master_data

    before = master_data()
    assert len(before.districts) == 75
    product = Product.objects.create(district=lucknow, name_en="Chikankari kits", name_hi="किट")
    assert product.pk in {p.pk for p in master_data().products}
    lucknow.hq_town_en = "Lucknow city"
    lucknow.save()
    assert next(d for d in master_data().districts if d.pk == lucknow.pk).hq_town_en == (
        "Lucknow city"
    )
    product.delete()
    assert product.pk not in {p.pk for p in master_data().products}
