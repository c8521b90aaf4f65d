"""The stack the leg drives, started and stopped by it alone.

Its own PostgreSQL cluster and Redis (so drills can stop them without touching the machine's),
media on a small tmpfs (so drills can make it read-only or full), and gunicorn, a Celery
worker and beat run from the runtime virtualenv with the environment of ``.env.example``.
"""

import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "deployed"
VENV = WORK / "venv"
LOGS = WORK / "logs"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PUBLIC_HOST = "odop.up.gov.in"
DATABASE = "odop_deployed"
MEDIA_MB = 32
RUN_PREFIX = "odop-deployed-"

# Settings an outer shell (a developer's, CI's leg B) may have exported; the stack must see
# only what .env.example and the overrides below say.
OUTER_PREFIXES = ("DJANGO_", "CELERY_")
OUTER_NAMES = {"DATABASE_URL", "REDIS_URL", "PYTHONPATH", "VIRTUAL_ENV", "REQUIRE_SERVICES"}


class StackError(RuntimeError):
    """A part of the stack did not start or a command failed; the message has its log."""


def wait_until(check, *, timeout: float, interval: float = 0.5, what: str):
    """Call ``check`` until it returns something truthy; that value, or StackError."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StackError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


def log_tail(path: Path, lines: int = 40, width: int = 400) -> str:
    """The last lines of a log, each cut to ``width`` (JSON log lines carry whole tracebacks)."""
    if not path.exists():
        return f"({path.name}: no log)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(line[:width] for line in text[-lines:])


def free_port(preferred: int) -> int:
    """``preferred`` when nothing listens there (a leftover of an aborted run may), else any."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise StackError("no free port on 127.0.0.1")


def dotenv_example() -> dict[str, str]:
    """The KEY=VALUE lines of .env.example: the production configuration as documented."""
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values


def outer_environment() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if name not in OUTER_NAMES and not name.startswith(OUTER_PREFIXES)
    }


