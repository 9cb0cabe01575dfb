"""Reads of the signals app: who sees which signal, and which text of it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wijkregie.signals.models import Issue, Notice, Signal


def is_handler(user) -> bool:
    return bool(user and user.has_perm("signals.handle_signal"))


def visible(user) -> QuerySet[Signal]:
    """The signals a user may open: handlers and readers of the queue all; everyone else the
    signals of their own organisations (their colleagues') and their own."""
    signals = Signal.objects.select_related("theme", "area", "chain", "organisation", "issue")
    if user.has_perm("signals.view_queue"):
        return signals
    return signals.filter(
        Q(reporter=user) | Q(organisation_id__in=user.organisation_ids_with_role())
    )


def reads_own_text(user, signal: Signal) -> bool:
    """Whether ``user`` reads the text as written: only inside the writer's organisation."""
    return signal.reporter_id == user.pk or signal.organisation_id in (
        user.organisation_ids_with_role()
    )


def text_for(user, signal: Signal) -> tuple[str, str, bool]:
    """(description, example, pending) as ``user`` may read them: the writer's organisation the
    text as written, everyone else the de-identified version ("pending" while it is made)."""
    if reads_own_text(user, signal):
        return signal.description, signal.example, False
    pending = not signal.shared_description or (signal.example and not signal.shared_example)
    return signal.shared_description, signal.shared_example, bool(pending)


def mine(user) -> QuerySet[Signal]:
    return (
        Signal.objects.filter(reporter=user)
        .select_related("theme", "area", "issue")
        .prefetch_related("notices")
    )


def unread_notices(user) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user, read_at__isnull=True)


def queue() -> QuerySet[Signal]:
    """Signals awaiting triage or analysis, oldest due first."""
    return (
        Signal.objects.filter(status__in=(Signal.Status.RECEIVED, Signal.Status.ANALYSIS))
        .select_related("theme", "area", "chain", "organisation", "handler")
        .order_by("due_date", "created_at")
    )


def awaiting_bundling() -> QuerySet[Signal]:
    """Signals that can go into a policy issue: not yet in one, not yet answered."""
    return Signal.objects.filter(
        status__in=(Signal.Status.RECEIVED, Signal.Status.ANALYSIS)
    ).select_related("organisation")


def overdue(today: dt.date | None = None) -> QuerySet[Signal]:
    """Signals still without a first response after their due date."""
    today = today or timezone.localdate()
    return queue().filter(status=Signal.Status.RECEIVED, due_date__lt=today)


def issues() -> QuerySet[Issue]:
    return (
        Issue.objects.select_related("theme", "chain", "agenda_item__meeting__body", "decision")
        .annotate(
            signal_count=Count("signals", distinct=True),
            organisation_count=Count("signals__organisation", distinct=True),
            area_count=Count("signals__area", distinct=True),
        )
        .order_by("status", "-created_at")
    )


def issue_profile(issue: Issue) -> dict:
    """The issue's bundle: its signals' wijken, organisations and the trend per half-year."""
    from wijkregie.common.periods import Period

    signals = list(issue.signals.select_related("area", "organisation"))
    trend: dict[str, int] = {}
    for signal in sorted(signals, key=lambda s: s.created_at):
        period = str(Period.containing(timezone.localtime(signal.created_at).date()))
        trend[period] = trend.get(period, 0) + 1
    return {
        "signals": signals,
        "areas": sorted({s.area.name for s in signals if s.area}),
        "organisations": sorted({s.organisation.name for s in signals}),
        "trend": trend,
    }


def aggregates() -> dict:
    """Counts for everyone (the council): per theme, per wijk, per status, with how many had
    an answer — no texts, no names."""
    signals = Signal.objects.all()
    total = signals.count()
    answered = signals.filter(answered_at__isnull=False).count()
    return {
        "total": total,
        "answered": answered,
        "by_theme": list(
            signals.values("theme__name").annotate(n=Count("id")).order_by("-n", "theme__name")
        ),
        "by_area": list(
            signals.values("area__name").annotate(n=Count("id")).order_by("-n", "area__name")
        ),
        "by_status": list(signals.values("status").annotate(n=Count("id")).order_by("status")),
        "issues": Issue.objects.count(),
        "decided": Issue.objects.filter(status=Issue.Status.DECIDED).count(),
    }


def survey_tip(pk: str | None):
    """A coded survey tip (with its de-identified quote) to take up as a signal, if any."""
    from wijkregie.surveys.models import Coding

    if not pk or not str(pk).isdigit():
        return None
    return (
        Coding.objects.filter(pk=pk, kind=Coding.Kind.TIP)
        .exclude(quote="")
        .select_related("answer__response__wave")
        .first()
    )
