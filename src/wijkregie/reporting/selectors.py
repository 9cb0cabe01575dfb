"""Reads of half-year deliveries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.common.periods import Period
from wijkregie.deidentification.selectors import PREPARING
from wijkregie.indicators.models import Indicator
from wijkregie.insights import disclosure
from wijkregie.organisations.models import Area, Organisation
from wijkregie.reporting.models import Delivery, Value
from wijkregie.reporting.rollups import basis_of
from wijkregie.reporting.services import expected_lines


def deliveries_for(user) -> QuerySet[Delivery]:
    deliveries = Delivery.objects.select_related("organisation")
    if user.has_perm("reporting.view_delivery"):  # without an object: every organisation
        return deliveries
    return deliveries.filter(organisation_id__in=team_organisation_ids(user))


@dataclass
class Status:
    organisation: Organisation
    period: Period
    due_date: dt.date
    delivery: Delivery | None

    @property
    def done(self) -> bool:
        return self.delivery is not None and self.delivery.state in (
            Delivery.State.SUBMITTED,
            Delivery.State.APPROVED,
        )

    def overdue(self, today: dt.date) -> bool:
        return not self.done and today > self.due_date


def status_board(user, *, today: dt.date, count: int = 4) -> list[Status]:
    """Per visible team organisation, the last ``count`` half-years that have ended plus the
    current one: the newest version of the delivery, its due date and whether it is overdue."""
    organisations = Organisation.objects.filter(
        kind=Organisation.Kind.TEAM_ORGANISATION, active=True
    ).order_by("name")
    if not user.has_perm("reporting.view_delivery"):
        organisations = organisations.filter(pk__in=team_organisation_ids(user))
    current = Period.containing(today)
    periods = [current]
    for _step in range(count):
        periods.append(periods[-1].previous())
    latest: dict[tuple[int, str], Delivery] = {}
    for delivery in Delivery.objects.filter(period__in=[str(p) for p in periods]).order_by(
        "number"
    ):
        latest[(delivery.organisation_id, delivery.period)] = delivery
    days = settings.WIJKREGIE_DELIVERY_DUE_DAYS
    return [
        Status(org, period, period.due_date(days), latest.get((org.pk, str(period))))
        for period in periods
        for org in organisations
    ]


@dataclass
class Line:
    indicator: Indicator
    area: Area | None
    value: Value | None
    suppression: str = ""
    note: str = ""  # the reason (not measurable) or explanation; de-identified for outsiders

    @property
    def display(self) -> str:
        if self.value is None:
            return ""
        if self.value.not_measurable:
            return ""
        count = self.indicator.counts_persons and not self.indicator.is_ratio
        return disclosure.display(self.value.value, self.suppression, count=count)


def lines(delivery: Delivery, user) -> list[Line]:
    """The delivery's lines. Outside the delivering organisation, person counts are under
    disclosure control: small counts hidden, and a second wijk hidden where the contractor's
    total would reveal the first."""
    stored = {(v.indicator_id, v.area_id): v for v in delivery.values.all()}
    result = [
        Line(indicator, area, stored.get((indicator.pk, area.pk if area else None)))
        for indicator, area in expected_lines(delivery.organisation)
    ]
    own = delivery.organisation_id in team_organisation_ids(user)
    for line in result:
        if line.value is not None:
            note = Value.note_of(line.value)
            line.note = note if own or not note else (line.value.shared_note or PREPARING)
    if own:
        return result
    by_indicator: dict[int, list[Line]] = {}
    for line in result:
        by_indicator.setdefault(line.indicator.pk, []).append(line)
    for group in by_indicator.values():
        indicator = group[0].indicator
        cells = {}
        small_base = []
        total = Decimal(0)
        for line in group:
            key = line.area.pk if line.area else 0
            value = line.value
            basis = (
                basis_of(indicator, value.value, value.numerator)
                if value and not value.not_measurable
                else None
            )
            cells[key] = disclosure.Cell(key, basis)
            total += basis or 0
            if (
                value is not None
                and indicator.is_ratio
                and indicator.denominator_is_persons
                and disclosure.is_small(value.denominator)
            ):
                small_base.append(key)
        cells["total"] = disclosure.Cell("total", total)
        parts = [k for k in cells if k != "total"]
        disclosure.protect(cells, [disclosure.Group("total", parts)], extra_primary=small_base)
        for line in group:
            line.suppression = cells[line.area.pk if line.area else 0].suppression
    return result
