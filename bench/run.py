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
import hashlib
import http.client
import json
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"


# --- What is measured ------------------------------------------------------------------------


@dataclass
class Figure:
    name: str  # shown in RESULTS.md
    role: str  # secretary, district or officer: whose session requests it
    path: str  # formatted with the identifiers bench_prepare returns
    floor: str  # "page" or "list:<api list>"
    target: float | None  # ratio to the floor, or None when the issue sets none
    group: str
    times: list = field(default_factory=list)
    queries: dict = field(default_factory=dict)  # data size label → queries

    def url(self, ids: dict) -> str:
        return self.path.format(**ids)


PAGE, LIST, ADMIN = 3.0, 6.0, 25.0
API = 1.5
API_LISTS = ["fairs", "exhibitors", "nominations", "allocations", "daily-sales", "mous"]
API_LISTS += ["action-points"]


def figures() -> list[Figure]:
    pages = [
        ("Principal Secretary's dashboard", "secretary", "/", PAGE),
        ("District staff home page", "district", "/", PAGE),
        ("Fair page (largest fair)", "officer", "/fairs/{fair}/", PAGE),
        ("Exhibitor page", "district", "/exhibitors/{exhibitor}/", PAGE),
        ("District page", "secretary", "/districts/{district}/", PAGE),
        ("MoU page", "secretary", "/mous/{mou}/", PAGE),
        ("Meeting page", "officer", "/reviews/{meeting}/", PAGE),
    ]
    lists = [
        ("Stall board (largest fair)", "officer", "/fairs/{fair}/board/", LIST),
        ("Fair list", "officer", "/fairs/", LIST),
        ("Exhibitor list (district)", "district", "/exhibitors/", LIST),
        ("District list", "secretary", "/districts/", LIST),
        ("MoU list", "secretary", "/mous/", LIST),
        ("Meeting list", "officer", "/reviews/", LIST),
        ("Action point list", "officer", "/reviews/action-points/", LIST),
        ("Report archive", "secretary", "/reviews/reports/", LIST),
        ("Sales entry (district, one day)", "district", "/fairs/{district_fair}/sales/", LIST),
        ("Notifications", "district", "/notifications/", LIST),
    ]
    admin = [
        ("Admin: allocations (100 rows)", "/admin/stalls/allocation/", ADMIN),
        ("Admin: nominations", "/admin/stalls/nomination/", None),
        ("Admin: exhibitors", "/admin/exhibitors/exhibitor/", None),
        ("Admin: daily sales", "/admin/stalls/dailysale/", None),
        ("Admin: fairs", "/admin/events/fair/", None),
        ("Admin: MoUs", "/admin/mous/mou/", None),
        ("Admin: action points", "/admin/reviews/actionpoint/", None),
    ]
    made = [Figure(n, r, p, "page", t, "Pages") for n, r, p, t in pages]
    made += [
        Figure(n, r, p, "page", t, "List pages (50 rows) and the stall board")
        for n, r, p, t in lists
    ]
    made += [Figure(n, "officer", p, "page", t, "The admin") for n, p, t in admin]
    made += [
        Figure(f"API: {name}", "officer", f"/api/v1/{name}/", f"list:{name}", API, "API lists")
        for name in API_LISTS
    ]
    return made


def floors() -> list[Figure]:
    made = [Figure("Bare page", "officer", "/__bench__/bare-page/", "", None, "Floors")]
    made += [
        Figure(f"Bare list: {name}", "officer", f"/__bench__/bare-list/{name}/", "", None, "Floors")
        for name in API_LISTS
    ]
    return made


def floor_of(figure: Figure, by_path: dict) -> Figure:
    if figure.floor == "page":
        return by_path["/__bench__/bare-page/"]
    return by_path[f"/__bench__/bare-list/{figure.floor.split(':', 1)[1]}/"]


# --- Databases ---------------------------------------------------------------------------------


