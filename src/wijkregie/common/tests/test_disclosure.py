"""Disclosure control: primary suppression, the complementary cell, and a viewer who knows
their own figures. No database: the function works on plain cells."""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from wijkregie.common import disclosure
from wijkregie.common.disclosure import COMPLEMENTARY, PRIMARY, Cell, Group


def table(parts: dict[str, int]) -> tuple[dict, list[Group]]:
    cells = {k: Cell(k, Decimal(v)) for k, v in parts.items()}
    cells["total"] = Cell("total", Decimal(sum(parts.values())))
    return cells, [Group("total", list(parts))]


@pytest.mark.parametrize(("count", "hidden"), [(0, False), (1, True), (9, True), (10, False)])
def test_primary_suppression_below_the_threshold(settings, count, hidden):
    settings.WIJKREGIE_SUPPRESSION_THRESHOLD = 10
    cells = disclosure.protect({"a": Cell("a", Decimal(count))}, [])
    assert cells["a"].suppressed is hidden
    assert disclosure.display(Decimal(count), cells["a"].suppression) == (
        "<10" if hidden else str(count)
    )


def test_threshold_is_a_setting(settings):
    settings.WIJKREGIE_SUPPRESSION_THRESHOLD = 5
    cells = disclosure.protect({"a": Cell("a", Decimal(7)), "b": Cell("b", Decimal(4))}, [])
    assert not cells["a"].suppressed
    assert cells["b"].suppression == PRIMARY
    assert disclosure.display(Decimal(4), PRIMARY) == "<5"


def test_complementary_cell_hides_the_smallest_other_part():
    cells, groups = table({"dock": 7, "incluzio": 40, "smd": 25})
    disclosure.protect(cells, groups, limit=10)
    assert cells["dock"].suppression == PRIMARY
    # total − incluzio − smd would reveal dock; smd (the smallest other) is hidden too
    assert cells["smd"].suppression == COMPLEMENTARY
    assert not cells["incluzio"].suppressed
    assert not cells["total"].suppressed


def test_two_small_parts_need_no_complementary_cell():
    cells, groups = table({"dock": 7, "incluzio": 40, "smd": 3})
    disclosure.protect(cells, groups, limit=10)
    assert [k for k, c in cells.items() if c.suppressed] == ["dock", "smd"]


def test_total_hidden_when_no_other_part_can_be():
    # Only one part is published (the others are not person counts): hide the total instead.
    cells = {
        "dock": Cell("dock", Decimal(7)),
        "note": Cell("note", None),
        "total": Cell("total", Decimal(30)),
    }
    disclosure.protect(cells, [Group("total", ["dock", "note"])], limit=10)
    assert cells["total"].suppression == COMPLEMENTARY
    assert not cells["note"].suppressed


def test_complementary_suppression_propagates_through_nested_totals():
    """A wijk is hidden; its contractor's total needs a second wijk hidden, and that does not
    reveal anything at the municipal level."""
    cells = {
        ("m",): Cell(("m",), Decimal(100)),
        ("dock",): Cell(("dock",), Decimal(50)),
        ("smd",): Cell(("smd",), Decimal(50)),
        ("dock", 1): Cell(("dock", 1), Decimal(5)),
        ("dock", 2): Cell(("dock", 2), Decimal(20)),
        ("dock", 3): Cell(("dock", 3), Decimal(25)),
    }
    groups = [
        Group(("m",), [("dock",), ("smd",)]),
        Group(("dock",), [("dock", 1), ("dock", 2), ("dock", 3)]),
    ]
    disclosure.protect(cells, groups, limit=10)
    assert cells[("dock", 1)].suppression == PRIMARY
    assert cells[("dock", 2)].suppression == COMPLEMENTARY
    assert not cells[("dock", 3)].suppressed
    assert not cells[("dock",)].suppressed


def test_viewer_who_knows_the_complementary_cell_loses_the_total():
    cells, groups = table({"dock": 7, "incluzio": 40, "smd": 25})
    disclosure.protect(cells, groups, limit=10)
    # SMD sees its own 25; with the total it could compute DOCK's 7, so the total goes.
    seen = disclosure.for_viewer(cells, groups, known={"smd"})
    assert seen["smd"] == ""
    assert seen["dock"] == PRIMARY
    assert seen["total"] == disclosure.HIDDEN_TOTAL
    # DOCK knows its own 7: with the total it could compute SMD's hidden 25, so the total goes.
    seen = disclosure.for_viewer(cells, groups, known={"dock"})
    assert seen == {
        "dock": "",
        "incluzio": "",
        "smd": COMPLEMENTARY,
        "total": disclosure.HIDDEN_TOTAL,
    }
    # Someone who knows none of the hidden cells sees the outsider pattern.
    seen = disclosure.for_viewer(cells, groups, known={"incluzio"})
    assert seen["total"] == ""


