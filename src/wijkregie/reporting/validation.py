"""Validation rules for delivered values; the web form, the XLSX upload and the API share them.

* a value is a number of the right kind (person counts are whole numbers ≥ 0);
* within the indicator's lowest and highest valid value;
* a ratio needs numerator and denominator, denominator > 0 and numerator ≤ denominator;
* "not measurable" is an explicit choice with a reason, and then no number is given;
* a value far outside the organisation's own history (its last four approved half-years for the
  same indicator and area) needs an explanation: further from their mean than half the mean and
  than three standard deviations.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from wijkregie.indicators.models import Indicator

HISTORY_PERIODS = 4


@dataclass
class Entry:
    """One line of a delivery as entered: an indicator for an area (or the organisation)."""

    indicator: Indicator
    area_id: int | None
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    not_measurable: bool = False
    reason: str = ""
    explanation: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.indicator.pk}-{self.area_id or 0}"

    @property
    def is_blank(self) -> bool:
        return (
            self.value is None
            and self.numerator is None
            and self.denominator is None
            and not self.not_measurable
            and not self.reason.strip()
            and not self.explanation.strip()
        )

    @property
    def is_complete(self) -> bool:
        return self.not_measurable or self.value is not None

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def computed_value(self) -> Decimal | None:
        if self.indicator.is_ratio:
            if self.numerator is None or not self.denominator:
                return None
            return (self.numerator / self.denominator * self.indicator.factor).quantize(
                Decimal("0.0001")
            )
        return self.value


def outlier(value: Decimal, history: list[Decimal]) -> bool:
    if len(history) < 2:
        return False
    mean = statistics.fmean(float(v) for v in history)
    spread = statistics.pstdev(float(v) for v in history)
    distance = abs(float(value) - mean)
    return distance > 0.5 * abs(mean) and distance > 3 * spread


def check(entry: Entry, *, history: list[Decimal] | None = None) -> Entry:
    """Fill ``entry.errors`` (field name → messages) and set the value of a ratio."""
    indicator = entry.indicator
    entry.errors = {}
    if entry.is_blank:
        return entry
    if entry.not_measurable:
        if not entry.reason.strip():
            entry.error("reason", _("Say why this cannot be measured."))
        if any(v is not None for v in (entry.value, entry.numerator, entry.denominator)):
            entry.error(
                "value", _("Leave the numbers empty when you mark the value as not measurable.")
            )
        return entry
    if indicator.is_ratio:
        if entry.numerator is None:
            entry.error("numerator", _("Fill in the numerator."))
        if entry.denominator is None:
            entry.error("denominator", _("Fill in the denominator."))
        elif entry.denominator <= 0:
            entry.error("denominator", _("The denominator must be more than 0."))
        if (
            entry.numerator is not None
            and entry.denominator is not None
            and entry.numerator > entry.denominator
        ):
            entry.error("numerator", _("The numerator cannot be larger than the denominator."))
        for name in ("numerator", "denominator"):
            number = getattr(entry, name)
            if number is not None and (number < 0 or number != number.to_integral()):
                entry.error(name, _("Use a whole number of 0 or more."))
        if entry.errors:
            return entry
        entry.value = entry.computed_value()
    elif entry.value is None:
        entry.error("value", _("Fill in a value, or mark it as not measurable with a reason."))
        return entry
    value = entry.value
    if indicator.unit in (Indicator.Unit.PERSONS, Indicator.Unit.COUNT) and (
        value < 0 or value != value.to_integral()
    ):
        entry.error("value", _("Use a whole number of 0 or more."))
    if indicator.minimum is not None and value < indicator.minimum:
        entry.error(
            "value",
            _("The value is below the lowest valid value (%(minimum)s).")
            % {"minimum": format(indicator.minimum.normalize(), "f")},
        )
    if indicator.maximum is not None and value > indicator.maximum:
        entry.error(
            "value",
            _("The value is above the highest valid value (%(maximum)s).")
            % {"maximum": format(indicator.maximum.normalize(), "f")},
        )
    if not entry.errors and history and outlier(value, history) and not entry.explanation.strip():
        entry.error(
            "explanation",
            _(
                "This value is far from your own earlier half-years (%(history)s). Check it, "
                "and explain the difference."
            )
            % {"history": ", ".join(format(v.normalize(), "f") for v in history)},
        )
    return entry
