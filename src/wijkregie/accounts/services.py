"""Writes of the accounts app: audit events, users and memberships."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.accounts.models import AuditEvent, Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.common import demodata


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_event_create(
    *,
    action: str,
    actor: User | None = None,
    request: HttpRequest | None = None,
    obj: models.Model | None = None,
    username: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log. Never raises for a missing request or object."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_username=(actor.get_username() if actor else username)[:150],
        path=(request.get_full_path() if request is not None else "")[:300],
        ip_address=_client_ip(request),
        detail=detail or {},
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.save()
    return event


def record_read_log(*, request: HttpRequest, obj: models.Model, detail: dict | None = None) -> None:
    """Log a read of record-level data (every app that shows such data calls this)."""
    audit_event_create(
        action=AuditEvent.Action.RECORD_READ, request=request, obj=obj, detail=detail
    )


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def membership_create(
    *,
    user: User,
    organisation,
    role: str,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> Membership:
    membership = Membership(
        user=user,
        organisation=organisation,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    membership.full_clean()
    membership.save()
    user.__dict__.pop("active_memberships", None)
    return membership


# --- demo logins ----------------------------------------------------------------------------
#: The administrator's TOTP secret in the demo (hex), so the demo can print its current code.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: str


def demo_logins() -> tuple[DemoUser, ...]:
    users = tuple(DemoUser(**row) for row in demodata.load("users"))
    for user in users:
        Role(user.role)  # an unknown role in the data file fails loudly
    return users


def demo_login_ensure(demo: DemoUser) -> User:
    """The demo login (created once; its password reset to the demo password) with, for the
    administrator, the demo's confirmed second factor."""
    password = settings.WIJKREGIE_DEMO_PASSWORD
    if not password:
        raise ImproperlyConfigured("Demo logins exist only with demo (dev or ci) settings.")
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
    if demo.role == Role.ADMINISTRATOR:
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
    return user
