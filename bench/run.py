"""`make bench`: the portal's speed at ten years of data, against the framework's floor.

Runs on the real stack: PostgreSQL (one database per data size, generated once and kept while
the generator and the migrations are unchanged), Redis, and the portal served by gunicorn with
2 workers and persistent database connections (the production gunicorn configuration and
settings, plus the two floors of bench.urls). Writes bench/RESULTS.md and a JSON copy.

    python -m bench.run                    # what `make bench` runs
    python -m bench.run --sizes 0.01,0.1,1 --rounds 9 --out bench/RESULTS.md
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from bench.client import contention, fetch_all, timed_rounds
from bench.figures import figures, floor_of, floors
from bench.stack import ENV, ROOT, Databases, Server, bench_env, collect_static, manage_json

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"


# --- Results -----------------------------------------------------------------------------------


def summary(times: list) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def shipped_gunicorn() -> dict:
    """Workers and threads of the production configuration, as the benchmark's server runs it
    (odop_portal/gunicorn.conf.py with the environment's GUNICORN_* unset)."""
    import runpy

    config = runpy.run_path(
        str(Path(__file__).resolve().parent.parent / "odop_portal" / "gunicorn.conf.py")
    )
    return {"workers": config["workers"], "threads": config["threads"]}


def machine(databases: Databases) -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory = int(meminfo.read_text().split()[1]) // (1024 * 1024)
    import django
    import gunicorn
    import weasyprint

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": databases.version(),
        "gunicorn": gunicorn.__version__,
        **{f"gunicorn_{key}": value for key, value in shipped_gunicorn().items()},
        "weasyprint": weasyprint.__version__,
    }


def attempt(measure, *arguments) -> dict:
    """A figure, or the reason it could not be taken (shown in RESULTS.md as a miss)."""
    try:
        return measure(*arguments)
    except SystemExit as error:
        return {"error": str(error).strip().splitlines()[-1]}


def report_figures(ids: dict, url: str, var: Path, args) -> dict:
    html = var / "report.html"
    report = ["bench_report", "--meeting", str(ids["meeting"]), "--html", str(html)]
    report += ["--language", args.report_language]
    figures = manage_json([*report, "--runs", str(args.report_runs)], url)
    figures["memory"] = {
        what: manage_json([*report, "--memory", what], url) for what in ("task", "bare")
    }
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.01,0.1,1", help="data scales; the last is timed")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds of every page")
    parser.add_argument("--report-runs", type=int, default=3)
    parser.add_argument("--report-language", default="hi", choices=["en", "hi"])
    parser.add_argument("--import-runs", type=int, default=5)
    parser.add_argument("--import-stalls", type=int, default=625, help="× 16 days = rows")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--server", default=os.environ.get("BENCH_POSTGRES", DEFAULT_SERVER))
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379"))
    parser.add_argument("--prefix", default="odop_bench")
    parser.add_argument("--var", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--json", default=None, help="also write the figures as JSON here")
    parser.add_argument("--fresh", action="store_true", help="regenerate the databases")
    parser.add_argument("--drop", action="store_true", help="drop the databases afterwards")
    parser.add_argument(
        "--static-finders",
        action="store_true",
        help="serve static files from their folders, without collectstatic (the smoke test)",
    )
    parser.add_argument(
        "--from-json", help="write RESULTS.md again from a run's JSON, measuring nothing"
    )
    args = parser.parse_args(argv)
    if args.from_json:
        from bench.results import write_results

        outcome = json.loads(Path(args.from_json).read_text())
        text, misses = write_results(outcome, argparse.Namespace(**outcome["options"]))
        Path(args.out).write_text(text)
        print(f"wrote {args.out} from {args.from_json}: {len(misses)} target(s) missed")
        return 0

    from bench.results import write_results

    ENV.update(bench_env(args))
    var = Path(args.var).resolve()
    (var / "media").mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[bench {time.monotonic() - started:6.1f}s] {message}", flush=True)

    databases = Databases(args.server, args.prefix, log)
    sizes = [float(s) for s in args.sizes.split(",")]
    items = figures() + floors()
    by_path = {f.path: f for f in items}
    outcome: dict = {
        "sizes": [],
        "started": datetime.datetime.now(datetime.UTC).isoformat(),
        "options": {"rounds": args.rounds},
    }
    if args.static_finders:
        ENV["BENCH_STATIC_FINDERS"] = "1"
    else:
        collect_static(var, databases, log)
    try:
        for index, scale in enumerate(sizes):
            timed = index == len(sizes) - 1
            name, generated = databases.ensure(scale, args.seed, args.fresh)
            url = databases.url(name)
            stalls = args.import_stalls if timed else min(args.import_stalls, 40)
            ids = manage_json(
                ["bench_prepare", "--media", str(var / "media"), "--import-stalls", str(stalls)],
                url,
            )
            label = f"scale {scale:g}"
            outcome["sizes"].append({"label": label, "database": name, "rows": ids["rows"]})
            log(f"{name}: {'generated' if generated else 'kept'}; {ids['rows']}")
            server = Server(url, var / "gunicorn.log")
            try:
                fetch_all(server.port, items, ids, label, record_time=False)  # warm-up
                fetch_all(server.port, items, ids, label, record_time=False, fresh=True)
                if timed:
                    log(f"timing {len(items)} URLs × {args.rounds} rounds")
                    timed_rounds(server.port, items, ids, args.rounds, label)
                    log(f"allocation race: {args.clients} clients")
                    race = contention(server.port, ids, args.clients)
            finally:
                server.stop()
            if not timed:
                continue
            keep = ("fair", "fair_stalls", "board_fair", "board_stalls", "meeting")
            outcome["ids"] = {k: ids[k] for k in keep}
            race["outcome"] = manage_json(
                ["bench_outcome", "--fair", str(ids["contention"]["fair"])], url
            )
            outcome["contention"] = race
            log("status report: task against bare WeasyPrint")
            outcome["report"] = attempt(report_figures, ids, url, var, args)
            log("spreadsheet import against openpyxl's bare read")
            imported = ["bench_import", "--fair", str(ids["import"]["fair"])]
            imported += ["--file", ids["import"]["file"], "--runs", str(args.import_runs)]
            outcome["import"] = attempt(manage_json, imported, url)
        outcome["machine"] = machine(databases)
    finally:
        if args.drop:
            databases.drop_all()
    outcome["seconds"] = time.monotonic() - started
    outcome["figures"] = [
        {
            "name": f.name,
            "group": f.group,
            "path": f.path,
            "floor": floor_of(f, by_path).name if f.floor else "",
            "target": f.target,
            "queries": f.queries,
            "times": f.times,
            **({"summary": summary(f.times)} if f.times else {}),
        }
        for f in items
    ]
    text, misses = write_results(outcome, args)
    Path(args.out).write_text(text)
    if args.json:
        Path(args.json).write_text(json.dumps(outcome, indent=1, default=str))
    log(f"wrote {args.out}: {len(misses)} target(s) missed")
    for miss in misses:
        log(f"  missed: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
