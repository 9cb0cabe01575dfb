"""Writes of the commission register. Every write validates, runs in one transaction, and is
audit-logged; requirement and request histories are appended, never overwritten."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent, User
from wijkregie.accounts.services import audit_event_create
from wijkregie.commission import workflow
from wijkregie.commission.models import (
    AdditionalAssignment,
    AssessmentBody,
    AssignmentBudget,
    Commission,
    ExecutionAgreement,
    Request,
    Requirement,
    RequirementVersion,
)
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Organisation, Theme

ASSIGNMENT_FIELDS = [
    "title", "purpose", "commissioning_department", "funding_source", "start_date", "end_date",
    "accountability_what", "accountability_frequency", "accountability_to", "fit",
    "fit_reasoning", "status", "merged_on", "owner",
]  # fmt: skip
AGREEMENT_FIELDS = ["integral_budget", "indexation_pct", "cao_wage_growth_pct", "notes"]


def _actor(request: HttpRequest | None):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _audit(request: HttpRequest | None, obj, detail: dict | None = None, actor=None) -> None:
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        request=request,
        actor=actor,
        obj=obj,
        detail=detail or {},
    )


def _check_team_organisations(contractors: Iterable[Organisation], field: str) -> None:
    wrong = [o.name for o in contractors if o.kind != Organisation.Kind.TEAM_ORGANISATION]
    if wrong:
        raise ValidationError(
            {
                field: _("Only team organisations can be contractors: %(names)s.")
                % {"names": ", ".join(wrong)}
            }
        )


# --- commission ---------------------------------------------------------------------------------
@transaction.atomic
def commission_create(
    *,
    name: str,
    period_start: dt.date,
    period_end: dt.date,
    intent: str,
    contractors: Iterable[Organisation],
    request: HttpRequest | None = None,
) -> Commission:
    contractors = list(contractors)
    _check_team_organisations(contractors, "contractors")
    commission = Commission(
        name=name, period_start=period_start, period_end=period_end, intent=intent
    )
    commission.full_clean()
    commission.save()
    commission.contractors.set(contractors)
    _audit(request, commission, {"created": True})
    return commission


@transaction.atomic
def commission_update(
    *,
    commission: Commission,
    expected_version: int,
    data: dict[str, Any],
    contractors: Iterable[Organisation],
    request: HttpRequest | None = None,
) -> Commission:
    contractors = list(contractors)
    _check_team_organisations(contractors, "contractors")
    for field, value in data.items():
        setattr(commission, field, value)
    commission.full_clean()
    commission.save_versioned(expected_version=expected_version, update_fields=list(data))
    commission.contractors.set(contractors)
    _audit(request, commission, {"fields": sorted(data)})
    return commission


# --- requirements -------------------------------------------------------------------------------
def _append_version(requirement: Requirement, *, reason: str, actor: User | None) -> None:
    RequirementVersion.objects.create(
        requirement=requirement,
        number=requirement.version,
        text=requirement.text,
        theme_name=requirement.theme.name if requirement.theme else "",
        contractor_names=", ".join(o.name for o in requirement.contractors.order_by("name")),
        source_document=requirement.source_document,
        source_version=requirement.source_version,
        reason=reason,
        changed_by=actor,
    )


@transaction.atomic
def requirement_create(
    *,
    commission: Commission,
    code: str,
    text: str,
    theme: Theme | None,
    contractors: Iterable[Organisation] = (),
    source_document: str,
    source_version: str,
    reason: str = "",
    actor: User | None = None,
    request: HttpRequest | None = None,
) -> Requirement:
    contractors = list(contractors)
    _check_team_organisations(contractors, "contractors")
    requirement = Requirement(
        commission=commission,
        code=code,
        text=text,
        theme=theme,
        source_document=source_document,
        source_version=source_version,
    )
    requirement.full_clean()
    requirement.save()
    requirement.contractors.set(contractors)
    _append_version(requirement, reason=reason or _("First version."), actor=actor)
    _audit(request, requirement, {"created": True}, actor=actor)
    return requirement


@transaction.atomic
def requirement_change(
    *,
    requirement: Requirement,
    expected_version: int,
    text: str,
    theme: Theme | None,
    contractors: Iterable[Organisation],
    source_document: str,
    source_version: str,
    reason: str,
    actor: User | None = None,
    request: HttpRequest | None = None,
) -> Requirement:
    """Change a requirement: a new version with its reason is appended to the history."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Say why the requirement changes.")})
    contractors = list(contractors)
    _check_team_organisations(contractors, "contractors")
    locked = Requirement.objects.select_for_update().get(pk=requirement.pk)
    if locked.version != expected_version:
        raise ConcurrentEditError()
    locked.text = text
    locked.theme = theme
    locked.source_document = source_document
    locked.source_version = source_version
    locked.version = expected_version + 1
    locked.full_clean()
    locked.save()
    locked.contractors.set(contractors)
    _append_version(locked, reason=reason.strip(), actor=actor)
    _audit(request, locked, {"version": locked.version, "reason": reason.strip()}, actor=actor)
    return locked


