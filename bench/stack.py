"""The stack `make bench` drives: one PostgreSQL database per data size, manage.py commands,
collectstatic, and gunicorn with the production configuration."""

import hashlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

from bench.client import request

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


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
    # Every app's migrations, the audit trail's (core/audit/migrations) included.
    folders = sorted(
        p
        for p in [*ROOT.glob("*/migrations"), *ROOT.glob("*/*/migrations")]
        if ".venv" not in p.parts
    )
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
        # As autovacuum leaves a database that grew over ten years: statistics gathered and
        # the GIN indexes' pending lists (the search's trigram indexes) merged.
        vacuum = psycopg2.connect(self.url(name))
        try:
            vacuum.autocommit = True
            with vacuum.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        finally:
            vacuum.close()
        self._execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
        return name, True

    def _code(self, base: str) -> str:
        return code_hash(ROOT / "demo" / "synthetic") + self._marker(base)[-16:]

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
