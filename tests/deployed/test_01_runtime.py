"""The runtime virtualenv (requirements.txt alone) loads what web, worker and beat load."""

from tests.deployed.stack import VENV

DEV_TOOLS = ["pytest", "pytest_django", "polib", "playwright"]


def test_the_runtime_virtualenv_holds_no_test_tools(infrastructure):
    for module in DEV_TOOLS:
        found = infrastructure.run_python("-c", f"import {module}")
        assert found.returncode != 0, (
            f"{VENV} has {module}: it must come from requirements.txt only"
        )


def test_every_module_of_web_worker_and_beat_imports(infrastructure):
    result = infrastructure.run_python("-m", "tests.deployed.runtime_imports")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr[-3000:]}"
