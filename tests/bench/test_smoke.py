"""The benchmark harness on tiny data, one round: `make bench` cannot rot unnoticed.

It runs bench.run exactly as `make bench` does (its own PostgreSQL databases, gunicorn, Redis),
at three tiny data sizes, and checks that every figure was produced and that each URL makes the
same number of queries at every size, within the limit. Wall-clock times are never asserted.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.results import QUERY_LIMIT

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _server() -> str:
    db = settings.DATABASES["default"]
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def _redis() -> str:
    return settings.CELERY_BROKER_URL.rsplit("/", 1)[0]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    command = [
        sys.executable,
        "-m",
        "bench.run",
        "--sizes=0.002,0.003,0.004",
        "--rounds=1",
        "--report-runs=1",
        "--import-runs=1",
        "--import-stalls=40",
        "--clients=4",
        f"--prefix=odop_bench_smoke_{os.getpid()}",
        "--drop",
        "--static-finders",
        f"--server={_server()}",
        f"--redis={_redis()}",
        f"--var={ROOT / 'var' / 'bench-smoke'}",
        f"--out={out / 'RESULTS.md'}",
        f"--json={out / 'results.json'}",
    ]
    finished = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    assert finished.returncode == 0, finished.stdout[-4000:] + finished.stderr[-4000:]
    return json.loads((out / "results.json").read_text()), (out / "RESULTS.md").read_text()


def test_every_figure_is_produced(results):
    data, text = results
    labels = [size["label"] for size in data["sizes"]]
    assert len(labels) == 3
    groups = {figure["group"] for figure in data["figures"]}
    assert groups == {
        "Pages",
        "List pages (50 rows) and the stall board",
        "Rendered fresh (no cached fragment)",
        "The admin",
        "API lists",
        "Floors",
    }
    for figure in data["figures"]:
        assert len(figure["times"]) == 1, figure["name"]
        assert figure["summary"]["median"] > 0, figure["name"]
    assert data["report"]["pages"] >= 1
    memory = data["report"]["memory"]
    assert memory["task"]["peak_mb"] > 0
    assert memory["bare"]["peak_mb"] > 0
    assert "rows" in data["import"], data["import"]
    assert data["import"]["rows"] == 40 * 16
    assert data["import"]["errors"] == 0
    for section in (
        "## Floors",
        "## Pages",
        "## API lists",
        "## Queries per request at each data size",
        "## Status report (largest meeting)",
        "## Spreadsheet import",
        "## Allocation under contention",
    ):
        assert section in text


def test_query_counts_are_constant_and_within_the_limit(results):
    data, _text = results
    for figure in data["figures"]:
        counts = set(figure["queries"].values())
        assert len(counts) == 1, f"{figure['name']}: {figure['queries']}"
        assert counts.pop() <= QUERY_LIMIT, f"{figure['name']}: {figure['queries']}"


def test_the_import_makes_no_query_per_row(results):
    data, _text = results
    assert data["import"]["queries"]["preview"] <= 3
    assert data["import"]["queries"]["import"] <= 12


def test_nothing_is_oversold_under_contention(results):
    data, _text = results
    race, outcome = data["contention"], data["contention"]["outcome"]
    assert race["requests"] == 200
    assert race["unexpected"] == 0, race["refused"]
    assert race["allocated"] == outcome["active_allocations"] == outcome["allocated_counter"]
    assert outcome["active_allocations"] <= outcome["capacity"]
    assert outcome["stalls_with_two"] == 0
    assert race["won_stalls_distinct"]
