"""Reads for pilots: their figures come from the one path through the fact grain
(``insights.selectors.figures``), so disclosure control applies exactly as on the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wijkregie.common.formatting import figure, percent
from wijkregie.common.periods import Period, period_range
from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors as insights
from wijkregie.pilots import analysis
from wijkregie.pilots.models import (
    CompassBlock,
    Element,
    Expectation,
    Goal,
    Link,
    Pilot,
)

Series = dict[str, Decimal | None]


def pilot_list() -> QuerySet[Pilot]:
    return Pilot.objects.prefetch_related("organisations", "goals__links").select_related("theme")


# --- periods ------------------------------------------------------------------------------------
def last_completed(today: dt.date) -> Period:
    return Period.containing(today).previous()


def window(pilot: Pilot, today: dt.date) -> list[str]:
    """The pilot's half-years that have ended."""
    last = last_completed(today)
    if pilot.last_period:
        last = min(last, Period.parse(pilot.last_period))
    first = Period.parse(pilot.first_period)
    return [str(p) for p in period_range(first, last)] if first <= last else []


def latest_period(pilot: Pilot, today: dt.date) -> str:
    """The half-year whose figures decide a blind spot: the pilot's last ended half-year, or,
    before it starts, the last ended half-year (monitoring is set up before the start)."""
    periods = window(pilot, today)
    return periods[-1] if periods else str(last_completed(today))


# --- series ------------------------------------------------------------------------------------
def _additive(indicator: Indicator) -> bool:
    return indicator.aggregation == Indicator.Aggregation.SUM and not (
        indicator.is_ratio or indicator.is_derived or indicator.unit == Indicator.Unit.PERCENTAGE
    )


def actual_series(
    user,
    indicator: Indicator,
    periods: list[str],
    *,
    organisations: Iterable[int] = (),
    areas: Iterable[int] = (),
) -> Series:
    """The indicator's shown figure per half-year: for the municipality as a whole, or added
    up over some contractors or areas. A half-year where any part is hidden by disclosure
    control, or where parts cannot be added (averages, ratios), has no figure."""
    organisations, areas = list(organisations), list(areas)
    if areas:
        found = insights.figures(user, [indicator], periods, level="areas", areas=areas)
        wanted = [(key, f) for key, f in found.items() if key[2][1] in areas]
    elif organisations:
        found = insights.figures(user, [indicator], periods, organisations=organisations)
        wanted = [(key, f) for key, f in found.items() if key[2][0] in organisations]
    else:
        found = insights.figures(user, [indicator], periods)
        return {
            p: (f.shown if (f := found.get((indicator.pk, p, (None, None, None)))) else None)
            for p in periods
        }
    expected_parts = len(areas) if areas else len(organisations)
    result: Series = {}
    for period in periods:
        parts = [f for key, f in wanted if key[1] == period]
        if len(parts) == 1 and expected_parts == 1:
            result[period] = parts[0].shown
        elif (
            _additive(indicator)
            and len(parts) == expected_parts
            and all(f.shown is not None for f in parts)
        ):
            result[period] = sum((f.shown for f in parts), Decimal(0))
        else:
            result[period] = None
    return result


def has_data(user, indicators: list[Indicator], periods: list[str]) -> dict[tuple[int, str], bool]:
    """(indicator, half-year) → whether a municipal figure exists (hidden ones count: they
    were measured)."""
    found = insights.figures(user, indicators, periods)
    total = (None, None, None)
    return {
        (i.pk, p): bool(
            (f := found.get((i.pk, p, total))) and (f.value is not None or f.suppressed)
        )
        for i in indicators
        for p in periods
    }


# --- goals and blind spots ----------------------------------------------------------------------
@dataclass
class GoalCoverage:
    goal: Goal
    indicators: list[Indicator]
    #: Per half-year of the window: indicators with data.
    covered: dict[str, int]
    latest: str
    blind_spot: str  # "", analysis.NO_INDICATOR, analysis.NO_DATA
    missing: list[Indicator] = field(default_factory=list)  # no figure in the latest half-year

    @property
    def uncovered_periods(self) -> list[str]:
        return [p for p, n in self.covered.items() if n == 0]


