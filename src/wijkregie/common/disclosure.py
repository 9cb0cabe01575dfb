"""Disclosure control (CBS practice), in one place: used for pages, exports and the API alike.

``protect`` decides which cells of an additive table an outsider may not see:

* **primary**: a person count from 1 up to the threshold (a setting, default 10) is shown as
  ``<10``;
* **complementary**: where a visible total would reveal a hidden part (total minus the other
  parts), the smallest other visible part of that total is hidden too (or, when there is none,
  the total itself); repeated until no total reveals a hidden part;
* **audit**: the published totals form a system of equations (a total is the sum of its parts,
  over every hierarchy at once: wijk ⊂ contractor ⊂ municipality and theme ⊂ all). A hidden cell
  that the system determines exactly (found by exact row reduction) gets another cell hidden
  beside it, until none is determined.

``protect_table`` is the one entry point for a table of figures: it decides what each cell rests
on (the person count, by what the indicator counts), hides ratios over too few persons, builds
the groups and protects. Rollups, delivery pages and the API all go through it, so the same cell
is protected the same way everywhere.

The pattern is computed once per indicator and period when the published values change and
stored with the aggregates; ``for_viewer`` then adapts it for a viewer who may see the figures
of their own organisation: their own cells are shown, and any total whose hidden part they could
now work out (because one of the other hidden parts is their own) is hidden from them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from django.conf import settings

PRIMARY = "primary"
COMPLEMENTARY = "complementary"
HIDDEN_TOTAL = "hidden_total"

#: What an API or export shows instead of a hidden number.
MASK = "x"


def threshold() -> int:
    return int(settings.WIJKREGIE_SUPPRESSION_THRESHOLD)


def below_threshold_label() -> str:
    return f"<{threshold()}"


@dataclass
class Cell:
    """One number in a table. ``basis`` is the person count the number rests on (the count
    itself, or the numerator of a ratio); None means it is not about persons."""

    key: Hashable
    basis: Decimal | None
    suppression: str = ""

    @property
    def suppressed(self) -> bool:
        return bool(self.suppression)


@dataclass
class Group:
    """``total`` is the sum of ``parts``."""

    total: Hashable
    parts: Sequence[Hashable] = field(default_factory=list)


def is_small(basis: Decimal | None, *, limit: int | None = None) -> bool:
    limit = threshold() if limit is None else limit
    return basis is not None and 0 < basis < limit


def protect(
    cells: dict[Hashable, Cell],
    groups: Iterable[Group],
    *,
    limit: int | None = None,
    extra_primary: Iterable[Hashable] = (),
) -> dict[Hashable, Cell]:
    """Set ``suppression`` on ``cells`` (in place, also returned). ``extra_primary`` names cells
    hidden for another reason (a ratio over too few persons)."""
    for cell in cells.values():
        cell.suppression = PRIMARY if is_small(cell.basis, limit=limit) else ""
    for key in extra_primary:
        if key in cells:
            cells[key].suppression = PRIMARY
    # In a fixed order, so that the same table gets the same pattern however it was built.
    groups = sorted(
        (g for g in groups if g.total in cells and any(p in cells for p in g.parts)),
        key=lambda g: str(g.total),
    )
    while True:
        _single_equations(cells, groups)
        determined = _determined(cells, groups)
        if not determined or not _hide_beside(determined[0], cells, groups):
            return cells


def _single_equations(cells: dict[Hashable, Cell], groups: list[Group]) -> None:
    """Hide a second cell wherever one total has exactly one hidden cell (part or total)."""
    changed = True
    while changed:
        changed = False
        for group in groups:
            total = cells[group.total]
            parts = [cells[p] for p in group.parts if p in cells]
            hidden = [p for p in parts if p.suppressed]
            if total.suppressed:
                if hidden or not parts:
                    continue
                # A hidden total with all parts visible is their sum.
                changed = _hide_smallest(parts, total=None) or changed
                continue
            if len(hidden) != 1:
                continue
            # Exactly one hidden part and a visible total: the part could be worked out.
            changed = _hide_smallest(parts, total=total) or changed


def _hide_smallest(parts: list[Cell], *, total: Cell | None) -> bool:
    candidates = [p for p in parts if not p.suppressed and p.basis is not None]
    if candidates:
        # Hide the smallest non-zero part first (least information lost); zeros tell nothing,
        # but hiding a zero only helps when no other part is left.
        candidates.sort(key=lambda p: (p.basis == 0, p.basis, str(p.key)))
        candidates[0].suppression = COMPLEMENTARY
        return True
    if total is not None and not total.suppressed:
        total.suppression = COMPLEMENTARY
        return True
    return False


def _determined(cells: dict[Hashable, Cell], groups: list[Group]) -> list[Hashable]:
    """Hidden cells whose value follows exactly from the published cells and the totals'
    equations. Exact row reduction over the hidden cells: a hidden cell is determined when
    its unit vector lies in the row space of the equations."""
    hidden = sorted((k for k, c in cells.items() if c.suppressed), key=str)
    if not hidden:
        return []
    column = {key: n for n, key in enumerate(hidden)}
    rows: list[list[Fraction]] = []
    for group in groups:
        row = [Fraction(0)] * len(hidden)
        if group.total in column:
            row[column[group.total]] -= 1
        for part in group.parts:
            if part in column:
                row[column[part]] += 1
        if any(row):
            rows.append(row)
    pivots = _reduce(rows)
    return [
        hidden[col]
        for col, row in pivots
        if all(value == 0 for n, value in enumerate(row) if n != col)
    ]


def _reduce(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form: (pivot column, row) pairs."""
    if not rows:
        return []
    width = len(rows[0])
    pivots: list[tuple[int, list[Fraction]]] = []
    remaining = [r[:] for r in rows]
    for col in range(width):
        pivot = next((r for r in remaining if r[col] != 0), None)
        if pivot is None:
            continue
        remaining.remove(pivot)
        factor = pivot[col]
        pivot = [v / factor for v in pivot]
        for other in remaining:
            if other[col] != 0:
                scale = other[col]
                for n in range(width):
                    other[n] -= scale * pivot[n]
        for n, (pcol, prow) in enumerate(pivots):
            if prow[col] != 0:
                scale = prow[col]
                pivots[n] = (pcol, [a - scale * b for a, b in zip(prow, pivot, strict=True)])
        pivots.append((col, pivot))
    return pivots


