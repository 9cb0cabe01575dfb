"""The social map in a real browser: a DOCK professional finds the mantelzorg contact in
Poelenburg and the partners there in two clicks and reports an entry that is wrong; a provider
updates its own service; the chain director confirms a stale entry. Every page passes axe-core
(WCAG 2.1 AA)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_professional_finds_the_contact_and_reports_a_wrong_entry(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "dock-professional")
    page.get_by_role("main").get_by_role(
        "link", name="Sociale kaart", exact=True
    ).click()  # click 1
    expect(page.locator("h1")).to_have_text("Sociale kaart")
    axe.check(page)
    page.get_by_role("link", name="Poelenburg", exact=True).click()  # click 2
    expect(page.locator("h1")).to_have_text("Wijk Poelenburg")
    contacts = page.get_by_role("list", name="Aanspreekpunten per thema")
    expect(contacts).to_contain_text("Aanspreekpunt mantelzorg, wijkteam Poelenburg")
    expect(contacts).to_contain_text("Marieke Dekker")
    expect(page.locator("main")).to_contain_text("Zaankanters voor Elkaar")
    expect(page.get_by_role("link", name="Mantelzorgcafé Poelenburg")).to_be_visible()
    axe.check(page)

    # Search by theme and wijk.
    page.get_by_role("link", name="Sociale kaart", exact=True).first.click()
    page.get_by_label("Wijk", exact=True).select_option(label="Krommenie")
    page.get_by_label("Thema", exact=True).select_option(label="Mantelzorg")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Mantelzorgcafé Krommenie")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Mantelzorgcafé Krommenie").click()
    expect(page.locator("main")).to_contain_text("1 melding zegt dat deze vermelding niet klopt")
    axe.check(page)

    page.get_by_role("link", name="Klopt niet?").click()
    axe.check(page)
    page.get_by_label("Wat klopt er niet?").fill("Het café is weer begonnen, nu in De Tulp.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Zaankanters voor Elkaar (ZVE) is gevraagd"
    )
    expect(page.locator("main")).to_contain_text("2 meldingen zeggen")
    page.get_by_role("link", name="Sociale kaart", exact=True).first.click()
    page.get_by_role("link", name="Wie werkt met wie samen").click()
    expect(page.locator("h1")).to_have_text("Wie werkt met wie samen")
    axe.check(page)
    assert not csp_errors, csp_errors


def test_provider_updates_its_own_service(live_demo, page, axe):
    log_in(page, live_demo.url, "aanbieder")
    page.get_by_role("main").get_by_role("link", name="Sociale kaart", exact=True).click()
    page.get_by_label("Zoeken", exact=True).fill("begeleiding thuis")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Individuele begeleiding thuis").click()
    axe.check(page)
    page.get_by_role("link", name="Bewerken").click()
    expect(page.locator("h1")).to_contain_text("Individuele begeleiding thuis")
    axe.check(page)
    page.get_by_label("Telefoonnummer").fill("075 699 00 55")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("075 699 00 55")
    expect(page.locator("main")).to_contain_text("door Zaanse Begeleiding (fictief)")

    # Its own to-do list: the report about the phone number, which it now handles.
    page.goto(f"{live_demo.url}/sociale-kaart/actualiteit/")
    expect(page.locator("main")).to_contain_text("Het telefoonnummer voor aanmelden is veranderd")
    axe.check(page)
    page.get_by_role("button", name="Afgehandeld").first.click()
    expect(page.get_by_role("status")).to_contain_text("De melding is afgehandeld.")
    page.goto(f"{live_demo.url}/sociale-kaart/")
    page.get_by_role("link", name=re.compile("Zaandam Zuid")).click()
    page.get_by_role("link", name="Individuele begeleiding thuis").first.click()
    page.get_by_role("link", name=re.compile("Houder wijzigen")).click()
    axe.check(page)


def test_chain_director_keeps_the_map_current(live_demo, page, axe):
    log_in(page, live_demo.url, "ketenregisseur")
    page.goto(f"{live_demo.url}/")
    task = page.locator("[data-task='socialmap_due']")
    expect(task).to_contain_text("Sociale kaart: vermeldingen om te controleren")
    count = int(task.locator("[data-count]").get_attribute("data-count"))
    assert count >= 1
    task.get_by_role("link", name="Sociale kaart: vermeldingen om te controleren").click()
    expect(page.locator("[data-task-items='socialmap_due'] > li")).to_have_count(count)
    page.get_by_role("link", name="Hoe actueel is de sociale kaart").click()
    expect(page.locator("h1")).to_have_text("Hoe actueel is de sociale kaart")
    axe.check(page)
    overview = page.get_by_role("table", name=re.compile("Aandeel actuele vermeldingen"))
    expect(overview.get_by_role("rowheader", name="Buurtcentra Zaanstad")).to_be_visible()
    todo = page.get_by_role("table", name=re.compile("te controleren"))
    row = todo.get_by_role("row", name=re.compile("Soos Assendelft"))
    row.get_by_role("button", name=re.compile("Klopt nog")).click()
    expect(page.get_by_role("status")).to_contain_text("Bevestigd als actueel: Soos Assendelft")
    expect(todo.get_by_role("row", name=re.compile("Soos Assendelft"))).to_have_count(0)
    page.goto(f"{live_demo.url}/sociale-kaart/wijk/rosmolenwijk/")
    expect(page.locator("main")).to_contain_text("vacant")
    axe.check(page)

    # A regional directory that is not right is refused whole, with a report.
    page.goto(f"{live_demo.url}/sociale-kaart/")
    page.get_by_role("link", name="Regionale sociale kaart importeren").click()
    axe.check(page)
    page.get_by_label("HSDS 3.0-bestand (.json)").set_input_files(
        files=[{"name": "regio.json", "mimeType": "application/json", "buffer": b'[{"id": 1}]'}]
    )
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("alert")).to_contain_text("regio.json is niet geïmporteerd")
    axe.check(page)
