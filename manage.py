#!/usr/bin/env python
"""Django's command-line utility for the ODOP Portal."""

import os
import sys
from pathlib import Path


def main() -> None:
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        # A developer's checkout: take the local .env (see odop_portal/dotenv.py).
        from odop_portal.dotenv import dotenv_load

        dotenv_load(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odop_portal.settings")
    from django.core.management import execute_from_command_line

    from odop_portal.startup import run_or_exit

    run_or_exit(lambda: execute_from_command_line(sys.argv))


if __name__ == "__main__":
    main()
