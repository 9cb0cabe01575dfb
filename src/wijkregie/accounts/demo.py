"""Demo logins, one per role, all with the documented demo password (demo settings only)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.accounts.models import Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.organisations.models import Organisation

#: The administrator's TOTP secret in the demo (hex), so the demo can print its current code.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "contractmanager",
        "Carla",
        "de Vries",
        "contractmanagement-sociaal-domein",
        Role.CONTRACT_MANAGER,
    ),
    DemoUser("ketenregisseur", "Karim", "Bouzid", "afdeling-wmo", Role.CHAIN_DIRECTOR),
    DemoUser("beleidsadviseur", "Bas", "Jansen", "beleid-sociaal-domein", Role.POLICY_ADVISER),
    DemoUser("dock-manager", "Dewi", "Pranoto", "dock", Role.TEAM_MANAGER),
    DemoUser("incluzio-manager", "Ingrid", "Kok", "incluzio", Role.TEAM_MANAGER),
    DemoUser("smd-manager", "Sander", "Meijer", "smd", Role.TEAM_MANAGER),
    DemoUser("dock-professional", "Fatima", "El Amrani", "dock", Role.PROFESSIONAL),
    DemoUser("aanbieder", "Anton", "Smit", "zaanse-begeleiding", Role.PARTNER_USER),
    DemoUser("raadslid", "Ria", "Visser", "gemeente-zaanstad", Role.COUNCIL_MEMBER),
    DemoUser("beheerder", "Ben", "Hoekstra", "gemeente-zaanstad", Role.ADMINISTRATOR),
)


def load() -> dict[str, int]:
    password = settings.WIJKREGIE_DEMO_PASSWORD
    if not password:
        raise ImproperlyConfigured("Demo logins exist only with demo (dev or ci) settings.")
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@demo.wijkregie.invalid",
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        Membership.objects.get_or_create(
            user=user,
            organisation=Organisation.objects.get(code=demo.organisation),
            role=demo.role,
        )
        if demo.role == Role.ADMINISTRATOR:
            TOTPDevice.objects.update_or_create(
                user=user, name="Demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
            )
    return {"users": len(DEMO_USERS)}


def current_demo_totp() -> str:
    """The administrator's current six-digit code in the demo."""
    from binascii import unhexlify

    from django_otp.oath import TOTP

    totp = TOTP(unhexlify(DEMO_TOTP_KEY))
    return f"{totp.token():06d}"
