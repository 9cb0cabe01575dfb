"""Purchasing-power arithmetic of the integral budget (C8), as pure functions.

For each contractor, year ``t`` after the first:

    gap_t = gap_{t-1} × (1 + cao_t) + budget_{t-1} × (cao_t − indexation_t)

``gap_t`` is what the budget of year ``t`` falls short (positive) of paying the staff capacity of
the first year, when wages grew with the CAO and the budget with the indexation. Without scope
changes this equals ``budget_first × (Π(1 + cao) − Π(1 + indexation))``; the recursive form also
holds when the budget changed for other reasons (for example IB merged into the commission in
2024), because each year's shortfall is computed on the budget actually given the year before.

In FTE: ``gap_t / fte_cost_t`` with ``fte_cost_t = fte_cost_first × Π(1 + cao)``, where
``fte_cost_first`` is the yearly employer cost of one FTE in the first year (a setting).

A missing year breaks the series: the next year starts a new baseline (gap 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class BudgetInput:
    year: int
    integral_budget: Decimal
    indexation_pct: Decimal
    cao_wage_growth_pct: Decimal


@dataclass(frozen=True)
class BudgetYear:
    year: int
    integral_budget: Decimal
    indexation_pct: Decimal
    cao_wage_growth_pct: Decimal
    difference_pct: Decimal  # CAO growth minus indexation, percentage points
    gap_eur: Decimal  # cumulative purchasing-power gap, euros of this year
    fte_cost: Decimal
    gap_fte: Decimal
    new_baseline: bool


def purchasing_power(rows: list[BudgetInput], *, fte_cost_first_year: Decimal) -> list[BudgetYear]:
    if fte_cost_first_year <= 0:
        raise ValueError("The cost of one FTE must be positive.")
    result: list[BudgetYear] = []
    previous: BudgetInput | None = None
    gap = Decimal(0)
    fte_cost = Decimal(fte_cost_first_year)
    for row in sorted(rows, key=lambda r: r.year):
        if previous is not None and row.year == previous.year:
            raise ValueError(f"Year {row.year} occurs twice.")
        new_baseline = previous is None or row.year != previous.year + 1
        cao = row.cao_wage_growth_pct / HUNDRED
        indexation = row.indexation_pct / HUNDRED
        if new_baseline:
            gap = Decimal(0)
            fte_cost = Decimal(fte_cost_first_year)
        else:
            gap = gap * (1 + cao) + previous.integral_budget * (cao - indexation)
            fte_cost = fte_cost * (1 + cao)
        result.append(
            BudgetYear(
                year=row.year,
                integral_budget=row.integral_budget,
                indexation_pct=row.indexation_pct,
                cao_wage_growth_pct=row.cao_wage_growth_pct,
                difference_pct=row.cao_wage_growth_pct - row.indexation_pct,
                gap_eur=gap.quantize(CENT, ROUND_HALF_UP),
                fte_cost=fte_cost.quantize(CENT, ROUND_HALF_UP),
                gap_fte=(gap / fte_cost).quantize(CENT, ROUND_HALF_UP),
                new_baseline=new_baseline,
            )
        )
        previous = row
    return result
