"""Meetings in a real browser: the contract manager prepares a result conversation from the
agenda proposed by the data, exports it, and records minutes, a decision and an agreement
afterwards; anyone with access answers "which agreements of the kerngroep were realised?"
from the decisions register; the owner of an agreement moves it on."""

from __future__ import annotations

import re

import pypdf
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from wijkregie.conversations.models import Agreement, Body, Meeting


def test_contract_manager_prepares_and_records_a_result_conversation(
    live_demo, page, axe, csp_errors
):
    dock = Body.objects.get(name="Resultaatgesprek DOCK")
    log_in(page, live_demo.url, "contractmanager")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Overleg"
    ).click()
    expect(page.locator("h1")).to_have_text("Overleggen en vergaderingen")
    axe.check(page)
    page.get_by_role("link", name="Resultaatgesprek DOCK").click()
    axe.check(page)

    # A new conversation: the agenda comes from the data, open agreements come along.
    page.get_by_role("link", name="Nieuwe vergadering").click()
    axe.check(page)
    page.get_by_label("datum").fill("2026-12-15")
    page.get_by_label("titel").fill("Resultaatgesprek 2026H1 (vervolg)")
    page.get_by_label("besproken halfjaar").fill("2026H1")
    page.get_by_role("button", name="Opslaan").click()
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("Werkplezier van de professionals")
    expect(agenda).to_contain_text("tegen een streefwaarde van 7,5")
    expect(agenda).to_contain_text("Casusverhaal")
    axe.check(page)

    # Edit before the meeting: one item reworded, one added.
    page.get_by_role("link", name=re.compile("^Bewerken Werkplezier")).first.click()
    axe.check(page)
    page.get_by_label("toelichting").fill("Vraag: wanneer is de gezamenlijke meting klaar?")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Nieuw agendapunt").click()
    page.get_by_label("titel").fill("Ervaringen met de nieuwe levering")
    page.get_by_role("button", name="Opslaan").click()
    expect(agenda).to_contain_text("Ervaringen met de nieuwe levering")
    expect(agenda).to_contain_text("wanneer is de gezamenlijke meting klaar")
    page.get_by_role("link", name=re.compile("^Verwijderen Ervaringen")).click()
    expect(page.get_by_role("link", name="Annuleren")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Annuleren").click()

    # The dossier as PDF, for the meeting.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als PDF").click()
    pdf = pypdf.PdfReader(download_info.value.path())
    assert "Ervaringen met de nieuwe levering" in " ".join(p.extract_text() for p in pdf.pages)

    # Afterwards: minutes, a decision and an agreement.
    page.get_by_role("link", name="Vergadering en verslag wijzigen").click()
    axe.check(page)
    page.get_by_label("verslag").fill(
        "## Werkplezier\n\nDOCK meet werkplezier voortaan met de **gezamenlijke vraag**."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#minutes strong")).to_have_text("gezamenlijke vraag")
    page.get_by_role("link", name="Nieuw besluit").click()
    axe.check(page)
    page.get_by_label("besluit").fill(
        "DOCK levert werkplezier vanaf 2027H1 met de gezamenlijke vraag."
    )
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name=re.compile("^Nieuwe afspraak bij dit besluit")).first.click()
    axe.check(page)
    page.get_by_label("wat", exact=True).fill(
        "Gezamenlijke vraag opnemen in het medewerkersonderzoek"
    )
    page.get_by_label("eigenaar (persoon)").select_option(label="Dewi Pranoto")
    page.get_by_label("eigenaar (organisatie)").select_option(label="DOCK")
    page.get_by_label("uiterste datum").fill("2027-03-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#meeting-agreements")).to_contain_text(
        "Gezamenlijke vraag opnemen in het medewerkersonderzoek"
    )
    for link in ("Besluit wijzigen", "Nieuw besluit", "Nieuw agendapunt"):
        page.get_by_role("link", name=re.compile(f"^{link}")).first.click()
        axe.check(page)
        page.go_back()
    meeting = Meeting.objects.get(title="Resultaatgesprek 2026H1 (vervolg)")
    assert meeting.decisions.get().agreements.get().owner.username == "dock-manager"
    page.goto(f"{live_demo.url}/overleg/organen/{dock.pk}/bewerken/")
    axe.check(page)
    page.goto(f"{live_demo.url}/overleg/organen/nieuw/")
    axe.check(page)
    assert csp_errors == []


def test_the_register_answers_which_kerngroep_agreements_were_realised(
    live_demo, page, axe, csp_errors
):
    log_in(page, live_demo.url, "raadslid")
    page.goto(f"{live_demo.url}/overleg/besluiten/")
    axe.check(page)
    page.get_by_label("Zoeken", exact=True).fill("Kerngroep")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#register-summary")).to_contain_text("deels gerealiseerd 2")
    expect(page.locator("#register-summary")).to_contain_text("niet gerealiseerd 2")
    regional = page.get_by_role("region", name=re.compile("regionale samenwerkingsafspraken"))
    expect(regional).to_contain_text("niet gerealiseerd")
    expect(regional).to_contain_text("Geen draagvlak in de regio")
    # The council sees what was agreed, not who.
    expect(page.locator("main")).not_to_contain_text("Karim Bouzid")
    axe.check(page)
    page.goto(f"{live_demo.url}/overleg/ontwikkelagenda/")
    expect(page.locator("main")).to_contain_text("Veranderingstheorie per thema")
    axe.check(page)
    page.goto(f"{live_demo.url}/overleg/rolafspraken/")
    expect(page.locator("main")).to_contain_text("evaluatie te laat")
    axe.check(page)
    assert csp_errors == []


def test_the_owner_moves_an_agreement_on(live_demo, page, axe, csp_errors):
    agreement = Agreement.objects.get(
        meeting__body__name="Resultaatgesprek SMD", owner_organisation__code="smd"
    )
    log_in(page, live_demo.url, "smd-manager")
    page.goto(f"{live_demo.url}/overleg/afspraken/{agreement.pk}/")
    axe.check(page)
    page.get_by_label("afgerond").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Zeg wat er is opgeleverd")
    axe.check(page)
    page.get_by_label("afgerond").check()
    page.get_by_label("toelichting").fill("Toegelicht in de gecorrigeerde levering.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#agreement")).to_contain_text("afgerond: Toegelicht")
    expect(page.locator("#agreement-history")).to_contain_text("open → afgerond")
    assert csp_errors == []


def test_forms_of_the_development_agenda_and_role_agreements(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "contractmanager")
    for path in (
        "/overleg/ontwikkelagenda/nieuw/",
        "/overleg/rolafspraken/nieuw/",
    ):
        page.goto(f"{live_demo.url}{path}")
        axe.check(page)
    page.goto(f"{live_demo.url}/overleg/ontwikkelagenda/")
    page.get_by_role("link", name="Veranderingstheorie per thema").click()
    axe.check(page)
    page.goto(f"{live_demo.url}/overleg/rolafspraken/")
    page.get_by_role("link", name=re.compile("^Bewerken Contractmanager")).click()
    axe.check(page)
    page.get_by_label("evaluatiedatum").fill("2027-09-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).not_to_contain_text("evaluatie te laat")
    assert csp_errors == []
