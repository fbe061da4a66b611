"""The one settings module. Production differs only by environment variables (see .env.example).

Every setting read from the environment is parsed and validated here, loudly, at start-up.
"""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from bildungsnetz import logging as request_logging

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BILDUNGSNETZ_VAR_DIR", BASE_DIR / "var"))


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a local .env file; environment variables with a value win,
    an empty one (`export SECRET_KEY=`) counts as unset."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _sep, value = line.partition("=")
            key = key.strip()
            if not os.environ.get(key):
                os.environ[key] = value.strip().strip('"').strip("'")


# pytest sets PYTEST_VERSION. The suite reads no .env: a developer's local file (DEBUG=true,
# written by `make run`) must not change what `make test` checks.
TESTING = "PYTEST_VERSION" in os.environ
if not TESTING:
    _load_dotenv(Path(os.environ.get("BILDUNGSNETZ_DOTENV", BASE_DIR / ".env")))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
# Under the test runner the suite needs no secret and no collected static files.
# A development key is only acceptable while DEBUG is on or under the test runner.
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. For development, `make run` writes a "
            "local .env with both (or run `python scripts/local_env.py .env`); in production "
            "set SECRET_KEY in the environment."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # Domain apps, in the order imports may flow (see DESIGN.md).
    "places",
    "actors",
    "accounts",
    "pages",
    "search",
    "monitoring",
    "cooperation",
    "offers",
    "programme",
    "events",
    "partners",
    "knowledge",
    "surveys",
    "reports",
    "api",
    "bildungsnetz",
]
SITE_ID = 1

MIDDLEWARE = [
    # First: every response, redirects and refusals too, carries the request id.
    "bildungsnetz.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "bildungsnetz.middleware.CleanInputMiddleware",
    "accounts.middleware.ApiTokenMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: its process_exception sees the view's own exception first.
    "bildungsnetz.middleware.StorageFullMiddleware",
]

ROOT_URLCONF = "bildungsnetz.urls"
WSGI_APPLICATION = "bildungsnetz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "bildungsnetz.context_processors.layout",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
# An SQLite file under var/ by default (zero setup); DATABASE_URL=postgresql://… for real use.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'bildungsnetz.sqlite3'}"
DATABASE_URL = env("DATABASE_URL", DEFAULT_DATABASE_URL)
DB_POOL = envbool("DB_POOL", "false")


