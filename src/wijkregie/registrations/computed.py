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
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from wijkregie.common.periods import Period, period_range
from wijkregie.indicators import services as indicator_services
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.registrations.models import Trajectory
from wijkregie.reporting import services as reporting
from wijkregie.reporting.models import Value

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
    counts: str = Indicator.Counts.OTHER
    #: The delivered indicator that answers the same question, and why the two can differ.
    reconciles_with: str = ""
    reconciliation_note: str = ""


Q = Indicator.Question
DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "REG-CLIENTEN",
        "Cliënten met ondersteuning (uit registraties)",
        "Aantal verschillende inwoners met een lopend traject bij het wijkteam in het halfjaar.",
        U.PERSONS,
        Q.HOW_MUCH,
        counts=Indicator.Counts.CLIENTS,
    ),
    Definition(
        "REG-GESTART",
        "Gestarte trajecten (uit registraties)",
        "Aantal trajecten dat in het halfjaar begon.",
        U.COUNT,
        Q.HOW_MUCH,
        counts=Indicator.Counts.TRAJECTORIES,
    ),
    Definition(
        "REG-IB-TEAM",
        "Cliënten met IB van het team (uit registraties)",
        "Aantal verschillende inwoners dat in het halfjaar individuele begeleiding kreeg van het "
        "wijkteam zelf.",
        U.PERSONS,
        Q.HOW_MUCH,
        counts=Indicator.Counts.CLIENTS,
        reconciles_with="IB-TEAM",
        reconciliation_note="Beide tellen inwoners met lichte individuele begeleiding van het "
        "team zelf in het halfjaar. De levering telt per wijk wie begeleiding kreeg; de "
        "berekening telt uit de registraties per wijk en thema, zodat een inwoner met IB in "
        "twee thema's twee keer meetelt. Een verschil van enkele procenten is daardoor normaal.",
    ),
    Definition(
        "REG-IB-INDICATIES",
        "Afgegeven IB-indicaties (uit registraties)",
        "Aantal indicaties voor individuele begeleiding door een Wmo-aanbieder dat in het "
        "halfjaar is afgegeven.",
        U.COUNT,
        Q.HOW_MUCH,
        polarity=Indicator.Polarity.LOWER,
        counts=Indicator.Counts.INDICATIONS,
        reconciles_with="IB-INDICATIES",
        reconciliation_note="De levering telt inwoners voor wie het team een IB-indicatie "
        "afgaf; de berekening telt de indicaties zelf. Een inwoner met twee indicaties in één "
        "halfjaar telt in de berekening twee keer.",
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
        counts=Indicator.Counts.HANDOVERS,
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
        counts=Indicator.Counts.TRAJECTORIES,
    ),
    Definition(
        "REG-TERUGKEER",
        "Terugkeer binnen 12 maanden (uit registraties)",
        "Aantal inwoners dat in het halfjaar een nieuw traject begon binnen twaalf maanden nadat "
        "een eerder traject werd afgesloten.",
        U.PERSONS,
        Q.BETTER_OFF,
        polarity=Indicator.Polarity.LOWER,
        counts=Indicator.Counts.RESIDENTS,
    ),
)
CODES = [d.code for d in DEFINITIONS]


def ensure_indicators() -> dict[str, Indicator]:
    """The computed indicators, created on first use through the indicators' own service (their
    definitions can then be edited like any other; only code, source and formula are fixed)."""
    return indicator_services.indicators_ensure(
        [
            {
                "code": d.code,
                "name": d.name,
                "definition": d.definition,
                "technical_definition": "Berekend door Wijkregie uit de geïmporteerde "
                "registraties; zie docs/registrations.md.",
                "unit": d.unit,
                "counts": d.counts,
                "question": d.question,
                "polarity": d.polarity,
                "source": Indicator.Source.COMPUTED,
                "formula": d.formula,
                "factor": d.factor,
                "numerator_label": d.numerator_label,
                "denominator_label": d.denominator_label,
                # Ratios over closed trajectories: one trajectory is one resident's support.
                "denominator_is_persons": d.formula == Indicator.Formula.RATIO,
                "aggregation": d.aggregation,
                "tier": Indicator.Tier.SECONDARY,
                "granularity": Indicator.Granularity.AREA,
                "reconciles_with": d.reconciles_with,
                "reconciliation_note": d.reconciliation_note,
            }
            for d in DEFINITIONS
        ],
        reason="Berekend uit de registraties.",
    )


Cell = tuple[int, int]  # (area id, theme id)


def within(dates: list[dt.date], day: dt.date, lowest: int, highest: int) -> bool:
    """Is there a date d in the sorted ``dates`` with lowest <= (day - d).days <= highest?"""
    index = bisect_left(dates, day - dt.timedelta(days=highest))
    return index < len(dates) and dates[index] <= day - dt.timedelta(days=lowest)


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
    # Sorted, so that "an IB start within the window before" and "a closing within the window
    # before" are two binary searches, not a scan of the client's whole history per trajectory
    # (which grew with the square of a client's trajectories).
    for dates in (*ib_starts.values(), *closed_by_client.values()):
        dates.sort()

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
                if kind == K.HANDOVER and within(
                    ib_starts.get(client, []), start, 0, HANDOVER_WINDOW_DAYS
                ):
                    sets[("REG-OVERDRACHT", label, cell)].add(client)
                if within(closed_by_client.get(client, []), start, 1, REENTRY_WINDOW_DAYS):
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


def recompute(organisation: Organisation, periods: list[Period]) -> int:
    """Replace the organisation's computed values for these half-years and refresh the
    rollups. Returns the number of values written."""
    indicators = ensure_indicators()
    labels = [str(p) for p in periods]
    facts: list[reporting.Fact] = []
    if periods:
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
        for (code, period, (area, theme)), (value, numerator, denominator) in _compute(
            rows, periods
        ).items():
            indicator = indicators[code]
            if indicator.is_ratio:
                value = (
                    (numerator / denominator * indicator.factor).quantize(Decimal("0.0001"))
                    if denominator
                    else None
                )
            facts.append(
                reporting.Fact(indicator.pk, period, area, theme, value, numerator, denominator)
            )
    return reporting.values_replace(
        source=Value.Source.COMPUTED,
        organisation=organisation,
        periods=labels,
        indicators=indicators.values(),
        rows=facts,
    )
