"""The commission pages and API, driven as a user would."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from wijkregie.commission.models import AdditionalAssignment, ExecutionAgreement, Request

pytestmark = pytest.mark.django_db


def test_contract_manager_adds_an_assignment_with_dutch_amounts(login_as):
    client = login_as("contractmanager")
    response = client.get("/opdracht/aanvullend/nieuw/")
    assert response.status_code == 200
    from wijkregie.organisations.models import Organisation, Theme

    form = {
        "title": "Wijkgericht werken met scholen",
        "purpose": "Samen met scholen signaleren.",
        "themes": [Theme.objects.get(code="jongerenwerk").pk],
        "contractors": [Organisation.objects.get(code="smd").pk],
        "commissioning_department": Organisation.objects.get(code="beleid-sociaal-domein").pk,
        "funding_source": "municipal",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "accountability_what": "",
        "accountability_frequency": "",
        "accountability_to": "",
        "fit": "fits",
        "fit_reasoning": "PvE-9.2",
        "status": "active",
        "budget_2026": "12.500,00",
    }
    response = client.post("/opdracht/aanvullend/nieuw/", form)
    assert response.status_code == 302, response.context["form"].errors
    created = AdditionalAssignment.objects.get(title="Wijkgericht werken met scholen")
    assert created.budget_for(2026) == 12500
    bad = client.post(
        "/opdracht/aanvullend/nieuw/", {**form, "title": "Tweede", "budget_2026": "veel"}
    )
    assert bad.status_code == 400
    assert "budget_2026" in bad.context["form"].errors


def test_concurrent_edit_of_an_assignment_is_refused(login_as):
    client = login_as("contractmanager")
    assignment = AdditionalAssignment.objects.get(title="Energiecoaches")
    page = client.get(f"/opdracht/aanvullend/{assignment.pk}/bewerken/")
    initial = page.context["form"].initial
    assert initial["version"] == assignment.version
    AdditionalAssignment.objects.filter(pk=assignment.pk).update(version=assignment.version + 1)
    data = {**{k: v for k, v in page.context["form"].initial.items() if v is not None}}
    data.update(
        {
            "themes": [t.pk for t in assignment.themes.all()],
            "contractors": [c.pk for c in assignment.contractors.all()],
            "commissioning_department": assignment.commissioning_department_id,
            "start_date": "2023-01-01",
            "end_date": "2026-12-31",
            "owner": "",
            "merged_on": "",
            "version": assignment.version,
            "title": "Overschreven",
        }
    )
    response = client.post(f"/opdracht/aanvullend/{assignment.pk}/bewerken/", data)
    assert response.status_code == 409
    assert AdditionalAssignment.objects.get(pk=assignment.pk).title == "Energiecoaches"


def test_team_registers_side_steering_and_manager_decides(client, demo):
    from conftest import login

    from wijkregie.organisations.models import Organisation

    login(client, "dock-professional")
    oov = Organisation.objects.get(code="openbare-orde-en-veiligheid")
    dock = Organisation.objects.get(code="dock")
    incluzio = Organisation.objects.get(code="incluzio")
    other_team = client.post(
        "/opdracht/verzoeken/buiten-de-lijn/",
        {
            "title": "X",
            "description": "Y",
            "requesting_department": oov.pk,
            "received_on": "2026-11-02",
            "received_by": incluzio.pk,
        },
    )
    assert other_team.status_code == 400  # a team registers only for itself
    response = client.post(
        "/opdracht/verzoeken/buiten-de-lijn/",
        {
            "title": "Straatcoaches bij de Vijfhoek",
            "description": "Direct gevraagd door OOV.",
            "requesting_department": oov.pk,
            "received_on": "2026-11-02",
            "received_by": dock.pk,
        },
    )
    assert response.status_code == 302
    registered = Request.objects.get(title="Straatcoaches bij de Vijfhoek")
    assert registered.side_steering and registered.registered_by.username == "dock-professional"
    client.post("/account/logout/")
    login(client, "contractmanager")
    from wijkregie.commission.models import AssessmentBody

    decided = client.post(
        f"/opdracht/verzoeken/{registered.pk}/beoordelen/",
        {
            "decision": "redirect",
            "decision_reasoning": "Straatcoaches zijn van OOV.",
            "decided_by": AssessmentBody.objects.get().pk,
            "decided_on": "2026-11-20",
            "redirected_to": "Straatcoaches OOV",
            "version": registered.version,
        },
    )
    assert decided.status_code == 302
    registered.refresh_from_db()
    assert (registered.state, registered.decision) == ("decided", "redirect")
    again = client.get(f"/opdracht/verzoeken/{registered.pk}/beoordelen/")
    assert again.status_code == 302  # decided requests cannot be decided again


def test_council_sees_no_personal_names(login_as):
    client = login_as("raadslid")
    assignment = AdditionalAssignment.objects.get(title="Energiecoaches")
    page = client.get(f"/opdracht/aanvullend/{assignment.pk}/").content.decode()
    assert "Karim Bouzid" not in page  # the owner, a chain director
    api = client.get(f"/api/v1/commission/assignments/{assignment.pk}/").json()
    assert api["owner"] is None
    sheet = load_workbook(io.BytesIO(client.get("/opdracht/aanvullend.xlsx").content)).active
    owners = [row[15].value for row in sheet.iter_rows(min_row=2)]
    assert not any(owners)


def test_overview_export_is_a_readable_workbook(login_as):
    client = login_as("ketenregisseur")
    response = client.get("/opdracht/overzicht.xlsx?year=2026")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Overzicht", "Totalen", "Signalen", "Zijsturing", "Koopkracht"]
    assert workbook["Koopkracht"].max_row == 1 + 3 * 8


def test_import_page_reports_problems_in_dutch(login_as):
    client = login_as("contractmanager")
    upload = io.BytesIO(b"geen excel")
    upload.name = "opdrachten.xlsx"
    response = client.post("/opdracht/aanvullend/importeren/", {"file": upload})
    assert response.status_code == 400
    assert "geen leesbaar Excel-bestand" in response.content.decode()


def test_api_update_with_a_stale_version_gets_409(login_as):
    client = login_as("contractmanager")
    agreement = ExecutionAgreement.objects.get(contractor__code="smd", year=2026)
    url = f"/api/v1/commission/agreements/{agreement.pk}/"
    ok = client.patch(
        url, {"version": agreement.version, "notes": "Herzien."}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["notes"] == "Herzien."
    stale = client.patch(
        url, {"version": agreement.version, "notes": "Oud."}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert ExecutionAgreement.objects.get(pk=agreement.pk).notes == "Herzien."


def test_api_creates_and_validates_assignments(login_as):
    client = login_as("contractmanager")
    from wijkregie.organisations.models import Organisation, Theme

    payload = {
        "title": "API-opdracht",
        "purpose": "Via de API.",
        "themes": [Theme.objects.get(code="armoede").pk],
        "contractors": [Organisation.objects.get(code="dock").pk],
        "commissioning_department": Organisation.objects.get(code="werk-en-inkomen").pk,
        "funding_source": "municipal",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "fit": "fits",
        "fit_reasoning": "Ja.",
        "status": "proposed",
        "budgets": [{"year": 2026, "amount": "20000.00"}],
    }
    created = client.post(
        "/api/v1/commission/assignments/", payload, content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    bad = client.post(
        "/api/v1/commission/assignments/",
        {**payload, "title": "B", "budgets": [{"year": 2030, "amount": "1"}]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "budgets" in bad.json()["errors"]


def test_api_team_registers_outside_funnel(login_as):
    client = login_as("dock-manager")
    from wijkregie.organisations.models import Organisation

    response = client.post(
        "/api/v1/commission/requests/",
        {
            "title": "Via API",
            "description": "Direct gevraagd.",
            "requesting_department": Organisation.objects.get(code="werk-en-inkomen").pk,
            "received_by": Organisation.objects.get(code="dock").pk,
            "received_on": dt.date(2026, 11, 1).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["side_steering"] is True
