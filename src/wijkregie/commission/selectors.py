"""Reads of the commission register, filtered by what the user may see.

Readers of the whole register (contract manager, chain directors, policy advisers, council
members) see every contractor; team managers and professionals see their own organisation's
assignments, agreements and the requests it received.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkregie.accounts.permissions import is_commission_reader, team_organisation_ids
from wijkregie.commission.budget import BudgetInput, BudgetYear, purchasing_power
from wijkregie.commission.models import (
    AdditionalAssignment,
    AssignmentBudget,
    Commission,
    ExecutionAgreement,
    Request,
    Requirement,
)
from wijkregie.organisations.models import Organisation, Theme

ZERO = Decimal(0)
OPEN_STATUSES = (
    AdditionalAssignment.Status.PROPOSED,
    AdditionalAssignment.Status.ASSESSED,
    AdditionalAssignment.Status.ACTIVE,
)


def _sees_everything(user) -> bool:
    return bool(is_commission_reader(user))


# --- commission and requirements ---------------------------------------------------------------
def commission_list() -> QuerySet[Commission]:
    return Commission.objects.prefetch_related("contractors")


def current_commission(today: dt.date | None = None) -> Commission | None:
    """The commission whose period contains today, else the most recent one."""
    today = today or timezone.localdate()
    commissions = commission_list()
    return (
        commissions.filter(period_start__lte=today, period_end__gte=today).first()
        or commissions.filter(period_start__lte=today).first()
        or commissions.last()
    )


def requirement_list(
    *, commission: Commission, theme: Theme | None = None, query: str | None = None
) -> QuerySet[Requirement]:
    requirements = commission.requirements.select_related("theme").prefetch_related("contractors")
    if theme is not None:
        requirements = requirements.filter(theme=theme)
    if query:
        requirements = requirements.filter(Q(code__icontains=query) | Q(text__icontains=query))
    return requirements


def contractors_visible_to(user, commission: Commission) -> list[Organisation]:
    contractors = list(commission.contractors.order_by("name"))
    if _sees_everything(user):
        return contractors
    own = team_organisation_ids(user)
    return [c for c in contractors if c.pk in own]


# --- additional assignments ---------------------------------------------------------------------
def assignment_list(
    *,
    user,
    commission: Commission | None = None,
    contractor: Organisation | None = None,
    theme: Theme | None = None,
    status: str | None = None,
    query: str | None = None,
) -> QuerySet[AdditionalAssignment]:
    assignments = AdditionalAssignment.objects.select_related(
        "commissioning_department", "owner", "commission"
    ).prefetch_related("themes", "contractors", "budgets")
    if not _sees_everything(user):
        assignments = assignments.filter(contractors__in=team_organisation_ids(user)).distinct()
    if commission is not None:
        assignments = assignments.filter(commission=commission)
    if contractor is not None:
        assignments = assignments.filter(contractors=contractor)
    if theme is not None:
        assignments = assignments.filter(themes=theme)
    if status:
        assignments = assignments.filter(status=status)
    if query:
        assignments = assignments.filter(Q(title__icontains=query) | Q(purpose__icontains=query))
    return assignments.order_by("start_date", "title")


def _runs_in(assignment: AdditionalAssignment, year: int) -> bool:
    start = assignment.start_date.year
    end = assignment.end_date.year if assignment.end_date else 9999
    return start <= year <= end


def _share(amount: Decimal, parts: int) -> Decimal:
    return (amount / parts).quantize(Decimal("0.01"), ROUND_HALF_UP) if parts else ZERO


@dataclass
class AssignmentLine:
    assignment: AdditionalAssignment
    budget: Decimal  # this contractor's share of the year's budget
    ends_soon: bool


@dataclass
class OverviewCell:
    requirements: list[Requirement] = field(default_factory=list)
    assignments: list[AssignmentLine] = field(default_factory=list)


@dataclass
class OverviewRow:
    theme: Theme
    cells: list[OverviewCell]


@dataclass
class ContractorTotals:
    contractor: Organisation
    integral_budget: Decimal | None
    additional_budget: Decimal
    active_assignments: int

    @property
    def additional_share_pct(self) -> Decimal | None:
        if not self.integral_budget:
            return None
        return (self.additional_budget / self.integral_budget * 100).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )


@dataclass
class BundleCandidate:
    theme: Theme
    assignments: list[AdditionalAssignment]
    total: Decimal


@dataclass
class Signals:
    ending_soon: list[AdditionalAssignment]
    without_accountability: list[AdditionalAssignment]
    bundle_candidates: list[BundleCandidate]
    small_budget_threshold: int
    flexible_amount: Decimal | None
    flexible_amount_years: list[int]


@dataclass
class Overview:
    commission: Commission
    year: int
    contractors: list[Organisation]
    rows: list[OverviewRow]
    totals: list[ContractorTotals]
    signals: Signals


def _ending_soon(assignment: AdditionalAssignment, today: dt.date) -> bool:
    horizon = today + dt.timedelta(days=settings.WIJKREGIE_ENDING_SOON_DAYS)
    return (
        assignment.status == AdditionalAssignment.Status.ACTIVE
        and assignment.end_date is not None
        and today <= assignment.end_date <= horizon
    )


def overview(
    *, user, commission: Commission, year: int | None = None, today: dt.date | None = None
) -> Overview:
    """Per contractor × theme: requirements and active assignments with budgets and end dates,
    the totals per contractor, and the signals for the contract manager."""
    today = today or timezone.localdate()
    year = year or today.year
    contractors = contractors_visible_to(user, commission)
    themes = list(Theme.objects.filter(active=True))
    requirements = list(requirement_list(commission=commission))
    assignments = [
        a
        for a in assignment_list(user=user, commission=commission)
        if a.status == AdditionalAssignment.Status.ACTIVE and _runs_in(a, year)
    ]
    rows = []
    for theme in themes:
        cells = []
        for contractor in contractors:
            cell = OverviewCell()
            for requirement in requirements:
                applies = {c.pk for c in requirement.contractors.all()}
                if requirement.theme_id == theme.pk and (not applies or contractor.pk in applies):
                    cell.requirements.append(requirement)
            for assignment in assignments:
                contractor_ids = {c.pk for c in assignment.contractors.all()}
                theme_ids = {t.pk for t in assignment.themes.all()}
                if contractor.pk in contractor_ids and theme.pk in theme_ids:
                    cell.assignments.append(
                        AssignmentLine(
                            assignment=assignment,
                            budget=_share(assignment.budget_for(year), len(contractor_ids)),
                            ends_soon=_ending_soon(assignment, today),
                        )
                    )
            cells.append(cell)
        rows.append(OverviewRow(theme=theme, cells=cells))
    integral = {
        a.contractor_id: a.integral_budget
        for a in ExecutionAgreement.objects.filter(commission=commission, year=year)
    }
    totals = []
    for contractor in contractors:
        mine = [a for a in assignments if contractor in a.contractors.all()]
        totals.append(
            ContractorTotals(
                contractor=contractor,
                integral_budget=integral.get(contractor.pk),
                additional_budget=sum(
                    (_share(a.budget_for(year), a.contractors.count()) for a in mine), ZERO
                ),
                active_assignments=len(mine),
            )
        )
    return Overview(
        commission=commission,
        year=year,
        contractors=contractors,
        rows=rows,
        totals=totals,
        signals=signals(user=user, commission=commission, year=year, today=today),
    )


def signals(*, user, commission: Commission, year: int, today: dt.date) -> Signals:
    visible = list(assignment_list(user=user, commission=commission))
    ending_soon = [a for a in visible if _ending_soon(a, today)]
    without = [a for a in visible if a.status in OPEN_STATUSES and not a.has_accountability]
    threshold = settings.WIJKREGIE_SMALL_BUDGET_EUR
    per_theme: dict[int, list[AdditionalAssignment]] = defaultdict(list)
    themes: dict[int, Theme] = {}
    for assignment in visible:
        if assignment.status != AdditionalAssignment.Status.ACTIVE or not _runs_in(
            assignment, year
        ):
            continue
        amount = assignment.budget_for(year)
        if ZERO < amount < threshold:
            for theme in assignment.themes.all():
                per_theme[theme.pk].append(assignment)
                themes[theme.pk] = theme
    bundles = [
        BundleCandidate(
            theme=themes[pk],
            assignments=items,
            total=sum((a.budget_for(year) for a in items), ZERO),
        )
        for pk, items in per_theme.items()
        if len(items) >= 2
    ]
    bundles.sort(key=lambda b: (-len(b.assignments), b.theme.order))
    flexible, years = flexible_amount(user=user, commission=commission, before_year=year)
    return Signals(
        ending_soon=sorted(ending_soon, key=lambda a: a.end_date),
        without_accountability=without,
        bundle_candidates=bundles,
        small_budget_threshold=threshold,
        flexible_amount=flexible,
        flexible_amount_years=years,
    )


def flexible_amount(
    *, user, commission: Commission, before_year: int
) -> tuple[Decimal | None, list[int]]:
    """The average yearly money of additional assignments over the commission's completed
    years: a basis for a predictable yearly flexible amount (evaluation 003 §2.3)."""
    visible = assignment_list(user=user, commission=commission).values_list("pk", flat=True)
    budgets = AssignmentBudget.objects.filter(
        assignment__in=list(visible),
        year__gte=commission.period_start.year,
        year__lt=before_year,
    )
    per_year: Counter[int] = Counter()
    for budget in budgets:
        per_year[budget.year] += budget.amount
    if not per_year:
        return None, []
    years = sorted(per_year)
    average = sum(per_year.values(), ZERO) / len(years)
    return average.quantize(Decimal("1"), ROUND_HALF_UP), years


# --- requests -----------------------------------------------------------------------------------
def request_list(
    *,
    user,
    commission: Commission | None = None,
    state: str | None = None,
    side_steering: bool | None = None,
) -> QuerySet[Request]:
    requests = Request.objects.select_related(
        "requesting_department", "received_by", "decided_by", "resulting_assignment"
    )
    if not _sees_everything(user):
        requests = requests.filter(received_by__in=team_organisation_ids(user))
    if commission is not None:
        requests = requests.filter(commission=commission)
    if state:
        requests = requests.filter(state=state)
    if side_steering is not None:
        requests = requests.filter(side_steering=side_steering)
    return requests


@dataclass
class SideSteeringTable:
    half_years: list[str]
    rows: list[tuple[Organisation, list[int], int]]  # department, counts per half-year, total
    totals: list[int]


def side_steering_counts(*, user, commission: Commission | None = None) -> SideSteeringTable:
    """Requests that reached the teams outside the funnel, per department and half-year."""
    requests = request_list(user=user, commission=commission, side_steering=True)
    counts: Counter[tuple[int, str]] = Counter()
    departments: dict[int, Organisation] = {}
    for request_obj in requests:
        counts[(request_obj.requesting_department_id, request_obj.half_year)] += 1
        departments[request_obj.requesting_department_id] = request_obj.requesting_department
    half_years = sorted({half for _, half in counts})
    rows = []
    for pk, department in sorted(departments.items(), key=lambda item: item[1].name):
        per_half = [counts[(pk, half)] for half in half_years]
        rows.append((department, per_half, sum(per_half)))
    totals = [sum(counts[(pk, half)] for pk in departments) for half in half_years]
    return SideSteeringTable(half_years=half_years, rows=rows, totals=totals)


# --- budgets ------------------------------------------------------------------------------------
def agreement_list(*, user, commission: Commission) -> QuerySet[ExecutionAgreement]:
    agreements = ExecutionAgreement.objects.filter(commission=commission).select_related(
        "contractor"
    )
    if not _sees_everything(user):
        agreements = agreements.filter(contractor__in=team_organisation_ids(user))
    return agreements.order_by("contractor__name", "year")


@dataclass
class BudgetSeries:
    contractor: Organisation
    years: list[BudgetYear]
    agreements: dict[int, ExecutionAgreement]

    @property
    def latest(self) -> BudgetYear | None:
        return self.years[-1] if self.years else None


def budget_monitor(*, user, commission: Commission) -> list[BudgetSeries]:
    per_contractor: dict[int, list[ExecutionAgreement]] = defaultdict(list)
    contractors: dict[int, Organisation] = {}
    for agreement in agreement_list(user=user, commission=commission):
        per_contractor[agreement.contractor_id].append(agreement)
        contractors[agreement.contractor_id] = agreement.contractor
    series = []
    for pk, agreements in per_contractor.items():
        years = purchasing_power(
            [
                BudgetInput(a.year, a.integral_budget, a.indexation_pct, a.cao_wage_growth_pct)
                for a in agreements
            ],
            fte_cost_first_year=Decimal(settings.WIJKREGIE_FTE_COST_EUR),
        )
        series.append(
            BudgetSeries(
                contractor=contractors[pk],
                years=years,
                agreements={a.year: a for a in agreements},
            )
        )
    return sorted(series, key=lambda s: s.contractor.name)
