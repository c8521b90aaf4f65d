"""Health routes for orchestration and monitoring.

``/livez`` says the process answers: it touches nothing, so a database or Redis outage (which
the portal survives and recovers from by itself) never gets the web container restarted.
``/healthz`` checks what the portal depends on and answers 503 naming each dependency that
does not answer, for monitoring and alerts. ``/favicon.ico`` points at the portal's icon.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.broker import broker_state
from core.errors import DATABASE_UNAVAILABLE


def _database_state() -> str:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DATABASE_UNAVAILABLE:
        return "unreachable"


def _cache_state() -> str | None:
    """For the fail-open Redis cache only: whether this process can reach it now."""
    if not settings.CACHES["default"]["BACKEND"].endswith("FailOpenRedisCache"):
        return None
    cache.get("healthz")  # a miss either way; marks the cache down if Redis does not answer
    return "ok" if cache.is_available else "unreachable"


@never_cache
@require_safe
def healthz(request):
    """200 while the database, the broker and the cache answer; 503 naming those that do not."""
    state = {"database": _database_state(), "broker": broker_state(), "cache": _cache_state()}
    state = {name: value for name, value in state.items() if value is not None}
    failing = [name for name, value in state.items() if value != "ok"]
    body = {"status": "unavailable" if failing else "ok", "failing": failing, **state}
    return JsonResponse(body, status=503 if failing else 200)


@never_cache
@require_safe
def livez(request):
    """200 as long as the process serves requests."""
    return JsonResponse({"status": "alive"})


@require_safe
def favicon(request):
    """``/favicon.ico``, which browsers ask for on pages without an icon link (the admin's):
    the portal's icon, so no page logs a missing file."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
