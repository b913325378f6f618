"""Threadlift Academy settings: one file, every value read from the environment.

Every variable is listed with its meaning in `.env.example` and the README.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from academy.core.storage import StorageUrlError, private_storages
from academy.env import dev_secret_key, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("THREADLIFT_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off")
    SECRET_KEY = dev_secret_key(VAR_DIR / "secret_key")
# --- log-in security (issue 10): a short production key is refused ---
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 50 characters when DEBUG is off "
        "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    # log-in security (issue 10): lock-outs and second factors
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "academy.accounts",
    "academy.core",
    "academy.catalog",
    "academy.reference",
    "academy.clinic",
    "academy.practice",
    "academy.learning",
    "academy.authoring",
    "academy.packages",
    "academy.simulator",  # issue 13: thread placement practice
    # --- JSON API (issue 11): django-ninja serves its docs' assets from its app's static files
    "ninja",
    "academy.api",
    "academy.credentials",  # verifiable certificates (issue 15)
]
INSTALLED_APPS += ["academy.logbook"]  # issue 14: the supervised-case logbook
INSTALLED_APPS += ["academy.outcomes"]  # issue 22: follow-ups and the complication registry
INSTALLED_APPS += ["academy.xapi"]  # issue 23: xAPI statements to a Learning Record Store
INSTALLED_APPS += ["academy.lti"]  # issue 23: LTI 1.3 Advantage tool (launches from an LMS)
INSTALLED_APPS += ["academy.cpd"]  # issue 21: CPD ledger and revalidation portfolio
INSTALLED_APPS += ["academy.evaluations"]  # issue 21: learners' course evaluations
INSTALLED_APPS += ["academy.site"]  # home, dashboards, demo loader: above every feature app

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # issue 23: a session launched from an LMS may be framed by that LMS only (academy.lti)
    "academy.lti.framing.LtiFrameMiddleware",
    "academy.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # issue 25: a NUL character (400) or an id beyond 64 bits (404) never reaches a page's query
    "academy.core.input_guard.InputGuardMiddleware",
    # log-in security (issue 10): second factor, e-mail confirmation, shorter staff sessions
    "django_otp.middleware.OTPMiddleware",
    "academy.accounts.middleware.SecondFactorMiddleware",
    "academy.accounts.middleware.ConfirmedEmailMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# --- Audit trail (issue 10, "access"): django-simple-history records who changed enrolments,
# runs, courses and profiles; its middleware lends the request's user to those rows and to the
# role events. Kept as one block so merges with other settings edits stay easy.
INSTALLED_APPS += ["simple_history"]
MIDDLEWARE += ["simple_history.middleware.HistoryRequestMiddleware"]
# --- end audit trail

ROOT_URLCONF = "academy.urls"
WSGI_APPLICATION = "academy.wsgi.application"

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
                "academy.site.context_processors.navigation",
            ],
        },
    },
]
# Every form field is drawn by `{{ form.x.as_field_group }}` through one template (core/forms.py).
FORM_RENDERER = "academy.core.forms.FormRenderer"

# SQLite is the embedded default; DATABASE_URL=postgres://… selects PostgreSQL.
# On a database server, connections persist between requests (a new PostgreSQL connection per
# request costs more than most of our pages) and are checked before reuse, so a restarted server
# costs one failed check, never a failed request: DB_CONN_MAX_AGE (seconds, 0 = one per request)
# and DB_CONN_HEALTH_CHECKS override both. SQLite opens a file: nothing to keep.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'threadlift.sqlite3'}")
_ON_A_SERVER = not DATABASE_URL.startswith("sqlite:")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if _ON_A_SERVER else 0),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", _ON_A_SERVER),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # log-in security (issue 10): not the site's own name, and a length cap
    {"NAME": "academy.accounts.validators.SiteNameValidator"},
    {
        "NAME": "academy.accounts.validators.MaximumLengthValidator",
        "OPTIONS": {"max_length": 128},
    },
]

# --- log-in security (issue 10) -------------------------------------------------------------
# django-axes: failed log-ins are counted in the database (shared by every app server) per
# account and, separately, per client address. After AXES_FAILURE_LIMIT failures further
# attempts are refused for AXES_COOLOFF_MINUTES; a password reset, `manage.py axes_reset_username
# EMAIL` or the staff admin (Axes > Access attempts) unlocks earlier.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading a session's user and its roles in one query (issue 25).
    # Sessions signed in under the former "django.contrib.auth.backends.ModelBackend" are asked
    # to log in again once.
    "academy.accounts.backends.UserWithRolesBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "academy.accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "academy.accounts.lockout.login_identity"  # one counter per address
AXES_CLIENT_IP_CALLABLE = "academy.core.client_address.client_address"  # as every rate limit
AXES_VERBOSE = False
# django-otp: academy admins, trainers and staff need a second factor; learners may opt in.
OTP_TOTP_ISSUER = "Threadlift Academy"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # issue 25: staff never see anyone's TOTP key or QR code
# Sessions: SESSION_AGE_HOURS for everyone, STAFF_SESSION_AGE_HOURS (shorter) for staff.
SESSION_COOKIE_AGE = env_int("SESSION_AGE_HOURS", 24 * 7) * 3600
STAFF_SESSION_COOKIE_AGE = env_int("STAFF_SESSION_AGE_HOURS", 8) * 3600
# CPD ledger rows are kept at least this many years after the activity (ACCME keeps attendance
# records verifiable for six years, source R110 in threadlift/cpd/data/cpd.yaml).
CPD_RETENTION_YEARS = env_int("CPD_RETENTION_YEARS", 6)
CSRF_FAILURE_VIEW = "academy.core.errors.csrf_failure"
# E-mail confirmation links stay valid this long.
EMAIL_CONFIRMATION_MAX_AGE_DAYS = env_int("EMAIL_CONFIRMATION_MAX_AGE_DAYS", 7)
# --- end of log-in security ------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG  # development serves straight from the apps' static folders
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
# Private files (logbook photos, verification evidence, certificate logos and signatures): on
# the local disk under VAR_DIR/private (files 0600), or in an S3-compatible bucket when
# STORAGE_URL=s3://BUCKET/PREFIX?endpoint_url=… is set (keys in AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY). Served only by access-checked views; see academy/core/storage.py.
STORAGE_URL = env_str("STORAGE_URL")
try:
    STORAGES = private_storages(STORAGE_URL, VAR_DIR / "private")
except StorageUrlError as exc:
    raise ImproperlyConfigured(str(exc)) from None
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Uploaded files (patient photos later) are private: there is deliberately no MEDIA_URL route.
MEDIA_ROOT = VAR_DIR / "private"

# E-mail: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Threadlift Academy <no-reply@localhost>")

# Cache (pages and fragments, see academy/core/cache.py). CACHE_URL=redis://host:6379/0 in
# production, shared by every process; unset: this process's memory (make run, tests).
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL")
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache"
        if CACHE_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": CACHE_URL or "threadlift",
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "threadlift"),
        # A cache outage renders pages afresh instead of failing them.
        "OPTIONS": {"IGNORE_EXCEPTIONS": True} if CACHE_URL else {},
    },
    # Each process's own memory, for what cannot change while a process lives (pages built
    # only from the packaged knowledge base).
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
# Sessions are read from the shared cache and written through to the database (issue 25: one
# query less on every signed-in page). Only with a shared cache: in one process's memory a
# log-out made by another process would not be seen.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

# Background work: Django's task interface. The database backend needs its own worker process
# (`manage.py db_worker`); `make run` starts one beside the server. TASKS_BACKEND=immediate runs
# tasks inside the request instead (only for a quick local try-out).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND]
    }
}

# Security: strict by default, relaxed only for local development over plain HTTP.
SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
# Opt-in (issue 10): these bind every sub-domain and the browsers' preload list for months.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = SECURE_HTTPS and env_bool("SECURE_HSTS_PRELOAD")
# ... so `check --deploy` does not warn that they are off (W005 sub-domains, W021 preload).
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# --- client address (issue 25): one answer for every rate limit and the log-in lock-out
# (academy.core.client_address). Without BEHIND_HTTPS_PROXY: the connection's address, and
# X-Forwarded-For is ignored. With it: the address TRUSTED_PROXY_COUNT entries from the right
# of X-Forwarded-For (1 = one proxy of ours in front, e.g. Caddy or nginx).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 1 or more")
NINJA_NUM_PROXIES = TRUSTED_PROXY_COUNT if BEHIND_HTTPS_PROXY else 0  # ninja's own default
# --- end client address
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# --- JSON API (issue 11, academy.api): rate limits per scope, "N/period" (ninja's syntax).
# `engines`: every engine operation, per user or address; `anon_write`: unsafe operations open
# to anonymous callers. Counted in Django's cache (CACHES).
API_THROTTLE_RATES = {
    "engines": env_str("API_RATE_ENGINES", "120/min"),
    "anon_write": env_str("API_RATE_ANON_WRITE", "30/min"),
}
# Invalid bearer tokens allowed per address before every token from it is refused (429).
API_TOKEN_FAILURES = env_str("API_TOKEN_FAILURES", "20/10m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # issue 10: a refused page (403) is logged as one line, not as a traceback
        "no_permission_denied_traceback": {
            "()": "academy.core.log_filters.PermissionDeniedWithoutTraceback"
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"filters": ["no_permission_denied_traceback"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- verifiable certificates (issue 15, academy.credentials) ---------------------------------
# The public address credentials, DID documents (did:web) and status lists are published under.
# In development it follows the served address (`make run` passes PORT); in production it must
# be set, else start-up stops with the system check credentials.E001 (academy.credentials.checks).
CREDENTIAL_BASE_URL = env_str(
    "CREDENTIAL_BASE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}" if DEBUG else ""
)
# Seals the academies' private signing keys (AES-GCM) in the database. Required in production:
# without it nothing can be signed (a clear error, never a default key). DEBUG has a dev default.
CREDENTIAL_KEY_SECRET = env_str(
    "CREDENTIAL_KEY_SECRET", "development-only-credential-key-secret" if DEBUG else ""
)
# --- end verifiable certificates

# --- xAPI learning records (issue 23, academy.xapi) -------------------------------------------
# Off unless XAPI_LRS_URL is set (the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/).
# Statements are stored, then sent by the worker; a failed attempt is retried later, doubling
# from XAPI_RETRY_SECONDS, and given up after XAPI_MAX_ATTEMPTS (`manage.py xapi_resend`).
XAPI_LRS_URL = env_str("XAPI_LRS_URL", "")
XAPI_LRS_USERNAME = env_str("XAPI_LRS_USERNAME", "")
XAPI_LRS_PASSWORD = env_str("XAPI_LRS_PASSWORD", "")
# The site's address, for actors' account homePage and activity ids (default CREDENTIAL_BASE_URL).
XAPI_HOMEPAGE = env_str("XAPI_HOMEPAGE", "")
XAPI_MAX_ATTEMPTS = env_int("XAPI_MAX_ATTEMPTS", 10)
XAPI_RETRY_SECONDS = env_int("XAPI_RETRY_SECONDS", 60)
XAPI_TIMEOUT_SECONDS = env_int("XAPI_TIMEOUT_SECONDS", 10)
# --- end xAPI learning records
# --- LTI 1.3 tool (issue 23, academy.lti) -----------------------------------------------------
# Seals the academies' LTI signing keys (AES-GCM) in the database, as CREDENTIAL_KEY_SECRET does
# for certificates. Required in production (no default); DEBUG has a development default.
LTI_KEY_SECRET = env_str("LTI_KEY_SECRET", "development-only-lti-key-secret" if DEBUG else "")
# Launches inside an LMS's iframe on another site need the session and CSRF cookies sent in a
# third-party frame: SameSite=None, which browsers accept only with Secure (HTTPS).
if env_bool("LTI_FRAMED_COOKIES") and SECURE_HTTPS:
    SESSION_COOKIE_SAMESITE = "None"
    CSRF_COOKIE_SAMESITE = "None"
# --- end LTI
