"""temoin's one settings module, configured from TEMOIN_* environment variables.

Secure by default: DEBUG off, secure cookies, strict CSP, no client IP or user
agent kept anywhere. Every variable is documented in docs/configuration.md (a
test checks that the two agree).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from temoin.conf import data_dir, envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = data_dir()
BLOB_DIR = DATA_DIR / "blobs"
SECRET_KEY_FILE = DATA_DIR / "secret_key"

# The organisation's name, as certificates and the public key list state it.
ORGANISATION_NAME = envstr("ORGANISATION_NAME", "temoin")

DEBUG = envbool("DEBUG", False)
# Development relaxes only what a plain-HTTP loopback demo needs (Secure cookies).
DEVELOPMENT = envbool("DEVELOPMENT", False)
# Served over TLS (directly or behind a TLS-terminating proxy): enables HSTS.
TLS = envbool("TLS", False)


def _secret_key() -> str:
    key = envstr("SECRET_KEY")
    if key:
        return key
    try:
        return SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ImproperlyConfigured(
            f"cannot read {SECRET_KEY_FILE}: {exc.strerror}"
        ) from None


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "temoin.web",
    "temoin.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "temoin.audit",
    "temoin.intake",
    "temoin.cases",
    "temoin.verification",
]

MIDDLEWARE = [
    "temoin.web.middleware.forget_client_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "temoin.accounts.middleware.staff_session_middleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "temoin.web.middleware.security_headers_middleware",
]

ROOT_URLCONF = "temoin.urls"
WSGI_APPLICATION = "temoin.wsgi.application"

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
                "temoin.web.context_processors.languages",
                "temoin.accounts.context_processors.staff",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = envstr("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "temoin.sqlite3"),
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # WAL lets readers run beside the writer; IMMEDIATE avoids
                # "database is locked" on lock upgrades under concurrent writes.
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=10000;PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=600))
    except ValueError as exc:
        raise ImproperlyConfigured(f"TEMOIN_DATABASE_URL is not valid: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured("TEMOIN_DATABASE_URL names an unknown database")
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process: rate limits must not live in one process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "temoin_cache",
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Argon2id cost for wrapping staff keys with their password, by name (see
# temoin.core.crypto). Tests lower it; a test pins this production value.
STAFF_KEY_KDF = "moderate"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Staff accounts (docs/staff.md): two-factor login, lockout, session limits.
LOGIN_URL = "accounts:login"
# Idle expiry is SESSION_COOKIE_AGE; this is the absolute limit of one login.
STAFF_SESSION_MAX_SECONDS = 12 * 60 * 60
# Failed passwords or codes in a row that lock an account, and for how long.
STAFF_LOCKOUT_FAILURES = 5
STAFF_LOCKOUT_SECONDS = 15 * 60
# The browser's half of the session keys (temoin.accounts.keys).
STAFF_KEY_COOKIE_NAME = "temoin_key"
OTP_TOTP_ISSUER = "temoin"
# temoin counts failed codes itself (the lockout above); django-otp's own
# per-device delays would only add a second, inconsistent limit.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Internationalisation: Russian first, since most witnesses write in Russian.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("fr", "Français"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
# Serve straight from the apps' static folders: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Sessions and cookies: HttpOnly everywhere, Secure unless developing on loopback.
SESSION_COOKIE_AGE = envint("SESSION_MINUTES", 30, minimum=5) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = not DEVELOPMENT
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SECURE = not DEVELOPMENT
CSRF_FAILURE_VIEW = "temoin.web.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = not DEVELOPMENT
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Strict"

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 63072000 if TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = TLS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
)
SECURE_SSL_REDIRECT = TLS and envbool("SSL_REDIRECT", False)

SILENCED_SYSTEM_CHECKS = [
    # Redirecting HTTP to HTTPS is the TLS proxy's job (TEMOIN_SSL_REDIRECT
    # turns it on here), and an onion service has no HTTPS to redirect to.
    "security.W008",
    # Joining the browsers' HSTS preload list is the operator's own decision.
    "security.W021",
]
if not TLS:
    # Plain HTTP is right for an onion service; HSTS would mean nothing there.
    SILENCED_SYSTEM_CHECKS.append("security.W004")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

# No third-party source of any kind; the witness side runs no script at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    }
}

# Uploads: keep the request body out of memory and out of plaintext temp files;
# the intake app installs its own encrypting upload handler.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
MAX_UPLOAD_BYTES = envint("MAX_UPLOAD_MB", 2048, minimum=1) * 1024 * 1024

# Witness intake (temoin.intake): see docs/intake.md.
INTAKE_CODENAME_KDF = "interactive"  # Argon2id cost by name; tests lower it
INTAKE_MAX_FILES = 10  # files per form sent
INTAKE_GUESSES_PER_CODENAME = 5  # wrong tries per lookup token in 15 minutes
INTAKE_GUESSES_PER_MINUTE = 120  # wrong codenames per minute, whole site
INTAKE_WITNESS_IDLE_SECONDS = 15 * 60
INTAKE_MAX_IMAGE_PIXELS = 80_000_000  # larger images are refused as bombs
INTAKE_MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # office documents, unpacked

# Logging: stderr only, and no formatter prints request data (IP, user agent).
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # Model loading chatter from the redaction and claims libraries.
        "pymorphy3": {"level": "WARNING"},
    },
}
