"""The public HSDS 3.0 API: every object it serves validates against the official compiled
schemas (vendored in ``socialmap/hsds_schema``), with format checks; pages are shaped as the
specification's ``Page``; personal details stay out unless the role says they are public."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from wijkregie.socialmap import hsds
from wijkregie.socialmap.models import ContactRole, Service

SHARED = Path(__file__).resolve().parents[5] / "shared" / "hsds-3.0"
PAGE_KEYS = {
    "contents",
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "page",
    "per_page",
}


def _errors(name: str, item: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in hsds.validator(name).iter_errors(item)
    ]


def _all(client, url: str) -> list[dict]:
    """Every item of a paginated list, page by page."""
    items, page = [], 1
    while True:
        response = client.get(url, {"page": page, "per_page": 20})
        assert response.status_code == 200
        body = response.json()
        assert set(body) == PAGE_KEYS
        assert body["size"] == len(body["contents"])
        items.extend(body["contents"])
        if body["last_page"]:
            assert len(items) == body["total_items"]
            return items
        page += 1


def test_the_vendored_schemas_are_the_official_ones():
    if not SHARED.is_dir():
        pytest.skip("the official HSDS files are not next to this checkout")
    folder = Path(hsds.__file__).parent / "hsds_schema"
    for packed in folder.glob("*.json.gz"):
        name = packed.name.removesuffix(".gz")
        official = SHARED / "compiled" / name
        if not official.exists():
            official = SHARED / name
        assert gzip.decompress(packed.read_bytes()) == official.read_bytes(), name


@pytest.mark.parametrize(
    ("url", "schema"),
    [
        ("/hsds/services", "service_list"),
        ("/hsds/services?full=true", "service"),
        ("/hsds/organizations", "organization_list"),
        ("/hsds/organizations?full=true", "organization"),
        ("/hsds/service_at_locations", "service_at_location_list"),
        ("/hsds/taxonomies", "taxonomy"),
        ("/hsds/taxonomy_terms", "taxonomy_term"),
    ],
)
def test_every_listed_object_validates(client, demo, url, schema):
    items = _all(client, url)
    assert items
    problems = {item["id"]: _errors(schema, item) for item in items}
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize(
    ("list_url", "detail", "schema"),
    [
        ("/hsds/services", "/hsds/services/{}", "service"),
        ("/hsds/organizations", "/hsds/organizations/{}", "organization"),
        ("/hsds/service_at_locations", "/hsds/service_at_locations/{}", "service_at_location"),
        ("/hsds/taxonomies", "/hsds/taxonomies/{}", "taxonomy"),
        ("/hsds/taxonomy_terms", "/hsds/taxonomy_terms/{}", "taxonomy_term"),
    ],
)
def test_every_object_validates_in_full(client, demo, list_url, detail, schema):
    for item in _all(client, list_url):
        response = client.get(detail.format(item["id"]))
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert _errors(schema, response.json()) == [], item["id"]


def test_an_invalid_object_is_caught_by_the_check(client, demo):
    """The validation above can fail: a service without status, or with a bad id, does."""
    item = client.get("/hsds/services").json()["contents"][0]
    del item["status"]
    assert _errors("service_list", item)
    item = {**client.get("/hsds/services").json()["contents"][0], "id": "niet-een-uuid"}
    assert _errors("service_list", item)


def test_a_wijkteam_service_carries_its_areas_terms_schedule_and_change_log(client, demo):
    service = Service.objects.get(name="Sociaal Wijkteam Poelenburg")
    body = client.get(f"/hsds/services/{service.uuid}").json()
    assert body["organization"]["name"] == "DOCK"
    assert [a["name"] for a in body["service_areas"]] == ["Poelenburg"]
    assert body["service_areas"][0]["cbs_wijkcode"] == "WK047903"
    assert {a["taxonomy_term"]["code"] for a in body["attributes"]} >= {"mantelzorg"}
    schedule = body["service_at_locations"][0]["schedules"][0]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"]) == (
        "WEEKLY",
        "MO,TU,WE,TH,FR",
        "09:00",
    )
    assert {m["last_action_type"] for m in body["metadata"]} == {"create"}
    assert all(m["updated_by"] == "DOCK" for m in body["metadata"])


def test_personal_details_only_when_the_role_says_public(client, demo):
    service = Service.objects.get(name="Sociaal Wijkteam Poelenburg")
    contacts = {
        c["title"]: c for c in client.get(f"/hsds/services/{service.uuid}").json()["contacts"]
    }
    public = contacts["Aanspreekpunt mantelzorg, wijkteam Poelenburg"]
    assert public["name"] == "Marieke Dekker"
    private_role = ContactRole.objects.get(title="Aanspreekpunt armoede, wijkteam Poelenburg")
    private = contacts[private_role.title]
    assert "name" not in private
    assert private["email"] == "armoede.poelenburg@dock.nl"  # the role's mailbox, not a person's
    body = json.dumps(client.get("/hsds/services?full=true&per_page=200").json())
    assert private_role.holder.name not in body
    assert private_role.holder.phone not in body


def test_filters_and_bad_parameters(client, demo):
    mantelzorg = client.get("/hsds/taxonomy_terms?per_page=200").json()["contents"]
    term = next(t for t in mantelzorg if t["code"] == "mantelzorg")
    found = client.get(f"/hsds/services?taxonomy_term_id={term['id']}&per_page=200").json()
    names = {s["name"] for s in found["contents"]}
    assert "Steunpunt Mantelzorg" in names and "Taalhuis Zaanstad" not in names
    assert client.get("/hsds/services?page=0").status_code == 400
    assert client.get("/hsds/services?taxonomy_term_id=geen-uuid").status_code == 400
    assert client.get("/hsds/services?modified_after=gisteren").status_code == 400
    minimal = client.get("/hsds/services?minimal=true&per_page=1").json()["contents"][0]
    assert set(minimal) == {"id", "last_modified"}
    assert client.get("/hsds/services?search=mantelzorgcaf%C3%A9").json()["total_items"] == 2


def test_the_root_names_the_version_and_the_openapi_file(client, demo):
    body = client.get("/hsds/").json()
    assert body["version"] == "3.0"
    assert client.get(body["openapi_url"]).json()["openapi"].startswith("3.")
