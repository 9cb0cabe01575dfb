"""ECharts options (plain JSON) for the indicator page. The page also has a data table."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from wijkregie.insights.selectors import Series

PALETTE = ["#00516e", "#b3001b", "#1e6b2f", "#8a6100", "#5b2a86", "#3d3d3d"]
SYMBOLS = ["circle", "rect", "triangle", "diamond", "pin", "arrow"]


def _float(value: Decimal | None):
    return float(value) if value is not None else None


def _point(figure) -> float | dict | None:
    """A figure on the chart; provisional and incomplete ones as an open, dashed marker with
    their caveat in the tooltip (the data table below the chart says it in words too)."""
    if figure is None or figure.shown is None:
        return None
    if not figure.caveat:
        return _float(figure.shown)
    return {
        "value": _float(figure.shown),
        "name": figure.caveat,
        "symbol": "emptyCircle",
        "symbolSize": 12,
        "itemStyle": {"borderType": "dashed", "borderWidth": 2},
    }


def first_with_data(series: list[Series], count: int) -> int:
    """The index of the first half-year in which any series has a shown figure (0 if none)."""
    for index in range(count):
        for item in series:
            figure = item.figures[index] if index < len(item.figures) else None
            if figure is not None and figure.shown is not None:
                return index
    return 0


def indicator_chart(
    series: list[Series],
    periods: list[str],
    *,
    targets: list[Decimal | None],
    baseline: Decimal | None,
    unit: str,
) -> dict:
    """One line per contractor or wijk (each with its own marker shape, not colour alone),
    the target as a dashed line and the baseline as a dotted one. Hidden figures are gaps.
    The chart starts at the first half-year with a figure: half-years before any data would
    only be empty space (the data table below still lists the whole window)."""
    first = first_with_data(series, len(periods))
    periods = periods[first:]
    targets = targets[first:]
    lines = []
    for index, item in enumerate(series):
        lines.append(
            {
                "name": item.label,
                "type": "line",
                "symbol": SYMBOLS[index % len(SYMBOLS)],
                "symbolSize": 9,
                "connectNulls": False,
                "itemStyle": {"color": PALETTE[index % len(PALETTE)]},
                "data": [_point(f) for f in item.figures[first:]],
            }
        )
    if any(t is not None for t in targets):
        lines.append(
            {
                "name": _("Target"),
                "type": "line",
                "symbol": "none",
                "lineStyle": {"type": "dashed", "width": 2, "color": "#000"},
                "itemStyle": {"color": "#000"},
                "data": [_float(t) for t in targets],
            }
        )
    if baseline is not None:
        lines.append(
            {
                "name": _("Baseline"),
                "type": "line",
                "symbol": "none",
                "lineStyle": {"type": "dotted", "width": 2, "color": "#6b7a82"},
                "itemStyle": {"color": "#6b7a82"},
                "data": [float(baseline)] * len(periods),
            }
        )
    return {
        "animation": False,
        "aria": {"enabled": True},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "type": "scroll"},
        "grid": {"left": 60, "right": 20, "top": 30, "bottom": 70},
        "xAxis": {"type": "category", "data": periods},
        "yAxis": {"type": "value", "name": unit},
        "series": lines,
    }
