"""Read a local ``.env`` file (KEY=value lines) into the environment, for developer commands.

``make run`` and ``make test`` write a ``.env`` for the embedded default (DJANGO_DEBUG=true) if
none exists, so a plain ``python manage.py makemigrations`` works in a checkout. Variables
already set in the environment win; production sets its own (docker-compose's env_file) and
ships no ``.env`` in the image. Strictness is unchanged: a value read here is parsed by the same
readers as any other.
"""

import os
from pathlib import Path


def dotenv_load(path: Path) -> None:
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key.strip(), value)
