"""Load everything the web, worker and beat processes load, with the runtime virtualenv.

Run by the leg as ``<venv>/bin/python -m tests.deployed.runtime_imports`` with production
settings and the stack's Redis. Prints one line per failure, naming the module (or the
step), and exits 1 if there was any; a missing runtime requirement shows up here by name
instead of as a worker that dies on its first task.
"""

import importlib
import logging
import pkgutil
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the processes import by name rather than through the apps' modules.
SERVER_MODULES = ["kombu.transport.redis", "celery.apps.worker", "celery.apps.beat"]
SERVER_MODULES += ["gunicorn.app.wsgiapp", "django.core.cache.backends.redis"]
HINDI_PAGE = """<html lang="hi"><head><style>
@font-face { font-family: "Devanagari"; src: url("fonts/NotoSansDevanagari-Regular.ttf"); }
body { font-family: "Devanagari"; }
</style></head><body><p>ओडीओपी समीक्षा बैठक — स्थिति रिपोर्ट</p></body></html>"""

failures: list[str] = []


def attempt(what: str, step) -> None:
    try:
        step()
    except Exception as error:  # noqa: BLE001 (every failure is reported, then the exit code)
        failures.append(f"{what}: {type(error).__name__}: {error}")
        traceback.print_exc(file=sys.stderr)


def project_modules() -> list[str]:
    """Every module of every project app in INSTALLED_APPS (models, views, admin, api, tasks,
    services, selectors, management commands, migrations, template tags…) and of the
    configuration package."""
    from django.apps import apps

    names = []
    packages = [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == ROOT  # Django's, DRF's…: top-level folders only
    ]
    # The configuration package is no app: settings, URLs, Celery, WSGI/ASGI, health check.
    for name in [*packages, "odop_portal"]:
        names.append(name)
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(
            package.__path__, f"{name}.", onerror=lambda name: failures.append(name)
        ):
            # gunicorn.conf.py is a file gunicorn reads, not a module (gunicorn_config below).
            if module.name != "odop_portal.gunicorn.conf":
                names.append(module.name)
    return names


def dotted_settings() -> list[str]:
    """Classes the settings name as strings; each is imported only when first used."""
    from django.conf import settings

    named = [settings.EMAIL_BACKEND, *settings.AUTHENTICATION_BACKENDS]
    named += [storage["BACKEND"] for storage in settings.STORAGES.values()]
    named += [cache["BACKEND"] for cache in settings.CACHES.values()]
    for value in settings.REST_FRAMEWORK.values():
        values = value if isinstance(value, list) else [value]
        named += [v for v in values if isinstance(v, str) and "." in v and v[0].islower()]
    return named


def broker_connection() -> None:
    from odop_portal.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        connection.default_channel.client.ping()


def gunicorn_config() -> None:
    """Load the config file the way ``gunicorn odop_portal.wsgi --config …`` does."""
    from gunicorn.app.wsgiapp import WSGIApplication

    argv = sys.argv
    sys.argv = ["gunicorn", "odop_portal.wsgi", "--config", "odop_portal/gunicorn.conf.py"]
    try:
        application = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]")
    finally:
        sys.argv = argv
    assert application.cfg.bind, "gunicorn.conf.py binds nothing"


def devanagari_pdf() -> None:
    from weasyprint import HTML

    # Its INFO lines on font subsetting would bury the tracebacks this script prints.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = HTML(string=HINDI_PAGE, base_url=f"{ROOT / 'static'}/").write_pdf()
    assert pdf.startswith(b"%PDF-"), "WeasyPrint wrote no PDF"


def main() -> int:
    import django

    attempt("django.setup()", django.setup)
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils.module_loading import import_string

    assert not settings.DEBUG, "the leg must run with DEBUG off"
    modules = []
    attempt("walking the project apps", lambda: modules.extend(project_modules()))
    # The session engine is named as a module, not as a class in one.
    for name in [*modules, *SERVER_MODULES, settings.SESSION_ENGINE]:
        attempt(name, lambda name=name: importlib.import_module(name))
    for name in dotted_settings():
        attempt(name, lambda name=name: import_string(name))
    attempt("URLconf", lambda: get_resolver().url_patterns)
    attempt("broker connection", broker_connection)
    attempt("odop_portal/gunicorn.conf.py", gunicorn_config)
    attempt("WeasyPrint Devanagari PDF", devanagari_pdf)
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"{len(modules) + len(SERVER_MODULES)} modules imported, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
