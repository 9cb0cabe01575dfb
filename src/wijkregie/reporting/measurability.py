"""The delivered facts the indicator register's measurability lint asks about
(``wijkregie.indicators.lint.Facts``); provided in ``ReportingConfig.ready``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from wijkregie.common.periods import Period
from wijkregie.reporting.models import Rollup, Value

UNPUBLISHED = [Value.State.DRAFT, Value.State.SUPERSEDED]


def delivered() -> set[int]:
    return set(
        Value.objects.exclude(state__in=UNPUBLISHED)
        .filter(not_measurable=False)
        .values_list("indicator_id", flat=True)
        .distinct()
    )


def not_measurable_twice() -> set[int]:
    marked: dict[tuple[int, int], set[Period]] = defaultdict(set)
    rows = (
        Value.objects.filter(not_measurable=True)
        .exclude(state__in=UNPUBLISHED)
        .values_list("indicator_id", "organisation_id", "period")
        .distinct()
    )
    for indicator_id, organisation_id, period in rows:
        marked[(indicator_id, organisation_id)].add(Period.parse(period))
    return {
        indicator_id
        for (indicator_id, _org), periods in marked.items()
        if any(p.next() in periods for p in periods)
    }


def published_totals(indicator_ids: list[int]) -> Iterable[tuple[int, int, str, str, Decimal]]:
    return Rollup.objects.filter(
        indicator_id__in=indicator_ids,
        organisation__isnull=False,
        area__isnull=True,
        theme__isnull=True,
        measured__gt=0,
    ).values_list("indicator_id", "organisation_id", "organisation__name", "period", "total")
