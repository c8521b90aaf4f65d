"""The objects the matrix's rows point at, built once per set of fixtures.

The rows name pytest fixtures (``pk_of("nomination")``). Building them again for each of
some 800 cases would cost most of the run, so they are built here by calling the fixture
functions themselves: the fixtures stay the one place that says what a test nomination is.
Only fixtures that return (no ``yield``) and take other fixtures or ``db`` can be built.

``tests/permissions/fixtures.py`` keeps each set in a savepoint for as long as the cases that
need it run; each case runs in a savepoint of its own on top (pytest-django's ``db``).
"""

import importlib
import inspect

import pytest

from tests import conftest

# The class of what @pytest.fixture returns, to tell a fixture from an imported name.
_FIXTURE_TYPE = type(pytest.fixture(lambda: None))
_DATABASE = {"db"}


def _fixture_modules() -> list:
    names = [*conftest.pytest_plugins, "tests.permissions.fixtures", "tests.conftest"]
    return [importlib.import_module(name) for name in dict.fromkeys(names)]


def fixture_function(name: str):
    """The function of the fixture ``name``, from conftest or a ``tests/<app>/fixtures.py``."""
    found = [
        vars(module)[name]
        for module in _fixture_modules()
        if isinstance(vars(module).get(name), _FIXTURE_TYPE)
    ]
    if len(found) != 1:
        raise LookupError(f"fixture {name!r} is defined {len(found)} times, not once")
    return inspect.unwrap(found[0])


class Objects:
    """Fixture name → its object, built on first use with the fixtures it asks for."""

    def __init__(self, built: dict | None = None):
        self.built = dict(built or {})

    def __getitem__(self, name: str):
        if name not in self.built:
            function = fixture_function(name)
            arguments = {
                parameter: None if parameter in _DATABASE else self[parameter]
                for parameter in inspect.signature(function).parameters
            }
            value = function(**arguments)
            if inspect.isgenerator(value):
                raise TypeError(f"fixture {name!r} yields; the matrix builds returning ones")
            self.built[name] = value
        return self.built[name]