def coverage(user, pilot: Pilot, today: dt.date) -> list[GoalCoverage]:
    goals = list(pilot.goals.prefetch_related("indicators"))
    periods = window(pilot, today)
    latest = latest_period(pilot, today)
    wanted = sorted({p for p in [*periods, latest]})
    indicators = list({i.pk: i for g in goals for i in g.indicators.all()}.values())
    data = has_data(user, indicators, wanted) if indicators else {}
    result = []
    for goal in goals:
        own = list(goal.indicators.all())
        covered = {p: sum(1 for i in own if data.get((i.pk, p))) for p in periods}
        with_data = [i for i in own if data.get((i.pk, latest))]
        result.append(
            GoalCoverage(
                goal,
                own,
                covered,
                latest,
                analysis.blind_spot(len(own), len(with_data)),
                [i for i in own if i not in with_data],
            )
        )
    return result


@dataclass
class BlindSpot:
    pilot: Pilot
    goal: Goal
    kind: str
    period: str


def blind_spots(user, today: dt.date, *, pilots: Iterable[Pilot] | None = None) -> list[BlindSpot]:
    """Every goal of a pilot in preparation or running (or the given pilots) that is a blind
    spot in its latest half-year: for the dashboard and the result-conversation agenda."""
    if pilots is None:
        pilots = Pilot.objects.filter(
            status__in=[Pilot.Status.PREPARING, Pilot.Status.RUNNING]
        ).order_by("name")
    found = []
    for pilot in pilots:
        for item in coverage(user, pilot, today):
            if item.blind_spot:
                found.append(BlindSpot(pilot, item.goal, item.blind_spot, item.latest))
    return found


# --- expected vs actual -------------------------------------------------------------------------
def span(expectation: Expectation) -> list[str]:
    """Every half-year from the first baseline one to the last compared one (as far as they
    are valid; a form with bad half-years is refused by the analysis)."""
    try:
        first = min(
            Period.parse(expectation.baseline_first), Period.parse(expectation.first_period)
        )
        last = max(Period.parse(expectation.last_period), Period.parse(expectation.baseline_last))
    except ValueError:
        return []
    return [str(p) for p in period_range(first, last)]


def expectation_actuals(
    user, expectation: Expectation, *, organisations: list[int] | None = None
) -> Series:
    """The actual figures over the baseline and compared half-years; ``organisations``
    overrides the stored ones (a form being checked before it is saved)."""
    if organisations is None:
        organisations = [o.pk for o in expectation.organisations.all()] if expectation.pk else []
    return actual_series(
        user, expectation.indicator, span(expectation), organisations=organisations
    )


def manual_values(expectation: Expectation) -> dict[str, Decimal]:
    return {p: Decimal(v) for p, v in (expectation.manual_values or {}).items() if v not in ("",)}


@dataclass
class ExpectedVsActual:
    expectation: Expectation
    actual: Series
    expected: analysis.Expected | None
    outcome: analysis.Outcome | None
    problems: list[str]


def expected_vs_actual(user, expectation: Expectation) -> ExpectedVsActual:
    actual = expectation_actuals(user, expectation)
    try:
        expected = analysis.expected_series(
            expectation.method,
            actual,
            baseline_first=expectation.baseline_first,
            baseline_last=expectation.baseline_last,
            first=expectation.first_period,
            last=expectation.last_period,
            manual=manual_values(expectation),
            band_width=expectation.band_width,
        )
        outcome = analysis.compare(expected, actual, unit_cost=expectation.unit_cost)
    except ValidationError as exc:
        return ExpectedVsActual(expectation, actual, None, None, exc.messages)
    return ExpectedVsActual(expectation, actual, expected, outcome, [])


# --- theory of change -------------------------------------------------------------------------
@dataclass
class ElementState:
    element: Element
    status: str
    reason: str


@dataclass
class LinkState:
    link: Link
    status: str
    reason: str


