"""The IB pilot in the demo, end to end through the fact grain, the selectors, the pages and
the API: blind spots, the expected series and saving, and the staggered-start comparison —
each checked against figures summed independently from the stored values."""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from conftest import login
from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.indicators.models import Indicator
from wijkregie.pilots import analysis, selectors
from wijkregie.pilots.models import Expectation, Pilot
from wijkregie.reporting.models import Value

pytestmark = pytest.mark.django_db


def _sums(code: str, *, organisations=None) -> dict[str, Decimal]:
    """Published values of an indicator added up per half-year, straight from the table."""
    values = Value.objects.filter(indicator__code=code, state__in=Value.PUBLISHED)
    if organisations:
        values = values.filter(organisation__code__in=organisations)
    found: dict[str, Decimal] = defaultdict(Decimal)
    for period, value in values.values_list("period", "value"):
        found[period] += value
    return found


def _trend(points: list[float]) -> tuple[float, float]:
    n = len(points)
    x_mean, y_mean = (n - 1) / 2, sum(points) / n
    slope = sum((x - x_mean) * (y - y_mean) for x, y in enumerate(points)) / sum(
        (x - x_mean) ** 2 for x in range(n)
    )
    return slope, y_mean - slope * x_mean


def test_the_ib_pilot_answers_the_rekenkamer(demo, client):
    manager = User.objects.get(username="contractmanager")
    today = timezone.localdate()
    ib = Pilot.objects.get(name__startswith="Pilot individuele begeleiding")

    # Blind spots: staff job satisfaction was not monitored in the first three years.
    coverage = {c.goal.beneficiary: c for c in selectors.coverage(manager, ib, today)}
    assert coverage["staff"].uncovered_periods == [
        "2020H1",
        "2020H2",
        "2021H1",
        "2021H2",
        "2022H1",
        "2022H2",
    ]
    assert coverage["municipality"].uncovered_periods == []
    residents = coverage["residents"]
    assert {i.code for i in residents.missing} == {"IB-HULPVERLENERS", "IB-EERDER-IN-BEELD"}
    assert residents.blind_spot == ""  # two of its indicators do have figures

    # Expected vs actual, against a line fitted here to the table's own sums.
    expectation = Expectation.objects.get(pilot=ib)
    result = selectors.expected_vs_actual(manager, expectation)
    sums = _sums("IB-INDICATIES")
    baseline = [float(sums[p]) for p in ("2018H1", "2018H2", "2019H1", "2019H2")]
    slope, intercept = _trend(baseline)
    saving = Decimal(0)
    for x, row in enumerate(result.outcome.rows, start=4):
        assert row.expected == pytest.approx(intercept + slope * x)
        assert row.actual == sums[row.period]
        avoided = Decimal(str(intercept + slope * x)) - sums[row.period]
        saving += (avoided * Decimal(5800)).quantize(Decimal("0.01"))
    assert result.outcome.total_saving == pytest.approx(saving, abs=Decimal("0.05"))
    assert result.outcome.total_saving > 0

    # The staggered start: Incluzio in 2020 against DOCK and SMD, who started in 2021.
    comparison = ib.comparisons.get()
    found = selectors.comparison_result(manager, comparison)
    treated = _sums("IB-INDICATIES", organisations=["incluzio"])
    control = _sums("IB-INDICATIES", organisations=["dock", "smd"])
    before, after = ["2018H1", "2018H2", "2019H1", "2019H2"], ["2020H1", "2020H2"]

    def mean(series, periods):
        return sum(float(series[p]) for p in periods) / len(periods)

    expected_estimate = (mean(treated, after) - mean(treated, before)) - (
        mean(control, after) - mean(control, before)
    )
    assert found.did.estimate == pytest.approx(expected_estimate)
    assert found.did.estimate < 0
    loket = next(c for c in found.context if c.indicator.code == "WMO-IB-LOKET")
    assert abs(loket.change) < abs(found.treated_change)

    # The pages say it in words, in Dutch.
    login(client, "contractmanager")
    page = client.get(f"/pilots/{ib.pk}/").content.decode()
    assert "blinde vlek" in page and "Niet gevolgd in 6 halfjaren" in page
    page = client.get(f"/pilots/{ib.pk}/verwachting/{expectation.pk}/").content.decode()
    assert "een besparing van" in page and "Tarieven van de Wmo-aanbieders" in page
    page = client.get(f"/pilots/{ib.pk}/vergelijking/{comparison.pk}/").content.decode()
    assert "verschil in verschillen" in page
    # The diagram's geometry is written as plain numbers, never as Dutch "79,0".
    page = client.get(f"/pilots/{ib.pk}/verandertheorie/").content.decode()
    coordinates = re.findall(r'\b(?:x|y|x1|y1|x2|y2|width|height)="([^"]*)"', page)
    assert len(coordinates) > 40
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates), coordinates

    # The debt pilot is running with one goal unmeasured on record and one without figures:
    # both show on the dashboard.
    spots = {s.goal.title: s.kind for s in selectors.blind_spots(manager, today)}
    assert spots == {
        "Minder huisuitzettingen": analysis.NO_INDICATOR,
        "Betere samenwerking met schuldhulpverlening": analysis.NO_DATA,
    }
    dashboard = client.get("/dashboard/").content.decode()
    assert "Minder huisuitzettingen" in dashboard and "helemaal geen indicator" in dashboard

    # Bad input on the form: nothing saved, a Dutch reason.
    response = client.post(
        f"/pilots/{ib.pk}/verwachting/nieuw/",
        {
            "indicator": Indicator.objects.get(code="IB-INDICATIES").pk,
            "method": "trend",
            "baseline_first": "2019H1",
            "baseline_last": "2019H2",
            "first_period": "2020H1",
            "last_period": "2020H2",
            "assumptions": "Groei zoals voorheen.",
            "unit_cost": "0",
            "unit_cost_label": "jaarkosten",
            "band_width": "2",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "meer dan nul" in text and "minstens 3" in text
    assert Expectation.objects.filter(pilot=ib).count() == 1

    # The API gives the same numbers.
    api = client.get(f"/api/v1/pilots/{ib.pk}/expectations/{expectation.pk}/").json()
    assert Decimal(api["total_saving"]) == result.outcome.total_saving
    detail = client.get(f"/api/v1/pilots/{ib.pk}/").json()
    staff = next(g for g in detail["goals"] if g["beneficiary"] == "staff")
    assert staff["uncovered_periods"][0] == "2020H1"


def test_a_pilot_before_its_start_is_judged_on_the_last_ended_half_year():
    pilot = Pilot(name="Nieuw", first_period="2027H1")
    assert selectors.window(pilot, dt.date(2026, 11, 23)) == []
    assert selectors.latest_period(pilot, dt.date(2026, 11, 23)) == "2026H1"
    ended = Pilot(name="Oud", first_period="2020H1", last_period="2020H2")
    assert selectors.window(ended, dt.date(2026, 11, 23)) == ["2020H1", "2020H2"]
    running = Pilot(name="Loopt", first_period="2026H1")
    assert selectors.window(running, dt.date(2026, 11, 23)) == ["2026H1"]