def code_hash(*parts: Path) -> str:
    digest = hashlib.sha256()
    for part in parts:
        files = sorted(part.rglob("*.py")) if part.is_dir() else [part]
        for path in files:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrations_hash() -> str:
    folders = sorted(p for p in ROOT.glob("*/migrations") if ".venv" not in p.parts)
    return code_hash(*folders, ROOT / "districts" / "data")


class Databases:
    """One database per data size, made from a migrated template with the master data."""

    def __init__(self, server: str, prefix: str, log):
        self.server, self.prefix, self.log = server.rstrip("/"), prefix, log

    def _admin(self):
        connection = psycopg2.connect(f"{self.server}/postgres")
        connection.autocommit = True
        return connection

    def _marker(self, name: str) -> str | None:
        with self._admin() as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [name],
            )
            row = cursor.fetchone()
        return None if row is None else (row[0] or "")

    def _execute(self, *statements: str) -> None:
        connection = self._admin()
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connection.close()

    def url(self, name: str) -> str:
        return f"{self.server}/{name}"

    def ensure(self, scale: float, seed: int, fresh: bool) -> tuple[str, bool]:
        """The database of a data size, generated unless an identical one is kept."""
        base = self._base(fresh)
        name = f"{self.prefix}_{round(scale * 1000)}"
        marker = f"odop-bench scale={scale} seed={seed} code={self._code(base)}"
        if not fresh and self._marker(name) == marker:
            return name, False
        self.log(f"generating {name} (scale {scale})")
        self._execute(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{base}"',
        )
        manage(["generate_data", "--scale", str(scale), "--seed", str(seed)], self.url(name))
        self._execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
        return name, True

    def _code(self, base: str) -> str:
        return code_hash(ROOT / "odop_portal" / "synthetic.py") + self._marker(base)[-16:]

    def _base(self, fresh: bool) -> str:
        name = f"{self.prefix}_base"
        marker = f"odop-bench base migrations={migrations_hash()}"
        if fresh or self._marker(name) != marker:
            self.log(f"migrating {name} and loading the master data")
            self._execute(
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
            )
            manage(["migrate", "--noinput", "-v0"], self.url(name))
            manage(["load_master_data"], self.url(name))
            self._execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
        return name

    def drop_all(self) -> None:
        with self._admin() as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{self.prefix}\\_%"]
            )
            names = [row[0] for row in cursor.fetchall()]
        self._execute(*(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names))

    def version(self) -> str:
        with self._admin() as connection, connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]


# --- Processes ---------------------------------------------------------------------------------

ENV: dict[str, str] = {}


def bench_env(args) -> dict:
    var = Path(args.var).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DATABASE_CONN_MAX_AGE="600",
        CELERY_BROKER_URL=f"{args.redis}/14",
        CELERY_TASK_ALWAYS_EAGER="false",
        REDIS_URL=f"{args.redis}/15",
        STATIC_ROOT=str(var / "static"),
        MEDIA_ROOT=str(var / "media"),
        SESSION_IDLE_MINUTES="600",
        LOG_LEVEL="WARNING",
        GUNICORN_WORKERS="2",
        PYTHONHASHSEED="0",
    )
    return env