# --- execution agreements -----------------------------------------------------------------------
@transaction.atomic
def agreement_create(
    *,
    commission: Commission,
    contractor: Organisation,
    year: int,
    integral_budget: Decimal,
    indexation_pct: Decimal,
    cao_wage_growth_pct: Decimal,
    notes: str = "",
    request: HttpRequest | None = None,
) -> ExecutionAgreement:
    _check_team_organisations([contractor], "contractor")
    agreement = ExecutionAgreement(
        commission=commission,
        contractor=contractor,
        year=year,
        integral_budget=integral_budget,
        indexation_pct=indexation_pct,
        cao_wage_growth_pct=cao_wage_growth_pct,
        notes=notes,
    )
    agreement.full_clean()
    agreement.save()
    _audit(request, agreement, {"created": True})
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: ExecutionAgreement,
    expected_version: int,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> ExecutionAgreement:
    unknown = set(data) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    for field, value in data.items():
        setattr(agreement, field, value)
    agreement.full_clean()
    agreement.save_versioned(expected_version=expected_version, update_fields=list(data))
    _audit(request, agreement, {"fields": sorted(data)})
    return agreement


# --- additional assignments ---------------------------------------------------------------------
def _set_budgets(assignment: AdditionalAssignment, budgets: dict[int, Decimal]) -> None:
    for year, amount in budgets.items():
        budget = AssignmentBudget(assignment=assignment, year=year, amount=amount)
        budget.full_clean(exclude=["assignment"], validate_unique=False)
    assignment.budgets.exclude(year__in=list(budgets)).delete()
    for year, amount in budgets.items():
        AssignmentBudget.objects.update_or_create(
            assignment=assignment, year=year, defaults={"amount": amount}
        )


def _check_budget_years(
    budgets: dict[int, Decimal], start: dt.date | None, end: dt.date | None
) -> None:
    if not start:
        return
    outside = [
        year for year in budgets if year < start.year or (end is not None and year > end.year)
    ]
    if outside:
        raise ValidationError(
            {
                "budgets": _("Budget years outside the assignment's period: %(years)s.")
                % {"years": ", ".join(str(y) for y in sorted(outside))}
            }
        )


@transaction.atomic
def assignment_create(
    *,
    commission: Commission,
    data: dict[str, Any],
    themes: Iterable[Theme],
    contractors: Iterable[Organisation],
    budgets: dict[int, Decimal],
    request: HttpRequest | None = None,
) -> AdditionalAssignment:
    themes, contractors = list(themes), list(contractors)
    errors: dict[str, str] = {}
    if not themes:
        errors["themes"] = _("Choose at least one theme.")
    if not contractors:
        errors["contractors"] = _("Choose at least one contractor.")
    if errors:
        raise ValidationError(errors)
    _check_team_organisations(contractors, "contractors")
    assignment = AdditionalAssignment(commission=commission, **data)
    assignment.full_clean()
    _check_budget_years(budgets, assignment.start_date, assignment.end_date)
    workflow.ASSIGNMENT.start(assignment, assignment.status, actor=_actor(request))
    assignment.themes.set(themes)
    assignment.contractors.set(contractors)
    _set_budgets(assignment, budgets)
    _audit(request, assignment, {"created": True})
    return assignment


