"""Figures computed from the imported trajectories, stored as indicator values with source
"computed" in the one fact grain (``reporting.Value``), per organisation × wijk × theme ×
half-year.

A trajectory is *active* in a half-year when it starts on or before the half-year's last day and
has no end date or ends on or after its first day. Person counts are distinct pseudonymised
clients within one cell (organisation × wijk × theme × half-year); a client supported in two
themes counts in both cells, so contractor totals count client-theme combinations.

Durations: the median is not additive over wijken and themes, so the fact grain holds the mean
duration as a ratio (days of closed trajectories / closed trajectories), which adds up correctly
at every level. The median per organisation and half-year is shown on the registrations page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from wijkregie.common.periods import Period, period_range
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.registrations.models import Trajectory
from wijkregie.reporting.models import Value
from wijkregie.reporting.rollups import refresh_rollups

HANDOVER_WINDOW_DAYS = 183  # "within 6 months of the IB start"
REENTRY_WINDOW_DAYS = 365  # "within 12 months after closing one"

K = Trajectory.Kind
U = Indicator.Unit


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    definition: str
    unit: str
    question: str
    polarity: str = Indicator.Polarity.NEUTRAL
    formula: str = Indicator.Formula.NONE
    factor: Decimal = Decimal(1)
    numerator_label: str = ""
    denominator_label: str = ""
    aggregation: str = Indicator.Aggregation.SUM


Q = Indicator.Question
DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "REG-CLIENTEN",
        "Cliënten met ondersteuning (uit registraties)",
        "Aantal verschillende inwoners met een lopend traject bij het wijkteam in het halfjaar.",
        U.PERSONS,
        Q.HOW_MUCH,
    ),
    Definition(
        "REG-GESTART",
        "Gestarte trajecten (uit registraties)",
        "Aantal trajecten dat in het halfjaar begon.",
        U.COUNT,
        Q.HOW_MUCH,
    ),
    Definition(
        "REG-IB-TEAM",
        "Cliënten met IB van het team (uit registraties)",
        "Aantal verschillende inwoners dat in het halfjaar individuele begeleiding kreeg van het "
        "wijkteam zelf.",
        U.PERSONS,
        Q.HOW_MUCH,
    ),
    Definition(
        "REG-IB-INDICATIES",
        "Afgegeven IB-indicaties (uit registraties)",
        "Aantal indicaties voor individuele begeleiding door een Wmo-aanbieder dat in het "
        "halfjaar is afgegeven.",
        U.COUNT,
        Q.HOW_MUCH,
        polarity=Indicator.Polarity.LOWER,
    ),
    Definition(
        "REG-IB-KOSTEN",
        "Jaarkosten van afgegeven IB-indicaties (uit registraties)",
        "Som van de kosten per jaar van de IB-indicaties die in het halfjaar zijn afgegeven.",
        U.EUROS,
        Q.HOW_MUCH,
        polarity=Indicator.Polarity.LOWER,
    ),
    Definition(
        "REG-OVERDRACHT",
        "Overdrachten binnen 6 maanden na start IB (uit registraties)",
        "Aantal inwoners dat in het halfjaar werd overgedragen aan een Wmo-aanbieder binnen zes "
        "maanden nadat het team zelf IB begon: het risico van de dubbele rol.",
        U.PERSONS,
        Q.HOW_WELL,
        polarity=Indicator.Polarity.LOWER,
    ),
    Definition(
        "REG-DUUR",
        "Gemiddelde duur van afgesloten trajecten in dagen (uit registraties)",
        "Gemiddeld aantal dagen tussen start en einde van de trajecten die in het halfjaar "
        "werden afgesloten.",
        U.DAYS,
        Q.HOW_WELL,
        formula=Indicator.Formula.RATIO,
        numerator_label="dagen van afgesloten trajecten",
        denominator_label="afgesloten trajecten",
    ),
    Definition(
        "REG-DOEL-BEREIKT",
        "Afgesloten trajecten met doel bereikt (uit registraties)",
        "Percentage van de in het halfjaar afgesloten trajecten met uitstroomreden 'doel bereikt'.",
        U.PERCENTAGE,
        Q.BETTER_OFF,
        polarity=Indicator.Polarity.HIGHER,
        formula=Indicator.Formula.RATIO,
        factor=Decimal(100),
        numerator_label="afgesloten met doel bereikt",
        denominator_label="afgesloten trajecten",
    ),
    Definition(
        "REG-TERUGKEER",
        "Terugkeer binnen 12 maanden (uit registraties)",
        "Aantal inwoners dat in het halfjaar een nieuw traject begon binnen twaalf maanden nadat "
        "een eerder traject werd afgesloten.",
        U.PERSONS,
        Q.BETTER_OFF,
        polarity=Indicator.Polarity.LOWER,
    ),
)
CODES = [d.code for d in DEFINITIONS]


def ensure_indicators() -> dict[str, Indicator]:
    """The computed indicators, created on first use (their definitions can then be edited
    like any other; only code, source and formula are fixed)."""
    found = {i.code: i for i in Indicator.objects.filter(code__in=CODES)}
    for d in DEFINITIONS:
        if d.code in found:
            continue
        found[d.code] = Indicator.objects.create(
            code=d.code,
            name=d.name,
            definition=d.definition,
            technical_definition="Berekend door Wijkregie uit de geïmporteerde registraties; "
            "zie docs/registrations.md.",
            unit=d.unit,
            question=d.question,
            polarity=d.polarity,
            source=Indicator.Source.COMPUTED,
            formula=d.formula,
            factor=d.factor,
            numerator_label=d.numerator_label,
            denominator_label=d.denominator_label,
            denominator_is_persons=False,
            aggregation=d.aggregation,
            tier=Indicator.Tier.SECONDARY,
            granularity=Indicator.Granularity.AREA,
        )
    return found


Cell = tuple[int, int]  # (area id, theme id)


def _compute(trajectories: list[tuple], periods: list[Period]) -> dict[tuple[str, str, Cell], list]:
    """(code, period, cell) → [value, numerator, denominator] from trajectory tuples
    (client, area, theme, kind, start, end, outflow, cost)."""
    out: dict[tuple[str, str, Cell], list] = {}
    sets: dict[tuple[str, str, Cell], set] = defaultdict(set)
    ib_starts: dict[str, list[dt.date]] = defaultdict(list)
    closed_by_client: dict[str, list[dt.date]] = defaultdict(list)
    for client, _area, _theme, kind, start, end, _outflow, _cost in trajectories:
        if kind == K.IB_TEAM:
            ib_starts[client].append(start)
        if end is not None:
            closed_by_client[client].append(end)

    def add(code: str, period: str, cell: Cell, value=0, numerator=None, denominator=None):
        slot = out.setdefault((code, period, cell), [Decimal(0), None, None])
        slot[0] += value
        if numerator is not None:
            slot[1] = (slot[1] or Decimal(0)) + numerator
            slot[2] = (slot[2] or Decimal(0)) + denominator

    bounds = [(str(p), p.start, p.end) for p in periods]
    for client, area, theme, kind, start, end, outflow, cost in trajectories:
        cell = (area, theme)
        for label, first, last in bounds:
            if start > last or (end is not None and end < first):
                continue
            sets[("REG-CLIENTEN", label, cell)].add(client)
            if kind == K.IB_TEAM:
                sets[("REG-IB-TEAM", label, cell)].add(client)
            if first <= start <= last:
                add("REG-GESTART", label, cell, 1)
                if kind == K.INDICATION_IB:
                    add("REG-IB-INDICATIES", label, cell, 1)
                    add("REG-IB-KOSTEN", label, cell, cost or 0)
                if kind == K.HANDOVER and any(
                    0 <= (start - ib).days <= HANDOVER_WINDOW_DAYS for ib in ib_starts[client]
                ):
                    sets[("REG-OVERDRACHT", label, cell)].add(client)
                if any(
                    0 < (start - closed).days <= REENTRY_WINDOW_DAYS
                    for closed in closed_by_client[client]
                ):
                    sets[("REG-TERUGKEER", label, cell)].add(client)
            if end is not None and first <= end <= last:
                days = Decimal((end - start).days)
                add("REG-DUUR", label, cell, 0, days, Decimal(1))
                reached = Decimal(1 if outflow == Trajectory.Outflow.GOAL_REACHED else 0)
                add("REG-DOEL-BEREIKT", label, cell, 0, reached, Decimal(1))
    for key, members in sets.items():
        out[key] = [Decimal(len(members)), None, None]
    return out


def affected_periods(organisation: Organisation, first_day: dt.date | None) -> list[Period]:
    """From the half-year of ``first_day`` (or of the earliest trajectory) up to the last
    half-year the organisation's trajectories reach: today while any is still open, else the
    latest start or end — never past the current half-year."""
    qs = Trajectory.objects.filter(organisation=organisation)
    earliest = qs.order_by("start").values_list("start", flat=True).first()
    if earliest is None:
        return []
    today = dt.date.today()
    if qs.filter(end=None).exists():
        last = today
    else:
        latest_start = qs.order_by("-start").values_list("start", flat=True).first()
        latest_end = qs.order_by("-end").values_list("end", flat=True).first()
        last = min(max(latest_start, latest_end or latest_start), today)
    return period_range(Period.containing(first_day or earliest), Period.containing(last))


@transaction.atomic
def recompute(organisation: Organisation, periods: list[Period]) -> int:
    """Replace the organisation's computed values for these half-years and refresh the
    rollups. Returns the number of values written."""
    indicators = ensure_indicators()
    labels = [str(p) for p in periods]
    removed_pairs = set(
        Value.objects.filter(
            organisation=organisation,
            indicator__code__in=CODES,
            period__in=labels,
            state=Value.State.COMPUTED,
        ).values_list("indicator_id", "period")
    )
    Value.objects.filter(
        organisation=organisation,
        indicator__code__in=CODES,
        period__in=labels,
        state=Value.State.COMPUTED,
    ).delete()
    if not periods:
        return 0
    # Earlier trajectories matter for re-entry and handovers: read from 12 months before.
    since = periods[0].start - dt.timedelta(days=REENTRY_WINDOW_DAYS)
    rows = list(
        Trajectory.objects.filter(organisation=organisation, start__lte=periods[-1].end)
        .exclude(end__lt=since)
        .values_list(
            "client", "area_id", "theme_id", "kind", "start", "end", "outflow", "cost_per_year"
        )
        .iterator(chunk_size=20_000)
    )
    figures = _compute(rows, periods)
    values = []
    for (code, period, (area, theme)), (value, numerator, denominator) in figures.items():
        indicator = indicators[code]
        if indicator.is_ratio:
            value = (
                (numerator / denominator * indicator.factor).quantize(Decimal("0.0001"))
                if denominator
                else None
            )
        values.append(
            Value(
                indicator=indicator,
                organisation=organisation,
                area_id=area,
                theme_id=theme,
                period=period,
                source=Indicator.Source.COMPUTED,
                state=Value.State.COMPUTED,
                value=value,
                numerator=numerator,
                denominator=denominator,
            )
        )
    Value.objects.bulk_create(values, batch_size=2000)
    pairs = removed_pairs | {(indicators[c].pk, p) for (c, p, _cell) in figures}
    refresh_rollups(pairs)
    return len(values)
