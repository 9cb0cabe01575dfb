"""Figures a council can trust, on the demo: complete totals, provisional half-years, one write
path for facts, the same disclosure pattern everywhere, reconciliation and the lint."""

import datetime as dt
from decimal import Decimal

import pytest
from conftest import login

from wijkregie.accounts.models import User
from wijkregie.common import disclosure
from wijkregie.indicators.lint import lint
from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors as insights
from wijkregie.organisations.models import Organisation
from wijkregie.reporting import selectors, services
from wijkregie.reporting.models import Delivery, Rollup, Value

pytestmark = pytest.mark.django_db


def _all(client, params: dict) -> list[dict]:
    items, offset = [], 0
    while True:
        body = client.get("/api/v1/values/", {**params, "limit": 500, "offset": offset}).json()
        items += body["results"]
        if not body["next"]:
            return items
        offset += 500


def test_the_municipal_total_says_which_organisation_is_missing(demo):
    council = User.objects.get(username="raadslid")
    ib = Indicator.objects.get(code="IB-TEAM")
    found = insights.figures(council, [ib], ["2025H2", "2026H1"])
    total = found[(ib.pk, "2026H1", (None, None, None))]
    assert not total.complete
    assert total.missing_codes == ("smd",)
    assert "SMD" in total.caveat
    assert found[(ib.pk, "2025H2", (None, None, None))].complete
    # Never judged against a target, whatever the figure.
    judgement = insights.judge(ib, total, None, Decimal(1))
    assert judgement.on_target is None and judgement.variance is None
    assert judgement.target_text  # says why it is not judged
    assert judgement.caveat == total.caveat
    # A contractor's own figure is complete by definition.
    dock = Organisation.objects.get(code="dock")
    assert found[(ib.pk, "2026H1", (dock.pk, None, None))].complete


def test_provisional_half_years(demo):
    today = dt.date(2026, 12, 1)
    assert selectors.provisional_periods(["2019H1", "2025H2", "2026H1", "2026H2"], today) == {
        "2026H1",  # SMD's delivery was sent back
        "2026H2",  # still running
    }
    # DOCK's own figures of 2026H1 are final (its delivery is approved); SMD's and the totals
    # are not.
    state = selectors.provisional(["2025H2", "2026H1"], today)
    dock, smd = (Organisation.objects.get(code=c).pk for c in ("dock", "smd"))
    assert not state.of("2026H1", dock)
    assert state.of("2026H1", smd) and state.of("2026H1", None)
    assert not state.of("2025H2", None)
    # Once SMD's delivery is approved, 2026H1 is final.
    Delivery.objects.filter(organisation__code="smd", period="2026H1").update(
        state=Delivery.State.APPROVED
    )
    assert selectors.provisional_periods(["2026H1"], today) == set()
    assert selectors.provisional_periods(["2026H1"], dt.date(2026, 6, 30)) == {"2026H1"}


def test_the_api_reports_completeness_provisional_source_and_state_from_the_facts(client, demo):
    login(client, "contractmanager")
    items = _all(client, {"indicator": "IB-TEAM,REG-IB-TEAM", "period": "2025H2,2026H1"})
    by_key = {(i["indicator"], i["period"], i["organisation"]): i for i in items}
    total = by_key[("IB-TEAM", "2026H1", None)]
    assert total["complete"] is False and total["missing"] == ["smd"]
    assert total["provisional"] is True
    assert total["source"] == "delivered" and total["state"] == "approved"
    computed = by_key[("REG-IB-TEAM", "2026H1", None)]
    assert computed["complete"] is True and computed["missing"] == []
    assert computed["source"] == "computed" and computed["state"] == "computed"
    final = by_key[("IB-TEAM", "2025H2", None)]
    assert final["provisional"] is False and final["complete"] is True
    # The default window: six ended half-years, not the running one.
    default = _all(client, {"indicator": "REG-IB-TEAM"})
    periods = sorted({i["period"] for i in default})
    assert periods == insights.default_periods() and len(periods) == insights.DEFAULT_WINDOW
    assert "2026H2" not in periods


