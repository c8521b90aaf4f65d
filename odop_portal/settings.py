"""Settings of the ODOP Portal, read from environment variables.

With nothing set, the portal runs on the embedded default: an SQLite file under var/,
Celery tasks run eagerly in-process, e-mail goes to the console, media to local disk.
Every variable is documented in .env.example.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from odop_portal.env import (
    ConfigError,
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_redis_url,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# --- Core ----------------------------------------------------------------------------------

# Deliberately off unless asked for: a forgotten variable must not expose debug pages.
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ConfigError("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-key-for-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ConfigError("DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, answering 405 to the methods its views do not offer (core/admin_site.py).
    "core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "districts",
    "dashboard",
    "events",
    "exhibitors",
    "stalls",
    "partners",
    "mous",
    "claims",
    "passes",
    "reviews",
    "notifications",
    "core.audit",
    "demo",
]

MIDDLEWARE = [
    # First, so every log line of the request (and its audit rows) carries its id.
    "core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before CSRF or a view parses a body: non-UTF-8 form
    # bytes or query strings are a 400 (core/request_checks.py).
    "core.request_checks.MalformedRequestMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A view whose database or document store fails answers 503/507, not 500.
    "core.errors.DegradedServiceMiddleware",
]

ROOT_URLCONF = "odop_portal.urls"
WSGI_APPLICATION = "odop_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------

DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        VAR_DIR / "db.sqlite3",
        # Persistent connections with health checks: a new PostgreSQL connection per request
        # costs more than most of our pages.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts --------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.PortalBackend"]
# Sessions are read from the cache (Redis in production) and kept in the database as well; the
# cache fails open (core/cache.py), so with Redis down they are read from the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force protection (accounts/lockout.py): failures per user name and client address.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Reverse proxies in front of the portal whose X-Forwarded-For is trusted (0: none).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Idle timeout: the session expires this long after the last request (to within a minute,
# see core.middleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation --------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("hi", _("Hindi"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["odop_portal.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Asia/Kolkata"
USE_TZ = True

# --- Static files and media ------------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Uploaded files live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = None
STORAGES = {
    # A full or unwritable disk answers a clear error, never a 500 (core/storage.py).
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Cache -----------------------------------------------------------------------------------

REDIS_URL = env_redis_url("REDIS_URL")
CACHES = {
    "default": (
        {
            # Fails open: with Redis down every read misses and the database answers.
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            # A page makes several cache calls: none may wait long for a dead server.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# The heavy pages' bodies (the dashboard's) are cached under the data version that every
# committed write advances (core/fragments.py): never served once anything has changed.
FRAGMENT_CACHE = True

# --- Celery ----------------------------------------------------------------------------------

CELERY_BROKER_URL = env_redis_url("CELERY_BROKER_URL")
# Without a broker, tasks run in-process when they are sent (the embedded default).
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL is None)
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_BROKER_URL is None:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
# A page that enqueues must answer at once even when Redis is down (core/broker.py
# sends once, without retrying, and leaves the row for the sweepers).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The worker and beat wait for Redis to come back however long it is away.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5}
CELERY_TIMEZONE = TIME_ZONE

# --- E-mail ----------------------------------------------------------------------------------

EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}[env_choice("EMAIL_BACKEND", "console", {"console", "smtp", "file"})]
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ODOP Portal <odop-portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security --------------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Scheduled tasks (Celery beat); each app adds its entries in its own block below ---------

CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Failed sign-ins whose lockout window has ended (accounts/lockout.py).
    "accounts-purge-login-failures": {
        "task": "accounts.tasks.purge_login_failures",
        "schedule": 60 * 60.0,
    },
    # E-mail waiting in the outbox: the broker was down, or the mail server refused it.
    "notifications-sweep-outbox": {
        "task": "notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
}

# --- Fairs and stalls (events/, stalls/) -----------------------------------------------------

# How long an allocation waits for a lock on a space or stall before answering "busy".
ALLOCATION_LOCK_TIMEOUT_MS = env_int("ALLOCATION_LOCK_TIMEOUT_MS", 3000, minimum=100)
# A place freed in a space is offered to the next in its waiting list, who has this many hours
# to accept or decline; the sweep (every OFFER_SWEEP_SECONDS) lapses offers whose time is up
# and offers the place on.
OFFER_HOURS = env_int("OFFER_HOURS", 48, minimum=1)
OFFER_SWEEP_SECONDS = env_int("OFFER_SWEEP_SECONDS", 300, minimum=5)
CELERY_BEAT_SCHEDULE["stalls-lapse-offers"] = {
    "task": "stalls.tasks.lapse_offers",
    "schedule": float(OFFER_SWEEP_SECONDS),
}
# A withdrawal after a place was given, this many days or fewer before the fair starts (or
# during it), is a late withdrawal; the exhibitor's nominations to fairs starting within
# LATE_WITHDRAWAL_PENALTY_DAYS after that one come after the others in the waiting list and
# in draws of lots (0 turns the penalty off).
LATE_WITHDRAWAL_DAYS = env_int("LATE_WITHDRAWAL_DAYS", 15, minimum=0)
LATE_WITHDRAWAL_PENALTY_DAYS = env_int("LATE_WITHDRAWAL_PENALTY_DAYS", 365, minimum=0)
# Largest spreadsheet an upload may be, and most rows it may hold.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 5, minimum=1)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20000, minimum=1)

# --- Partners and MoUs (mous/) ---------------------------------------------------------------

from celery.schedules import crontab  # noqa: E402

# An MoU with no stage change, note or progress entry for this many days is flagged amber,
# then red; both also trigger a reminder to its nodal officer.
MOU_STALE_AMBER_DAYS = env_int("MOU_STALE_AMBER_DAYS", 30, minimum=1)
MOU_STALE_RED_DAYS = env_int("MOU_STALE_RED_DAYS", 60, minimum=1)
if MOU_STALE_RED_DAYS <= MOU_STALE_AMBER_DAYS:
    raise ConfigError("MOU_STALE_RED_DAYS must be greater than MOU_STALE_AMBER_DAYS.")
MOU_DOCUMENT_MAX_MB = env_int("MOU_DOCUMENT_MAX_MB", 10, minimum=1)
# A receipt, invoice, ticket or bank proof attached to an MDA claim: a PDF or a photo.
MDA_DOCUMENT_MAX_MB = env_int("MDA_DOCUMENT_MAX_MB", 5, minimum=1)
# Hour of the day (IST) at which the reminder run starts.
MOU_REMINDER_HOUR = env_int("MOU_REMINDER_HOUR", 7)
if MOU_REMINDER_HOUR > 23:
    raise ConfigError("MOU_REMINDER_HOUR must be an hour from 0 to 23.")
CELERY_BEAT_SCHEDULE["mou-reminders"] = {
    "task": "mous.tasks.send_mou_reminders",
    "schedule": crontab(hour=MOU_REMINDER_HOUR, minute=0),
}
# Just after midnight IST, an MoU in force whose validity ended the day before moves to
# "expired" (and its nodal officer is told). A day missed (beat down) is caught up the next.
CELERY_BEAT_SCHEDULE["mous-expire"] = {
    "task": "mous.tasks.expire_mous",
    "schedule": crontab(hour=0, minute=5),
}

# --- Review meetings and status reports (reviews/) ---------------------------------------

# A status report with more pages than this is refused (failed with a message), not written.
REPORT_PAGE_CAP = env_int("REPORT_PAGE_CAP", 60, minimum=1)
# Celery beat prepares each scheduled meeting's report this many days before it, at this
# hour (IST), in these languages.
REPORT_DAYS_BEFORE_MEETING = env_int("REPORT_DAYS_BEFORE_MEETING", 2)
REPORT_SCHEDULE_HOUR = env_int("REPORT_SCHEDULE_HOUR", 6)
if REPORT_SCHEDULE_HOUR > 23:
    raise ConfigError("REPORT_SCHEDULE_HOUR must be an hour from 0 to 23.")
REPORT_AUTO_LANGUAGES = env_list("REPORT_AUTO_LANGUAGES", ["en", "hi"])
if not set(REPORT_AUTO_LANGUAGES) <= {"en", "hi"}:
    raise ConfigError("REPORT_AUTO_LANGUAGES must list en, hi or both, separated by commas.")
# Time limits of one report rendering (seconds): soft marks the job failed, hard kills it.
REPORT_SOFT_TIME_LIMIT = env_int("REPORT_SOFT_TIME_LIMIT", 180, minimum=10)
REPORT_TIME_LIMIT = env_int("REPORT_TIME_LIMIT", 240, minimum=10)
if REPORT_TIME_LIMIT <= REPORT_SOFT_TIME_LIMIT:
    raise ConfigError("REPORT_TIME_LIMIT must be greater than REPORT_SOFT_TIME_LIMIT.")
# A running report beats every REPORT_HEARTBEAT_SECONDS. The sweeper (every
# REPORT_SWEEP_SECONDS) takes a job whose heartbeat is older than
# REPORT_HEARTBEAT_TIMEOUT_SECONDS (its worker died) and queues it again, or fails it after
# REPORT_MAX_ATTEMPTS; it sends again a job left queued for REPORT_QUEUED_RESEND_SECONDS (the
# broker was down). With the defaults a dead worker costs at most about 75 seconds.
REPORT_HEARTBEAT_SECONDS = env_int("REPORT_HEARTBEAT_SECONDS", 10, minimum=1)
REPORT_HEARTBEAT_TIMEOUT_SECONDS = env_int("REPORT_HEARTBEAT_TIMEOUT_SECONDS", 45, minimum=3)
if REPORT_HEARTBEAT_TIMEOUT_SECONDS < 3 * REPORT_HEARTBEAT_SECONDS:
    raise ConfigError(
        "REPORT_HEARTBEAT_TIMEOUT_SECONDS must be at least three REPORT_HEARTBEAT_SECONDS."
    )
REPORT_QUEUED_RESEND_SECONDS = env_int("REPORT_QUEUED_RESEND_SECONDS", 60, minimum=5)
REPORT_MAX_ATTEMPTS = env_int("REPORT_MAX_ATTEMPTS", 3, minimum=1)
REPORT_SWEEP_SECONDS = env_int("REPORT_SWEEP_SECONDS", 30, minimum=5)
# The portal's address as its users reach it, for the links in e-mails (report approvals,
# decisions on nominations).
REPORT_LINK_BASE_URL = env_str("REPORT_LINK_BASE_URL", "http://localhost:8000")
CELERY_BEAT_SCHEDULE["reviews-schedule-reports"] = {
    "task": "reviews.tasks.schedule_status_reports",
    "schedule": crontab(hour=REPORT_SCHEDULE_HOUR, minute=0),
}
CELERY_BEAT_SCHEDULE["reviews-sweep-report-jobs"] = {
    "task": "reviews.tasks.sweep_report_jobs",
    "schedule": float(REPORT_SWEEP_SECONDS),
}
# Letters and passes left queued (the broker was down) or stuck are sent again as often.
CELERY_BEAT_SCHEDULE["passes-sweep-print-jobs"] = {
    "task": "passes.tasks.sweep_print_jobs",
    "schedule": float(REPORT_SWEEP_SECONDS),
}
# MDA sanction orders left queued (the broker was down) or stuck are sent again as often.
CELERY_BEAT_SCHEDULE["claims-sweep-sanction-orders"] = {
    "task": "claims.tasks.sweep_sanction_orders",
    "schedule": float(REPORT_SWEEP_SECONDS),
}

# --- REST framework and the API --------------------------------------------------------------

API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "core.api.renderers.ResponseOnlyBrowsableAPIRenderer",
    ],
    # UTF-8 JSON holding one object, nested at most 32 levels; refusals are sentences.
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JSONObjectParser"],
    # drf-spectacular's, plus the error answers each operation can give (ErrorResponse).
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ODOP Portal API",
    "DESCRIPTION": (
        "The records of Uttar Pradesh's ODOP cell: districts and products, fairs, stalls, "
        "nominations, allocations and daily sales, partners and MoUs, review meetings and "
        "status reports. Get a token at /api/v1/auth/token/ and send it as "
        "`Authorization: Token <key>`. Every 4xx answer has the shape "
        '`{"error": {"status", "code", "message", "fields"}}`; send `Accept-Language: hi` '
        "for Hindi messages."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "FairStatusEnum": "events.models.Fair.Status",
        "AllocationMethodEnum": "events.models.AllocationMethod",
        "NominationStatusEnum": "stalls.models.Nomination.Status",
        "AllocationStatusEnum": "stalls.models.Allocation.Status",
        "MoUStageEnum": "mous.models.Stage",
        "PartnerKindEnum": "partners.models.Partner.Kind",
        "DeliverableKindEnum": "mous.models.Deliverable.Kind",
        "MoUDocumentKindEnum": "mous.models.MoUDocument.Kind",
        "MeetingStatusEnum": "reviews.models.Meeting.Status",
        "ActionPointStatusEnum": "reviews.models.ActionPoint.Status",
        "ReportJobStatusEnum": "reviews.models.ReportJob.Status",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "ClaimStepEnum": "claims.models.ClaimStep",
    },
}

# --- Logging ---------------------------------------------------------------------------------

# One JSON object per line (core/logging.py): logins, failed logins and lockouts
# (odop.auth), denied access (odop.access), allocations (stalls.services), stage changes
# (events/stalls/mous.services) and report jobs (reviews.services), each with the user and
# the request id.
# LOG_FORMAT=plain gives readable lines for development.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_choice("LOG_FORMAT", "json", {"json", "plain"}),
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"}),
    },
    "loggers": {
        # Django's own 4xx lines repeat what odop.access says, without the user.
        "django.request": {"level": "ERROR"},
    },
}

# In development and tests, serve static files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
