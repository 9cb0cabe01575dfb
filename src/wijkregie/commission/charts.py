"""ECharts options for the commission pages, as plain JSON (no functions: the CSP allows no
inline code). Every chart is accompanied by a data table on the page."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from wijkregie.commission.models import AdditionalAssignment

STATUS_COLOURS = {
    AdditionalAssignment.Status.ACTIVE: "#00516e",
    AdditionalAssignment.Status.PROPOSED: "#8a6100",
    AdditionalAssignment.Status.ASSESSED: "#8a6100",
    AdditionalAssignment.Status.ENDED: "#6b7a82",
    AdditionalAssignment.Status.MERGED: "#1e6b2f",
}
PALETTE = ["#00516e", "#b3001b", "#1e6b2f", "#8a6100", "#5b2a86"]


def decimal_year(day: dt.date) -> float:
    """2026-07-02 → 2026.5: a position on a numeric axis of years."""
    start = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - start).days
    return round(day.year + (day - start).days / days, 4)


def timeline(assignments: list[AdditionalAssignment], *, today: dt.date) -> dict:
    """A Gantt-like chart: one bar per assignment from start to end, coloured by status."""
    items = sorted(assignments, key=lambda a: (a.start_date, a.title))
    names = [a.title for a in items]
    base, by_status = [], {}
    for index, assignment in enumerate(items):
        start = decimal_year(assignment.start_date)
        end_day = assignment.end_date or assignment.commission.period_end
        base.append(start)
        by_status.setdefault(assignment.status, ["-"] * len(items))[index] = round(
            max(decimal_year(end_day + dt.timedelta(days=1)) - start, 0.02), 4
        )
    if items:
        low = min(a.start_date.year for a in items)
        high = max((a.end_date or a.commission.period_end).year for a in items) + 1
    else:
        low, high = today.year - 1, today.year + 1
    series = [
        {
            "name": "start",
            "type": "bar",
            "stack": "t",
            "data": base,
            "silent": True,
            "itemStyle": {"color": "transparent"},
            "tooltip": {"show": False},
        }
    ]
    for status, values in by_status.items():
        series.append(
            {
                "name": str(AdditionalAssignment.Status(status).label),
                "type": "bar",
                "stack": "t",
                "data": values,
                "itemStyle": {"color": STATUS_COLOURS.get(status, "#00516e")},
            }
        )
    series[-1]["markLine"] = {
        "symbol": "none",
        "silent": True,
        "lineStyle": {"color": "#1a1a1a", "type": "dashed"},
        "label": {"formatter": _("today"), "position": "start"},  # top: the y axis is inverted
        "data": [{"xAxis": decimal_year(today)}],
    }
    return {
        "aria": {"enabled": True},
        "animation": False,
        "grid": {"left": 8, "right": 24, "top": 56, "bottom": 24, "containLabel": True},
        "legend": {"data": [s["name"] for s in series[1:]], "top": 0},
        "tooltip": {"trigger": "item", "formatter": "{b}"},
        # Bars stack on a numeric axis of decimal years; its labels would read "2,026", so a
        # category axis of the same width carries the year labels instead.
        "xAxis": [
            {"type": "value", "min": low, "max": high, "interval": 1, "axisLabel": {"show": False}},
            {
                "type": "category",
                "position": "bottom",
                "boundaryGap": False,
                "data": [str(year) for year in range(low, high + 1)],
                "axisTick": {"show": False},
                "axisLine": {"show": False},
            },
        ],
        "yAxis": {
            "type": "category",
            "data": names,
            "inverse": True,
            "axisLabel": {"width": 260, "overflow": "truncate"},
        },
        "series": series,
    }


def purchasing_power(series) -> dict:
    """The cumulative purchasing-power gap per contractor (euros), one line each."""
    years = sorted({y.year for s in series for y in s.years})
    lines = []
    for index, item in enumerate(series):
        values = {y.year: float(y.gap_eur) for y in item.years}
        lines.append(
            {
                "name": item.contractor.name,
                "type": "line",
                "symbol": "circle",
                "symbolSize": 8,
                "data": [values.get(year) for year in years],
                "itemStyle": {"color": PALETTE[index % len(PALETTE)]},
                "lineStyle": {"width": 3, "type": ["solid", "dashed", "dotted"][index % 3]},
            }
        )
    return {
        "aria": {"enabled": True},
        "animation": False,
        "grid": {"left": 8, "right": 24, "top": 40, "bottom": 24, "containLabel": True},
        "legend": {"top": 0},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "name": _("gap (€)")},
        "series": lines,
    }
