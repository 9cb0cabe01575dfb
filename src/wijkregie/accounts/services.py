"""Writes of the accounts app: audit events, users and memberships."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from wijkregie.accounts.models import AuditEvent, Membership, User


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
