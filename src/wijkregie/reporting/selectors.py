"""Reads of half-year deliveries."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.common import disclosure
from wijkregie.common.periods import Period
from wijkregie.deidentification.selectors import PREPARING
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Organisation
from wijkregie.reporting import rollups
from wijkregie.reporting.models import Delivery, Value
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
class Provisional:
    """Which figures of some half-years are provisional (see ``provisional``)."""

    running: set[str]
    #: Per ended half-year with deliveries: the team organisations whose delivery is not
    #: approved (missing, open or sent back).
    unapproved: dict[str, set[int]]

    @property
    def periods(self) -> set[str]:
        """Half-years that are provisional as a whole (and so their totals)."""
        return self.running | {p for p, orgs in self.unapproved.items() if orgs}

    def of(self, period: str, organisation_id: int | None) -> bool:
        """A total is provisional with its half-year; an organisation's own figure while the
        half-year runs or while its own delivery is not approved."""
        if period in self.running:
            return True
        if organisation_id is None:
            return bool(self.unapproved.get(period))
        return organisation_id in self.unapproved.get(period, set())


def provisional(periods: list[str], today: dt.date) -> Provisional:
    """The one rule for provisional figures; every page, export and the API use it. A half-year
    is provisional while it has not ended, or when it has deliveries and not every team
    organisation's delivery of it is approved. (A half-year without any delivery, from before
    Wijkregie, is final once it has ended.)"""
    running = {p for p in periods if Period.parse(p).end >= today}
    ended = [p for p in periods if p not in running]
    unapproved: dict[str, set[int]] = {}
    if ended:
        teams, states = _delivery_states()
        approved: dict[str, set[int]] = defaultdict(set)
        delivered: set[str] = set()
        for period, organisation_id, state in states:
            if period not in ended:
                continue
            delivered.add(period)
            if state == Delivery.State.APPROVED:
                approved[period].add(organisation_id)
        unapproved = {p: teams - approved[p] for p in delivered}
    return Provisional(running, unapproved)


# Within one request, the provisional rule reads the deliveries once (every column heading and
# figure of a page asks it); outside requests it always reads afresh.
_request = threading.local()


def generation() -> int:
    """The facts generation: caches of figures are keyed on it (see ``FactsGeneration``)."""
    return rollups.generation()


def request_memo_start(**kwargs) -> None:
    _request.memo = {}


def request_memo_end(**kwargs) -> None:
    _request.memo = None


def request_memo_forget(**kwargs) -> None:
    """A delivery was saved: what this request read of the deliveries is outdated."""
    if getattr(_request, "memo", None) is not None:
        _request.memo = {}


def _delivery_states() -> tuple[set[int], list[tuple[str, int, str]]]:
    memo = getattr(_request, "memo", None)
    if memo is not None and "delivery_states" in memo:
        return memo["delivery_states"]
    teams = set(
        Area.objects.filter(responsible_organisation__isnull=False)
        .values_list("responsible_organisation_id", flat=True)
        .distinct()
    )
    states = list(Delivery.objects.values_list("period", "organisation_id", "state"))
    if memo is not None:
        memo["delivery_states"] = (teams, states)
    return teams, states


def provisional_periods(periods: list[str], today: dt.date) -> set[str]:
    """The half-years that are provisional as a whole."""
    return provisional(periods, today).periods


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
    # Protected as the figures will be once published: this delivery's values in the table of
    # the half-year beside the other organisations' published ones, through the one function.
    mine = [line.value for line in result if line.value is not None]
    tables = rollups.preview_tables(delivery.organisation_id, delivery.period, mine)
    indicators = {line.indicator.pk: line.indicator for line in result}
    patterns = {
        indicator_id: disclosure.protect_table(indicators[indicator_id], table)
        for indicator_id, table in tables.items()
        if indicator_id in indicators
    }
    for line in result:
        key = (delivery.organisation_id, line.area.pk if line.area else None, None)
        line.suppression = patterns.get(line.indicator.pk, {}).get(key, "")
    return result