def _hide_beside(key: Hashable, cells: dict[Hashable, Cell], groups: list[Group]) -> bool:
    """A hidden cell can still be worked out: hide one more cell in a total it belongs to (or,
    failing that, anywhere in the table). False when nothing is left to hide."""
    for group in groups:
        if key in group.parts:
            parts = [cells[p] for p in group.parts if p in cells]
            if _hide_smallest(parts, total=cells[group.total]):
                return True
    for group in groups:
        if group.total == key:
            parts = [cells[p] for p in group.parts if p in cells]
            if _hide_smallest(parts, total=None):
                return True
    return _hide_smallest(list(cells.values()), total=None)


def for_viewer(
    cells: dict[Hashable, Cell],
    groups: Iterable[Group],
    *,
    known: set[Hashable],
) -> dict[Hashable, str]:
    """The suppression each cell has for a viewer who already knows the cells in ``known``
    (their own organisation's figures): known cells are shown; a total is hidden where a
    known suppressed part would let the viewer work out another hidden part."""
    result = {key: ("" if key in known else cell.suppression) for key, cell in cells.items()}
    if not known:
        return result
    for group in groups:
        if group.total not in cells or group.total in known:
            continue
        parts = [p for p in group.parts if p in cells]
        hidden_others = [p for p in parts if p not in known and cells[p].suppressed]
        revealed = [p for p in parts if p in known and cells[p].suppressed]
        if hidden_others and revealed and not result[group.total]:
            result[group.total] = HIDDEN_TOTAL
    return result


def display(value: Decimal | None, suppression: str, *, count: bool = True) -> str:
    """The text a table, export or API shows for a number (``<10`` only for a count)."""
    if suppression == PRIMARY and count:
        return below_threshold_label()
    if suppression:
        return MASK
    if value is None:
        return ""
    normalised = value.quantize(Decimal("0.1")) if value != value.to_integral() else value
    return format(normalised.normalize(), "f")


# --- a table of figures -------------------------------------------------------------------------
Key = tuple[Any, Any, Any]  # (organisation, area, theme); None means "all"


class Counted(Protocol):
    """What ``protect_table`` needs to know of an indicator."""

    is_ratio: bool
    counts_persons: bool
    denominator_is_persons: bool
    aggregation: str


class Figures(Protocol):
    total: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


def basis_of(indicator: Counted, total: Decimal | None, numerator: Decimal | None):
    """The person count a figure rests on, or None when disclosure control does not apply:
    by what the indicator counts, not by its unit label."""
    if not indicator.counts_persons:
        return None
    if indicator.is_ratio:
        return numerator
    if indicator.aggregation == "sum":
        return total
    return None


def small_base(indicator: Counted, denominator: Decimal | None) -> bool:
    """A ratio (or mean) over fewer persons than the threshold is hidden as well."""
    return bool(indicator.denominator_is_persons) and is_small(denominator)


def groups_for(keys: Iterable[Key]) -> list[Group]:
    """Which cells add up to which: the municipality is the sum of its contractors (and of its
    themes), a contractor the sum of its wijken (and of its themes), a theme the sum of the
    contractors' figures for it."""
    keys = set(keys)
    children: dict[Key, list[Key]] = defaultdict(list)
    theme_children: dict[Key, list[Key]] = defaultdict(list)
    for org, area, theme in keys:
        if org is not None and area is None and theme is None:
            children[(None, None, None)].append((org, None, None))
        elif org is not None and area is not None:
            children[(org, None, None)].append((org, area, None))
        elif org is not None and theme is not None:
            theme_children[(org, None, None)].append((org, None, theme))
            children[(None, None, theme)].append((org, None, theme))
        elif org is None and theme is not None:
            theme_children[(None, None, None)].append((None, None, theme))
    groups = [Group(total, sorted(parts, key=str)) for total, parts in children.items()]
    groups += [Group(total, sorted(parts, key=str)) for total, parts in theme_children.items()]
    return groups


def protect_table(indicator: Counted, table: Mapping[Key, Figures]) -> dict[Key, str]:
    """The outsider's suppression of every cell of one indicator's table for one half-year.
    ``table`` maps (organisation, area, theme) to its summed figures; keys absent from it are
    not published."""
    cells: dict[Hashable, Cell] = {}
    extra = []
    for key, row in table.items():
        cells[key] = Cell(key, basis_of(indicator, row.total, row.numerator))
        if indicator.is_ratio and small_base(indicator, row.denominator):
            extra.append(key)
    protect(cells, groups_for(cells), extra_primary=extra)
    return {key: cell.suppression for key, cell in cells.items()}
