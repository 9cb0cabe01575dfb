"""Reads of the accounts app that other apps may use."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.models import AuditEvent, Membership, User


def audit_event_list(
    *,
    action: str | None = None,
    query: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if query:
        events = events.filter(
            Q(actor_username__icontains=query)
            | Q(object_repr__icontains=query)
            | Q(path__icontains=query)
        )
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events


def user_events(user: User) -> QuerySet[AuditEvent]:
    """What happened to an account (its changes) and what it did, newest first."""
    return AuditEvent.objects.filter(
        Q(object_type="accounts.user", object_id=str(user.pk)) | Q(actor=user)
    ).order_by("-at", "-pk")


CHANGE_LABELS = {
    "user_created": _("account created"),
    "user_changed": _("name or e-mail changed"),
    "user_deactivated": _("deactivated"),
    "user_activated": _("activated again"),
    "second_factor_reset": _("second factor reset"),
    "membership_added": _("role added"),
    "membership_ended": _("role ended"),
}


def change_label(event: AuditEvent) -> str:
    """The administrator's change recorded in an event, in words ("" for other events)."""
    code = (event.detail or {}).get("change", "")
    return str(CHANGE_LABELS.get(code, code))


def user_list(*, query: str = "", status: str = "active") -> QuerySet[User]:
    """Accounts for the administrator: active, inactive or all; searched on user name, name
    and e-mail address; with their roles."""
    users = User.objects.prefetch_related(
        Prefetch("memberships", Membership.objects.select_related("organisation"))
    ).order_by("username")
    if status == "active":
        users = users.filter(is_active=True)
    elif status == "inactive":
        users = users.filter(is_active=False)
    for word in query.split():
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    return users


def needs_second_factor(user) -> bool:
    """Whether ``user`` must pass a second factor (TOTP) in a session before anything else:
    administrators always, anyone else once they have confirmed a TOTP device."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_wijkregie_needs_second_factor", None)
    if cached is None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from wijkregie.accounts.roles import Role

        cached = user.has_role(Role.ADMINISTRATOR) or (
            TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        )
        user._wijkregie_needs_second_factor = cached
    return cached


def second_factor_pending(user) -> bool:
    """True for a session that passed the password but not yet the second factor it needs."""
    if not needs_second_factor(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def viewer_key(user) -> str:
    """Whom a page of figures is rendered for, as far as what it shows can differ: the active
    memberships (organisation and role). Every permission and every "own organisation" rule of
    the figures follows from them, so users with the same memberships may share a cached page."""
    if not user.is_authenticated:
        return "anonymous"
    pairs = sorted(f"{m.organisation_id}:{m.role}" for m in user.active_memberships)
    return ("superuser;" if user.is_superuser else "") + ",".join(pairs)
