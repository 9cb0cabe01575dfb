"""Safety checks for production settings (importable without side effects)."""

from __future__ import annotations


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
