"""The arithmetic of a pilot, kept apart from the database so every rule can be tested against
numbers computed by hand: expected series with their band, the saving, the
difference-in-differences estimate, the blind-spot rules and the status of a theory of change.

Inputs are plain mappings of half-year → value (``Decimal`` or ``None`` where no figure exists).
Statistics are computed in floats and rounded for display; money stays in ``Decimal``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkregie.common.formatting import figure
from wijkregie.common.periods import Period, period_range
from wijkregie.indicators.models import worse

MEAN, TREND, MANUAL = "mean", "trend", "manual"
#: The fewest baseline half-years each method accepts: a mean needs two values to have a
#: spread, a straight line three to have any residual left.
MINIMUM_BASELINE = {MEAN: 2, TREND: 3, MANUAL: 2}

Series = Mapping[str, Decimal | None]


def _periods(first: str, last: str) -> list[str]:
    return [str(p) for p in period_range(first, last)]


@dataclass
class Expected:
    method: str
    baseline: list[str]
    periods: list[str]
    expected: dict[str, float]
    #: Standard deviation of the baseline residuals (None: no band can be drawn).
    spread: float | None
    band_width: float
    slope: float | None = None
    intercept: float | None = None

    def lower(self, period: str) -> float | None:
        if self.spread is None or period not in self.expected:
            return None
        return self.expected[period] - self.band_width * self.spread

    def upper(self, period: str) -> float | None:
        if self.spread is None or period not in self.expected:
            return None
        return self.expected[period] + self.band_width * self.spread


def expected_series(
    method: str,
    actual: Series,
    *,
    baseline_first: str,
    baseline_last: str,
    first: str,
    last: str,
    manual: Mapping[str, Decimal] | None = None,
    band_width: Decimal | float = 2,
) -> Expected:
    """The expected value per half-year ``first``..``last`` from the baseline half-years.

    * ``mean``: the mean of the baseline; spread = sample standard deviation (n − 1).
    * ``trend``: least-squares line through the baseline, half-years numbered 0, 1, 2 … from
      ``baseline_first``; spread = √(Σ residual² / (n − 2)).
    * ``manual``: the values entered; a band only when values were entered for the baseline
      half-years too: spread = √(Σ (actual − entered)² / n).

    Raises ``ValidationError`` (in Dutch) for a baseline that is too short, has a gap, or does
    not end before the first compared half-year.
    """
    manual = manual or {}
    errors = []
    try:
        baseline = _periods(baseline_first, baseline_last)
        periods = _periods(first, last)
    except ValueError as exc:
        raise ValidationError(_("A half-year is not valid: %(error)s") % {"error": exc}) from exc
    if not baseline:
        raise ValidationError(_("The baseline ends before it starts."))
    if not periods:
        raise ValidationError(_("The compared half-years end before they start."))
    if Period.parse(baseline_last) >= Period.parse(first):
        errors.append(_("The baseline must end before the first compared half-year."))
    needed = MINIMUM_BASELINE[method]
    if len(baseline) < needed:
        errors.append(
            _("The baseline has %(count)d half-year(s); this method needs at least %(needed)d.")
            % {"count": len(baseline), "needed": needed}
        )
    missing = [p for p in baseline if actual.get(p) is None]
    if missing:
        errors.append(
            _("There is no figure for baseline half-year(s) %(periods)s.")
            % {"periods": ", ".join(missing)}
        )
    if method == MANUAL:
        absent = [p for p in periods if manual.get(p) is None]
        if absent:
            errors.append(
                _("Enter an expected value for %(periods)s.") % {"periods": ", ".join(absent)}
            )
    if errors:
        raise ValidationError(errors)

    values = [float(actual[p]) for p in baseline]
    n = len(values)
    width = float(band_width)
    if method == MEAN:
        mean = sum(values) / n
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
        return Expected(method, baseline, periods, dict.fromkeys(periods, mean), spread, width)
    if method == TREND:
        xs = list(range(n))
        x_mean, y_mean = sum(xs) / n, sum(values) / n
        slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, values, strict=True)) / sum(
            (x - x_mean) ** 2 for x in xs
        )
        intercept = y_mean - slope * x_mean
        residuals = [y - (intercept + slope * x) for x, y in zip(xs, values, strict=True)]
        spread = math.sqrt(sum(r**2 for r in residuals) / (n - 2))
        start = Period.parse(baseline_first)
        expected = {}
        for period in periods:
            x = _distance(start, Period.parse(period))
            expected[period] = intercept + slope * x
        return Expected(method, baseline, periods, expected, spread, width, slope, intercept)
    expected = {p: float(manual[p]) for p in periods}
    entered = [p for p in baseline if manual.get(p) is not None]
    spread = None
    if len(entered) == n:
        spread = math.sqrt(sum((float(actual[p]) - float(manual[p])) ** 2 for p in baseline) / n)
    return Expected(method, baseline, periods, expected, spread, width)


def _distance(start: Period, period: Period) -> int:
    return (period.year - start.year) * 2 + (period.half - start.half)


# --- expected against actual, and the saving ----------------------------------------------------
@dataclass
class Row:
    period: str
    expected: float
    lower: float | None
    upper: float | None
    actual: Decimal | None
    difference: float | None
    within_band: bool | None
    saving: Decimal | None


@dataclass
class Outcome:
    rows: list[Row]
    total_difference: float | None
    total_saving: Decimal | None
    periods_with_actual: int
    periods_outside_band: int


CENT = Decimal("0.01")


def compare(expected: Expected, actual: Series, *, unit_cost: Decimal | None = None) -> Outcome:
    """Per compared half-year: actual − expected, whether the actual lies inside the band,
    and, with a cost per unit, the saving (expected − actual) × cost, rounded to cents.
    Half-years without an actual figure are shown but not added up."""
    if unit_cost is not None and unit_cost <= 0:
        raise ValidationError(_("The cost per unit must be more than zero."))
    rows = []
    total_difference = 0.0
    total_saving = Decimal(0)
    counted = outside = 0
    for period in expected.periods:
        value = actual.get(period)
        lower, upper = expected.lower(period), expected.upper(period)
        row = Row(period, expected.expected[period], lower, upper, value, None, None, None)
        if value is not None:
            counted += 1
            row.difference = float(value) - row.expected
            total_difference += row.difference
            if lower is not None and upper is not None:
                row.within_band = lower <= float(value) <= upper
                outside += 0 if row.within_band else 1
            if unit_cost is not None:
                avoided = Decimal(str(row.expected)) - value
                row.saving = (avoided * unit_cost).quantize(CENT, rounding=ROUND_HALF_UP)
                total_saving += row.saving
        rows.append(row)
    return Outcome(
        rows,
        total_difference if counted else None,
        total_saving if counted and unit_cost is not None else None,
        counted,
        outside,
    )


# --- difference in differences -----------------------------------------------------------------
@dataclass
class DiD:
    before: list[str]
    after: list[str]
    treated_before: float | None
    treated_after: float | None
    control_before: float | None
    control_after: float | None
    estimate: float | None
    #: Standard deviation of (treated − control) over the before half-years: the noise.
    noise: float | None
    #: Slopes per half-year before the start, treated and control.
    treated_slope: float | None
    control_slope: float | None
    problems: list[str] = field(default_factory=list)

    @property
    def separable(self) -> bool:
        """Whether the data can tell the pilot apart from a general trend."""
        return self.estimate is not None and not self.problems


def _mean(series: Series, periods: Sequence[str]) -> float | None:
    values = [float(series[p]) for p in periods if series.get(p) is not None]
    if len(values) != len(periods) or not values:
        return None
    return sum(values) / len(values)


def _slope(series: Series, periods: Sequence[str]) -> float | None:
    points = [(i, float(series[p])) for i, p in enumerate(periods) if series.get(p) is not None]
    if len(points) < 2:
        return None
    n = len(points)
    x_mean = sum(x for x, _y in points) / n
    y_mean = sum(y for _x, y in points) / n
    spread = sum((x - x_mean) ** 2 for x, _y in points)
    return sum((x - x_mean) * (y - y_mean) for x, y in points) / spread


def difference_in_differences(
    treated: Series, control: Series, *, before_first: str, start: str, after_last: str
) -> DiD:
    """(mean treated after − mean treated before) − (mean control after − mean control before).

    The estimate is only as good as its assumption: without the pilot, treated and control
    would have moved in parallel. The result lists, in plain words, every reason the data
    cannot separate the pilot from a general trend: missing figures, before-trends that are
    not parallel (the gap's own drift before the start, carried forward to the after
    half-years, is at least half the estimate), or an estimate inside the noise (no larger than
    twice the standard deviation of the before-differences)."""
    start_period = Period.parse(start)
    before = _periods(before_first, str(start_period.previous()))
    after = _periods(start, after_last)
    result = DiD(before, after, None, None, None, None, None, None, None, None)
    if not before or not after:
        result.problems.append(_("There must be at least one half-year before and one after."))
        return result
    result.treated_before = _mean(treated, before)
    result.treated_after = _mean(treated, after)
    result.control_before = _mean(control, before)
    result.control_after = _mean(control, after)
    parts = (result.treated_before, result.treated_after, result.control_before)
    if any(part is None for part in (*parts, result.control_after)):
        result.problems.append(
            _("Figures are missing for some half-years, so no estimate can be made.")
        )
        return result
    result.estimate = (result.treated_after - result.treated_before) - (
        result.control_after - result.control_before
    )
    gaps = [float(treated[p]) - float(control[p]) for p in before]
    if len(gaps) >= 2:
        mean_gap = sum(gaps) / len(gaps)
        result.noise = math.sqrt(sum((g - mean_gap) ** 2 for g in gaps) / (len(gaps) - 1))
        result.treated_slope = _slope(treated, before)
        result.control_slope = _slope(control, before)
    if result.noise is None:
        result.problems.append(
            _(
                "With one half-year before the start it cannot be checked whether both groups "
                "moved in parallel."
            )
        )
    else:
        # The gap's own drift before the start, carried from the middle of the before
        # half-years to the middle of the after half-years.
        horizon = len(before) + (len(after) - 1) / 2 - (len(before) - 1) / 2
        drift = (result.treated_slope - result.control_slope) * horizon
        if result.estimate and abs(drift) >= abs(result.estimate) / 2:
            result.problems.append(
                _(
                    "Before the start the two groups did not move in parallel, so part of the "
                    "difference may be their own trend."
                )
            )
        if abs(result.estimate) <= 2 * result.noise:
            result.problems.append(
                _(
                    "The estimated effect is within the normal variation between the groups: "
                    "it may be chance."
                )
            )
    return result


def relative_change(series: Series, before: Sequence[str], after: Sequence[str]) -> float | None:
    """(mean after − mean before) / mean before, for context series; None without figures."""
    first, second = _mean(series, before), _mean(series, after)
    if first is None or second is None or first == 0:
        return None
    return (second - first) / first


# --- blind spots --------------------------------------------------------------------------------
NO_INDICATOR, NO_DATA = "no_indicator", "no_data"


def blind_spot(indicator_count: int, with_data: int) -> str:
    """A goal is a blind spot when it has no indicator at all, or none of its indicators has a
    figure in the latest half-year."""
    if indicator_count == 0:
        return NO_INDICATOR
    if with_data == 0:
        return NO_DATA
    return ""


# --- theory of change status --------------------------------------------------------------------
ON_TRACK, OFF_TRACK, UNKNOWN = "on_track", "off_track", "no_data"


@dataclass
class Reading:
    """One indicator's latest figures as a theory-of-change element sees them."""

    name: str
    polarity: str  # higher / lower / neutral
    latest: Decimal | None
    previous: Decimal | None = None
    before_previous: Decimal | None = None
    target: Decimal | None = None


