"""The aggregates the dashboard reads: published values summed per level, with the disclosure
pattern for outsiders and the completeness of totals over organisations decided at the same
time.

Levels (``organisation``, ``area``, ``theme``; None means "all"):

* (contractor, area, –): one wijk; (contractor, –, –): one contractor; (–, –, –): the municipality;
* (contractor, –, theme) and (–, –, theme): per theme, for values delivered or computed per theme.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import BigIntegerField, Count, F, Max, Min, Q, Sum
from django.db.models import Value as Literal
from django.db.models.functions import Greatest

from wijkregie.common import disclosure
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area
from wijkregie.reporting.models import Delivery, FactsGeneration, Rollup, Value

LEVELS: tuple[tuple[tuple[str, ...], Q], ...] = (
    (("organisation_id", "area_id"), Q(area__isnull=False)),
    (("organisation_id",), Q()),
    ((), Q()),
    (("organisation_id", "theme_id"), Q(theme__isnull=False)),
    (("theme_id",), Q(theme__isnull=False)),
)


MIXED = "mixed"


def _one(first: str, last: str) -> str:
    return first if first == last else MIXED


def protect_rollups(indicator: Indicator, rollups: list[Rollup]) -> None:
    """Decide the outsider disclosure pattern for the rollups of one indicator and period."""
    table = {(r.organisation_id, r.area_id, r.theme_id): r for r in rollups}
    suppression = disclosure.protect_table(indicator, table)
    for key, rollup in table.items():
        rollup.suppression = suppression[key]


def expected_organisations(indicator: Indicator, periods: Iterable[str]) -> dict[str, set[int]]:
    """Per half-year, the organisations expected to contribute to the indicator's totals:

    * every organisation between its first and last published value for the indicator (an
      organisation that joins or leaves the commission is not missing before or after);
    * for indicators the teams deliver: every organisation with a delivery for that half-year
      (a delivery sent back or still open leaves its organisation missing);
    * for figures computed from registrations: every team organisation responsible for a wijk.
    """
    periods = sorted(set(periods))
    expected: dict[str, set[int]] = {p: set() for p in periods}
    spans = (
        Value.objects.filter(indicator=indicator, state__in=Value.PUBLISHED)
        .values("organisation_id")
        .annotate(first=Min("period"), last=Max("period"))
        .order_by()
    )
    for span in spans:
        for period in periods:
            if span["first"] <= period <= span["last"]:
                expected[period].add(span["organisation_id"])
    if indicator.source == Indicator.Source.DELIVERED:
        rows = (
            Delivery.objects.filter(period__in=periods)
            .exclude(state=Delivery.State.SUPERSEDED)
            .values_list("period", "organisation_id")
        )
        for period, organisation_id in rows:
            expected[period].add(organisation_id)
    if Value.objects.filter(indicator=indicator, source=Value.Source.COMPUTED).exists():
        teams = set(
            Area.objects.filter(responsible_organisation__isnull=False)
            .values_list("responsible_organisation_id", flat=True)
            .distinct()
        )
        for period in periods:
            expected[period] |= teams
    return expected


def mark_missing(rollups: list[Rollup], expected: set[int]) -> None:
    """Totals over organisations (the municipality, a theme) learn who did not contribute."""
    contributed = {r.organisation_id for r in rollups if r.organisation_id is not None}
    missing = sorted(expected - contributed)
    for rollup in rollups:
        rollup.missing = missing if rollup.organisation_id is None else []


@transaction.atomic
def refresh_rollups(pairs: Iterable[tuple[int, str]]) -> int:
    """Rebuild the rollups of these (indicator id, period) pairs from the published values.
    Returns the number of rollup rows written."""
    by_indicator: dict[int, set[str]] = defaultdict(set)
    for indicator_id, period in pairs:
        by_indicator[indicator_id].add(str(period))
    written = 0
    indicators = Indicator.objects.in_bulk(list(by_indicator))
    for indicator_id, periods in sorted(by_indicator.items()):
        indicator = indicators.get(indicator_id)
        Rollup.objects.filter(indicator_id=indicator_id, period__in=periods).delete()
        if indicator is None:
            continue
        values = Value.objects.filter(
            indicator_id=indicator_id, period__in=periods, state__in=Value.PUBLISHED
        )
        by_period: dict[str, list[Rollup]] = defaultdict(list)
        for dims, condition in LEVELS:
            rows = (
                values.filter(condition)
                .values("period", *dims)
                .annotate(
                    sum_value=Sum("value"),
                    sum_numerator=Sum("numerator"),
                    sum_denominator=Sum("denominator"),
                    n_rows=Count("id"),
                    n_measured=Count("value"),
                    n_not_measurable=Count("id", filter=Q(not_measurable=True)),
                    first_source=Min("source"),
                    last_source=Max("source"),
                    first_state=Min("state"),
                    last_state=Max("state"),
                )
                .order_by()
            )
            for row in rows:
                by_period[row["period"]].append(
                    Rollup(
                        indicator_id=indicator_id,
                        period=row["period"],
                        organisation_id=row.get("organisation_id"),
                        area_id=row.get("area_id"),
                        theme_id=row.get("theme_id"),
                        total=row["sum_value"],
                        numerator=row["sum_numerator"],
                        denominator=row["sum_denominator"],
                        rows=row["n_rows"],
                        measured=row["n_measured"],
                        not_measurable=row["n_not_measurable"],
                        source=_one(row["first_source"], row["last_source"]),
                        state=_one(row["first_state"], row["last_state"]),
                    )
                )
        expected = expected_organisations(indicator, by_period)
        for period, rollups in by_period.items():
            protect_rollups(indicator, rollups)
            mark_missing(rollups, expected[period])
            Rollup.objects.bulk_create(rollups, batch_size=2000)
            written += len(rollups)
    generation_bump()
    return written


def refresh_all() -> int:
    pairs = Value.objects.values_list("indicator_id", "period").distinct().order_by()
    Rollup.objects.all().delete()
    return refresh_rollups(pairs)


#: Within a request (between ``request_started`` and ``request_finished``) the generation is
#: read once; a bump in the request forgets it.
_request = threading.local()


def generation_memo_start(**kwargs) -> None:
    _request.generation = None
    _request.active = True


def generation_memo_end(**kwargs) -> None:
    _request.generation = None
    _request.active = False


def generation() -> int:
    """The facts generation (``FactsGeneration``): read by every cache of figures."""
    if getattr(_request, "active", False) and _request.generation is not None:
        return _request.generation
    value = FactsGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def generation_bump(**kwargs) -> None:
    """What the figures are read from changed: every cached figure is stale. In the caller's
    transaction, so a cache never sees the new generation before the new facts. (Also a signal
    receiver, hence ``**kwargs``.)

    The new number is at least the clock in nanoseconds, not just one more: a transaction that
    bumped and was then rolled back may have cached its own uncommitted view under its number,
    and the next bump must never hand out that number again."""
    _request.generation = None
    fresh = Greatest(F("value") + 1, Literal(time.time_ns()), output_field=BigIntegerField())
    if not FactsGeneration.objects.filter(pk=1).update(value=fresh):
        FactsGeneration.objects.get_or_create(pk=1, defaults={"value": time.time_ns()})


@dataclass
class Sums:
    total: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if b is None:
        return a
    return b if a is None else a + b


def preview_tables(
    organisation_id: int, period: str, own: list[Value]
) -> dict[int, dict[disclosure.Key, Sums]]:
    """Per indicator, the table of a half-year as it will be once ``own`` (an organisation's
    delivered values) is published beside the other organisations' published values: the same
    levels as the rollups, summed in Python (a delivery page holds a few hundred values)."""
    others = Value.objects.filter(period=period, state__in=Value.PUBLISHED).exclude(
        organisation_id=organisation_id, source=Value.Source.DELIVERED
    )
    wanted = {v.indicator_id for v in own}
    rows = [
        (
            v.indicator_id,
            v.organisation_id,
            v.area_id,
            v.theme_id,
            v.value,
            v.numerator,
            v.denominator,
        )
        for v in own
    ]
    rows += list(
        others.filter(indicator_id__in=wanted).values_list(
            "indicator_id",
            "organisation_id",
            "area_id",
            "theme_id",
            "value",
            "numerator",
            "denominator",
        )
    )
    tables: dict[int, dict[disclosure.Key, Sums]] = defaultdict(dict)
    for indicator_id, org, area, theme, value, numerator, denominator in rows:
        keys = [(org, None, None), (None, None, None)]
        if area is not None:
            keys.append((org, area, None))
        if theme is not None:
            keys += [(org, None, theme), (None, None, theme)]
        for key in keys:
            sums = tables[indicator_id].setdefault(key, Sums())
            sums.total = _add(sums.total, value)
            sums.numerator = _add(sums.numerator, numerator)
            sums.denominator = _add(sums.denominator, denominator)
    return tables
