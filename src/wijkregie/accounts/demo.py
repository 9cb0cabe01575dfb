"""The demo administrator's second factor. The demo logins themselves are data
(``demodata/users.yaml``), created by ``accounts.services.demo_login_ensure``."""

from __future__ import annotations

from wijkregie.accounts.services import DEMO_TOTP_KEY


def current_demo_totp() -> str:
    """The administrator's current six-digit code in the demo."""
    from binascii import unhexlify

    from django_otp.oath import TOTP

    totp = TOTP(unhexlify(DEMO_TOTP_KEY))
    return f"{totp.token():06d}"
