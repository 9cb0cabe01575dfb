"""Reads for meetings, the decisions register, agendas proposed from the data, and reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from wijkregie.accounts.permissions import is_municipal
from wijkregie.common.formatting import figure
from wijkregie.common.periods import Period
from wijkregie.conversations.models import (
    Agreement,
    Body,
    Decision,
    Meeting,
    RoleAgreement,
)
from wijkregie.conversations.realisation import Part, realisation
from wijkregie.deidentification.selectors import PREPARING
from wijkregie.indicators.models import Indicator
from wijkregie.indicators.models import worse as indicator_worse
from wijkregie.insights import selectors as insights
from wijkregie.reporting.models import CaseStory, Delivery, Value


def _visible_bodies(user) -> Q:
    """Bodies the user sits in (in person or through an organisation); all for the
    municipality."""
    if is_municipal(user):
        return Q()
    mine = user.organisation_ids_with_role()
    return Q(organisations__in=mine) | Q(contractor__in=mine) | Q(members=user)


def body_list(user) -> QuerySet[Body]:
    return Body.objects.filter(_visible_bodies(user)).distinct().select_related("contractor")


def meetings_of(body: Body) -> QuerySet[Meeting]:
    return body.meetings.order_by("-date", "-pk")


def open_agreements(body: Body, *, before: dt.date, exclude_meeting=None) -> QuerySet[Agreement]:
    """Open or in-progress agreements made at earlier meetings of the same body."""
    found = Agreement.objects.filter(
        meeting__body=body, meeting__date__lte=before, status__in=Agreement.OPEN_STATES
    )
    if exclude_meeting is not None:
        found = found.exclude(meeting=exclude_meeting)
    return found.select_related("owner", "owner_organisation").order_by("due_date", "pk")


def _result_conversations_of_others(user) -> Q:
    """Decisions and agreements of result conversations stay with the municipality and that
    contractor: the condition that excludes the others' (nothing for the municipality)."""
    mine = user.organisation_ids_with_role()
    return Q(meeting__body__kind=Body.Kind.RESULT) & ~Q(meeting__body__contractor__in=mine)


def agreement_list(
    user, *, status: str = "", overdue: bool = False, today: dt.date
) -> QuerySet[Agreement]:
    found = Agreement.objects.select_related("owner", "owner_organisation", "meeting__body")
    if not is_municipal(user):
        found = found.exclude(_result_conversations_of_others(user))
    if status:
        found = found.filter(status=status)
    if overdue:
        found = found.filter(status__in=Agreement.OPEN_STATES, due_date__lt=today)
    return found.order_by("due_date", "pk")


# --- the decisions register -------------------------------------------------------------------
@dataclass
class RegisterEntry:
    decision: Decision
    agreements: list[Agreement]
    status: str


def register(
    user, *, query: str = "", body: int | None = None, year: int | None = None, today: dt.date
) -> list[RegisterEntry]:
    """Decisions across bodies and years with their agreements and realisation. Decisions of a
    result conversation stay with the municipality and that contractor."""
    decisions = Decision.objects.select_related("meeting__body").prefetch_related(
        Prefetch("agreements", queryset=Agreement.objects.select_related("owner_organisation"))
    )
    if not is_municipal(user):
        decisions = decisions.exclude(_result_conversations_of_others(user))
    if query:
        decisions = decisions.filter(
            Q(text__icontains=query)
            | Q(rationale__icontains=query)
            | Q(agreements__what__icontains=query)
            | Q(meeting__body__name__icontains=query)
        ).distinct()
    if body:
        decisions = decisions.filter(meeting__body_id=body)
    if year:
        decisions = decisions.filter(meeting__date__year=year)
    entries = []
    for decision in decisions.order_by("-meeting__date", "pk"):
        agreements = list(decision.agreements.all())
        status = realisation((Part(a.status, a.due_date) for a in agreements), today)
        entries.append(RegisterEntry(decision, agreements, status))
    return entries


# --- the agenda of a result conversation, proposed from the data ------------------------------
@dataclass
class Proposal:
    source: str
    title: str
    notes: str = ""


def _indicators() -> list[Indicator]:
    return list(
        Indicator.objects.filter(active=True)
        .exclude(tier=Indicator.Tier.DEVELOPMENT)
        .select_related("numerator", "denominator")
        .order_by("code")
    )


