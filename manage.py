#!/usr/bin/env python
"""Django's command-line utility for the ODOP Portal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odop_portal.settings")
    from django.core.management import execute_from_command_line

    from odop_portal.startup import run_or_exit

    run_or_exit(lambda: execute_from_command_line(sys.argv))


if __name__ == "__main__":
    main()
