"""The third order of learning made visible: facts about the signal loop, written through the
fact grain's write path (source ``signals``) as the municipality's figures per half-year of
reporting, per wijk and theme:

* ``SIGNALEN``: signals reported;
* ``SIGNALEN-EERSTE-REACTIE``: days to the first response (numerator: the days, denominator:
  the signals responded to — the rollups give the mean);
* ``SIGNALEN-TERUGKOPPELING``: days from report to the answer, likewise;
* ``SIGNALEN-MET-ANTWOORD``: the share of signals whose writer has had an answer (%).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.reporting import services as reporting
from wijkregie.reporting.models import Value
from wijkregie.signals.models import Signal

CODES = ("SIGNALEN", "SIGNALEN-EERSTE-REACTIE", "SIGNALEN-TERUGKOPPELING", "SIGNALEN-MET-ANTWOORD")


def _days(start, end) -> Decimal:
    return Decimal((end - start).total_seconds() / 86400).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _ratio(numerator: Decimal, denominator: int, scale: int = 1) -> Decimal:
    return (numerator * scale / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


def publish() -> int:
    """Write every signal fact again (all half-years). Returns the number of facts written."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=CODES)}
    municipality = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).first()
    if not indicators or municipality is None:
        return 0
    cells: dict[tuple[str, int | None, int], dict[str, Decimal | int]] = defaultdict(
        lambda: {"n": 0, "responded": 0, "response_days": Decimal(0), "answered": 0,
                 "answer_days": Decimal(0)}
    )  # fmt: skip
    for signal in Signal.objects.only(
        "created_at", "area_id", "theme_id", "first_response_at", "answered_at"
    ):
        period = str(Period.containing(timezone.localtime(signal.created_at).date()))
        cell = cells[(period, signal.area_id, signal.theme_id)]
        cell["n"] += 1
        if signal.first_response_at:
            cell["responded"] += 1
            cell["response_days"] += _days(signal.created_at, signal.first_response_at)
        if signal.answered_at:
            cell["answered"] += 1
            cell["answer_days"] += _days(signal.created_at, signal.answered_at)
    rows: list[reporting.Fact] = []
    for (period, area_id, theme_id), cell in sorted(cells.items(), key=str):
        figures = [("SIGNALEN", Decimal(cell["n"]), None, None)]
        if cell["responded"]:
            figures.append(
                (
                    "SIGNALEN-EERSTE-REACTIE",
                    _ratio(cell["response_days"], cell["responded"]),
                    cell["response_days"],
                    cell["responded"],
                )
            )
        if cell["answered"]:
            figures.append(
                (
                    "SIGNALEN-TERUGKOPPELING",
                    _ratio(cell["answer_days"], cell["answered"]),
                    cell["answer_days"],
                    cell["answered"],
                )
            )
        figures.append(
            (
                "SIGNALEN-MET-ANTWOORD",
                _ratio(Decimal(cell["answered"]), cell["n"], 100),
                Decimal(cell["answered"]),
                Decimal(cell["n"]),
            )
        )
        rows.extend(
            reporting.Fact(indicators[code].pk, period, area_id, theme_id, value, num, den)
            for code, value, num, den in figures
            if code in indicators
        )
    periods = {period for period, _a, _t in cells} | set(
        Value.objects.filter(source=Value.Source.SIGNALS).values_list("period", flat=True)
    )
    return reporting.values_replace(
        source=Value.Source.SIGNALS,
        organisation=municipality,
        periods=periods,
        indicators=indicators.values(),
        rows=rows,
    )
