import pytest
from django.core.exceptions import ValidationError

from wijkregie.accounts.models import AuditEvent, User
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations import selectors, services
from wijkregie.organisations.demo import AREAS
from wijkregie.organisations.models import Area, Organisation, Theme

pytestmark = pytest.mark.django_db


def test_demo_has_the_twelve_wijken_of_the_survey(demo):
    for code, names in AREAS.items():
        areas = Area.objects.filter(responsible_organisation__code=code)
        assert sorted(a.name for a in areas) == sorted(names)
    assert Area.objects.count() == 12
    assert set(Area.objects.values_list("municipality_code", flat=True)) == {"GM0479"}
    assert Theme.objects.filter(code="maatschappelijke-ondersteuning").exists()


def test_demo_loader_is_idempotent(demo):
    from wijkregie.system.demo import load_demo

    again = load_demo()
    assert again == demo


@pytest.mark.parametrize("code", ["WK047999", "WK000000"])
def test_valid_cbs_area_codes(demo, code):
    area = Area.objects.get(code="krommenie")
    area.cbs_code = code
    area.full_clean()


@pytest.mark.parametrize("code", ["wk047901", "WK04790", "WK0479011", "BU04790101", "GM0479"])
def test_invalid_cbs_area_codes_are_refused_in_dutch(demo, code):
    area = Area.objects.get(code="krommenie")
    with pytest.raises(ValidationError) as error:
        services.area_update(area=area, expected_version=area.version, data={"cbs_code": code})
    assert "WK" in str(error.value.message_dict["cbs_code"])
    assert Area.objects.get(code="krommenie").cbs_code == "WK047911"  # unchanged


def test_cbs_area_code_is_unique_when_set(demo):
    first, second = Area.objects.get(code="krommenie"), Area.objects.get(code="wormerveer")
    services.area_update(area=first, expected_version=first.version, data={"cbs_code": "WK047999"})
    with pytest.raises(ValidationError):
        services.area_update(
            area=second, expected_version=second.version, data={"cbs_code": "WK047999"}
        )


def test_concurrent_edits_never_overwrite_each_other(demo):
    loaded_by_anne = Organisation.objects.get(code="smd")
    loaded_by_bob = Organisation.objects.get(code="smd")
    services.organisation_update(
        organisation=loaded_by_anne,
        expected_version=loaded_by_anne.version,
        data={"phone": "075 111 11 11"},
    )
    with pytest.raises(ConcurrentEditError):
        services.organisation_update(
            organisation=loaded_by_bob,
            expected_version=loaded_by_bob.version,
            data={"phone": "075 222 22 22"},
        )
    assert Organisation.objects.get(code="smd").phone == "075 111 11 11"


def test_concurrent_edit_in_the_browser_form_gets_409_and_keeps_the_first(login_as):
    client = login_as("contractmanager")
    theme = Theme.objects.get(code="armoede")
    form = {
        "code": theme.code,
        "name": "Armoede en schulden",
        "description": "",
        "order": theme.order,
        "active": "on",
        "version": theme.version,
    }
    first = client.post(f"/themas/{theme.pk}/bewerken/", form)
    assert first.status_code == 302
    second = client.post(f"/themas/{theme.pk}/bewerken/", {**form, "name": "Bestaanszekerheid"})
    assert second.status_code == 409
    assert "Iemand anders heeft dit gewijzigd" in second.content.decode()
    assert Theme.objects.get(pk=theme.pk).name == "Armoede en schulden"


def test_admin_saves_also_advance_the_version(demo):
    theme = Theme.objects.get(code="gezondheid")
    before = theme.version
    theme.description = "Via beheer aangepast"
    theme.save()
    assert theme.version == before + 1
    with pytest.raises(ConcurrentEditError):
        services.theme_update(theme=theme, expected_version=before, data={"name": "X"})


def test_self_service_may_not_change_name_or_kind(demo):
    dock = Organisation.objects.get(code="dock")
    with pytest.raises(ValueError, match="not editable"):
        services.organisation_update(
            organisation=dock,
            expected_version=dock.version,
            data={"name": "DOCK!"},
            self_service=True,
        )


