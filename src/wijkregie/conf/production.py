"""Production: refuses to start with development defaults."""

from django.core.exceptions import ImproperlyConfigured

from wijkregie.conf import env
from wijkregie.conf.base import *  # noqa: F403
from wijkregie.conf.checks import check_production

WIJKREGIE_ENVIRONMENT = "production"


# In production, secrets come from the environment only, never from a demo data directory.
SECRET_KEY = env.get("SECRET_KEY", fallback_to_data_dir=False)
WIJKREGIE_PSEUDONYM_KEY = env.get("WIJKREGIE_PSEUDONYM_KEY", fallback_to_data_dir=False)
_problems = check_production(
    secret_key=SECRET_KEY,
    debug=DEBUG,  # noqa: F405
    allowed_hosts=ALLOWED_HOSTS,  # noqa: F405
    pseudonym_key=WIJKREGIE_PSEUDONYM_KEY,
)
if _problems:
    raise ImproperlyConfigured("Wijkregie refuses to start: " + " ".join(_problems))

SESSION_COOKIE_SECURE = env.get("WIJKREGIE_SECURE_COOKIES")
CSRF_COOKIE_SECURE = env.get("WIJKREGIE_SECURE_COOKIES")
LANGUAGE_COOKIE_SECURE = env.get("WIJKREGIE_SECURE_COOKIES")
SECURE_HSTS_SECONDS = env.get("WIJKREGIE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
if env.get("WIJKREGIE_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
