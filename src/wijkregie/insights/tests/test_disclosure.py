"""Disclosure control: primary suppression, the complementary cell, and a viewer who knows
their own figures. No database: the function works on plain cells."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkregie.insights import disclosure
from wijkregie.insights.disclosure import COMPLEMENTARY, PRIMARY, Cell, Group


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
