"""Disclosure control (CBS practice), in one place: used for pages, exports and the API alike.

``protect`` decides which cells of an additive table an outsider may not see:

* **primary**: a person count from 1 up to the threshold (a setting, default 10) is shown as
  ``<10``;
* **complementary**: where a visible total would reveal a hidden part (total minus the other
  parts), the smallest other visible part of that total is hidden too (or, when there is none,
  the total itself); repeated until no total reveals a hidden part.

The pattern is computed once per indicator and period when the published values change and
stored with the aggregates; ``for_viewer`` then adapts it for a viewer who may see the figures
of their own organisation: their own cells are shown, and any total whose hidden part they could
now work out (because one of the other hidden parts is their own) is hidden from them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

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
    groups = [g for g in groups if g.total in cells and any(p in cells for p in g.parts)]
    changed = True
    while changed:
        changed = False
        for group in groups:
            total = cells[group.total]
            parts = [cells[p] for p in group.parts if p in cells]
            hidden = [p for p in parts if p.suppressed]
            if total.suppressed or len(hidden) != 1:
                continue
            # Exactly one hidden part and a visible total: the part could be worked out.
            candidates = [p for p in parts if not p.suppressed and p.basis is not None]
            if candidates:
                # Hide the smallest non-zero part first (least information lost); zeros tell
                # nothing, but hiding a zero only helps when no other part is left.
                candidates.sort(key=lambda p: (p.basis == 0, p.basis))
                candidates[0].suppression = COMPLEMENTARY
            else:
                total.suppression = COMPLEMENTARY
            changed = True
    return cells


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