@transaction.atomic
def assignment_update(
    *,
    assignment: AdditionalAssignment,
    expected_version: int,
    data: dict[str, Any],
    themes: Iterable[Theme],
    contractors: Iterable[Organisation],
    budgets: dict[int, Decimal],
    request: HttpRequest | None = None,
) -> AdditionalAssignment:
    unknown = set(data) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    themes, contractors = list(themes), list(contractors)
    if not themes or not contractors:
        raise ValidationError(_("An assignment needs at least one theme and one contractor."))
    _check_team_organisations(contractors, "contractors")
    data = dict(data)
    status = data.pop("status", assignment.status)
    for field, value in data.items():
        setattr(assignment, field, value)
    assignment.full_clean()
    _check_budget_years(budgets, assignment.start_date, assignment.end_date)
    assignment.save_versioned(expected_version=expected_version, update_fields=list(data))
    if status != assignment.status:
        try:
            assignment = workflow.ASSIGNMENT.move(assignment, status, actor=_actor(request))
        except workflow.IllegalTransition as exc:  # the form, the API and the spreadsheet
            raise ValidationError({"status": exc.message}) from exc
    assignment.themes.set(themes)
    assignment.contractors.set(contractors)
    _set_budgets(assignment, budgets)
    _audit(request, assignment, {"fields": sorted(data)})
    return assignment


# --- requests (the funnel) ----------------------------------------------------------------------
@transaction.atomic
def request_submit(
    *,
    commission: Commission,
    title: str,
    description: str,
    requesting_department: Organisation,
    received_on: dt.date | None = None,
    actor: User | None = None,
) -> Request:
    """A municipal department files a request with the assessment body (the funnel)."""
    request_obj = Request(
        commission=commission,
        title=title,
        description=description,
        requesting_department=requesting_department,
        received_on=received_on or timezone.localdate(),
        side_steering=False,
        state=Request.State.SUBMITTED,
        registered_by=actor,
    )
    request_obj.full_clean()
    return workflow.WORKFLOW.start(
        request_obj, Request.State.SUBMITTED, actor=actor, note=_("Filed with the assessment body.")
    )


@transaction.atomic
def request_register_outside_funnel(
    *,
    commission: Commission,
    title: str,
    description: str,
    requesting_department: Organisation,
    received_by: Organisation,
    received_on: dt.date,
    actor: User | None = None,
) -> Request:
    """A team organisation registers a request that reached it outside the funnel."""
    _check_team_organisations([received_by], "received_by")
    request_obj = Request(
        commission=commission,
        title=title,
        description=description,
        requesting_department=requesting_department,
        received_by=received_by,
        received_on=received_on,
        side_steering=True,
        state=Request.State.OUTSIDE_FUNNEL,
        registered_by=actor,
    )
    request_obj.full_clean()
    return workflow.WORKFLOW.start(
        request_obj,
        Request.State.OUTSIDE_FUNNEL,
        actor=actor,
        note=_("Registered as received outside the funnel."),
    )


@transaction.atomic
def request_decide(
    *,
    request_obj: Request,
    expected_version: int,
    decision: str,
    reasoning: str,
    body: AssessmentBody,
    decided_on: dt.date | None = None,
    redirected_to: str = "",
    resulting_assignment: AdditionalAssignment | None = None,
    actor: User | None = None,
) -> Request:
    """The assessment body decides; the reasoning is required, the decision final."""
    errors: dict[str, str] = {}
    if decision not in Request.Decision.values:
        errors["decision"] = _("Choose a decision.")
    if not reasoning.strip():
        errors["decision_reasoning"] = _("Give the reasoning for the decision.")
    if decision == Request.Decision.REDIRECT and not redirected_to.strip():
        errors["redirected_to"] = _("Say where the request was redirected to.")
    if resulting_assignment is not None and decision != Request.Decision.NEW_ASSIGNMENT:
        errors["resulting_assignment"] = _(
            "Only a decision for a new additional assignment links one."
        )
    if not body.active:
        errors["decided_by"] = _("This assessment body is no longer active.")
    if errors:
        raise ValidationError(errors)
    return workflow.WORKFLOW.move(
        request_obj,
        Request.State.DECIDED,
        actor=actor,
        note=Request.Decision(decision).label,
        expected_version=expected_version,
        validate=True,
        fields={
            "decision": decision,
            "decision_reasoning": reasoning.strip(),
            "decided_by": body,
            "decided_on": decided_on or timezone.localdate(),
            "redirected_to": redirected_to.strip(),
            "resulting_assignment": resulting_assignment,
        },
    )
