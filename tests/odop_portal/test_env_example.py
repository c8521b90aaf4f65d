"""Every environment variable the portal reads is documented in .env.example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"env_\w+\(\s*\"([A-Z][A-Z0-9_]+)\"")
SOURCES = ["odop_portal/settings.py", "odop_portal/gunicorn.conf.py"]


def _documented() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_every_variable_read_is_documented():
    read = set()
    for source in SOURCES:
        read |= set(READ.findall((ROOT / source).read_text()))
    assert read, "no variables found: the pattern no longer matches the settings"
    assert sorted(read - _documented()) == []


def test_the_compose_file_variables_are_documented():
    compose = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", compose))
    assert sorted(used - _documented()) == []