def _parse_database_url(name: str, url: str) -> dict:
    try:
        # Persistent connections, checked before reuse: a restarted PostgreSQL or a failover
        # costs one reconnect, not a 500.
        db = dj_database_url.parse(
            url, conn_max_age=envint("DB_CONN_MAX_AGE", "60"), conn_health_checks=True
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from exc
    if db["ENGINE"] == "django.db.backends.postgresql":
        _postgresql_options(db)
    return db


def _postgresql_options(db: dict) -> None:
    # No parallel workers: a search reads a few rows of each tier in rank order and stops;
    # starting workers for it costs more than the query (docs/search.md).
    # No JIT: it compiles every query the planner thinks is expensive (a search over a million
    # entries is), which costs 20-40 ms and doubled the search's p95 (bench/README.md).
    db.setdefault("OPTIONS", {})["options"] = "-c max_parallel_workers_per_gather=0 -c jit=off"
    if DB_POOL:
        # psycopg's connection pool inside each process (Django 5.1+); needs the psycopg-pool
        # package, and excludes persistent connections (docs/deployment.md).
        if find_spec("psycopg_pool") is None:
            raise ImproperlyConfigured("DB_POOL=true needs the psycopg-pool package installed")
        db["OPTIONS"]["pool"] = {
            "min_size": envint("DB_POOL_MIN_SIZE", "2"),
            "max_size": envint("DB_POOL_MAX_SIZE", "10"),
            "timeout": envint("DB_POOL_TIMEOUT", "10"),
        }
        db["CONN_MAX_AGE"] = 0
        db["CONN_HEALTH_CHECKS"] = False


_db = _parse_database_url("DATABASE_URL", DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write transactions.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=5000; PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
elif _db["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL")
DATABASES = {"default": _db}
# Read replicas of a PostgreSQL primary: reads go there, writes and a writer's next reads to
# the primary (bildungsnetz/db_router.py).
DATABASE_REPLICAS: list[str] = []
for _number, _url in enumerate(envlist("DATABASE_REPLICA_URLS", ""), start=1):
    if _db["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL")
    _replica = _parse_database_url("DATABASE_REPLICA_URLS", _url)
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS must point to PostgreSQL")
    # The test run creates no second database: a replica is the primary's mirror there.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_number}")
# How long after a write a client's reads stay on the primary (replication lag, with margin).
REPLICA_PIN_SECONDS = envint("REPLICA_PIN_SECONDS", "10")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["bildungsnetz.db_router.ReplicaRouter"]
    # Outside the session middleware, so a session saved by the request counts as a write.
    MIDDLEWARE.insert(1, "bildungsnetz.db_router.PinToPrimaryMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# The test suite creates hundreds of users; PBKDF2's million rounds would cost it minutes.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_RATE_LIMITS = {"login_failed": "5/m/ip,5/5m/key", "signup": "10/h/ip"}
# Anonymous actions that send mail (saved-search confirmations): per address ("key") and per
# client ("ip"), in allauth's rate syntax.
MAIL_RATE_LIMITS = {"mail": env("MAIL_RATE_LIMITS", "3/h/key,10/h/ip")}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Bildungsnetz] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bildungsnetz"
# A code typed in the last seconds of its 30-second window, or from a phone whose clock is a
# little off, is still accepted (one step either side, as RFC 6238 section 5.2 recommends).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# Login events (failed logins, IP addresses) are personal data: kept this many days.
AUTH_EVENT_RETENTION_DAYS = envint("AUTH_EVENT_RETENTION_DAYS", "90")
# Named as the controller in the record of processing activities (Art. 30 GDPR).
PRIVACY_CONTROLLER = env("PRIVACY_CONTROLLER", "Betreiber der Plattform Bildungsnetz")
PRIVACY_CONTACT = env("PRIVACY_CONTACT", "datenschutz@bildungsnetz.example")
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(60 * 60 * 2))
# Each request renews the session, so SESSION_COOKIE_AGE is an inactivity timeout.
SESSION_SAVE_EVERY_REQUEST = True

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
if TESTING:  # uploads made by tests go to a throwaway folder, not into var/
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bildungsnetz-test-media-"))
# Uploaded files on the local disk (one machine, or a shared mount) or in an S3-compatible
# object store (several app machines: MinIO, Ceph RGW, a municipal or commercial S3).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
STORAGE_BACKEND = env("STORAGE_BACKEND", "s3" if AWS_STORAGE_BUCKET_NAME else "filesystem")
STORAGE_BACKEND = STORAGE_BACKEND.strip().lower()
if STORAGE_BACKEND == "filesystem":
    # Django's, but a write that fails half-way (disk full) leaves no half file behind.
    _media_storage: dict = {"BACKEND": "bildungsnetz.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME")
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID/…_SECRET_ACCESS_KEY, instance role).
            "access_key": env("AWS_S3_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_S3_SECRET_ACCESS_KEY") or None,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE") or None,
            # Every object private: files are read only through bildungsnetz.files, after the
            # permission check, streamed or by a presigned URL that expires in seconds.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": envint("AWS_QUERYSTRING_EXPIRE", "60"),
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be filesystem or s3, not {STORAGE_BACKEND!r}")
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve from the finders in development and tests so no collectstatic run is needed there.
WHITENOISE_USE_FINDERS = DEBUG or TESTING or envbool("WHITENOISE_USE_FINDERS", "false")
# Look files up per request instead of scanning them all whenever the middleware starts: the
# tests start it with every test client.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Uploaded files are served only by bildungsnetz.files after a permission check. By default
# Django streams them; behind nginx set "x-accel-redirect" (and an `internal` location at
# MEDIA_ACCEL_PREFIX aliased to MEDIA_ROOT), behind Apache/lighttpd "x-sendfile".
# With S3: empty streams through Django, "redirect" answers (after the check) with a presigned
# URL valid for AWS_QUERYSTRING_EXPIRE seconds.
MEDIA_SENDFILE = env("MEDIA_SENDFILE", "").strip().lower()
_sendfile_modes = (
    {"", "redirect"} if STORAGE_BACKEND == "s3" else {"", "x-accel-redirect", "x-sendfile"}
)
if MEDIA_SENDFILE not in _sendfile_modes:
    raise ImproperlyConfigured(
        f"MEDIA_SENDFILE must be one of {sorted(_sendfile_modes)} with "
        f"STORAGE_BACKEND={STORAGE_BACKEND}, not {MEDIA_SENDFILE!r}"
    )
