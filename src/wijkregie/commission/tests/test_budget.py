"""The purchasing-power gap against numbers computed by hand."""

from decimal import Decimal as D

import pytest

from wijkregie.commission.budget import BudgetInput, purchasing_power


def rows(*items):
    return [BudgetInput(year, D(budget), D(index), D(cao)) for year, budget, index, cao in items]


def test_hand_checked_three_years():
    # 2020: 1,000,000 is the baseline.
    # 2021: indexation 2 %, CAO 5 %: gap = 1,000,000 × (0.05 − 0.02) = 30,000.
    # 2022: budget 2021 = 1,020,000; indexation 1.5 %, CAO 4 %:
    #       gap = 30,000 × 1.04 + 1,020,000 × 0.025 = 31,200 + 25,500 = 56,700.
    #       Check: 1,000,000 × (1.05 × 1.04 − 1.02 × 1.015) = 1,000,000 × 0.0567 = 56,700.
    series = purchasing_power(
        rows(
            (2020, "1000000", "1.0", "1.0"),
            (2021, "1020000", "2", "5"),
            (2022, "1035300", "1.5", "4"),
        ),
        fte_cost_first_year=D(70000),
    )
    assert [y.gap_eur for y in series] == [D("0.00"), D("30000.00"), D("56700.00")]
    # FTE: cost grows with the CAO: 70,000 → 73,500 → 76,440.
    assert [y.fte_cost for y in series] == [D("70000.00"), D("73500.00"), D("76440.00")]
    # 30,000 / 73,500 = 0.408… ; 56,700 / 76,440 = 0.741…
    assert [y.gap_fte for y in series] == [D("0.00"), D("0.41"), D("0.74")]
    assert [y.difference_pct for y in series] == [D("0.0"), D("3"), D("2.5")]


def test_scope_change_uses_the_budget_actually_given():
    # 2024 gets 650,000 extra for a new task (IB); the next year's shortfall is computed on
    # the larger budget: 2025 gap = 0 × 1.03 + 1,650,000 × (0.03 − 0.01) = 33,000.
    series = purchasing_power(
        rows((2024, "1650000", "0", "0"), (2025, "1666500", "1", "3")),
        fte_cost_first_year=D(80000),
    )
    assert series[-1].gap_eur == D("33000.00")


def test_indexation_above_wage_growth_gives_a_negative_gap():
    series = purchasing_power(
        rows((2020, "500000", "0", "0"), (2021, "520000", "4", "2")),
        fte_cost_first_year=D(60000),
    )
    assert series[-1].gap_eur == D("-10000.00")


def test_a_missing_year_starts_a_new_baseline():
    series = purchasing_power(
        rows((2019, "100", "0", "0"), (2020, "100", "0", "10"), (2022, "100", "0", "10")),
        fte_cost_first_year=D(1),
    )
    assert [y.new_baseline for y in series] == [True, False, True]
    assert series[1].gap_eur == D("10.00") and series[2].gap_eur == D("0.00")


def test_order_of_input_does_not_matter():
    a = rows((2020, "100", "0", "0"), (2021, "100", "1", "2"))
    assert purchasing_power(a, fte_cost_first_year=D(1)) == purchasing_power(
        list(reversed(a)), fte_cost_first_year=D(1)
    )


@pytest.mark.parametrize("cost", [D(0), D(-1)])
def test_fte_cost_must_be_positive(cost):
    with pytest.raises(ValueError, match="FTE"):
        purchasing_power(rows((2020, "1", "0", "0")), fte_cost_first_year=cost)


def test_a_year_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        purchasing_power(
            rows((2020, "1", "0", "0"), (2020, "2", "0", "0")), fte_cost_first_year=D(1)
        )
