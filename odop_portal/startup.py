"""Turns a configuration error into one line on stderr and a non-zero exit."""

import sys
from collections.abc import Callable
from typing import TypeVar

from odop_portal.env import ConfigError

T = TypeVar("T")


def run_or_exit(start: Callable[[], T]) -> T:
    """Run ``start`` (manage.py, wsgi); a ConfigError ends the process with one line."""
    try:
        return start()
    except ConfigError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        raise SystemExit(2) from None


def install_config_error_hook() -> None:
    """For processes whose start-up we do not call ourselves (the Celery worker and beat)."""
    previous = sys.excepthook

    def hook(exc_type, exc, traceback):
        if issubclass(exc_type, ConfigError):
            sys.stderr.write(f"Configuration error: {exc}\n")
            return
        previous(exc_type, exc, traceback)

    sys.excepthook = hook
