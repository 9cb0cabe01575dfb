"""The aggregates the dashboard reads: published values summed per level, with the disclosure
pattern for outsiders decided at the same time.

Levels (``organisation``, ``area``, ``theme``; None means "all"):

* (contractor, area, –): one wijk; (contractor, –, –): one contractor; (–, –, –): the municipality;
* (contractor, –, theme) and (–, –, theme): per theme, for values delivered or computed per theme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum

from wijkregie.indicators.models import Indicator
from wijkregie.insights import disclosure
from wijkregie.reporting.models import Rollup, Value

Key = tuple[int | None, int | None, int | None]  # (organisation, area, theme)

LEVELS: tuple[tuple[tuple[str, ...], Q], ...] = (
    (("organisation_id", "area_id"), Q(area__isnull=False)),
    (("organisation_id",), Q()),
    ((), Q()),
    (("organisation_id", "theme_id"), Q(theme__isnull=False)),
    (("theme_id",), Q(theme__isnull=False)),
)


def groups_for(keys: Iterable[Key]) -> list[disclosure.Group]:
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
    groups = [disclosure.Group(total, sorted(parts, key=str)) for total, parts in children.items()]
    groups += [
        disclosure.Group(total, sorted(parts, key=str)) for total, parts in theme_children.items()
    ]
    return groups


def basis_of(indicator: Indicator, total, numerator) -> Decimal | None:
    """The person count a rollup rests on, or None when disclosure control does not apply."""
    if indicator.is_ratio:
        return numerator if indicator.denominator_is_persons else None
    if indicator.counts_persons and indicator.aggregation == Indicator.Aggregation.SUM:
        return total
    return None


def protect_rollups(indicator: Indicator, rollups: list[Rollup]) -> None:
    """Decide the outsider disclosure pattern for the rollups of one indicator and period."""
    cells: dict[Hashable, disclosure.Cell] = {}
    small_base = []
    for rollup in rollups:
        key = (rollup.organisation_id, rollup.area_id, rollup.theme_id)
        cells[key] = disclosure.Cell(key, basis_of(indicator, rollup.total, rollup.numerator))
        if (
            indicator.is_ratio
            and indicator.denominator_is_persons
            and disclosure.is_small(rollup.denominator)
        ):
            small_base.append(key)
    disclosure.protect(cells, groups_for(cells), extra_primary=small_base)
    for rollup in rollups:
        rollup.suppression = cells[
            (rollup.organisation_id, rollup.area_id, rollup.theme_id)
        ].suppression


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
                    )
                )
        for rollups in by_period.values():
            protect_rollups(indicator, rollups)
            Rollup.objects.bulk_create(rollups, batch_size=2000)
            written += len(rollups)
    return written


def refresh_all() -> int:
    pairs = Value.objects.values_list("indicator_id", "period").distinct().order_by()
    Rollup.objects.all().delete()
    return refresh_rollups(pairs)