def test_indications_are_person_counts_for_the_council(client, demo):
    """REG-IB-INDICATIES has unit 'number', but every indication is a decision about a
    resident: no count from 1 to 9 reaches a council member."""
    assert Indicator.objects.get(code="REG-IB-INDICATIES").counts_persons
    login(client, "raadslid")
    for level in ("contractors", "areas", "themes"):
        items = _all(client, {"indicator": "REG-IB-INDICATIES,IB-INDICATIES", "level": level})
        assert items
        for item in items:
            if item["value"] is not None:
                assert item["value"] == 0 or item["value"] >= disclosure.threshold(), item
        assert any(item["suppressed"] for item in items)


def test_facts_enter_through_one_write_path(demo):
    desk = Organisation.objects.get(code="afdeling-wmo")
    indicator = Indicator.objects.get(code="WMO-IB-LOKET")
    with pytest.raises(ValueError, match="own workflow"):
        services.values_replace(
            source=Value.Source.DELIVERED,
            organisation=desk,
            periods=["2025H2"],
            indicators=[indicator],
            rows=[],
        )
    written = services.values_replace(
        source=Value.Source.MUNICIPAL,
        organisation=desk,
        periods=["2025H2"],
        indicators=[indicator],
        rows=[services.Fact(indicator.pk, "2025H2", value=Decimal(140))],
    )
    assert written == 1
    facts = Value.objects.filter(indicator=indicator, period="2025H2")
    assert [(f.value, f.source, f.state) for f in facts] == [
        (Decimal(140), "municipal", "approved")
    ]
    rollup = Rollup.objects.get(indicator=indicator, period="2025H2", organisation=None)
    assert rollup.total == Decimal(140) and rollup.source == "municipal"
    # A fact outside what is being replaced is refused, and nothing changes.
    with pytest.raises(ValueError, match="outside"):
        services.values_replace(
            source=Value.Source.MUNICIPAL,
            organisation=desk,
            periods=["2025H2"],
            indicators=[indicator],
            rows=[services.Fact(indicator.pk, "2025H1", value=Decimal(1))],
        )
    assert facts.get().value == Decimal(140)


def test_a_delivery_page_protects_its_lines_as_the_dashboard_does(client, demo):
    """The same cell is protected the same way on every page: an approved delivery's lines for
    an outsider carry exactly the stored rollup pattern."""
    council = User.objects.get(username="contractmanager")
    delivery = Delivery.objects.get(organisation__code="incluzio", period="2025H2")
    compared = 0
    for line in selectors.lines(delivery, council):
        if line.value is None or not line.indicator.counts_persons:
            continue
        rollup = Rollup.objects.get(
            indicator=line.indicator,
            period="2025H2",
            organisation=delivery.organisation,
            area=line.area,
            theme=None,
        )
        assert line.suppression == rollup.suppression, line.indicator.code
        compared += 1
    assert compared > 20


def test_reconciliation_side_by_side_and_in_the_lint(demo):
    manager = User.objects.get(username="contractmanager")
    ib = Indicator.objects.get(code="IB-TEAM")
    result = insights.reconciliation(manager, ib, ["2024H2", "2025H2", "2026H1"])
    assert result.delivered.code == "IB-TEAM" and result.computed.code == "REG-IB-TEAM"
    rows = {(r.label, r.period): r for r in result.rows}
    assert rows[("DOCK", "2024H2")].beyond
    assert "Samen sterk" in rows[("DOCK", "2024H2")].note
    assert not rows[("DOCK", "2025H2")].beyond
    assert rows[("DOCK", "2025H2")].percent is not None
    # An incomplete total is not compared.
    municipality = next(
        r
        for r in result.rows
        if r.period == "2026H1" and r.delivered and r.delivered.key == (None, None, None)
    )
    assert municipality.difference is None
    findings = {(f.rule, f.subject): f for f in lint()}
    differs = findings[("reconciliation-differs", "IB-TEAM")]
    assert "DOCK 2024H2" in differs.message
    assert "Incluzio" not in differs.message
    for code in ("IB-HULPVERLENERS", "IB-EERDER-IN-BEELD"):
        assert ("development-never-delivered", code) in findings