def element_status(readings: Sequence[Reading]) -> tuple[str, str]:
    """(status, reason). No indicators or no latest figure → no data. Off track when a figure
    misses its target, or, without a target, got worse two half-years in a row. On track
    otherwise. The first reason found is given, in words."""
    if not readings:
        return UNKNOWN, _("No indicator is linked.")
    measured = [r for r in readings if r.latest is not None]
    if not measured:
        return UNKNOWN, _("No figures in the latest half-year for %(names)s.") % {
            "names": ", ".join(r.name for r in readings)
        }
    for reading in measured:
        if reading.target is None:
            continue
        missed = (reading.polarity == "higher" and reading.latest < reading.target) or (
            reading.polarity == "lower" and reading.latest > reading.target
        )
        if missed:
            return OFF_TRACK, _("%(name)s is %(value)s against a target of %(target)s.") % {
                "name": reading.name,
                "value": figure(reading.latest),
                "target": figure(reading.target),
            }
    for reading in measured:
        if reading.target is not None or None in (reading.previous, reading.before_previous):
            continue
        if worse(reading.polarity, reading.latest, reading.previous) and worse(
            reading.polarity, reading.previous, reading.before_previous
        ):
            return OFF_TRACK, _("%(name)s got worse two half-years in a row.") % {
                "name": reading.name
            }
    names = ", ".join(r.name for r in measured)
    return ON_TRACK, _("On target or not getting worse: %(names)s.") % {"names": names}


def combine(statuses: Sequence[str]) -> str:
    """The status of an element that has several parts: any off track wins, then on track."""
    if OFF_TRACK in statuses:
        return OFF_TRACK
    if ON_TRACK in statuses:
        return ON_TRACK
    return UNKNOWN
