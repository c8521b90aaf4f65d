"""Container health check: ``python -m odop_portal.healthcheck`` exits 0 while /livez says 200.

Liveness, not readiness: with the database or Redis down the portal answers 503 or works
without the cache and recovers by itself, so restarting the container would only add downtime.

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
        f"http://127.0.0.1:{port}/livez",
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
