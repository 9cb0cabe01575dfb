"""Production: refuses to start with development defaults."""

from django.core.exceptions import ImproperlyConfigured

from wijkregie.conf import env
from wijkregie.conf.base import *  # noqa: F403

WIJKREGIE_ENVIRONMENT = "production"


def check_production(
    *, secret_key: str | None, debug: bool, allowed_hosts: list[str], pseudonym_key: str | None
) -> list[str]:
    """The reasons these values are unsafe for production (empty when they are fine)."""
    problems = []
    if not secret_key or len(secret_key) < 50 or secret_key.startswith("django-insecure"):
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters.")
    if debug:
        problems.append("DEBUG must be off in production.")
    if not allowed_hosts or any(host.strip() in {"*", ".*", ""} for host in allowed_hosts):
        problems.append("ALLOWED_HOSTS must list this instance's host names; '*' is refused.")
    if not pseudonym_key or len(pseudonym_key) < 32:
        problems.append("WIJKREGIE_PSEUDONYM_KEY must be set (at least 32 characters).")
    return problems


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