def _readings(
    user, indicators: list[Indicator], latest: str, targets: dict[int, Decimal | None]
) -> dict[int, analysis.Reading]:
    if not indicators:
        return {}
    last = Period.parse(latest)
    periods = [str(last.previous().previous()), str(last.previous()), latest]
    found = insights.figures(user, indicators, periods)
    municipal = insights.targets(indicators, [latest])
    total = (None, None, None)
    readings = {}
    for indicator in indicators:
        shown = [(f.shown if (f := found.get((indicator.pk, p, total))) else None) for p in periods]
        target = targets.get(indicator.pk)
        if target is None:
            target = municipal.get((indicator.pk, latest, None, None))
        readings[indicator.pk] = analysis.Reading(
            indicator.name, indicator.polarity, shown[2], shown[1], shown[0], target
        )
    return readings


def goal_targets(pilot: Pilot) -> dict[int, Decimal | None]:
    targets: dict[int, Decimal | None] = {}
    for goal in pilot.goals.all():
        for link in goal.links.all():
            if link.target is not None:
                targets[link.indicator_id] = link.target
    return targets


def theory(
    user, pilot: Pilot, today: dt.date
) -> tuple[dict[str, list[ElementState]], list[LinkState], str]:
    """Elements per kind (in order activities → result) and arrows, each with a status from
    the data of the latest half-year and the reason in words."""
    latest = latest_period(pilot, today)
    elements = list(pilot.elements.prefetch_related("indicators"))
    links = list(pilot.links.select_related("source", "target").prefetch_related("indicators"))
    indicators = {i.pk: i for e in elements for i in e.indicators.all()}
    indicators.update({i.pk: i for link in links for i in link.indicators.all()})
    readings = _readings(user, list(indicators.values()), latest, goal_targets(pilot))
    by_kind: dict[str, list[ElementState]] = {kind: [] for kind in Element.Kind.values}
    for element in elements:
        status, reason = analysis.element_status([readings[i.pk] for i in element.indicators.all()])
        by_kind[element.kind].append(ElementState(element, status, reason))
    link_states = []
    for link in links:
        status, reason = analysis.element_status([readings[i.pk] for i in link.indicators.all()])
        link_states.append(LinkState(link, status, reason))
    return by_kind, link_states, latest


# --- Kwaliteitskompas -------------------------------------------------------------------------
QUESTION_BLOCK = {
    Indicator.Question.HOW_MUCH: CompassBlock.ACTIVITIES,
    Indicator.Question.HOW_WELL: CompassBlock.QUALITY,
    Indicator.Question.BETTER_OFF: CompassBlock.OUTCOMES,
}
ELEMENT_BLOCK = {
    Element.Kind.ACTIVITY: CompassBlock.ACTIVITIES,
    Element.Kind.OUTPUT: CompassBlock.ACTIVITIES,
    Element.Kind.OUTCOME: CompassBlock.OUTCOMES,
    Element.Kind.RESULT: CompassBlock.RESULT,
}


@dataclass
class CompassEntry:
    indicator: Indicator
    sources: list[str]
    has_data: bool


def compass(user, pilot: Pilot, today: dt.date) -> list[tuple[str, str, list[CompassEntry]]]:
    """(block value, label, entries) for every block, empty blocks included: the gaps show.
    A goal's indicator goes in the block chosen for it, else the one its RBA question points
    to; an indicator of a theory-of-change element goes in the element's block."""
    placed: dict[str, dict[int, CompassEntry]] = {b: {} for b in CompassBlock.values}
    latest = latest_period(pilot, today)

    def put(block: str, indicator: Indicator, source: str) -> None:
        entry = placed[block].setdefault(indicator.pk, CompassEntry(indicator, [], False))
        if source not in entry.sources:
            entry.sources.append(source)

    for goal in pilot.goals.prefetch_related("links__indicator"):
        for link in goal.links.all():
            block = link.block or QUESTION_BLOCK.get(link.indicator.question, "")
            put(block, link.indicator, _("goal: %(goal)s") % {"goal": goal.title})
    for element in pilot.elements.prefetch_related("indicators"):
        for indicator in element.indicators.all():
            put(
                ELEMENT_BLOCK[element.kind],
                indicator,
                _("theory of change: %(title)s") % {"title": element.title},
            )
    indicators = [e.indicator for block in placed.values() for e in block.values()]
    data = has_data(user, indicators, [latest]) if indicators else {}
    result = []
    for block, label in CompassBlock.choices:
        entries = sorted(placed[block].values(), key=lambda e: e.indicator.code)
        for entry in entries:
            entry.has_data = data.get((entry.indicator.pk, latest), False)
        result.append((block, str(label), entries))
    return result


