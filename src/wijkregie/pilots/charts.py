"""What the pilot pages draw and say: ECharts options (plain JSON; each chart has a data table
beside it), the sentences that explain each number, and the theory-of-change diagram as SVG
geometry (the page also has a nested list as its text alternative)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkregie.common.formatting import euro, figure
from wijkregie.pilots import analysis


def _f(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _n(value) -> str:
    return figure(Decimal(str(round(float(value), 1))))


def expectation_chart(result) -> dict:
    expected = result.expected
    periods = [*expected.baseline, *expected.periods]
    actual = [_f(result.actual.get(p)) for p in periods]
    expected_line = [None if p in expected.baseline else _f(expected.expected[p]) for p in periods]
    series = [
        {
            "name": _("Actual"),
            "type": "line",
            "symbol": "circle",
            "symbolSize": 9,
            "itemStyle": {"color": "#00516e"},
            "data": actual,
        },
        {
            "name": _("Expected without the pilot"),
            "type": "line",
            "symbol": "triangle",
            "symbolSize": 9,
            "lineStyle": {"type": "dashed", "width": 2},
            "itemStyle": {"color": "#b3001b"},
            "data": expected_line,
        },
    ]
    if expected.spread is not None:
        lower = [None if p in expected.baseline else _f(expected.lower(p)) for p in periods]
        width = [
            None if p in expected.baseline else _f(expected.upper(p) - expected.lower(p))
            for p in periods
        ]
        series += [
            {
                "name": _("Band"),
                "type": "line",
                "stack": "band",
                "symbol": "none",
                "lineStyle": {"opacity": 0},
                "data": lower,
                "tooltip": {"show": False},
            },
            {
                "name": _("Band"),
                "type": "line",
                "stack": "band",
                "symbol": "none",
                "lineStyle": {"opacity": 0},
                "areaStyle": {"color": "#b3001b", "opacity": 0.12},
                "data": width,
            },
        ]
    return {
        "animation": False,
        "aria": {"enabled": True},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "data": [_("Actual"), _("Expected without the pilot"), _("Band")]},
        "grid": {"left": 60, "right": 20, "top": 30, "bottom": 70},
        "xAxis": {"type": "category", "data": periods},
        "yAxis": {"type": "value", "name": result.expectation.indicator.get_unit_display()},
        "series": series,
    }


METHOD_SENTENCES = {
    analysis.MEAN: gettext_lazy(
        "Expected: the mean of the %(count)d baseline half-years (%(first)s–%(last)s), "
        "%(value)s per half-year."
    ),
    analysis.TREND: gettext_lazy(
        "Expected: the straight line through the %(count)d baseline half-years "
        "(%(first)s–%(last)s), rising by %(slope)s per half-year, carried forward."
    ),
    analysis.MANUAL: gettext_lazy(
        "Expected: the values entered by hand, with their assumptions below."
    ),
}


def expectation_sentences(result) -> list[str]:
    """One sentence per number, in plain words, for a team manager without explanation."""
    if result.expected is None:
        return []
    expected, outcome, item = result.expected, result.outcome, result.expectation
    first_expected = next(iter(expected.expected.values()))
    said = [
        str(METHOD_SENTENCES[expected.method])
        % {
            "count": len(expected.baseline),
            "first": expected.baseline[0],
            "last": expected.baseline[-1],
            "value": _n(first_expected),
            "slope": _n(expected.slope or 0),
        }
    ]
    if expected.spread is not None:
        said.append(
            _(
                "Normal variation: the baseline half-years lay on average %(spread)s from the "
                "expectation; the band is %(width)s times that on either side."
            )
            % {"spread": _n(expected.spread), "width": _n(expected.band_width)}
        )
    else:
        said.append(_("There is no band: no expected values were entered for the baseline."))
    if outcome.periods_with_actual:
        difference = outcome.total_difference
        said.append(
            _(
                "Over %(count)d half-years the actual figure was %(amount)s %(direction)s than "
                "expected in total."
            )
            % {
                "count": outcome.periods_with_actual,
                "amount": _n(abs(difference)),
                "direction": _("lower") if difference < 0 else _("higher"),
            }
        )
        said.append(
            _("%(outside)d of %(count)d half-years lie outside the band.")
            % {"outside": outcome.periods_outside_band, "count": outcome.periods_with_actual}
            if expected.spread is not None
            else ""
        )
    else:
        said.append(_("There are no actual figures yet for the compared half-years."))
    if outcome.total_saving is not None:
        said.append(
            _(
                "At %(cost)s per unit (%(label)s) that is a saving of %(saving)s; a negative "
                "amount means extra cost."
            )
            % {
                "cost": euro(item.unit_cost),
                "label": item.unit_cost_label,
                "saving": euro(outcome.total_saving),
            }
        )
    return [s for s in said if s]


def _index(series, periods: list[str]) -> dict:
    """A context series as an index (its first figure = 100), so that a population of 125.000
    and 145 indications can share one axis and their movement can be compared."""
    base = next((series[p] for p in periods if series.get(p)), None)
    if not base:
        return {}
    return {p: series[p] / base * 100 for p in periods if series.get(p) is not None}


def comparison_chart(result) -> dict:
    periods = result.periods
    start = result.comparison.start_period
    lines = [
        (_("With the pilot"), result.treated, "#00516e", "circle", "solid"),
        (_("Without the pilot (yet)"), result.control, "#8a6100", "rect", "dashed"),
    ]
    shapes = ["diamond", "triangle", "pin", "arrow"]
    colours = ["#5b2a86", "#3d3d3d", "#1e6b2f", "#b3001b"]
    lines += [
        (c.indicator.name, _index(c.series, periods), colours[i % 4], shapes[i % 4], "dotted")
        for i, c in enumerate(result.context)
    ]
    series = []
    for index, (name, values, colour, symbol, style) in enumerate(lines):
        series.append(
            {
                "name": name,
                "type": "line",
                "symbol": symbol,
                "symbolSize": 9,
                "lineStyle": {"type": style, "width": 2},
                "itemStyle": {"color": colour},
                "yAxisIndex": 0 if index < 2 else 1,
                "data": [_f(values.get(p)) for p in periods],
                **(
                    {
                        "markLine": {
                            "symbol": "none",
                            "label": {"formatter": _("start")},
                            "lineStyle": {"color": "#000"},
                            "data": [{"xAxis": start}],
                        }
                    }
                    if index == 0 and start in periods
                    else {}
                ),
            }
        )
    return {
        "animation": False,
        "aria": {"enabled": True},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "type": "scroll"},
        "grid": {"left": 60, "right": 60, "top": 50, "bottom": 70},
        "xAxis": {"type": "category", "data": periods},
        "yAxis": [
            {"type": "value", "name": result.comparison.indicator.code, "nameGap": 20},
            {
                "type": "value",
                "name": _("index (first half-year = 100)"),
                "nameGap": 20,
                "nameTextStyle": {"align": "right"},
                "splitLine": {"show": False},
            },
        ],
        "series": series,
    }


# --- theory of change diagram -------------------------------------------------------------------
BOX_W, BOX_H, COL_GAP, ROW_GAP, TOP = 210, 96, 60, 24, 40
WRAP, LINES = 25, 3
STATUS_STYLE = {
    analysis.ON_TRACK: {"stroke": "#1e6b2f", "dash": "", "width": 3},
    analysis.OFF_TRACK: {"stroke": "#b3001b", "dash": "8 4", "width": 4},
    analysis.UNKNOWN: {"stroke": "#5c6770", "dash": "2 4", "width": 2},
}


def status_label(status: str) -> str:
    return {
        analysis.ON_TRACK: _("on track"),
        analysis.OFF_TRACK: _("off track"),
        analysis.UNKNOWN: _("no data"),
    }[status]


def theory_diagram(by_kind: dict, links: list) -> dict:
    """Boxes in four columns (activities → outputs → outcomes → societal result) and arrows
    between them. Status shows as border pattern and as a word, never as colour alone."""
    boxes, where = [], {}
    rows = 0
    for column, (_kind, states) in enumerate(by_kind.items()):
        for row, state in enumerate(states):
            x = 10 + column * (BOX_W + COL_GAP)
            y = TOP + row * (BOX_H + ROW_GAP)
            lines = textwrap.wrap(state.element.title, WRAP)
            if len(lines) > LINES:
                lines = [*lines[: LINES - 1], lines[LINES - 1][: WRAP - 1] + "…"]
            boxes.append(
                {
                    "x": x,
                    "y": y,
                    "w": BOX_W,
                    "h": BOX_H,
                    "lines": [{"text": line, "y": y + 22 + 18 * i} for i, line in enumerate(lines)],
                    "status": status_label(state.status),
                    "status_y": y + BOX_H - 10,
                    "title": f"{state.element.title}: {status_label(state.status)}. {state.reason}",
                    **STATUS_STYLE[state.status],
                }
            )
            where[state.element.pk] = (x, y)
            rows = max(rows, row + 1)
    arrows = []
    for state in links:
        source, target = where.get(state.link.source_id), where.get(state.link.target_id)
        if not source or not target:
            continue
        if source[0] == target[0]:  # same column: from one box's edge to the other's
            x1 = x2 = source[0] + BOX_W // 2
            if target[1] > source[1]:
                y1, y2 = source[1] + BOX_H, target[1] - 4
            else:
                y1, y2 = source[1], target[1] + BOX_H + 4
        else:
            x1, y1 = source[0] + BOX_W, source[1] + BOX_H // 2
            x2, y2 = target[0] - 6, target[1] + BOX_H // 2
        style = STATUS_STYLE[state.status]
        arrows.append(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "stroke": style["stroke"],
                "dash": style["dash"],
            }
        )
    headings = [
        {"x": 10 + column * (BOX_W + COL_GAP), "text": str(label)}
        for column, label in enumerate(_column_labels())
    ]
    return {
        "boxes": boxes,
        "arrows": arrows,
        "headings": headings,
        "width": 10 + 4 * BOX_W + 3 * COL_GAP + 10,
        "height": TOP + max(rows, 1) * (BOX_H + ROW_GAP) + 10,
    }


def _column_labels():
    from wijkregie.pilots.models import Element

    return [capfirst(label) for _value, label in Element.Kind.choices]
