"""Reads of registrations: the IB comparison under disclosure control for everyone, runs, and
record-level trajectories for the delivering organisation only (every read audit-logged by the
view)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.db.models import QuerySet

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors as insights
from wijkregie.organisations.models import Organisation
from wijkregie.registrations.models import ImportRun, Trajectory

#: The columns of the IB comparison, in order.
IB_CODES = ("REG-IB-TEAM", "REG-IB-INDICATIES", "REG-IB-KOSTEN", "REG-OVERDRACHT")


@dataclass
class IbRow:
    organisation: str
    period: str
    figures: list  # insights.selectors.Figure | None per IB_CODES


def ib_comparison(user, periods: list[str] | None = None) -> tuple[list[Indicator], list[IbRow]]:
    """Per contractor and half-year: clients with IB from the team next to the IB indications
    the team issued (and their yearly cost, and early handovers)."""
    indicators = list(Indicator.objects.filter(code__in=IB_CODES))
    indicators.sort(key=lambda i: IB_CODES.index(i.code))
    periods = periods or insights.default_periods()
    found = insights.figures(user, indicators, periods, level="contractors")
    organisations = Organisation.objects.filter(
        kind=Organisation.Kind.TEAM_ORGANISATION, active=True
    ).order_by("name")
    rows = []
    for organisation in organisations:
        for period in periods:
            key = (organisation.pk, None, None)
            cells = [found.get((i.pk, period, key)) for i in indicators]
            if any(cells):
                rows.append(IbRow(organisation.name, period, cells))
    return indicators, rows


def runs_for(user) -> QuerySet[ImportRun]:
    """Every run for the municipality's readers; a team's own runs for its members."""
    runs = ImportRun.objects.select_related("organisation", "started_by")
    own = team_organisation_ids(user)
    if own:
        return runs.filter(organisation_id__in=own)
    return runs if user.has_perm("registrations.view_runs") else runs.none()


def trajectories_of(organisation: Organisation) -> QuerySet[Trajectory]:
    return (
        Trajectory.objects.filter(organisation=organisation)
        .select_related("area", "theme")
        .order_by("-start", "trajectory_id")
    )


def median_durations(organisation: Organisation, periods: list[str]) -> dict[str, float | None]:
    """Median days of the trajectories closed in each half-year (for the organisation itself:
    medians do not add up over wijken, so the fact grain holds the mean)."""
    from wijkregie.common.periods import Period

    result = {}
    for label in periods:
        period = Period.parse(label)
        days = [
            (end - start).days
            for start, end in Trajectory.objects.filter(
                organisation=organisation, end__range=(period.start, period.end)
            ).values_list("start", "end")
        ]
        result[label] = statistics.median(days) if days else None
    return result
