"""The social map's pages with the demo: the wijk page, search, the flyer, editing one's own
entries, "klopt niet", the freshness overview and the reminder command."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfReader

from wijkregie.socialmap.models import ContactRole, Flag, Service


def test_the_wijk_page_answers_who_is_who_in_poelenburg(login_as):
    client = login_as("dock-professional")
    page = client.get("/sociale-kaart/wijk/poelenburg/").content.decode()
    assert "Aanspreekpunt mantelzorg, wijkteam Poelenburg" in page
    assert "Marieke Dekker" in page
    assert "mantelzorg.poelenburg@dock.nl" in page
    # Partners active in the wijk, their services and activities, and where they are.
    for text in (
        "Zaankanters voor Elkaar",
        "Mantelzorgcafé Poelenburg",
        "Inloop GGZ Poelenburg",
        "Buurthuis De Poelenburcht",
        "Zaandammerplein 4",
    ):
        assert text in page
    assert "Mantelzorgcafé Krommenie" not in page


def test_names_of_holders_are_for_professionals_unless_public(login_as, client):
    private = ContactRole.objects.get(title="Aanspreekpunt armoede, wijkteam Poelenburg")
    login_as("raadslid")
    page = client.get("/sociale-kaart/wijk/poelenburg/").content.decode()
    assert private.title in page
    assert private.holder.name not in page
    assert "Marieke Dekker" in page  # marked public


def test_a_vacant_role_shows_as_vacant(login_as):
    client = login_as("dock-manager")
    page = client.get("/sociale-kaart/wijk/rosmolenwijk/").content.decode()
    assert "Aanspreekpunt jongerenwerk, wijkteam Rosmolenwijk" in page
    assert "vacant" in page
    assert "Tim Verhoeven" not in page


def test_search_by_wijk_theme_and_words(login_as):
    client = login_as("dock-professional")
    page = client.get("/sociale-kaart/", {"wijk": "poelenburg", "thema": "mantelzorg"})
    text = page.content.decode()
    assert "Mantelzorgcafé Poelenburg" in text and "Steunpunt Mantelzorg" in text
    assert "Mantelzorgcafé Krommenie" not in text
    text = client.get("/sociale-kaart/", {"q": "schulden maatje"}).content.decode()
    assert "SchuldHulpMaatje" in text and "Taalhuis" not in text
    text = client.get("/sociale-kaart/", {"doelgroep": "statushouders"}).content.decode()
    assert "Taalcafé Poelenburg" in text


def test_the_flyer_is_a_dated_pdf_of_the_current_map(login_as):
    client = login_as("dock-professional")
    response = client.get("/sociale-kaart/wijk/poelenburg/flyer.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Poelenburg" in text
    assert "Marieke Dekker" in text
    assert "mantelzorg.poelenburg@dock.nl" in text


def test_a_provider_updates_its_own_service(login_as):
    client = login_as("aanbieder")
    service = Service.objects.get(name="Individuele begeleiding thuis")
    form = client.get(f"/sociale-kaart/diensten/{service.uuid}/bewerken/")
    assert form.status_code == 200
    data = {
        "version": service.version,
        "name": service.name,
        "kind": service.kind,
        "status": service.status,
        "description": service.description,
        "url": "",
        "email": service.email,
        "phone": "075 699 00 99",
        "application_process": service.application_process,
        "eligibility_description": "",
        "fees_description": "",
        "areas": [a.pk for a in service.areas.all()],
        "terms": [t.pk for t in service.terms.all()],
    }
    response = client.post(f"/sociale-kaart/diensten/{service.uuid}/bewerken/", data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.phone == "075 699 00 99"
    assert service.assured_by == "Zaanse Begeleiding (fictief)"
    # The same form again, on the old version: refused, nothing overwritten.
    response = client.post(
        f"/sociale-kaart/diensten/{service.uuid}/bewerken/", {**data, "phone": "075 000 00 00"}
    )
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.phone == "075 699 00 99"


def test_klopt_niet_and_confirming_current(login_as):
    client = login_as("dock-professional")
    service = Service.objects.get(name="Taalhuis Zaanstad")
    response = client.post(
        f"/sociale-kaart/service/{service.uuid}/klopt-niet/",
        {"note": "De inloop is ook op vrijdag."},
    )
    assert response.status_code == 302
    assert Flag.objects.filter(object_id=service.pk, note="De inloop is ook op vrijdag.").exists()
    response = client.post(
        f"/sociale-kaart/service/{service.uuid}/actueel/", {"version": service.version}
    )
    assert response.status_code == 403  # DOCK does not keep the library's entries


def test_the_owner_confirms_an_entry_from_the_freshness_page(login_as):
    client = login_as("ketenregisseur")
    page = client.get("/sociale-kaart/actualiteit/").content.decode()
    assert "Soos Assendelft" in page  # stale for over a year
    service = Service.objects.get(name="Soos Assendelft")
    response = client.post(
        f"/sociale-kaart/service/{service.uuid}/actueel/",
        {"version": service.version, "next": "/sociale-kaart/actualiteit/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/sociale-kaart/actualiteit/"
    service.refresh_from_db()
    assert service.reminded_on is None
    page = client.get("/sociale-kaart/actualiteit/").content.decode()
    assert f"/sociale-kaart/service/{service.uuid}/actueel/" not in page


def test_an_outside_redirect_is_not_followed(login_as):
    client = login_as("ketenregisseur")
    service = Service.objects.get(name="Soos Assendelft")
    response = client.post(
        f"/sociale-kaart/service/{service.uuid}/actueel/",
        {"version": service.version, "next": "//elders.example/"},
    )
    assert response["Location"] == f"/sociale-kaart/diensten/{service.uuid}/"


@pytest.mark.parametrize("username", ["dock-manager", "aanbieder"])
def test_the_freshness_page_shows_an_organisation_its_own_tasks(login_as, username):
    client = login_as(username)
    page = client.get("/sociale-kaart/actualiteit/").content.decode()
    todo = page.split('id="overview-heading"')[0]
    if username == "dock-manager":
        assert "Aanspreekpunt jongerenwerk, wijkteam Rosmolenwijk" in todo  # vacant
        assert "Het spreekuur op vrijdag bestaat niet meer." in todo  # a report on DOCK's entry
    else:
        assert "Het telefoonnummer voor aanmelden is veranderd" in todo
    assert "Soos Assendelft" not in todo  # another organisation's entry


def test_the_reminder_command_mails_the_owners(demo, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("socialekaart", "herinneringen")
    out = capsys.readouterr().out
    assert "herinnerd" in out
    subjects = [m.subject for m in mail.outbox]
    assert any("Buurtcentra Zaanstad" in s for s in subjects)
    assert any("DOCK" in s for s in subjects)  # the vacant role in Rosmolenwijk
    dock = next(m for m in mail.outbox if "DOCK" in m.subject)
    assert "dock-manager@demo.wijkregie.invalid" in dock.to


def test_the_chain_director_imports_a_directory_in_the_browser(login_as):
    client = login_as("ketenregisseur")
    organisation = Service.objects.get(name="Dagopvang").owner
    exported = client.get(f"/hsds/organizations/{organisation.uuid}").content
    upload = SimpleUploadedFile("regio.json", exported, content_type="application/json")
    response = client.post("/sociale-kaart/importeren/", {"file": upload})
    assert response.status_code == 200
    assert "regio.json is geïmporteerd: 1 organisaties" in response.content.decode()

    bad = SimpleUploadedFile("fout.json", b'[{"id": "x", "name": "Zonder beschrijving"}]')
    response = client.post("/sociale-kaart/importeren/", {"file": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "fout.json" in page and "Verplicht veld &#x27;description&#x27; ontbreekt." in page
