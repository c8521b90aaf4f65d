"""Rendered fragments of the heavy pages, cached under a version that every write advances.

A fragment (the dashboard's body, say) is HTML rendered from many rows. It is cached under a
key made of the release of the code, the *data version*, the user, the language, the local
date and the page's own parameters, so a cached fragment is only ever served while nothing in
the database has changed since it was rendered:

- **The data version** counts committed writes. Every statement that writes — whatever sent
  it: a service, the admin's inlines and bulk actions, the API, a spreadsheet import, a task,
  ``QuerySet.update``, ``bulk_create``, raw SQL on Django's connection — passes the database
  execute wrapper installed here, which advances the version once the transaction commits (at
  once in autocommit). On PostgreSQL the version is a sequence (``nextval`` never waits for
  another writer); on SQLite it is the one row of ``core.DataVersion``. A migration run
  advances it at its end.
- **The release** is a digest of the code, templates and translations, so a deployment never
  serves what older code rendered.
- **A request that has written** and not yet committed renders fresh and caches nothing: what
  it would cache could still be rolled back. So does a request sent with
  ``Cache-Control: no-cache`` (a browser's hard reload; the benchmark's counted round).
- **Redis down**: the cache fails open (``core.cache``); every fragment is rendered fresh and
  nothing is stored, and because the version lives in the database, no write made during the
  outage can leave a stale fragment behind.
- **A process killed between its commit and the version's advance** would leave fragments
  rendered before the write under the current version: ``FRAGMENT_SECONDS`` bounds how long.

Rows written outside Django (psql) are not seen; nothing in the portal writes that way.
"""

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)

SEQUENCE = "core_data_version_seq"
TABLE = "core_dataversion"
# Written on reads (a session's copy) or by the version itself: not a change of the data.
UNCOUNTED_TABLES = frozenset({"django_session", TABLE})
# How long a fragment may live at most, whatever the version says (see the module's end note).
FRAGMENT_SECONDS = 600

_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`]?(\w+)""",
    re.IGNORECASE,
)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\b", re.IGNORECASE)
_CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*"')

# False while ``migrate`` runs in this process: the version's table may not exist yet.
_state = {"counting": True}


def written_table(sql: str) -> str | None:
    """The table a writing statement writes, "" for a TRUNCATE, None for anything else."""
    if _TRUNCATE.match(sql):
        return ""
    match = _WRITE.match(sql)
    return match.group(1).lower() if match else None


def _counts(sql: str) -> bool:
    table = written_table(sql)
    return table is not None and table not in UNCOUNTED_TABLES


class _AdvanceAfterCommit:
    """The on-commit callback of one connection (one object per alias, so that a transaction
    registers it once however many statements it writes)."""

    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self):
        advance(connections[self.alias])


_after_commit: dict[str, _AdvanceAfterCommit] = {}


def _callback(connection) -> _AdvanceAfterCommit:
    callback = _after_commit.get(connection.alias)
    if callback is None:
        callback = _after_commit.setdefault(connection.alias, _AdvanceAfterCommit(connection.alias))
    return callback


def has_pending_writes(connection) -> bool:
    """True inside a transaction that has written and not committed yet."""
    if not connection.in_atomic_block:
        return False
    callback = _callback(connection)
    return any(func is callback for _sids, func, _robust in connection.run_on_commit)


def count_writes(execute, sql, params, many, context):
    """Database execute wrapper: advance the data version after each committed write."""
    result = execute(sql, params, many, context)
    if _state["counting"] and _counts(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            advance(connection)
        elif not has_pending_writes(connection):
            # Robust: the write is saved whatever happens to the count after the commit.
            connection.on_commit(_callback(connection), robust=True)
    return result


def install(connection, **kwargs) -> None:
    """``connection_created`` receiver: count this connection's writes."""
    if count_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(count_writes)


def migration_started(**kwargs) -> None:
    _state["counting"] = False


def migration_finished(using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After ``migrate`` (and after a test database is flushed): count again, and advance once
    for whatever the migrations wrote."""
    _state["counting"] = True
    advance(connections[using])


def advance(connection) -> None:
    """Count one committed write. Called outside any transaction (after the commit, or in
    autocommit), so a failure here cannot undo the write: it is logged, and fragments cached
    before it may be served until ``FRAGMENT_SECONDS`` have passed."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT nextval(%s)", [SEQUENCE])
            else:
                cursor.execute("UPDATE core_dataversion SET counter = counter + 1 WHERE id = 1")
                if cursor.rowcount == 0:  # the row was flushed away (tests)
                    cursor.execute("INSERT INTO core_dataversion (id, counter) VALUES (1, 1)")
    except DatabaseError:
        logger.exception("the data version could not be advanced after a write")


def data_version(using: str = DEFAULT_DB_ALIAS) -> int:
    """The number of committed writes so far (one small read)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT last_value FROM core_data_version_seq")
        else:
            cursor.execute("SELECT counter FROM core_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _release_digest() -> str:
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    folders = [p for p in base.iterdir() if p.is_dir() and p.name not in {"var", "node_modules"}]
    for folder in sorted(folders):
        if folder.name.startswith("."):
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".py", ".html", ".mo", ".svg"} and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_release: dict[str, str] = {}


def release() -> str:
    """A digest of the code, templates and translations this process runs."""
    if "digest" not in _release:
        _release["digest"] = _release_digest()
    return _release["digest"]


def fragment_key(name: str, *, user, version: int, parts: Iterable = ()) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    today = timezone.localdate().isoformat()
    raw = "|".join([release(), name, str(version), language, today, str(user.pk), *map(str, parts)])
    return "fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_fragment(
    request, name: str, render: Callable[[], SafeString], parts: Iterable = ()
) -> SafeString:
    """The fragment ``render`` makes for this request's user (safe HTML, as
    ``render_to_string`` gives it), from the cache while no write has been committed since it
    was rendered."""
    connection = connections[DEFAULT_DB_ALIAS]
    if (
        not settings.FRAGMENT_CACHE
        or request.method not in ("GET", "HEAD")  # a form sent back with its errors
        or "no-cache" in request.headers.get("Cache-Control", "")  # a hard reload
        or has_pending_writes(connection)
    ):
        return render()
    key = fragment_key(name, user=request.user, version=data_version(), parts=parts)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_SECONDS)
    elif _CSRF_INPUT.search(html):
        # The forms of a cached fragment carry this request's CSRF token, never the one of
        # the request that rendered it (the secret changes when the user signs in again).
        html = SafeString(_CSRF_INPUT.sub(_csrf_input(get_token(request)), html))
    return html


def _csrf_input(token: str):
    return lambda match: f'{match.group(1)}{token}"'


def cached_body(view, template: str, context: Callable[[], dict]) -> SafeString:
    """A view's page body: ``template`` rendered from ``context()`` (called only when it is
    rendered), cached under the view's name and the request's URL."""
    request = view.request
    return cached_fragment(
        request,
        f"{type(view).__module__}.{type(view).__qualname__}",
        lambda: render_to_string(template, context(), request=request),
        parts=[request.get_full_path()],
    )


class CachedBodyMixin:
    """A page whose body is a cached fragment: ``body_template`` rendered from the context
    ``get_body_context`` adds to the view's own. Only the view's own context (the object a
    detail page looked up, the page of a list) is built on every request; access checks run
    before, as in any view. The page's template shows ``{{ body }}``."""

    body_template: str

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["body"] = cached_body(
            self, self.body_template, lambda: self.get_body_context(context)
        )
        return context

    def get_body_context(self, context: dict) -> dict:
        return context
