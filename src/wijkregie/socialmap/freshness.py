"""When a social-map entry is current, due for a check, or stale — the one place that says so.

Every entry has ``assured_date`` (the last time its owner confirmed it) and an update period per
kind (``WIJKREGIE_SOCIALMAP_UPDATE_DAYS``). From ``WIJKREGIE_SOCIALMAP_REMIND_DAYS`` before the
end of that period the entry is *due*: the owner's editors are reminded. After the period it is
*stale*, shown as such to everyone; ``WIJKREGIE_SOCIALMAP_ESCALATE_DAYS`` later the chain
directors are told.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_lazy as _

KINDS = ("service", "location", "contact_role", "collaboration")


class State(StrEnum):
    CURRENT = "current"
    DUE = "due"
    STALE = "stale"


LABELS = {State.CURRENT: _("current"), State.DUE: _("check due"), State.STALE: _("stale")}


def update_days(kind: str) -> int:
    """The update period of this kind of entry, in days."""
    pairs = dict(item.split("=", 1) for item in settings.WIJKREGIE_SOCIALMAP_UPDATE_DAYS)
    try:
        return int(pairs[kind])
    except KeyError as exc:
        raise ValueError(f"WIJKREGIE_SOCIALMAP_UPDATE_DAYS has no period for {kind!r}") from exc


def state(assured_date: dt.date, kind: str, today: dt.date) -> State:
    due = assured_date + dt.timedelta(days=update_days(kind))
    if today > due:
        return State.STALE
    if today >= due - dt.timedelta(days=settings.WIJKREGIE_SOCIALMAP_REMIND_DAYS):
        return State.DUE
    return State.CURRENT


def cutoffs(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """(stale_before, due_before): an entry assured before the first date is stale, before the
    second due — for filtering in the database."""
    days = update_days(kind)
    stale_before = today - dt.timedelta(days=days)
    due_before = stale_before + dt.timedelta(days=settings.WIJKREGIE_SOCIALMAP_REMIND_DAYS + 1)
    return stale_before, due_before