def test_team_manager_form_shows_only_contact_fields(login_as):
    client = login_as("dock-manager")
    dock = Organisation.objects.get(code="dock")
    response = client.get(f"/organisaties/{dock.pk}/bewerken/")
    assert set(response.context["form"].fields) == {
        "description",
        "website",
        "email",
        "phone",
        "version",
    }
    posted = client.post(
        f"/organisaties/{dock.pk}/bewerken/",
        {
            "description": dock.description,
            "website": "",
            "email": "wijkteam@dock.example",
            "phone": "",
            "version": dock.version,
            "name": "Overgenomen",
        },
    )
    assert posted.status_code == 302
    dock.refresh_from_db()
    assert (dock.name, dock.email) == ("DOCK", "wijkteam@dock.example")
    change = AuditEvent.objects.filter(action="object_changed", object_id=str(dock.pk)).latest("id")
    assert change.detail["changes"]["email"] == ["", "wijkteam@dock.example"]


def test_invalid_form_input_is_reported_not_saved(login_as):
    client = login_as("contractmanager")
    response = client.post(
        "/wijken/nieuw/",
        {
            "code": "Ongeldig Code",
            "name": "Nieuwe wijk",
            "cbs_code": "123",
            "municipality_code": "GM0479",
            "responsible_organisation": Organisation.objects.get(code="smd").pk,
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"code", "cbs_code"}
    assert not Area.objects.filter(name="Nieuwe wijk").exists()


def test_area_must_belong_to_a_team_organisation(login_as):
    client = login_as("contractmanager")
    response = client.post(
        "/wijken/nieuw/",
        {
            "code": "nieuw",
            "name": "Nieuw",
            "municipality_code": "GM0479",
            "responsible_organisation": Organisation.objects.get(code="bibliotheek-zaanstad").pk,
        },
    )
    assert response.status_code == 400
    assert "responsible_organisation" in response.context["form"].errors


def test_search_and_kind_filter(demo):
    manager = User.objects.get(username="contractmanager")
    names = [o.name for o in selectors.organisation_list(user=manager, query="bibliotheek")]
    assert names == ["Bibliotheek Zaanstad"]
    # Search also finds words in the description (DOCK works in Zaandam Zuid).
    assert "DOCK" in [o.name for o in selectors.organisation_list(user=manager, query="zaandam")]
    providers = selectors.organisation_list(user=manager, kind="wmo_provider")
    assert {o.kind for o in providers} == {"wmo_provider"}
    areas = [a.name for a in selectors.area_list(user=manager, query="incluzio")]
    assert sorted(areas) == sorted(AREAS["incluzio"])


def test_inactive_organisations_hidden_outside_the_municipality(login_as):
    inactive = Organisation.objects.get(code="stichting-oude-molen")
    client = login_as("aanbieder")
    assert client.get(f"/organisaties/{inactive.pk}/").status_code == 404
    assert inactive.name not in client.get("/organisaties/").content.decode()
    api = client.get("/api/v1/organisations/", {"kind": "wmo_provider"}).json()
    assert inactive.code not in {o["code"] for o in api["results"]}


def test_api_lists_and_filters(login_as):
    client = login_as("dock-professional")
    body = client.get("/api/v1/areas/", {"q": "Poelenburg"}).json()
    assert [a["name"] for a in body["results"]] == ["Poelenburg"]
    themes = client.get("/api/v1/themes/").json()
    assert themes["count"] == 9
    bad = client.get("/api/v1/organisations/", {"kind": "bakkerij"})
    assert bad.status_code == 400
    assert "kind" in bad.json()["errors"]
    assert client.get("/api/v1/organisations/999999/").status_code == 404


def test_openapi_schema_describes_the_endpoints(client, demo):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    import json

    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/organisations/",
        "/api/v1/areas/",
        "/api/v1/themes/",
        "/api/v1/auth/token/",
    ):
        assert path in schema["paths"]