def run(argv, *, log: Path, env=None, timeout: float = 300, cwd: Path = ROOT) -> None:
    """Run a command to completion, its output appended to ``log``; StackError on failure."""
    with log.open("ab") as out:
        out.write(f"\n==== {' '.join(map(str, argv))}\n".encode())
        out.flush()
        try:
            done = subprocess.run(
                [str(a) for a in argv],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise StackError(
                f"{argv[0]} {argv[1]} took over {timeout} s:\n{log_tail(log)}"
            ) from None
    if done.returncode != 0:
        command = " ".join(map(str, argv[:4]))
        raise StackError(f"{command} exited {done.returncode}:\n{log_tail(log)}")


class Process:
    """A long-running part of the stack, in a process group of its own, so that stopping or
    killing it ends its children too (gunicorn's workers, the Celery pool): no orphans."""

    def __init__(self, name: str, argv: list, *, env: dict, base: Path):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.env = env
        self.log = LOGS / f"{name}.log"
        self.pids = base / "pids"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            out.write(f"\n==== {time.strftime('%H:%M:%S')} start {' '.join(self.argv)}\n".encode())
            out.flush()
            self.popen = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        with self.pids.open("a") as pids:
            pids.write(f"{self.popen.pid} {start_time(self.popen.pid)}\n")

    @property
    def pid(self) -> int:
        assert self.popen is not None, f"{self.name} is not running"
        return self.popen.pid

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def _signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signum)

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM, then SIGKILL for whatever of the group is left."""
        if self.popen is None:
            return
        if self.running:
            self._signal_group(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout)
        self.kill()

    def kill(self) -> None:
        """SIGKILL the whole group at once, as the OOM killer or a lost machine would."""
        if self.popen is None:
            return
        self._signal_group(signal.SIGKILL)
        self.popen.wait()
        self.popen = None


class Cluster:
    """A PostgreSQL 15 cluster of the leg's own: its own data directory, port and socket
    directory, trust on loopback, run by the ``postgres`` OS user as Debian's is."""

    def __init__(self, base: Path, port: int):
        self.data = base / "pgdata"
        self.sockets = base / "pgsocket"
        self.port = port
        self.log = LOGS / "postgres.log"

    def url(self, user: str = "odop") -> str:
        return f"postgres://{user}@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def _psql(self) -> list:
        return [PG_BIN / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres"]

    def _as_postgres(self, *argv, timeout: float = 120) -> None:
        run(["runuser", "-u", "postgres", "--", *argv], log=self.log, timeout=timeout)

    def create(self) -> None:
        for path in (self.data, self.sockets):
            path.mkdir(mode=0o700)
            shutil.chown(path, "postgres", "postgres")
        self.log.touch()
        shutil.chown(self.log, "postgres", "postgres")
        self._as_postgres(
            PG_BIN / "initdb",
            "--pgdata",
            self.data,
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        # The portal's own role owns its database, as in production (not a superuser).
        for sql in ("CREATE ROLE odop LOGIN", f"CREATE DATABASE {DATABASE} OWNER odop"):
            run(
                [*self._psql, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql],
                log=self.log,
            )

    def start(self) -> None:
        # Durability is not under test and fsync is most of migrate's time on a shared disk.
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._as_postgres(
            PG_BIN / "pg_ctl",
            "start",
            "-D",
            self.data,
            "-l",
            self.log,
            "-w",
            "-t",
            "60",
            "-o",
            options,
        )

    def stop(self) -> None:
        self._as_postgres(
            PG_BIN / "pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w", "-t", "60"
        )

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if not self.running:
            return
        try:
            self.stop()
        except StackError:
            # pg_ctl could not stop it: end the postmaster by the pid it recorded.
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


class Redis(Process):
    """A redis-server of the leg's own, in memory only like the drills assume."""

    def __init__(self, base: Path, port: int, *, env: dict):
        directory = base / "redis"
        directory.mkdir()
        argv = ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", ""]
        argv += ["--appendonly", "no", "--dir", directory, "--logfile", ""]
        super().__init__("redis", argv, env=env, base=base)
        self.port = port

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        super().start()
        wait_until(self.answers, timeout=20, what="redis-server answering PING")


class Media:
    """MEDIA_ROOT on a tmpfs of MEDIA_MB, which drills make read-only or fill."""

    def __init__(self, path: Path):
        self.path = path
        self.mounted = False

    def _mount(self, *argv) -> None:
        run(["mount", *argv], log=LOGS / "mount.log")

    def mount(self) -> None:
        self.path.mkdir()
        self._mount("-t", "tmpfs", "-o", f"size={MEDIA_MB}m,mode=0755", "tmpfs", self.path)
        self.mounted = True

    def read_only(self) -> None:
        self._mount("-o", "remount,ro", self.path)

    def read_write(self) -> None:
        self._mount("-o", "remount,rw", self.path)

    @contextlib.contextmanager
    def filled(self):
        """The tmpfs with no free block left, for as long as the block lasts."""
        filler = self.path / "filler"
        descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            for chunk in (b"\0" * 1024 * 1024, b"\0" * 4096):
                with contextlib.suppress(OSError):
                    while os.write(descriptor, chunk):
                        pass
            yield
        finally:
            os.close(descriptor)
            filler.unlink()

    def unmount(self) -> None:
        if not self.mounted:
            return
        try:
            run(["umount", self.path], log=LOGS / "mount.log")
        except StackError:
            run(["umount", "--lazy", self.path], log=LOGS / "mount.log")
        self.mounted = False


def start_time(pid: int) -> str | None:
    """When the process started (clock ticks after boot), or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def clean_leftovers() -> None:
    """End what a run that was killed outright (SIGKILL, a lost session) left behind: its
    processes, its cluster and its tmpfs; then remove its folder. Runs still going hold
    the lock in their folder and are left alone."""
    for base in Path(tempfile.gettempdir()).glob(f"{RUN_PREFIX}*"):
        with (base / "lock").open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            pids = base / "pids"
            for line in pids.read_text().splitlines() if pids.exists() else []:
                pid, started = line.split()
                # The same process, not another that was given its pid since.
                if start_time(int(pid)) == started:
                    os.killpg(int(pid), signal.SIGKILL)
            with contextlib.suppress(StackError, OSError):
                Cluster(base, port=0).remove()
            if os.path.ismount(base / "media"):
                run(["umount", "--lazy", base / "media"], log=LOGS / "mount.log")
        shutil.rmtree(base, ignore_errors=True)


class Stack:
    """The deployment: infrastructure first (``start_infrastructure``), then ``deploy``
    (migrations, data, static files, the three processes); ``close`` undoes what was done."""

    def __init__(self):
        LOGS.mkdir(parents=True, exist_ok=True)
        for old in LOGS.glob("*.log"):
            old.unlink()
        clean_leftovers()
        self.base = Path(tempfile.mkdtemp(prefix=RUN_PREFIX))
        # The postgres user must reach its data directory inside.
        self.base.chmod(0o755)
        # Held while the run lasts: another run's clean-up leaves this one alone.
        self._lock = (self.base / "lock").open("w")
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.python = VENV / "bin" / "python"
        self.cluster = Cluster(self.base, free_port(55432))
        self.media = Media(self.base / "media")
        self.mail = self.base / "mail"
        self.web_port = free_port(58000)
        self.redis: Redis | None = None
        self.web: Process | None = None
        self.worker: Process | None = None
        self.beat: Process | None = None
        self.env: dict[str, str] = {}

    # --- Infrastructure ------------------------------------------------------------------

    def start_infrastructure(self) -> None:
        if not self.python.exists():
            raise StackError(f"no runtime virtualenv at {VENV}: run `make test-deployed`")
        self.media.mount()
        self.cluster.create()
        self.redis = Redis(self.base, free_port(56379), env=outer_environment())
        self.redis.start()
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        """.env.example with the leg's addresses, as the compose file would give it."""
        assert self.redis is not None
        env = outer_environment()
        env.update(dotenv_example())
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "odop_portal.settings",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DATABASE_URL": self.cluster.url(),
                "CELERY_BROKER_URL": self.redis.url(0),
                "REDIS_URL": self.redis.url(1),
                "MEDIA_ROOT": str(self.media.path),
                "STATIC_ROOT": str(self.base / "static"),
                "EMAIL_BACKEND": "file",
                "EMAIL_FILE_PATH": str(self.mail),
                "GUNICORN_BIND": f"127.0.0.1:{self.web_port}",
                # The beat sweeps lapsed offers often enough for a drill to wait for it.
                "OFFER_SWEEP_SECONDS": "5",
                # As the image's ENV: no .pyc files in the work tree, logs line by line.
                "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONUNBUFFERED": "1",
                "PATH": f"{VENV / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            }
        )
        return env

    def run_python(self, *argv, timeout: float = 120) -> subprocess.CompletedProcess:
        """A script run by the runtime virtualenv's python with the stack's environment."""
        return self._run_runtime("python", *argv, timeout=timeout)

    def celery(self, *argv, timeout: float = 60) -> subprocess.CompletedProcess:
        """A celery command (inspect…) as an operator would run it beside the worker."""
        return self._run_runtime("celery", "-A", "odop_portal", *argv, timeout=timeout)

    def _run_runtime(self, program: str, *argv, timeout: float) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(VENV / "bin" / program), *map(str, argv)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    # --- Deployment ----------------------------------------------------------------------

    def manage(self, *argv, timeout: float = 300) -> None:
        log = LOGS / f"manage-{argv[0]}.log"
        run([self.python, "manage.py", *argv], log=log, env=self.env, timeout=timeout)

    def deploy(self) -> None:
        self.manage("migrate", "--noinput")
        self.manage("load_master_data")
        self.manage("load_demo_data", "--staging-database", DATABASE)
        self.manage("collectstatic", "--noinput")
        bin_dir = VENV / "bin"
        celery = [bin_dir / "celery", "-A", "odop_portal"]
        self.web = Process(
            "gunicorn",
            [bin_dir / "gunicorn", "odop_portal.wsgi", "--config", "odop_portal/gunicorn.conf.py"],
            env=self.env,
            base=self.base,
        )
        self.worker = Process(
            "worker",
            [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
            env=self.env,
            base=self.base,
        )
        self.beat = Process(
            "beat",
            [*celery, "beat", "--loglevel=INFO", "--schedule", self.base / "celerybeat-schedule"],
            env=self.env,
            base=self.base,
        )
        self.web.start()
        self.start_worker()
        self.beat.start()
        wait_until(self._web_answers, timeout=60, what="gunicorn answering /livez")

    def _web_answers(self) -> bool:
        assert self.web is not None
        if not self.web.running:
            raise StackError(f"gunicorn exited:\n{log_tail(self.web.log)}")
        try:
            with socket.create_connection(("127.0.0.1", self.web_port), timeout=2) as conn:
                conn.sendall(
                    f"GET /livez HTTP/1.0\r\nHost: {PUBLIC_HOST}\r\n"
                    "X-Forwarded-Proto: https\r\n\r\n".encode()
                )
                return conn.recv(12).startswith(b"HTTP/")
        except OSError:
            return False

    def start_worker(self) -> None:
        """Start the worker and wait until it consumes: its log says ``ready``."""
        assert self.worker is not None
        start = self.worker.log.stat().st_size if self.worker.log.exists() else 0
        self.worker.start()

        def ready() -> bool:
            if not self.worker.running:
                raise StackError(f"the Celery worker exited:\n{log_tail(self.worker.log)}")
            with self.worker.log.open("rb") as log:
                log.seek(start)
                return b" ready." in log.read()

        wait_until(ready, timeout=60, what="the Celery worker ready")

    # --- Tear-down -----------------------------------------------------------------------

    def close(self) -> None:
        """Stop whatever was started, the portal's processes first, whatever failed before."""
        steps = [
            *(p.stop for p in (self.web, self.worker, self.beat, self.redis) if p is not None),
            self.cluster.remove,
            self.media.unmount,
        ]
        problems = []
        for step in steps:
            try:
                step()
            except (StackError, OSError) as error:
                problems.append(f"{step.__qualname__}: {error}")
        if not self.media.mounted:
            shutil.rmtree(self.base, ignore_errors=True)
        self._lock.close()
        if problems:
            raise StackError("tear-down incomplete:\n" + "\n".join(problems))
