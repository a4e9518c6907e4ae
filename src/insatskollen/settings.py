"""Settings, all from the environment. SQLite under var/ by default; DATABASE_URL selects another database."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("INSATSKOLLEN_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Intervention codes whose ledger bookings are turbundna resor (transport.selectors.ledger_reconciliation).
TRANSPORT_CODES = tuple(env_list("TRANSPORT_CODES", "TBR"))
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Without DJANGO_SECRET_KEY and with DEBUG off, the web server refuses to start (insatskollen.wsgi) and
# `check --deploy` reports it (core.checks); management commands (imports, reports, the contract checks) still run,
# on a random key of their own that signs nothing that outlives the process. Development (DJANGO_DEBUG=true) and
# the test suite get a fixed development key. ./scripts/start keeps a random key in var/.
SECRET_KEY_MISSING = not SECRET_KEY and not (DEBUG or os.environ.get("PYTEST_VERSION"))
if not SECRET_KEY:
    SECRET_KEY = (secrets.token_urlsafe(50) if SECRET_KEY_MISSING
                  else "insecure-development-key-set-DJANGO_SECRET_KEY-in-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "insatskollen.core",
    "insatskollen.accounts",
    "insatskollen.audit",
    "insatskollen.register",
    "insatskollen.costing",
    "insatskollen.ledger",
    "insatskollen.allocation",
    "insatskollen.followup",
    "insatskollen.benchmarking",
    "insatskollen.survey",
    "insatskollen.forecasting",
    "insatskollen.notifications",
    "insatskollen.orders",
    "insatskollen.contracts",
    "insatskollen.fk",
    "insatskollen.transport",
    "insatskollen.costsharing",
    "insatskollen.casework",
    "insatskollen.conferences",
    "insatskollen.actionplan",
    "insatskollen.planning",
    "insatskollen.web",
    "insatskollen.api",
    "ninja",  # serves Swagger UI for /api/docs from its own static files (no CDN)
    "insatskollen.demo",
    "axes",  # brute-force lockout (see the block "Brute-force protection" below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "insatskollen.web.middleware.SecurityHeadersMiddleware",  # no-store and the CSP on every dynamic response
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the Swedish lockout response
]

ROOT_URLCONF = "insatskollen.urls"
WSGI_APPLICATION = "insatskollen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "insatskollen.web.context.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'insatskollen.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 30, "transaction_mode": "IMMEDIATE"})
    # Tests use a file, not SQLite's shared in-memory database, so the web import's background thread and the
    # page polling it lock and wait as in production instead of failing at once with "table is locked".
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"insatskollen-test-{os.getpid()}.sqlite3")
    }
    _db_name = str(DATABASES["default"]["NAME"])
    if _db_name and _db_name != ":memory:":
        Path(_db_name).parent.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Brute-force protection (django-axes): the user name and the address are locked after this many failures, for
# the login form and API tokens; the lockout lasts INSATSKOLLEN_LOCKOUT_MINUTES after the last failure.
AUTHENTICATION_BACKENDS = [
    "insatskollen.accounts.lockout.LockoutBackend",  # django-axes's check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("INSATSKOLLEN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("INSATSKOLLEN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "insatskollen.accounts.lockout.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "insatskollen.web.views.auth.lockout_response"
INSATSKOLLEN_LOCKOUT_BY_ADDRESS = env_bool("INSATSKOLLEN_LOCKOUT_BY_ADDRESS", True)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address is REMOTE_ADDR: behind a reverse proxy set INSATSKOLLEN_PROXY_COUNT to the number of proxies
# that append to X-Forwarded-For (a client-sent X-Forwarded-For is never trusted otherwise).
AXES_IPWARE_PROXY_COUNT = env_int("INSATSKOLLEN_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT
                                     else ("REMOTE_ADDR",))

LANGUAGE_CODE = "sv"
# Swedish only until an English catalogue exists: otherwise a browser asking for English would get Django's own
# messages in English inside Swedish pages.
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from here after collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: HSTS and the redirect are off by default (the demo runs on http://127.0.0.1); production behind TLS sets
# them. Behind a TLS-terminating proxy, DJANGO_SECURE_PROXY_SSL_HEADER=true trusts its X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Scripts only from our own static files, never inline (templates load web/*.js; Swagger UI its own bundle). Styles
# may still be inline: the report pages embed their print CSS.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# Uploads: the largest register/ledger file we accept, and the largest kept in memory.
IMPORT_MAX_BYTES = env_int("INSATSKOLLEN_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_UPLOAD_DIR = VAR_DIR / "uploads"  # files mode 600; removed after import or refusal, else by purge_uploads
UPLOAD_RETENTION_HOURS = env_int("INSATSKOLLEN_UPLOAD_RETENTION_HOURS", 24)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Import jobs from the web UI run on the task queue (with progress) unless this is set (tests).
IMPORT_JOBS_INLINE = env_bool("INSATSKOLLEN_IMPORT_JOBS_INLINE", False)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Notices (orders app): SMTP from the environment, the sender, and the site address for links in e-mail.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "insatskollen@localhost")
SITE_URL = os.environ.get("INSATSKOLLEN_SITE_URL", "http://127.0.0.1:8000")
# Days the provider has to send the execution plan (genomförandeplan) after an order.
EXECUTION_PLAN_DUE_DAYS = env_int("INSATSKOLLEN_EXECUTION_PLAN_DUE_DAYS", 14)
# Level watch (allocation): a decision whose yearly price exceeds the schablon of its level by more than this
# share is a candidate for reassessment or renegotiation (0.10 = 10 %).
ALLOCATION_LEVEL_WATCH_SHARE = os.environ.get("INSATSKOLLEN_ALLOCATION_LEVEL_WATCH_SHARE", "0.10")
# Kolada's public API (benchmarking.fetching): base URL and timeout in seconds.
KOLADA_BASE_URL = os.environ.get("INSATSKOLLEN_KOLADA_BASE_URL", "https://api.kolada.se/v2")
KOLADA_TIMEOUT = env_int("INSATSKOLLEN_KOLADA_TIMEOUT", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Production operations (issue 13): audit chain, task queue, server ---
# Key of the audit log's hash chain (HMAC): kept outside the database, so that whoever can write the database but
# not read this key cannot forge a consistent chain. Set it before the first row; changing it breaks verification.
AUDIT_CHAIN_KEY = os.environ.get("INSATSKOLLEN_AUDIT_KEY", "")
# The task queue: django-tasks with its database backend (workers: `insatskollen db_worker`); with
# INSATSKOLLEN_IMPORT_JOBS_INLINE (tests) tasks run at once in the caller.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {
    "default": {
        "BACKEND": ("django_tasks.backends.immediate.ImmediateBackend" if IMPORT_JOBS_INLINE
                    else "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "imports"],
    }
}
IMPORT_CONCURRENCY = env_int("INSATSKOLLEN_IMPORT_CONCURRENCY", 2)  # imports (checks included) running at once
IMPORT_JOB_STALE_SECONDS = env_int("INSATSKOLLEN_IMPORT_JOB_STALE_SECONDS", 300)  # no heartbeat: worker lost
IMPORT_JOB_MAX_ATTEMPTS = env_int("INSATSKOLLEN_IMPORT_JOB_MAX_ATTEMPTS", 2)  # starts before a lost job fails
IMPORT_PROGRESS_DIR = VAR_DIR / "jobs"  # progress and heartbeat of running jobs (shared by web and worker)
