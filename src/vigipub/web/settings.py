"""Django settings of the case application, read from the environment.

Two configurations, one file:

- **embedded** (default, ``vigipub serve``): one inspector's machine, 127.0.0.1 over HTTP,
  SQLite in WAL mode and the evidence under the data folder (``VIGIPUB_DATA``, default
  ``./vigipub-data``); the secret key is generated once into ``DATA/secret_key``.
- **production** (``VIGIPUB_PRODUCTION=1``): HTTPS behind a reverse proxy, secure cookies,
  HSTS, a secret key from ``VIGIPUB_SECRET_KEY`` or ``VIGIPUB_SECRET_KEY_FILE`` (refused
  when missing), hosts from ``VIGIPUB_ALLOWED_HOSTS``; ``python -m vigipub.web.manage check
  --deploy`` is clean.

Other variables: ``DATABASE_URL`` (e.g. ``postgresql://user:pw@host/db``; default SQLite in
the data folder), ``VIGIPUB_ALLOW_PRIVATE=1`` (captures may fetch private addresses: the
demo and tests), ``VIGIPUB_WORKERS``, ``VIGIPUB_JOB_TIMEOUT`` / ``VIGIPUB_JOB_RETRY`` /
``VIGIPUB_JOB_MAX_ATTEMPTS`` / ``VIGIPUB_JOB_STALE`` (background jobs, seconds),
``VIGIPUB_CAPTURE_BROWSER`` (``auto``, ``1``, ``0``), ``VIGIPUB_CAPTURE_MAX_PAGES``,
``VIGIPUB_AUTHORITY`` (``ANSM``), ``VIGIPUB_CASE_PREFIX`` (``VP``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("VIGIPUB_DATA") or "vigipub-data").resolve()
PRODUCTION = _flag("VIGIPUB_PRODUCTION")


def _secret_key() -> str:
    if key := os.environ.get("VIGIPUB_SECRET_KEY", "").strip():
        return key
    if key_file := os.environ.get("VIGIPUB_SECRET_KEY_FILE", "").strip():
        try:
            return Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"VIGIPUB_SECRET_KEY_FILE: cannot read {key_file}: {exc.strerror}") from exc
    if PRODUCTION:
        raise ImproperlyConfigured(
            "production needs a secret key: set VIGIPUB_SECRET_KEY or VIGIPUB_SECRET_KEY_FILE"
        )
    # embedded default: one key per data folder, created once, readable by its owner only
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key


SECRET_KEY = _secret_key()
DEBUG = _flag("VIGIPUB_DEBUG") and not PRODUCTION

if PRODUCTION:
    ALLOWED_HOSTS = [h.strip() for h in os.environ.get("VIGIPUB_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("production needs VIGIPUB_ALLOWED_HOSTS (comma-separated host names)")
    CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if "*" not in h]
else:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "widget_tweaks",
    "dsfr",
    "django_q",
    "vigipub.web.apps.VigipubWebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vigipub.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vigipub.web.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "vigipub.web.urls"
WSGI_APPLICATION = "vigipub.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vigipub.web.context.site",
            ],
            # an undefined variable in our templates is a bug: tests set this to fail loudly
            "string_if_invalid": os.environ.get("VIGIPUB_TEMPLATE_INVALID", ""),
        },
    }
]

# --------------------------------------------------------------------------- database

DEFAULT_SQLITE = DATA_DIR / "vigipub.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}", conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASES["default"]["NAME"] == ":memory:" else 600
    DATABASES["default"]["OPTIONS"] = {
        # WAL: readers never wait for the worker writing progress; IMMEDIATE: a transaction
        # takes the write lock when it starts, so two writers queue instead of deadlocking
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --------------------------------------------------------------------------- authentication

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/cases/"
LOGOUT_REDIRECT_URL = "/login/"
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "vigipub.web.views.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"  # only a document's preview is framed, by our own page (its view says so)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("VIGIPUB_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _int("VIGIPUB_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --------------------------------------------------------------------------- languages

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

# --------------------------------------------------------------------------- static files

STATIC_URL = "/static/"
# production collects the static files there; the embedded default serves them from the apps
STATIC_ROOT = Path(os.environ["VIGIPUB_STATIC_ROOT"]) if os.environ.get("VIGIPUB_STATIC_ROOT") else (
    DATA_DIR / "static" if PRODUCTION else None
)
# the embedded default serves the apps' static folders directly (no collectstatic step);
# production collects them once (``manage collectstatic``) into hashed, compressed files
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = False
WHITENOISE_MAX_AGE = 3600
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024  # a leads file of 10,000 leads fits
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --------------------------------------------------------------------------- background jobs

JOB_TIMEOUT = _int("VIGIPUB_JOB_TIMEOUT", 1800)  # a capture of a large site with a browser
JOB_RETRY = _int("VIGIPUB_JOB_RETRY", JOB_TIMEOUT + 60)
if JOB_RETRY <= JOB_TIMEOUT:
    raise ImproperlyConfigured("VIGIPUB_JOB_RETRY must be larger than VIGIPUB_JOB_TIMEOUT (a running job is never redelivered)")
JOB_MAX_ATTEMPTS = _int("VIGIPUB_JOB_MAX_ATTEMPTS", 3)
JOB_STALE_SECONDS = _int("VIGIPUB_JOB_STALE", 60)  # no heartbeat for this long: its worker died
WORKERS = _int("VIGIPUB_WORKERS", 2)

Q_CLUSTER = {
    "name": "vigipub",
    "orm": "default",
    "workers": WORKERS,
    "timeout": JOB_TIMEOUT,
    "retry": JOB_RETRY,
    # a job that failed with an error is finished (our own Job row says why); only a job
    # whose worker died is delivered again, and vigipub.web.jobs counts its attempts
    "max_attempts": JOB_MAX_ATTEMPTS,
    "ack_failures": True,
    "queue_limit": WORKERS,
    "bulk": 1,
    "poll": 0.5,
    "catch_up": False,
    "save_limit": 500,
    "label": "Tâches de fond",
    "recycle": 50,
}

# --------------------------------------------------------------------------- vigipub

VIGIPUB: dict[str, Any] = {
    "ALLOW_PRIVATE": _flag("VIGIPUB_ALLOW_PRIVATE"),
    "CAPTURE_BROWSER": os.environ.get("VIGIPUB_CAPTURE_BROWSER", "auto").strip().lower(),
    "CAPTURE_MAX_PAGES": _int("VIGIPUB_CAPTURE_MAX_PAGES", 30),
    "AUTHORITY": os.environ.get("VIGIPUB_AUTHORITY", "ANSM"),
    "CASE_PREFIX": os.environ.get("VIGIPUB_CASE_PREFIX", "VP"),
    "SITE_TITLE": os.environ.get("VIGIPUB_SITE_TITLE", "vigipub"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "django-q": {"handlers": ["console"], "level": os.environ.get("VIGIPUB_Q_LOG", "WARNING")},
        "vigipub": {"handlers": ["console"], "level": "INFO"},
    },
}
