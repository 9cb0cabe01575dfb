"""Reads of the public figures: the current release, as tables for the dashboard and as rows
for the open data and the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from wijkregie.common import memo
from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area
from wijkregie.publication import public
from wijkregie.publication.models import PublicRelease

#: How long a cached public page part lives at most; its key names the release, so a change of
#: the facts makes it unreachable at once and this only bounds the memory of old releases.
CACHE_SECONDS = 60 * 60


def release() -> PublicRelease:
    return public.current()


def rows(
    release: PublicRelease,
    *,
    indicator: str | None = None,
    period: str | None = None,
    area: str | None = None,
) -> list[dict]:
    return [
        row
        for row in release.rows
        if (not indicator or row["indicator"] == indicator)
        and (not period or row["period"] == period)
        and (not area or row["area"] == area)
    ]


@dataclass
class Table:
    indicator: Indicator
    periods: list[str]
    cells: dict[str, dict] = field(default_factory=dict)  # period → row


def places(release: PublicRelease) -> list[tuple[str, str]]:
    """(code, name) of the municipality and its wijken, for the choice on the page; read once
    per release and process (an area's change makes a new release)."""

    def read() -> list[tuple[str, str]]:
        municipality = public.municipality_code()
        wijken = list(Area.objects.order_by("name").values_list("code", "name"))
        return [(municipality, "Zaanstad"), *wijken]

    return memo.latest("public:places", release.stamp, read)


def tables(release: PublicRelease, area: str) -> list[Table]:
    """Per headline indicator the half-years with a figure for ``area``, oldest first."""
    by_indicator: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows(release, area=area):
        by_indicator[row["indicator"]][row["period"]] = row
    out = []
    for indicator in public.indicators():
        cells = by_indicator.get(indicator.code, {})
        if not cells:
            continue
        periods = sorted(cells, key=Period.parse)
        out.append(Table(indicator, periods, cells))
    return out


def municipality_code() -> str:
    return public.municipality_code()


def published_indicators() -> list[Indicator]:
    return public.indicators()


def protect(figure) -> tuple[str | None, str]:
    """The public text of one figure and the rule applied to it (see ``public.protect``)."""
    return public.protect(figure)


def number_text(value) -> str:
    return public.number_text(value)
