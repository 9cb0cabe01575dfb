"""Reads of the accounts app that other apps may use."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from wijkregie.accounts.models import AuditEvent


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
