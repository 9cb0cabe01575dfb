"""The indicator chart starts at the first half-year with a figure, not at the window's start."""

from __future__ import annotations

from decimal import Decimal

from wijkregie.insights.charts import first_with_data, indicator_chart
from wijkregie.insights.selectors import Figure, Series


def _figure(period: str, value: str | None, **fields) -> Figure:
    return Figure(
        indicator=None,
        period=period,
        key=("dock",),
        value=Decimal(value) if value is not None else None,
        **fields,
    )


PERIODS = ["2018H1", "2018H2", "2019H1", "2019H2"]


def test_the_chart_starts_at_the_first_shown_figure():
    series = [
        Series("DOCK", ("dock",), [None, _figure("2018H2", None), _figure("2019H1", "12"), None]),
        Series("SMD", ("smd",), [None, None, None, _figure("2019H2", "30")]),
    ]
    assert first_with_data(series, len(PERIODS)) == 2
    chart = indicator_chart(
        series, PERIODS, targets=[None, None, Decimal(10), Decimal(11)], baseline=None, unit="%"
    )
    assert chart["xAxis"]["data"] == ["2019H1", "2019H2"]
    assert chart["series"][0]["data"] == [12.0, None]
    assert chart["series"][1]["data"] == [None, 30.0]
    assert chart["series"][2]["data"] == [10.0, 11.0]  # the target, trimmed alike


def test_a_hidden_figure_does_not_count_as_data():
    hidden = _figure("2018H1", "4", suppression="small")
    series = [Series("DOCK", ("dock",), [hidden, _figure("2018H2", "20"), None, None])]
    assert first_with_data(series, len(PERIODS)) == 1


def test_without_any_figure_the_whole_window_stays():
    series = [Series("DOCK", ("dock",), [None, None, None, None])]
    assert first_with_data(series, len(PERIODS)) == 0
