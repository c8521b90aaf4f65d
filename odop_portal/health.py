"""/healthz: liveness and readiness for load balancers and compose health checks."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_state() -> str:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 (any failure means: not reachable)
        return "unreachable"


def _broker_state() -> str | None:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return "ok"
    except redis.RedisError:
        return "unreachable"


@never_cache
@require_GET
def healthz(request):
    """200 while the database answers (whatever the broker's state), 503 when it does not."""
    state = {"database": _database_state()}
    broker = _broker_state()
    if broker is not None:
        state["broker"] = broker
    status = 200 if state["database"] == "ok" else 503
    return JsonResponse(state, status=status)
