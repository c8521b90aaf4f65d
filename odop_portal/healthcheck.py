"""Container health check: ``python -m odop_portal.healthcheck`` exits 0 while /healthz says 200.

It asks the local gunicorn with the first allowed host name and as if through the HTTPS proxy,
so neither the host check nor the HTTPS redirect stands in the way.
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    host = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (fixed local URL)
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        sys.stderr.write(f"unhealthy: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
