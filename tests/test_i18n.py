"""The Hindi catalogue is complete, compiled, and covers every string in the source."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale/hi/LC_MESSAGES/django.po"
MO = ROOT / "locale/hi/LC_MESSAGES/django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def test_every_string_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_translations_keep_every_placeholder():
    for entry in polib.pofile(str(PO)):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == wanted, entry.msgid


def test_the_compiled_catalogue_matches_the_source_catalogue():
    with open(MO, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in polib.pofile(str(PO)):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                expected[(key, int(index))] = text
        else:
            expected[key] = entry.msgstr
    compiled.pop("", None)  # the header
    assert compiled == expected, "locale/hi is stale: run `make messages`"


def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("REQUIRE_SERVICES") == "1" or os.environ.get("CI"):
            pytest.fail("GNU gettext is required in CI to check the catalogue against the source")
        pytest.skip("GNU gettext (xgettext) is not installed")
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        tree,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "tests", "bench", "*.pyc", "node_modules"
        ),
    )
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "odop_portal.settings",
    }
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "hi", "--no-obsolete"],
        cwd=tree,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = {entry.msgid for entry in polib.pofile(str(tree / PO.relative_to(ROOT)))}
    current = {entry.msgid for entry in polib.pofile(str(PO))}
    assert sorted(fresh - current) == [], "strings missing from locale/hi: run `make messages`"
    assert sorted(current - fresh) == [], "obsolete strings in locale/hi: run `make messages`"