def test_ratio_display_never_says_below_ten():
    assert disclosure.display(Decimal("62.5"), PRIMARY, count=False) == disclosure.MASK


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8))
def test_no_hidden_part_can_be_derived_from_the_visible_ones(values):
    """Whatever the counts: if a part is hidden and the total is visible, at least one other
    part is hidden too (so total − visible parts never equals one hidden part)."""
    cells, groups = table({f"p{i}": v for i, v in enumerate(values)})
    disclosure.protect(cells, groups, limit=10)
    hidden = [k for k, c in cells.items() if c.suppressed and k != "total"]
    for key, cell in cells.items():
        if key != "total" and 0 < cell.basis < 10:
            assert cell.suppressed
    if not cells["total"].suppressed:
        assert len(hidden) != 1


# --- nested tables: wijk ⊂ contractor ⊂ municipality, theme ⊂ all --------------------------------
@dataclass
class Counting:
    """An indicator that counts residents and adds up (what ``protect_table`` reads)."""

    is_ratio: bool = False
    counts_persons: bool = True
    denominator_is_persons: bool = True
    aggregation: str = "sum"


@dataclass
class Sums:
    total: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


small_or_large = st.one_of(
    st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=80)
)


@st.composite
def nested_tables(draw):
    """A half-year's table as the rollups hold it: per contractor its wijken, and per contractor
    its figures per theme (adding up to the same contractor total), with every total."""
    table: dict[tuple, Sums] = {}
    themes = draw(st.integers(min_value=0, max_value=3))
    municipality = 0
    per_theme = [0] * themes
    for org in range(draw(st.integers(min_value=1, max_value=4))):
        wijken = draw(st.lists(small_or_large, min_size=1, max_size=4))
        for area, count in enumerate(wijken):
            table[(org, f"{org}-{area}", None)] = Sums(Decimal(count))
        total = sum(wijken)
        table[(org, None, None)] = Sums(Decimal(total))
        municipality += total
        if themes:
            # Split the contractor's total over the themes.
            cuts = sorted(
                draw(st.lists(st.integers(0, total), min_size=themes - 1, max_size=themes - 1))
            )
            shares = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
            for theme, share in enumerate(shares):
                table[(org, None, f"t{theme}")] = Sums(Decimal(share))
                per_theme[theme] += share
    table[(None, None, None)] = Sums(Decimal(municipality))
    for theme, total in enumerate(per_theme):
        table[(None, None, f"t{theme}")] = Sums(Decimal(total))
    return table


def determined_cells(table: dict, pattern: dict) -> list:
    """An independent audit (numpy's rank, not the module's row reduction): the hidden cells
    whose value the published cells and the totals' equations fix exactly."""
    hidden = [k for k, s in pattern.items() if s]
    if not hidden:
        return []
    column = {k: n for n, k in enumerate(hidden)}
    rows = []
    for group in disclosure.groups_for(table):
        row = np.zeros(len(hidden))
        if group.total in column:
            row[column[group.total]] -= 1
        for part in group.parts:
            if part in column:
                row[column[part]] += 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for key, n in column.items():
        unit = np.zeros(len(hidden))
        unit[n] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(key)
    return found


@hypothesis_settings(max_examples=300, deadline=None)
@given(nested_tables())
def test_no_suppressed_cell_can_be_recovered_from_any_published_total(table):
    pattern = disclosure.protect_table(Counting(), table)
    # Primary: no person count from 1 to 9 is published.
    for key, sums in table.items():
        if 0 < sums.total < 10:
            assert pattern[key], key
    # Complementary and audit: no hidden cell follows from the published ones, over every
    # hierarchy at once (wijken, contractors, themes, the municipality).
    assert determined_cells(table, pattern) == []


@hypothesis_settings(max_examples=100, deadline=None)
@given(nested_tables(), st.randoms(use_true_random=False))
def test_the_same_table_is_protected_the_same_way_in_any_order(table, rng):
    """Pages, exports and the API may build the table in another order: same pattern."""
    keys = list(table)
    rng.shuffle(keys)
    shuffled = {k: table[k] for k in keys}
    assert disclosure.protect_table(Counting(), shuffled) == disclosure.protect_table(
        Counting(), table
    )


def test_a_ratio_over_few_persons_is_hidden_and_its_numerator_protected():
    ratio = Counting(is_ratio=True)
    table = {
        (1, None, None): Sums(None, Decimal(4), Decimal(6)),
        (2, None, None): Sums(None, Decimal(30), Decimal(50)),
        (None, None, None): Sums(None, Decimal(34), Decimal(56)),
    }
    pattern = disclosure.protect_table(ratio, table)
    assert pattern[(1, None, None)] == PRIMARY
    # The municipal numerator minus contractor 2's would reveal contractor 1's.
    assert pattern[(2, None, None)] or pattern[(None, None, None)]


def test_what_an_indicator_counts_decides_not_its_unit():
    """An indication is a decision about a resident: protected whatever the unit label."""
    other = Counting(counts_persons=False)
    table = {(1, None, None): Sums(Decimal(4)), (None, None, None): Sums(Decimal(4))}
    assert disclosure.protect_table(other, table) == {
        (1, None, None): "",
        (None, None, None): "",
    }
    assert disclosure.protect_table(Counting(), table)[(1, None, None)] == PRIMARY
