"""Signals in a real browser: a professional reports a signal in three fields on a phone and
later sees the answer; the policy adviser works the queue and decides a policy issue; the
council sees the counts. axe on every page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_a_professional_reports_and_hears_back(live_demo, browser, axe, csp_errors):
    phone = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = phone.new_page()
    log_in(page, live_demo.url, "dock-professional")
    page.goto(f"{live_demo.url}/signalen/")
    expect(page.locator("h1")).to_have_text("Mijn signalen")
    axe.check(page)
    page.get_by_role("link", name="Signaal melden").click()
    axe.check(page)
    page.get_by_label("Waar liep u tegenaan?").fill("Geen plek in de maatjespool")
    page.get_by_label("Beschrijf het").fill("De maatjespool heeft een wachtlijst van drie maanden.")
    page.get_by_label("Thema").select_option(label="Participatie")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Uw signaal is ontvangen")
    expect(page.locator("h1")).to_have_text("Geen plek in de maatjespool")
    axe.check(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.close()

    # The policy adviser decides the issue with the lichte IB profiles, which holds one of
    # this professional's signals: the answer reaches them.
    adviser = browser.new_page()
    log_in(adviser, live_demo.url, "beleidsadviseur")
    adviser.goto(f"{live_demo.url}/signalen/wachtrij/")
    expect(adviser.get_by_role("table")).to_contain_text("Geen plek in de maatjespool")
    expect(adviser.locator("main")).to_contain_text("de datum voor een eerste reactie overschreden")
    axe.check(adviser)
    adviser.goto(f"{live_demo.url}/signalen/knelpunten/")
    axe.check(adviser)
    adviser.get_by_role("link", name="Grens van de lichte IB-profielen").click()
    expect(adviser.locator("main")).to_contain_text("Ketenoverleg Wmo")
    axe.check(adviser)
    adviser.get_by_role("link", name="Besluiten en antwoorden").click()
    axe.check(adviser)
    adviser.get_by_label("Antwoord aan de melders").fill(
        "Het wijkteam begeleidt tot zes maanden; daarna vraagt het een indicatie aan."
    )
    adviser.get_by_role("button", name="Opslaan").click()
    expect(adviser.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(adviser.locator("main")).to_contain_text("besloten")

    page = browser.new_page()
    log_in(page, live_demo.url, "dock-professional")
    page.goto(f"{live_demo.url}/signalen/")
    expect(page.get_by_role("table")).to_contain_text("zes maanden")
    page.get_by_role("link", name=re.compile("IB")).first.click()
    expect(page.get_by_role("heading", name="Het antwoord", exact=True)).to_be_visible()
    axe.check(page)
    assert not csp_errors, csp_errors


def test_the_council_sees_counts(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "raadslid")
    page.goto(f"{live_demo.url}/signalen/cijfers/")
    expect(page.locator("main")).to_contain_text("40 signalen uit de praktijk")
    axe.check(page)
    assert not csp_errors, csp_errors
