"""The arithmetic of pilots against numbers computed by hand (worked out in the comments)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wijkregie.pilots import analysis
from wijkregie.pilots.analysis import Reading

D = Decimal
BASE = {"2018H1": D(10), "2018H2": D(13), "2019H1": D(14), "2019H2": D(17)}
WINDOW = {
    "baseline_first": "2018H1",
    "baseline_last": "2019H2",
    "first": "2020H1",
    "last": "2020H2",
}


def test_mean_of_the_baseline_with_its_band():
    actual = {"2018H1": D(10), "2018H2": D(12), "2019H1": D(14), "2019H2": D(16)}
    expected = analysis.expected_series("mean", actual, **WINDOW)
    # mean 13; deviations −3 −1 1 3 → Σ² = 20; / (4 − 1) → sd √6.667 = 2.582
    assert expected.expected == {"2020H1": 13.0, "2020H2": 13.0}
    assert expected.spread == pytest.approx(2.5820, abs=1e-4)
    assert expected.lower("2020H1") == pytest.approx(13 - 2 * 2.5820, abs=1e-3)
    assert expected.upper("2020H2") == pytest.approx(18.164, abs=1e-3)


def test_linear_trend_over_the_baseline():
    expected = analysis.expected_series("trend", BASE, **WINDOW)
    # x 0..3, mean 1.5; y mean 13.5; Sxy = 11, Sxx = 5 → slope 2.2, intercept 10.2
    assert expected.slope == pytest.approx(2.2)
    assert expected.intercept == pytest.approx(10.2)
    # 2020H1 is x = 4: 10.2 + 8.8 = 19.0; 2020H2 is x = 5: 21.2
    assert expected.expected["2020H1"] == pytest.approx(19.0)
    assert expected.expected["2020H2"] == pytest.approx(21.2)
    # residuals −0.2 0.6 −0.6 0.2 → Σ² = 0.8; / (4 − 2) → sd √0.4 = 0.6325
    assert expected.spread == pytest.approx(0.63246, abs=1e-5)


def test_values_entered_by_hand_take_their_band_from_the_baseline_entries():
    manual = {
        "2018H1": D(10),
        "2018H2": D(12),
        "2019H1": D(14),
        "2019H2": D(16),
        "2020H1": D(18),
        "2020H2": D(20),
    }
    expected = analysis.expected_series("manual", BASE, manual=manual, **WINDOW)
    assert expected.expected == {"2020H1": 18.0, "2020H2": 20.0}
    # residuals 0 1 0 1 → Σ² = 2; / 4 → sd √0.5
    assert expected.spread == pytest.approx(0.70711, abs=1e-5)
    only_future = {"2020H1": D(18), "2020H2": D(20)}
    without_band = analysis.expected_series("manual", BASE, manual=only_future, **WINDOW)
    assert without_band.spread is None
    assert without_band.lower("2020H1") is None


def test_saving_is_the_avoided_units_times_the_unit_cost():
    expected = analysis.expected_series("trend", BASE, **WINDOW)
    outcome = analysis.compare(expected, {"2020H1": D(15), "2020H2": D(16)}, unit_cost=D(5800))
    # (19.0 − 15) × 5800 = 23.200; (21.2 − 16) × 5800 = 30.160
    assert [row.saving for row in outcome.rows] == [D("23200.00"), D("30160.00")]
    assert outcome.total_saving == D("53360.00")
    assert outcome.total_difference == pytest.approx(-9.2)
    # band 19.0 ± 2 × 0.632: 15 lies far below it
    assert [row.within_band for row in outcome.rows] == [False, False]
    assert outcome.periods_outside_band == 2


def test_a_half_year_without_actual_figure_is_shown_but_not_added():
    expected = analysis.expected_series("trend", BASE, **WINDOW)
    outcome = analysis.compare(expected, {"2020H1": D(19)}, unit_cost=D(100))
    assert outcome.rows[1].actual is None and outcome.rows[1].saving is None
    assert outcome.total_saving == D("0.00")
    assert outcome.rows[0].within_band is True
    assert outcome.periods_with_actual == 1


@pytest.mark.parametrize("cost", [D(0), D(-5800)])
def test_zero_or_negative_unit_cost_is_refused(cost):
    expected = analysis.expected_series("mean", BASE, **WINDOW)
    with pytest.raises(ValidationError, match=r"meer dan nul|more than zero"):
        analysis.compare(expected, {}, unit_cost=cost)


def test_bad_baselines_are_refused_in_words():
    with pytest.raises(ValidationError) as short:
        analysis.expected_series(
            "trend",
            BASE,
            baseline_first="2019H1",
            baseline_last="2019H2",
            first="2020H1",
            last="2020H2",
        )
    assert "2" in short.value.messages[0] and "3" in short.value.messages[0]
    gap = dict(BASE, **{"2018H2": None})
    with pytest.raises(ValidationError) as missing:
        analysis.expected_series("mean", gap, **WINDOW)
    assert "2018H2" in missing.value.messages[0]
    with pytest.raises(ValidationError):
        analysis.expected_series(
            "mean",
            BASE,
            baseline_first="2018H1",
            baseline_last="2020H1",
            first="2020H1",
            last="2020H2",
        )
    with pytest.raises(ValidationError) as manual:
        analysis.expected_series("manual", BASE, manual={"2020H1": D(1)}, **WINDOW)
    assert "2020H2" in manual.value.messages[0]


TREATED = {"2019H1": D(40), "2019H2": D(42), "2020H1": D(41), "2020H2": D(30), "2021H1": D(28)}
CONTROL = {"2019H1": D(50), "2019H2": D(51), "2020H1": D(51), "2020H2": D(52), "2021H1": D(53)}
DID_WINDOW = {"before_first": "2019H1", "start": "2020H2", "after_last": "2021H1"}


def test_difference_in_differences_estimate():
    result = analysis.difference_in_differences(TREATED, CONTROL, **DID_WINDOW)
    # treated: before mean 41, after 29 → −12; control: 50.667 → 52.5 → +1.833
    assert result.treated_before == pytest.approx(41)
    assert result.control_before == pytest.approx(50.6667, abs=1e-4)
    assert result.estimate == pytest.approx(-13.8333, abs=1e-4)
    # gaps before −10 −9 −10 → sd √(0.667 / 2) = 0.577; slopes 0.5 and 0.5: parallel
    assert result.noise == pytest.approx(0.57735, abs=1e-5)
    assert result.treated_slope == pytest.approx(0.5)
    assert result.control_slope == pytest.approx(0.5)
    assert result.separable


def test_a_general_trend_cannot_be_separated_from_the_pilot():
    falling = dict(CONTROL, **{"2020H2": D(40), "2021H1": D(39)})
    result = analysis.difference_in_differences(TREATED, falling, **DID_WINDOW)
    # control: 50.667 → 39.5 → −11.167; estimate −12 + 11.167 = −0.833, inside 2 × 0.577
    assert result.estimate == pytest.approx(-0.8333, abs=1e-4)
    assert not result.separable
    assert any("toeval" in p or "chance" in p for p in result.problems)


def test_before_trends_that_are_not_parallel_are_named():
    steep = dict(CONTROL, **{"2019H1": D(44), "2019H2": D(48), "2020H1": D(52)})
    result = analysis.difference_in_differences(TREATED, steep, **DID_WINDOW)
    assert result.control_slope == pytest.approx(4.0)
    assert not result.separable
    assert any("parallel" in p or "gelijk op" in p for p in result.problems)


def test_missing_figures_give_no_estimate():
    gap = dict(CONTROL, **{"2021H1": None})
    result = analysis.difference_in_differences(TREATED, gap, **DID_WINDOW)
    assert result.estimate is None and not result.separable


def test_relative_change_of_a_context_series():
    series = {"2019H1": D(100), "2019H2": D(100), "2020H1": D(95), "2020H2": D(93)}
    change = analysis.relative_change(series, ["2019H1", "2019H2"], ["2020H1", "2020H2"])
    assert change == pytest.approx(-0.06)
    assert analysis.relative_change(series, ["2018H2"], ["2020H1"]) is None


def test_blind_spot_rules():
    assert analysis.blind_spot(0, 0) == analysis.NO_INDICATOR
    assert analysis.blind_spot(2, 0) == analysis.NO_DATA
    assert analysis.blind_spot(2, 1) == ""


def test_theory_of_change_status():
    status, reason = analysis.element_status([])
    assert status == analysis.UNKNOWN
    status, reason = analysis.element_status([Reading("IB-indicaties", "lower", None)])
    assert status == analysis.UNKNOWN and "IB-indicaties" in reason
    missed = Reading("IB-indicaties", "lower", D(250), target=D(190))
    status, reason = analysis.element_status([missed])
    assert status == analysis.OFF_TRACK and "250" in reason and "190" in reason
    met = Reading("IB-indicaties", "lower", D(180), target=D(190))
    assert analysis.element_status([met])[0] == analysis.ON_TRACK
    worsening = Reading("Werkplezier", "higher", D(6.8), D(7.0), D(7.2))
    status, reason = analysis.element_status([met, worsening])
    assert status == analysis.OFF_TRACK and "Werkplezier" in reason
    once = Reading("Werkplezier", "higher", D(6.8), D(7.0), D(6.9))
    assert analysis.element_status([once])[0] == analysis.ON_TRACK
    neutral = Reading("Aandeel", "neutral", D(1), D(2), D(3))
    assert analysis.element_status([neutral])[0] == analysis.ON_TRACK
    assert analysis.combine([analysis.ON_TRACK, analysis.OFF_TRACK]) == analysis.OFF_TRACK
    assert analysis.combine([analysis.UNKNOWN, analysis.ON_TRACK]) == analysis.ON_TRACK
    assert analysis.combine([]) == analysis.UNKNOWN
