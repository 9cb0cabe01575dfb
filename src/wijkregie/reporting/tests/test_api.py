"""The API of indicators, values and deliveries: the same rules as the pages, over HTTP."""

from decimal import Decimal

import pytest
from conftest import login

from wijkregie.common import disclosure
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation
from wijkregie.reporting import services
from wijkregie.reporting.models import Delivery, Rollup

pytestmark = pytest.mark.django_db


def _all(client, url: str, params: dict) -> list[dict]:
    """Every page of a paginated list."""
    items, offset = [], 0
    while True:
        response = client.get(url, {**params, "limit": 500, "offset": offset})
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        if not body["next"]:
            return items
        offset += 500


# --- indicators and lint --------------------------------------------------------------------
def test_indicator_list_filters_and_hides_owner_names_from_the_council(client, demo):
    login(client, "beleidsadviseur")
    body = client.get("/api/v1/indicators/", {"theme": "armoede"}).json()
    codes = {item["code"] for item in body["results"]}
    expected = set(Indicator.objects.filter(themes__code="armoede").values_list("code", flat=True))
    assert codes == expected and codes
    owned = next(item for item in body["results"] if item["has_owner"])
    assert owned["owner"]
    derived = client.get(
        f"/api/v1/indicators/{Indicator.objects.get(code='IB-AANDEEL').pk}/"
    ).json()
    assert derived["formula"] == "derived" and derived["numerator"] and derived["denominator"]
    assert isinstance(derived["factor"], float)
    assert client.get("/api/v1/indicators/", {"tier": "nonsense"}).status_code == 400

    client.logout()
    login(client, "raadslid")
    body = client.get("/api/v1/indicators/", {"theme": "armoede"}).json()
    assert all(item["owner"] is None for item in body["results"])
    assert any(item["has_owner"] for item in body["results"])


def test_lint_endpoint_lists_the_weak_indicators(client, demo):
    login(client, "contractmanager")
    findings = client.get("/api/v1/indicators/lint/").json()
    subjects = {(f["rule"], f["subject"]) for f in findings}
    assert ("never-delivered", "SOCIALE-COHESIE") in subjects
    assert ("no-owner", "VRIJWILLIGERS") in subjects
    assert all(f["action"] for f in findings)


# --- values -----------------------------------------------------------------------------------
def test_values_carry_display_and_suppression_for_the_council(client, demo):
    login(client, "raadslid")
    items = _all(
        client, "/api/v1/values/", {"indicator": "GEZINNEN", "level": "areas", "period": "2025H2"}
    )
    assert items, "the demo has GEZINNEN per wijk"
    hidden = [item for item in items if item["suppressed"]]
    assert hidden, "the demo has small counts per wijk"
    for item in hidden:
        assert item["value"] is None
        assert item["display"] in (disclosure.below_threshold_label(), disclosure.MASK)
    assert any(item["display"] == disclosure.below_threshold_label() for item in hidden)
    for item in items:
        assert item["source"] == "delivered" and item["state"] == "approved"
        assert item["indicator"] == "GEZINNEN" and item["period"] == "2025H2"
        if not item["suppressed"] and item["value"] is not None:
            assert item["value"] >= disclosure.threshold()

    # The stored rollup behind a shown cell is what the API says.
    shown = next(i for i in items if not i["suppressed"] and i["value"] is not None)
    rollup = Rollup.objects.get(
        indicator__code="GEZINNEN",
        period="2025H2",
        organisation__code=shown["organisation"],
        area__code=shown["area"],
        area__isnull=shown["area"] is None,
        theme__isnull=True,
    )
    assert Decimal(str(shown["value"])) == rollup.total


def test_a_team_sees_its_own_small_counts_but_not_those_of_others(client, demo):
    login(client, "raadslid")
    params = {"indicator": "GEZINNEN", "level": "areas", "period": "2025H2"}
    council = {(i["organisation"], i["area"]): i for i in _all(client, "/api/v1/values/", params)}
    client.logout()
    login(client, "dock-manager")
    team = {(i["organisation"], i["area"]): i for i in _all(client, "/api/v1/values/", params)}
    assert council.keys() == team.keys()
    dock_hidden = [k for k, i in council.items() if k[0] == "dock" and i["suppressed"]]
    assert dock_hidden, "the demo has a small DOCK count"
    for key in dock_hidden:
        assert team[key]["value"] is not None and not team[key]["suppressed"]
    for key, item in council.items():
        if key[0] not in ("dock", None) and item["display"] == disclosure.below_threshold_label():
            assert team[key]["value"] is None


def test_value_filters(client, demo):
    login(client, "contractmanager")
    items = _all(
        client,
        "/api/v1/values/",
        {"indicator": "IB-TEAM,IB-INDICATIES", "organisation": "smd", "period": "2025H1,2025H2"},
    )
    assert {i["indicator"] for i in items} == {"IB-TEAM", "IB-INDICATIES"}
    assert {i["organisation"] for i in items} == {"smd"}
    assert {i["period"] for i in items} == {"2025H1", "2025H2"}
    assert all(i["area"] is None and i["theme"] is None for i in items)

    by_area = _all(client, "/api/v1/values/", {"indicator": "IB-TEAM", "area": "poelenburg"})
    assert by_area and {i["area"] for i in by_area} <= {"poelenburg", None}

    for params, field in (
        ({"indicator": "BESTAAT-NIET"}, "indicator"),
        ({"period": "2025Q1"}, "period"),
        ({"area": "poelenburg", "level": "contractors"}, "area"),
        ({"organisation": "onbekend"}, "organisation"),
    ):
        response = client.get("/api/v1/values/", params)
        assert response.status_code == 400, params
        assert field in response.json()["errors"]
    unknown = client.get("/api/v1/values/", {"indicator": "BESTAAT-NIET"}).json()
    assert "BESTAAT-NIET" in unknown["errors"]["indicator"][0]


