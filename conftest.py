"""Fixtures shared by the unit, authorisation and browser tests."""

from __future__ import annotations

import os

import pytest

# Sync Playwright runs an event loop in the test thread; Django's async-safety check would
# refuse database access from pytest-django's fixtures there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "wijkregie-demo"


_DEMO_COUNTS: dict[str, int] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the complete Zaanstad demo loaded once per test session (as
    `wijkregie demo` loads it). Every test runs in a transaction that is rolled back, so each
    starts from the same demo. pytest-django runs the transactional tests (browser tests, live
    server) after the others; they flush the database, and ``live_demo`` loads it again."""
    from wijkregie.system.demo import load_demo

    with django_db_blocker.unblock():
        _DEMO_COUNTS.update(load_demo())


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the cached figures are keyed on the facts
    generation, and a rolled-back test leaves the same generation with other facts behind."""
    from django.core.cache import cache

    from wijkregie.common import memo

    cache.clear()
    memo.clear()


@pytest.fixture
def demo(db):
    """The complete Zaanstad demo data set (loaded once per session; idempotent loader)."""
    from wijkregie.system.demo import load_demo

    # Cheap when the session's demo is there; loads it after a transactional test flushed it.
    return load_demo() if not _DEMO_COUNTS or _demo_flushed() else dict(_DEMO_COUNTS)


def _demo_flushed() -> bool:
    from wijkregie.organisations.models import Organisation

    return not Organisation.objects.exists()


def login(client, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form; administrators also pass the real TOTP check."""
    from wijkregie.accounts.demo import current_demo_totp
    from wijkregie.accounts.models import User
    from wijkregie.accounts.roles import Role

    response = client.post(
        "/account/login/", {"username": username, "password": password}, REMOTE_ADDR="127.0.0.1"
    )
    assert response.status_code == 302, f"login of {username} failed"
    user = User.objects.get(username=username)
    if user.has_role(Role.ADMINISTRATOR):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # django-otp refuses a code that was already used (replay protection, tested in
        # accounts); tests that log in twice within one 30-second step rewind that marker.
        TOTPDevice.objects.filter(user=user).update(last_t=-1)
        response = client.post("/account/tweestapsverificatie/", {"token": current_demo_totp()})
        assert response.status_code == 302, "two-factor check failed"


@pytest.fixture
def login_as(client, demo):
    def _login_as(username: str):
        login(client, username)
        return client

    return _login_as


#: Apps besides Wijkregie's own that hold data the demo creates.
OTHER_DATA_APPS = (
    "axes",
    "django_otp.plugins.otp_totp",
    "rest_framework.authtoken",
    "django_tasks_db",
    "django.contrib.admin",
)


@pytest.fixture
def empty_db(db):
    """A test that builds its own few objects: the session's demo is removed inside the test's
    transaction (and comes back when it is rolled back). Django's own tables (content types,
    permissions, sessions) stay."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    tables = [
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name.startswith("wijkregie.") or config.name in OTHER_DATA_APPS
        for model in config.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]
    tables += ["accounts_user_groups", "accounts_user_user_permissions"]
    existing = set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(
        no_style(), [t for t in dict.fromkeys(tables) if t in existing], allow_cascade=True
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