MEDIA_ACCEL_PREFIX = env("MEDIA_ACCEL_PREFIX", "/internal-media/")
if not (MEDIA_ACCEL_PREFIX.startswith("/") and MEDIA_ACCEL_PREFIX.endswith("/")):
    raise ImproperlyConfigured("MEDIA_ACCEL_PREFIX must start and end with /")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", str(200 * 1024 * 1024))
# Organisation and offer imports (at most 20,000 rows) are far smaller than statistics tables.
TABLE_IMPORT_MAX_BYTES = envint("TABLE_IMPORT_MAX_BYTES", str(10 * 1024 * 1024))
# What a ZIP or XLSX may unpack to, and how strongly one member may be compressed (zip bombs).
ARCHIVE_MAX_UNPACKED_BYTES = envint("ARCHIVE_MAX_UNPACKED_BYTES", str(300 * 1024 * 1024))
ARCHIVE_MAX_RATIO = envint("ARCHIVE_MAX_RATIO", "200")
# The shared texts of an XLSX, which openpyxl holds in memory whole (measured in
# bench/upload_limits.py: 8 MB keeps a read under 300 MB).
XLSX_SHARED_STRINGS_MAX_BYTES = envint("XLSX_SHARED_STRINGS_MAX_BYTES", str(8 * 1024 * 1024))

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A task running this long has lost its worker: the scheduler marks it failed and closes its
# import log or PDF rendering (bildungsnetz/task_recovery.py). Longer than any real task.
TASKS_STUCK_AFTER = timedelta(minutes=envint("TASKS_STUCK_AFTER_MINUTES", "180"))

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Bildungsnetz <noreply@bildungsnetz.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
# The test client speaks plain http; production redirects to https.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG or TESTING else "true")
# Probes of the load balancer ask over plain http on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", "false") else None
)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "false" if DEBUG else "true")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # vega-embed injects its own <style>; nonces keep that without 'unsafe-inline'.
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- API ------------------------------------------------------------------------------------
API_RATE_ANON = env("API_RATE_ANON", "120/m")
API_RATE_TOKEN = env("API_RATE_TOKEN", "600/m")
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
NINJA_PAGINATION_CLASS = "api.pagination.Pagination"
# Behind a reverse proxy set API_NUM_PROXIES=1 so rate limits see the client, not the proxy.
NINJA_NUM_PROXIES = envint("API_NUM_PROXIES", "0")

# --- Monitoring -----------------------------------------------------------------------------
# Figures whose period ended more than this many years ago carry "Stand <year>" wherever they
# stand beside current ones (place pages, comparison).
MONITORING_STALE_AFTER_YEARS = envint("MONITORING_STALE_AFTER_YEARS", "5")

# --- Demo -----------------------------------------------------------------------------------
# `bildungsnetz demo` also loads the real open data of Leipzig and Bochum (about a thousand
# organisations and 64 learning offers, CC0) so that the directory, the portal and partner
# finding work on real entries; off, it loads only the entries of the source documents.
DEMO_OPEN_DATA = envbool("DEMO_OPEN_DATA", "true")

# The load test's ceiling (bench/load.py): a bare view at /__bench/bare, mounted only when
# this is on; never in production.
BENCH_BARE_VIEW = envbool("BENCH_BARE_VIEW", "false")

CACHES = {
    "default": {
        "BACKEND": env("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env("CACHE_LOCATION", "bildungsnetz"),
    },
    # Public pages as anonymous visitors see them (bildungsnetz/pagecache.py). The workers of
    # a machine share a directory; several machines share Redis (docs/deployment.md).
    "pages": {
        "BACKEND": env(
            "PAGE_CACHE_BACKEND",
            "django.core.cache.backends.locmem.LocMemCache"
            if TESTING
            else "django.core.cache.backends.filebased.FileBasedCache",
        ),
        "LOCATION": env(
            "PAGE_CACHE_LOCATION", "pages" if TESTING else str(VAR_DIR / "cache/pages")
        ),
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_MAX_ENTRIES", "5000")},
    },
}
# How long an anonymous visitor may see a public page as it was (an edit shows after at most
# this; a withdrawal at once). 0 turns the cache off: the default with DEBUG and in tests.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "0" if DEBUG or TESTING else "60")

# One JSON object a line (for the log collector) with DEBUG off, plain text with DEBUG on;
# both carry the request id (bildungsnetz/logging.py).
LOG_FORMAT = env("LOG_FORMAT", "plain" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}")
LOGGING = request_logging.config(json=LOG_FORMAT == "json", level=env("LOG_LEVEL", "INFO"))