# --- deliveries -------------------------------------------------------------------------------
def _lines(delivery: Delivery) -> list[dict]:
    lines = []
    for indicator, area in services.expected_lines(delivery.organisation):
        line = {"indicator": indicator.code, "area": area.code if area else None}
        if indicator.is_ratio:
            line.update(numerator="30", denominator="50")
        elif indicator.unit == Indicator.Unit.SCORE:
            line["value"] = "7,4".replace(",", ".")
        elif indicator.unit == Indicator.Unit.DAYS:
            line["value"] = "11"
        else:
            line["value"] = "40"
        line["explanation"] = "Testwaarde."
        lines.append(line)
    return lines


def test_delivery_round_trip_over_the_api(client, demo):
    login(client, "smd-manager")
    response = client.post(
        "/api/v1/deliveries/", {"organisation": "smd", "period": "2027H1"}, "application/json"
    )
    assert response.status_code == 201, response.content
    delivery = response.json()
    assert delivery["state"] == "draft" and delivery["lines"]
    pk, version = delivery["id"], delivery["version"]

    # Another organisation's delivery cannot be started.
    assert (
        client.post(
            "/api/v1/deliveries/", {"organisation": "dock", "period": "2027H1"}, "application/json"
        ).status_code
        == 403
    )
    # A second one for the same half-year is refused with a reason.
    again = client.post(
        "/api/v1/deliveries/", {"organisation": "smd", "period": "2027H1"}, "application/json"
    )
    assert again.status_code == 400 and "period" in again.json()["errors"]

    # Submitting an empty delivery says which line is missing.
    empty = client.post(
        f"/api/v1/deliveries/{pk}/submit/", {"version": version}, "application/json"
    )
    assert empty.status_code == 400

    # One invalid line rejects them all.
    lines = _lines(Delivery.objects.get(pk=pk))
    bad = [dict(line) for line in lines]
    ratio = next(line for line in bad if "numerator" in line)
    ratio["numerator"] = "80"
    response = client.post(
        f"/api/v1/deliveries/{pk}/values/", {"version": version, "lines": bad}, "application/json"
    )
    assert response.status_code == 400
    assert any("numerator" in errors for errors in response.json()["errors"].values())
    assert not Delivery.objects.get(pk=pk).values.exists()

    unknown = client.post(
        f"/api/v1/deliveries/{pk}/values/",
        {"version": version, "lines": [{"indicator": "GEZINNEN", "area": "poelenburg"}]},
        "application/json",
    )
    assert unknown.status_code == 400  # Poelenburg is not an SMD wijk

    response = client.post(
        f"/api/v1/deliveries/{pk}/values/", {"version": version, "lines": lines}, "application/json"
    )
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["version"] > version
    assert all(line["value"] is not None for line in saved["lines"])

    # A stale version is a conflict, not an overwrite.
    stale = client.post(
        f"/api/v1/deliveries/{pk}/values/", {"version": version, "lines": lines}, "application/json"
    )
    assert stale.status_code == 409 and stale.json()["detail"]

    submitted = client.post(
        f"/api/v1/deliveries/{pk}/submit/", {"version": saved["version"]}, "application/json"
    )
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    # The team cannot review its own delivery.
    assert (
        client.post(
            f"/api/v1/deliveries/{pk}/review/",
            {"version": submitted.json()["version"], "decision": "approve"},
            "application/json",
        ).status_code
        == 403
    )

    client.logout()
    login(client, "contractmanager")
    version = client.get(f"/api/v1/deliveries/{pk}/").json()["version"]
    no_feedback = client.post(
        f"/api/v1/deliveries/{pk}/review/",
        {"version": version, "decision": "send_back"},
        "application/json",
    )
    assert no_feedback.status_code == 400 and "feedback" in no_feedback.json()["errors"]
    back = client.post(
        f"/api/v1/deliveries/{pk}/review/",
        {"version": version, "decision": "send_back", "feedback": "Graag toelichten."},
        "application/json",
    )
    assert back.status_code == 200 and back.json()["state"] == "sent_back"
    assert back.json()["feedback"] == "Graag toelichten."
    # Approving a delivery that is not submitted is a conflict with the reason.
    illegal = client.post(
        f"/api/v1/deliveries/{pk}/review/",
        {"version": back.json()["version"], "decision": "approve"},
        "application/json",
    )
    assert illegal.status_code == 409 and illegal.json()["detail"]

    listed = _all(client, "/api/v1/deliveries/", {})
    assert pk in {item["id"] for item in listed}


def test_outsiders_see_delivery_lines_under_disclosure_control(client, demo):
    delivery = Delivery.objects.filter(
        organisation__code="dock", state=Delivery.State.APPROVED
    ).first()
    login(client, "contractmanager")
    outside = client.get(f"/api/v1/deliveries/{delivery.pk}/").json()["lines"]
    client.logout()
    login(client, "dock-manager")
    inside = client.get(f"/api/v1/deliveries/{delivery.pk}/").json()["lines"]
    assert len(inside) == len(outside)
    assert not any(line["suppressed"] for line in inside)
    hidden = [n for n, line in enumerate(outside) if line["suppressed"]]
    assert hidden, "the demo has small DOCK counts"
    for n in hidden:
        assert outside[n]["value"] is None and inside[n]["value"] is not None
    assert Organisation.objects.get(code="dock").kind == Organisation.Kind.TEAM_ORGANISATION
