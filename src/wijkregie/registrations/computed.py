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
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd
from django.db import connection, models

from wijkregie.common.periods import Period, period_range
from wijkregie.indicators import services as indicator_services
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.registrations.models import ImportRun, Trajectory
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
Result = dict[tuple[str, str, Cell], list]  # (code, period, cell) → [value, numerator, denominator]

#: The columns the figures are computed from, as loaded into DuckDB by :func:`load`.
COLUMNS = 'trajectory_id, client, area, theme, kind, start, "end", outflow, cost'
TYPED = (
    "CAST(trajectory_id AS VARCHAR) AS trajectory_id, CAST(client AS VARCHAR) AS client, "
    "CAST(area AS INTEGER) AS area, CAST(theme AS INTEGER) AS theme, "
    "CAST(kind AS VARCHAR) AS kind, CAST(start AS DATE) AS start, "
    'CAST("end" AS DATE) AS "end", CAST(outflow AS VARCHAR) AS outflow, '
    "CAST(cost AS DECIMAL(12, 2)) AS cost"
)


def load(database: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Create ``table`` in DuckDB from tuples in :data:`COLUMNS` order (dates as dates or ISO
    text, the cost as a number, text or None), as the database driver returns them."""
    frame = pd.DataFrame.from_records(
        [(*row[:8], None if row[8] is None else str(row[8])) for row in rows],
        columns=[c.strip().strip('"') for c in COLUMNS.split(",")],
    ).astype(object)
    database.register("incoming", frame)
    try:
        database.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT {TYPED} FROM incoming")  # noqa: S608
    finally:
        database.unregister("incoming")


def compute(database: duckdb.DuckDBPyConnection, table: str, periods: list[Period]) -> Result:
    """The figures per (code, half-year, cell) from the trajectories in DuckDB's ``table`` —
    set-wise: three GROUP BYs over the trajectories joined to the half-years they are active,
    started or closed in, and two self-joins per client for the handover and re-entry windows.
    ``tests/test_computed.py`` holds the same rules row by row in Python and compares."""
    out: Result = {}
    if not periods:
        return out
    database.execute("CREATE OR REPLACE TEMP TABLE periods (label VARCHAR, first DATE, last DATE)")
    database.executemany(
        "INSERT INTO periods VALUES (?, ?, ?)", [(str(p), p.start, p.end) for p in periods]
    )
    # Each pseudonym becomes a small number first: the self-joins and the GROUP BYs below
    # compare and hash integers instead of 64-character texts (1,000,000 rows: 3.9 → 2.6 s).
    database.execute(
        f"""CREATE OR REPLACE TEMP TABLE flagged AS
        WITH numbered AS (SELECT client, row_number() OVER () AS number
                          FROM (SELECT DISTINCT client FROM {table})),
        t AS (SELECT row_number() OVER () AS rid, r.* REPLACE (n.number AS client)
              FROM {table} r JOIN numbered n ON n.client = r.client)
        SELECT t.*,
          t.rid IN (SELECT s.rid FROM t s JOIN t ib ON ib.client = s.client
                    WHERE s.kind = '{K.HANDOVER}' AND ib.kind = '{K.IB_TEAM}'
                      AND datediff('day', ib.start, s.start) BETWEEN 0 AND {HANDOVER_WINDOW_DAYS})
            AS handover,
          t.rid IN (SELECT s.rid FROM t s JOIN t c ON c.client = s.client
                    WHERE c."end" IS NOT NULL
                      AND datediff('day', c."end", s.start) BETWEEN 1 AND {REENTRY_WINDOW_DAYS})
            AS reentry
        FROM t"""  # noqa: S608 - the table's name and constants are ours
    )
    one, zero = Decimal(1), Decimal(0)

    def put(code: str, label: str, area: int, theme: int, value, numerator=None, denominator=None):
        out[(code, label, (area, theme))] = [value, numerator, denominator]

    for label, area, theme, clients, ib_clients in database.execute(
        # One row per client and cell first, then plain counts: two DISTINCT counts over the
        # 64-character pseudonyms took twice as long (1,000,000 rows: 0.6 s instead of 0.9–1.7 s).
        f"""SELECT label, area, theme, count(*), count(*) FILTER (WHERE ib) FROM (
                SELECT p.label, t.area, t.theme, t.client, bool_or(t.kind = '{K.IB_TEAM}') AS ib
                FROM flagged t JOIN periods p
                  ON t.start <= p.last AND (t."end" IS NULL OR t."end" >= p.first)
                GROUP BY ALL)
            GROUP BY ALL"""  # noqa: S608
    ).fetchall():
        put("REG-CLIENTEN", label, area, theme, Decimal(clients))
        if ib_clients:
            put("REG-IB-TEAM", label, area, theme, Decimal(ib_clients))
    for label, area, theme, started, indications, cost, handovers, reentries in database.execute(
        f"""SELECT p.label, t.area, t.theme, count(*),
                   count(*) FILTER (WHERE t.kind = '{K.INDICATION_IB}'),
                   coalesce(sum(t.cost) FILTER (WHERE t.kind = '{K.INDICATION_IB}'), 0),
                   count(DISTINCT t.client) FILTER (WHERE t.kind = '{K.HANDOVER}' AND t.handover),
                   count(DISTINCT t.client) FILTER (WHERE t.reentry)
            FROM flagged t JOIN periods p ON t.start BETWEEN p.first AND p.last
            GROUP BY ALL"""  # noqa: S608
    ).fetchall():
        put("REG-GESTART", label, area, theme, Decimal(started))
        if indications:
            put("REG-IB-INDICATIES", label, area, theme, Decimal(indications))
            put("REG-IB-KOSTEN", label, area, theme, Decimal(cost))
        if handovers:
            put("REG-OVERDRACHT", label, area, theme, Decimal(handovers))
        if reentries:
            put("REG-TERUGKEER", label, area, theme, Decimal(reentries))
    for label, area, theme, closed, days, reached in database.execute(
        f"""SELECT p.label, t.area, t.theme, count(*),
                   sum(datediff('day', t.start, t."end")),
                   count(*) FILTER (WHERE t.outflow = '{Trajectory.Outflow.GOAL_REACHED}')
            FROM flagged t JOIN periods p ON t."end" BETWEEN p.first AND p.last
            GROUP BY ALL"""  # noqa: S608
    ).fetchall():
        put("REG-DUUR", label, area, theme, zero, Decimal(days), one * closed)
        put("REG-DOEL-BEREIKT", label, area, theme, zero, Decimal(reached), one * closed)
    return out


def facts(result: Result, indicators: dict[str, Indicator]) -> list[reporting.Fact]:
    """The computed figures as facts of the fact grain (a ratio's value from its parts)."""
    rows = []
    for (code, period, (area, theme)), (value, numerator, denominator) in result.items():
        indicator = indicators[code]
        if indicator.is_ratio:
            value = (
                (numerator / denominator * indicator.factor).quantize(Decimal("0.0001"))
                if denominator
                else None
            )
        rows.append(
            reporting.Fact(indicator.pk, period, area, theme, value, numerator, denominator)
        )
    return rows


@dataclass
class Plan:
    """The figures an import will write, worked out before its swap (no lock held): the
    half-years whose figures change and the facts for them."""

    periods: list[Period]
    facts: list[reporting.Fact]
    indicators: dict[str, Indicator]
    #: What the plan was made from; an import that finds it changed plans again in the swap.
    marker: tuple


def marker(organisation: Organisation) -> tuple:
    """Changes when another import or a retention run has changed the trajectories."""
    runs = ImportRun.objects.filter(organisation=organisation, status=ImportRun.Status.IMPORTED)
    # The rows of the organisation's imported runs, counted in the run's index alone.
    return (
        Trajectory.all_rows.filter(run__in=runs).count(),
        runs.order_by("-pk").values_list("pk", flat=True).first(),
    )


def plan(
    organisation: Organisation,
    database: duckdb.DuckDBPyConnection,
    first_day: dt.date,
    last_day: dt.date,
) -> Plan:
    """The figures after replacing the organisation's trajectories that start within
    [``first_day``, ``last_day``] (and those with the same ids) by DuckDB's ``checked`` table.

    The stored trajectories outside that range are read once; the affected half-years run from
    the earliest change (the range's start, or the start of a moved trajectory) up to the last
    half-year the trajectories reach: today while any is still open, else the latest start or
    end — never past the current half-year. Earlier trajectories count for re-entry and
    handovers: the figures are computed over those from 12 months before."""
    current = marker(organisation)
    visible = Trajectory.objects.filter(organisation=organisation).filter(
        models.Q(start__lt=first_day) | models.Q(start__gt=last_day)
    )
    load(database, "stored", _raw(visible.values_list(*STORED)))
    database.execute(
        f"""CREATE OR REPLACE TABLE everything AS
        SELECT * FROM stored WHERE trajectory_id NOT IN (SELECT trajectory_id FROM checked)
        UNION ALL SELECT {TYPED} FROM checked"""  # noqa: S608
    )
    moved, earliest, latest_start, latest_end, open_count = database.execute(
        """SELECT (SELECT min(start) FROM stored
                   WHERE trajectory_id IN (SELECT trajectory_id FROM checked)),
                  min(start), max(start), max("end"), count(*) FILTER (WHERE "end" IS NULL)
           FROM everything"""
    ).fetchone()
    indicators = ensure_indicators()
    if earliest is None:
        return Plan([], [], indicators, current)
    changed_from = min(moved, first_day) if moved is not None else first_day
    today = dt.date.today()
    last = today if open_count else min(max(latest_start, latest_end or latest_start), today)
    periods = period_range(Period.containing(changed_from), Period.containing(last))
    if not periods:
        return Plan([], [], indicators, current)
    since = periods[0].start - dt.timedelta(days=REENTRY_WINDOW_DAYS)
    database.execute(
        "CREATE OR REPLACE TABLE relevant AS SELECT * FROM everything WHERE start <= ? "
        'AND ("end" IS NULL OR "end" >= ?)',
        [periods[-1].end, since],
    )
    return Plan(
        periods, facts(compute(database, "relevant", periods), indicators), indicators, current
    )


#: The stored trajectory's columns in :data:`COLUMNS` order.
STORED = (
    "trajectory_id",
    "client",
    "area_id",
    "theme_id",
    "kind",
    "start",
    "end",
    "outflow",
    "cost_per_year",
)


def write(organisation: Organisation, plan: Plan) -> int:
    """Replace the organisation's computed values for the plan's half-years by its facts and
    refresh the rollups (inside the import's swap). Returns the number of values written."""
    return reporting.values_replace(
        source=Value.Source.COMPUTED,
        organisation=organisation,
        periods=[str(p) for p in plan.periods],
        indicators=plan.indicators.values(),
        rows=plan.facts,
    )


def _raw(query: models.QuerySet) -> list[tuple]:
    """The rows of ``query`` as the database driver returns them (no model field converters:
    about three times faster for a million rows; :func:`load` takes dates as ISO text)."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def staged_rows(run_id: int, database: duckdb.DuckDBPyConnection) -> None:
    """DuckDB's ``checked`` table from the rows written for ``run_id`` (for a file that was
    checked row by row)."""
    load(database, "checked", _raw(Trajectory.all_rows.filter(run_id=run_id).values_list(*STORED)))