def manage(command: list[str], database_url: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env={**ENV, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def collect_static(var: Path, databases, log) -> None:
    """The production static storage (hashed, compressed names) needs collectstatic; it is
    run again only when the static files or the requirements change."""
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted((ROOT / "static").rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    stamp = var / "static" / ".bench-fingerprint"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    log("collecting static files (production storage)")
    manage(["collectstatic", "--noinput", "-v0"], databases.url("postgres"))
    stamp.write_text(digest.hexdigest())


def manage_json(command: list[str], database_url: str) -> dict:
    return json.loads(manage(command, database_url).strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the production configuration: 2 workers, persistent connections."""

    def __init__(self, database_url: str, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.process = subprocess.Popen(  # noqa: S603 (gunicorn from our virtualenv)
            [PYTHON, "-m", "gunicorn", "odop_portal.wsgi", "-c", "odop_portal/gunicorn.conf.py"],
            cwd=ROOT,
            env={
                **ENV,
                "DATABASE_URL": database_url,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            },
            stdout=log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log_path}")
            try:
                request(self.port, "/healthz")
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not answer in 60 s; see {log_path}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Answer:
    status: int
    seconds: float
    queries: int
    body: bytes


def request(port: int, path: str, *, cookie=None, token=None, method="GET", payload=None):
    headers = {"Host": "127.0.0.1", "Accept-Language": "en", "Accept": "text/html,*/*"}
    if path.startswith(("/api/", "/__bench__/bare-list/")):
        headers["Accept"] = "application/json"  # what API clients ask for
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    if token:
        headers["Authorization"] = f"Token {token}"
    body = None
    if payload is not None:
        body = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    return Answer(response.status, seconds, int(response.getheader("X-Bench-Queries", "-1")), data)


# --- Steps -------------------------------------------------------------------------------------


def fetch_all(port, items, ids, label, *, record_time: bool) -> None:
    for figure in items:
        answer = request(port, figure.url(ids), cookie=ids["sessions"][figure.role])
        if answer.status != 200:
            raise SystemExit(
                f"{figure.name}: {figure.url(ids)} answered {answer.status}\n{answer.body[:800]!r}"
            )
        figure.queries[label] = answer.queries
        if record_time:
            figure.times.append(answer.seconds)


def timed_rounds(port, items, ids, rounds: int, label: str) -> None:
    """Every figure and floor once per round, in a new random order each round."""
    for number in range(rounds):
        order = list(items)
        random.Random(number).shuffle(order)  # noqa: S311 (an order, not a secret)
        fetch_all(port, order, ids, label, record_time=True)


def contention(port, ids, clients: int) -> dict:
    """``clients`` threads allocate at once in one fair: each takes its share of the approved
    nominations and asks for a random stall for each (409 when another was faster)."""
    race = ids["contention"]
    shares = [race["nominations"][k::clients] for k in range(clients)]
    barrier = threading.Barrier(clients)
    results, lock = [], threading.Lock()

    def client(number: int) -> None:
        rng = random.Random(number)  # noqa: S311 (a choice of stall, not a secret)
        barrier.wait()
        for nomination in shares[number]:
            stall = rng.choice(race["stalls"])
            answer = request(
                port,
                "/api/v1/allocations/",
                token=ids["token"],
                method="POST",
                payload={"nomination": nomination, "stall": stall},
            )
            code = ""
            if answer.status != 201:
                error = json.loads(answer.body or b"{}").get("error", {})
                code = error.get("code", str(answer.status))
            with lock:
                results.append((answer.status, answer.seconds, code, stall, time.perf_counter()))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = max(r[4] for r in results) - started
    latencies = sorted(r[1] for r in results)
    won = [r for r in results if r[0] == 201]
    codes: dict[str, int] = {}
    for r in results:
        if r[0] != 201:
            codes[r[2]] = codes.get(r[2], 0) + 1
    unexpected = sum(n for code, n in codes.items() if code not in ("stall_taken", "busy"))
    return {
        "clients": clients,
        "requests": len(results),
        "allocated": len(won),
        "refused": codes,
        "unexpected": unexpected,
        "won_stalls_distinct": len({r[3] for r in won}) == len(won),
        "seconds": wall,
        "throughput": len(results) / wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "max": latencies[-1],
    }


def percentile(values: list, pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


# --- Results -----------------------------------------------------------------------------------


def summary(times: list) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


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
                fetch_all(server.port, items, ids, label, record_time=False)  # counted
                if timed:
                    log(f"timing {len(items)} URLs × {args.rounds} rounds")
                    timed_rounds(server.port, items, ids, args.rounds, label)
                    log(f"allocation race: {args.clients} clients")
                    race = contention(server.port, ids, args.clients)
            finally:
                server.stop()
            if not timed:
                continue
            outcome["ids"] = {k: ids[k] for k in ("fair", "fair_stalls", "meeting")}
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
