"""Writes of the accounts app: audit events, users and memberships."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

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


# --- user administration (the administrator, in the app) ------------------------------------
class AdministrationError(Exception):
    """A change the administrator may not make (with a Dutch reason)."""


def _record_change(actor: User, request: HttpRequest | None, obj, change: str, **detail) -> None:
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=actor,
        request=request,
        obj=obj,
        detail={"change": change, **detail},
    )


def user_fingerprint(user: User) -> str:
    """The user's editable state as the form saw it: a save against another state is refused
    (two administrators never silently overwrite each other)."""
    state = "\x1f".join([user.first_name, user.last_name, user.email, str(user.is_active)])
    return hashlib.sha256(state.encode()).hexdigest()[:16]


@transaction.atomic
def user_save(
    *,
    actor: User,
    fields: dict[str, str],
    user: User | None = None,
    fingerprint: str | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Create a user (``user`` None; the person sets a password through single sign-on or gets
    one from the administrator) or change the name and e-mail address of one."""
    if user is None:
        created = user_create(
            username=fields["username"],
            first_name=fields.get("first_name", ""),
            last_name=fields.get("last_name", ""),
            email=fields.get("email", ""),
        )
        _record_change(actor, request, created, "user_created", username=created.username)
        return created
    user = User.objects.select_for_update().get(pk=user.pk)
    if fingerprint is not None and fingerprint != user_fingerprint(user):
        raise AdministrationError(
            _("Someone else changed this account while you were editing. Reload and try again.")
        )
    changed = [
        name for name in ("first_name", "last_name", "email") if getattr(user, name) != fields[name]
    ]
    for name in changed:
        setattr(user, name, fields[name])
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)
        _record_change(actor, request, user, "user_changed", fields=changed)
    return user


@transaction.atomic
def user_set_active(
    *, user: User, active: bool, actor: User, request: HttpRequest | None = None
) -> User:
    """Deactivate a leaver (no login, no API token, open sessions end on their next request)
    or take a returning colleague back."""
    if user.pk == actor.pk and not active:
        raise AdministrationError(_("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        Token.objects.filter(user=user).delete()
    _record_change(actor, request, user, "user_activated" if active else "user_deactivated")
    return user


@transaction.atomic
def second_factor_reset(*, user: User, actor: User, request: HttpRequest | None = None) -> int:
    """Remove the user's authenticator devices: at the next login they set up a new one."""
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    _record_change(actor, request, user, "second_factor_reset", devices=removed)
    return removed


@transaction.atomic
def membership_add(
    *,
    user: User,
    organisation,
    role: str,
    actor: User,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Membership:
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError(_("This user already has this role in this organisation."))
    membership = membership_create(
        user=user,
        organisation=organisation,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    _record_change(
        actor, request, user, "membership_added", organisation=organisation.pk, role=role
    )
    return membership


@transaction.atomic
def membership_end(
    *, membership: Membership, actor: User, today: dt.date, request: HttpRequest | None = None
) -> None:
    """End a role from today on: it stays in the history with its end date (yesterday); a role
    that had not started yet is removed."""
    user = membership.user
    detail = {"organisation": membership.organisation_id, "role": membership.role}
    yesterday = today - dt.timedelta(days=1)
    if membership.valid_from and membership.valid_from > yesterday:
        membership.delete()
    else:
        membership.valid_until = yesterday
        membership.save(update_fields=["valid_until"])
    user.__dict__.pop("active_memberships", None)
    _record_change(actor, request, user, "membership_ended", **detail)