def proposals(user, contractor, period: str, *, today: dt.date) -> list[Proposal]:
    """What the data put on the table for a contractor and half-year:

    1. indicators off target in that half-year;
    2. indicators worse two half-years in a row (without a target to judge them by);
    3. indicators marked not measurable in the delivery;
    4. deliveries sent back (this half-year or still open from before);
    5. new case stories of the half-year;
    6. blind spots of running pilots the contractor takes part in.
    (Open agreements from last time are carried over when the meeting is made.)"""
    from wijkregie.pilots.models import Pilot
    from wijkregie.pilots.selectors import blind_spots

    current = Period.parse(period)
    periods = [str(current.previous().previous()), str(current.previous()), str(current)]
    indicators = _indicators()
    found = insights.figures(user, indicators, periods, organisations=[contractor.pk])
    targets = insights.targets(indicators, [period])
    key = (contractor.pk, None, None)
    result: list[Proposal] = []
    for indicator in indicators:
        shown = [(f.shown if (f := found.get((indicator.pk, p, key))) else None) for p in periods]
        latest = shown[2]
        if latest is None:
            continue
        target = insights.target_for(indicator, period, contractor.pk, targets)
        if not found[(indicator.pk, period, key)].judgeable:
            continue  # provisional or incomplete: never judged against a target
        if target is not None:
            missed = (indicator.polarity == Indicator.Polarity.HIGHER and latest < target) or (
                indicator.polarity == Indicator.Polarity.LOWER and latest > target
            )
            if missed:
                result.append(
                    Proposal(
                        "off_target",
                        _("%(name)s: %(value)s against a target of %(target)s")
                        % {
                            "name": indicator.name,
                            "value": figure(latest),
                            "target": figure(target),
                        },
                    )
                )
            continue
        if None not in shown and (
            indicator_worse(indicator.polarity, shown[2], shown[1])
            and indicator_worse(indicator.polarity, shown[1], shown[0])
        ):
            result.append(
                Proposal(
                    "worsening",
                    _("%(name)s got worse two half-years in a row: %(values)s")
                    % {"name": indicator.name, "values": " → ".join(figure(v) for v in shown)},
                )
            )
    unmeasured = (
        Value.objects.filter(organisation=contractor, period=period, not_measurable=True)
        .exclude(state=Value.State.SUPERSEDED)
        .select_related("indicator")
        .order_by("indicator__code")
    )
    for value in unmeasured:
        result.append(
            Proposal(
                "not_measurable",
                _("%(name)s was marked not measurable") % {"name": value.indicator.name},
                value.reason,
            )
        )
    for delivery in Delivery.objects.filter(
        organisation=contractor, state=Delivery.State.SENT_BACK, period__lte=period
    ).order_by("period"):
        result.append(
            Proposal(
                "sent_back",
                _("Delivery %(period)s was sent back") % {"period": delivery.period},
                delivery.feedback,
            )
        )
    for story in CaseStory.objects.filter(
        delivery__organisation=contractor, delivery__period=period
    ).order_by("pk"):
        result.append(
            Proposal(
                "case_story",
                _("Case story: %(title)s") % {"title": story.shared_title or PREPARING},
                story.shared_text or PREPARING,
            )
        )
    pilots = Pilot.objects.filter(
        organisations=contractor, status__in=[Pilot.Status.PREPARING, Pilot.Status.RUNNING]
    )
    for spot in blind_spots(user, today, pilots=pilots):
        result.append(
            Proposal(
                "blind_spot",
                _("Blind spot in %(pilot)s: %(goal)s") % {"pilot": spot.pilot, "goal": spot.goal},
            )
        )
    return result


# --- reminders ------------------------------------------------------------------------------
def due_agreements(today: dt.date, *, within_days: int = 7) -> QuerySet[Agreement]:
    """Open agreements due within a week, or overdue, that have an owner with an address."""
    return (
        Agreement.objects.filter(
            status__in=Agreement.OPEN_STATES,
            due_date__lte=today + dt.timedelta(days=within_days),
            owner__isnull=False,
            owner__is_active=True,
        )
        .exclude(owner__email="")
        .select_related("owner", "meeting__body")
        .order_by("owner", "due_date")
    )


def reviews_due(today: dt.date) -> QuerySet[RoleAgreement]:
    return RoleAgreement.objects.filter(review_date__lt=today).select_related("holder")
