"""Settings shared by every environment. Environment-specific modules stay thin."""

from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from wijkregie.conf import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.data_dir()

SECRET_KEY = env.get("SECRET_KEY")
DEBUG = env.get("DEBUG")
ALLOWED_HOSTS = env.get("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.get("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wijkregie.accounts.admin_site.WijkregieAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    # Wijkregie
    "wijkregie.ui",
    "wijkregie.accounts",
    "wijkregie.organisations",
    "wijkregie.commission",
    "wijkregie.chains",
    "wijkregie.socialmap",
    "wijkregie.surveys",
    "wijkregie.signals",
    "wijkregie.publication",
    "wijkregie.council",
    "wijkregie.indicators",
    "wijkregie.reporting",
    "wijkregie.insights",
    "wijkregie.deidentification",
    "wijkregie.registrations",
    "wijkregie.pilots",
    "wijkregie.conversations",
    "wijkregie.system",
    "wijkregie.worklist",
]

FILE_UPLOAD_HANDLERS = ["wijkregie.system.http.LimitedTemporaryFileUploadHandler"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wijkregie.system.http.UploadLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkregie.ui.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wijkregie.accounts.middleware.LoginRequiredMiddleware",
    "wijkregie.accounts.middleware.AdministratorTwoFactorMiddleware",
    "wijkregie.accounts.middleware.PermissionDeniedAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wijkregie.ui.middleware.AdminStyleCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkregie.urls"
FORM_RENDERER = "wijkregie.common.forms.WijkregieFormRenderer"
WSGI_APPLICATION = "wijkregie.wsgi.application"

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
                "wijkregie.ui.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
_database_url = env.get("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env.get("DATABASE_CONN_MAX_AGE"), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "db.sqlite3"),
            # Kept open between requests as on PostgreSQL: opening a SQLite connection and
            # setting its journal mode took longer than a whole /health/ request.
            "CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE"),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "wijkregie.accounts.backends.PasswordBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:start"
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
# Per process, in memory: the cached figures are keyed on the facts generation (a database row
# every process reads), so no shared cache server is needed to keep them consistent.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wijkregie",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# django-axes: lock out a user name from one address after repeated failures.
AXES_FAILURE_LIMIT = env.get("WIJKREGIE_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = env.get("WIJKREGIE_LOGIN_COOLOFF_MINUTES") / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "wijkregie.system.http.client_ip"
WIJKREGIE_CLIENT_IP_HEADER = env.get("WIJKREGIE_CLIENT_IP_HEADER")
WIJKREGIE_TRUSTED_PROXY_COUNT = env.get("WIJKREGIE_TRUSTED_PROXY_COUNT")
WIJKREGIE_MAX_UPLOAD_MB = env.get("WIJKREGIE_MAX_UPLOAD_MB")
WIJKREGIE_MAX_REGISTRATION_UPLOAD_MB = env.get("WIJKREGIE_MAX_REGISTRATION_UPLOAD_MB")
WIJKREGIE_MAX_SPREADSHEET_CELLS = env.get("WIJKREGIE_MAX_SPREADSHEET_CELLS")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wijkregie.accounts.lockout.lockout_response"
AXES_VERBOSE = False

# OIDC single sign-on (mozilla-django-oidc), switched on by OIDC_ENABLED.
OIDC_ENABLED = env.get("OIDC_ENABLED")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "wijkregie.accounts.oidc.WijkregieOIDCBackend")
OIDC_RP_CLIENT_ID = env.get("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env.get("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.get("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env.get("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env.get("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env.get("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env.get("OIDC_RP_SIGN_ALGO")
OIDC_USERNAME_CLAIM = env.get("OIDC_USERNAME_CLAIM")
OIDC_CREATE_USER = True
OIDC_RP_SCOPES = "openid email profile"

OTP_TOTP_ISSUER = "Wijkregie"

# --- Privacy --------------------------------------------------------------------------------------
WIJKREGIE_PSEUDONYM_KEY = env.get("WIJKREGIE_PSEUDONYM_KEY")
WIJKREGIE_PSEUDONYM_KEY_VERSION = env.get("WIJKREGIE_PSEUDONYM_KEY_VERSION")
WIJKREGIE_SUPPRESSION_THRESHOLD = env.get("WIJKREGIE_SUPPRESSION_THRESHOLD")
WIJKREGIE_DEDUCE_CACHE_DIR = env.get("WIJKREGIE_DEDUCE_CACHE_DIR") or str(DATA_DIR / "deduce")
WIJKREGIE_PLACES = env.get("WIJKREGIE_PLACES")
WIJKREGIE_DEIDENTIFY_ALLOW = env.get("WIJKREGIE_DEIDENTIFY_ALLOW")

# --- Indicators and deliveries --------------------------------------------------------------------
WIJKREGIE_DELIVERY_DUE_DAYS = env.get("WIJKREGIE_DELIVERY_DUE_DAYS")
WIJKREGIE_RECONCILIATION_TOLERANCE = env.get("WIJKREGIE_RECONCILIATION_TOLERANCE")
WIJKREGIE_RECORD_RETENTION_DAYS = env.get("WIJKREGIE_RECORD_RETENTION_DAYS")

# --- Commission register -------------------------------------------------------------------------
WIJKREGIE_SMALL_BUDGET_EUR = env.get("WIJKREGIE_SMALL_BUDGET_EUR")
WIJKREGIE_FTE_COST_EUR = env.get("WIJKREGIE_FTE_COST_EUR")
WIJKREGIE_ENDING_SOON_DAYS = env.get("WIJKREGIE_ENDING_SOON_DAYS")
WIJKREGIE_ACKNOWLEDGE_DAYS = env.get("WIJKREGIE_ACKNOWLEDGE_DAYS")
WIJKREGIE_SOCIALMAP_UPDATE_DAYS = env.get("WIJKREGIE_SOCIALMAP_UPDATE_DAYS")
WIJKREGIE_SOCIALMAP_REMIND_DAYS = env.get("WIJKREGIE_SOCIALMAP_REMIND_DAYS")
WIJKREGIE_SOCIALMAP_ESCALATE_DAYS = env.get("WIJKREGIE_SOCIALMAP_ESCALATE_DAYS")
WIJKREGIE_SURVEY_THRESHOLD = env.get("WIJKREGIE_SURVEY_THRESHOLD")
WIJKREGIE_SIGNAL_RESPONSE_DAYS = env.get("WIJKREGIE_SIGNAL_RESPONSE_DAYS")
WIJKREGIE_PUBLIC_ROUNDING = env.get("WIJKREGIE_PUBLIC_ROUNDING")

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "wijkregie_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# --- E-mail ---------------------------------------------------------------------------------------
_email_url = env.get("EMAIL_URL")
if _email_url == "outbox:":  # kept in the database, shown in the app (wijkregie.system.outbox)
    _email = {"EMAIL_BACKEND": "wijkregie.system.outbox.OutboxBackend", "EMAIL_FILE_PATH": None}
else:
    _email = dj_email_url.parse(_email_url)
if _email["EMAIL_BACKEND"].endswith("filebased.EmailBackend") and not _email["EMAIL_FILE_PATH"]:
    _email["EMAIL_FILE_PATH"] = str(DATA_DIR / "mail")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers -----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Strict CSP: no inline scripts or styles, no third-party origins, nothing loaded at run time.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- API ------------------------------------------------------------------------------------------
# Background tasks (imports): django-tasks with its database backend — no broker needed. A worker
# runs `wijkregie worker` (the demo starts one itself).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    # Token first, so that an anonymous request gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "wijkregie.accounts.authentication.SecondFactorTokenAuthentication",
        "wijkregie.accounts.authentication.SecondFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "wijkregie.common.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "wijkregie.api.schema.WijkregieAutoSchema",
    "EXCEPTION_HANDLER": "wijkregie.api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkregie API",
    "DESCRIPTION": "Sturingsinformatie Sociale Wijkteams. Authenticate with a session or with "
    "`Authorization: Token <token>` from `POST /api/v1/auth/token/`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "LICENSE": {"name": "EUPL-1.2"},
}

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"one_line_denials": {"()": "wijkregie.system.logging.OneLineDenials"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["one_line_denials"],
            "propagate": False,
        },
        "wijkregie": {
            "handlers": ["console"],
            "level": env.get("WIJKREGIE_LOG_LEVEL"),
            "propagate": False,
        },
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

WIJKREGIE_ENVIRONMENT = "base"
WIJKREGIE_DEMO_PASSWORD = None  # only dev settings set it; demo logins exist only there
