"""Fixtures shared by the unit, authorisation and browser tests."""

from __future__ import annotations

import os

import pytest

# Sync Playwright runs an event loop in the test thread; Django's async-safety check would
# refuse database access from pytest-django's fixtures there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "wijkregie-demo"


@pytest.fixture
def demo(db):
    """The complete Zaanstad demo data set (idempotent loader, as `wijkregie demo` uses)."""
    from wijkregie.system.demo import load_demo

    return load_demo()


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