# --- other explanations -------------------------------------------------------------------------
@dataclass
class ContextChange:
    indicator: Indicator
    series: Series
    change: float | None


@dataclass
class ComparisonResult:
    comparison: object
    periods: list[str]
    treated: Series
    control: Series
    did: analysis.DiD
    treated_change: float | None
    control_change: float | None
    context: list[ContextChange]
    conclusions: list[str]


def comparison_result(user, comparison) -> ComparisonResult:
    """Difference in differences between the groups, plus each context series' change over
    the same half-years, and in plain words what the data can and cannot tell."""
    indicator = comparison.indicator
    periods = [str(p) for p in period_range(comparison.before_first, comparison.after_last)]
    if comparison.level == comparison.Level.AREAS:
        treated = actual_series(
            user, indicator, periods, areas=[a.pk for a in comparison.treated_areas.all()]
        )
        control = actual_series(
            user, indicator, periods, areas=[a.pk for a in comparison.control_areas.all()]
        )
    else:
        treated = actual_series(
            user,
            indicator,
            periods,
            organisations=[o.pk for o in comparison.treated_organisations.all()],
        )
        control = actual_series(
            user,
            indicator,
            periods,
            organisations=[o.pk for o in comparison.control_organisations.all()],
        )
    did = analysis.difference_in_differences(
        treated,
        control,
        before_first=comparison.before_first,
        start=comparison.start_period,
        after_last=comparison.after_last,
    )
    treated_change = analysis.relative_change(treated, did.before, did.after)
    control_change = analysis.relative_change(control, did.before, did.after)
    context = []
    for other in comparison.context_indicators.all():
        series = actual_series(user, other, periods)
        context.append(
            ContextChange(other, series, analysis.relative_change(series, did.before, did.after))
        )
    return ComparisonResult(
        comparison,
        periods,
        treated,
        control,
        did,
        treated_change,
        control_change,
        context,
        conclusions(did, treated_change, context),
    )


def conclusions(
    did: analysis.DiD, treated_change: float | None, context: list[ContextChange]
) -> list[str]:
    """The sentences at the top of the comparison page: the estimate, every reason it cannot
    be trusted, and every context series that moved as much as the pilot's own indicator."""
    said = []
    if did.estimate is not None:
        said.append(
            _(
                "Compared with the group without the pilot, the pilot group changed by "
                "%(estimate)s per half-year (difference in differences)."
            )
            % {"estimate": figure(Decimal(str(round(did.estimate, 1))))}
        )
    said.extend(did.problems)
    for item in context:
        if item.change is None or treated_change is None:
            continue
        same_direction = (item.change < 0) == (treated_change < 0)
        if same_direction and abs(item.change) >= abs(treated_change) / 2:
            said.append(
                _(
                    "%(name)s changed by %(context)s over the same half-years, against "
                    "%(own)s for the pilot group: a general trend could explain much of the "
                    "change."
                )
                % {
                    "name": item.indicator.name,
                    "context": percent(item.change),
                    "own": percent(treated_change),
                }
            )
    if did.separable and len(said) == 1:
        said.append(
            _(
                "The groups moved in parallel before the start and the difference is larger "
                "than the normal variation: the data point to an effect of the pilot, if the "
                "assumptions below hold."
            )
        )
    else:
        said.append(
            _("On these data the pilot cannot be separated from a general trend or chance.")
        )
    return said
