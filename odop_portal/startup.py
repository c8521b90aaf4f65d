"""Turns a configuration error into one line on stderr and a non-zero exit."""

import sys
from collections.abc import Callable
from typing import TypeVar

from odop_portal.env import ConfigError

T = TypeVar("T")


def run_or_exit(start: Callable[[], T]) -> T:
    try:
        return start()
    except ConfigError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        raise SystemExit(2) from None
