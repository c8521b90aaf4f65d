"""Every package of the project stands on a floor of the import contract (pyproject.toml), so a
new app cannot escape it; `make lint` runs the contract itself."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent


def contract():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = settings["contracts"]
    return settings["root_packages"], layers["layers"]


def floors():
    return {name.strip() for layer in contract()[1] for name in layer.split("|")}


def test_every_project_app_stands_on_a_floor():
    packages = {config.name.split(".")[0] for config in apps.get_app_configs()}
    project_apps = {
        name for name in packages if (ROOT / name / "__init__.py").exists() and name != "tests"
    }
    assert {"core", "stalls", "demo"} <= project_apps
    assert project_apps - floors() == set()


def test_every_floor_is_a_root_package_and_a_folder():
    roots, _ = contract()
    assert set(roots) == floors()
    assert all((ROOT / name / "__init__.py").exists() for name in roots)


def test_core_is_the_ground_floor():
    assert contract()[1][-1] == "core"
