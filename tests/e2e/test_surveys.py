"""The collaboration survey in a real browser: a policy adviser sees per statement how both
groups answered in 2024 and 2026, within two clicks of the start page; axe on every page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_policy_adviser_compares_both_sides_over_the_waves(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "beleidsadviseur")
    page.get_by_role("main").get_by_role("link", name="Samenwerkingsenquête").click()  # 1
    axe.check(page)
    page.get_by_role("link", name="Samenwerking wijkteams en voorveld").click()  # 2
    expect(page.locator("h1")).to_have_text("Samenwerking wijkteams en voorveld")
    contact = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("contact te komen"), level=2)
    )
    table = contact.get_by_role("table")
    expect(table).to_contain_text("Het is gemakkelijk om in contact te komen met de wijkteams.")
    expect(table).to_contain_text("86%")
    expect(table).to_contain_text("44%")
    expect(table).to_contain_text("64%")
    expect(table).to_contain_text("+20 punten")  # the voorveld since 2024: beyond chance
    expect(contact).to_contain_text("2024: wijkteam is het 42 punten vaker eens dan voorveld.")
    axe.check(page)
    assert not csp_errors, csp_errors


def test_partner_answers_online_on_a_phone(live_demo, page, axe, csp_errors):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_demo.url}/enquetes/invullen/demo-voorveld-2/")
    expect(page.locator("h1")).to_have_text("Samenwerking wijkteams en voorveld")
    axe.check(page)
    # Nothing scrolls sideways on the phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role(
        "group", name=re.compile("Werkt u samen met een of meer wijkteams")
    ).get_by_label("Ja").check()
    page.get_by_role("group", name=re.compile("in contact te komen met de wijkteams")).get_by_label(
        "Eens", exact=True
    ).check()
    page.get_by_role("button", name="Opslaan en later verdergaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")
    page.reload()
    expect(
        page.get_by_role(
            "group", name=re.compile("in contact te komen met de wijkteams")
        ).get_by_label("Eens", exact=True)
    ).to_be_checked()
    page.get_by_label("Heeft u een tip om de samenwerking te verbeteren?").fill(
        "Vaste contactpersonen per wijk."
    )
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.locator("h1")).to_have_text("Dank u wel")
    axe.check(page)
    page.goto(f"{live_demo.url}/enquetes/invullen/demo-voorveld-2/")
    expect(page.locator("h1")).to_have_text("Deze uitnodiging is gesloten")
    assert not csp_errors, csp_errors


def test_owner_codes_an_open_answer_and_reads_quotes_tips_and_figures(
    live_demo, page, axe, csp_errors
):
    log_in(page, live_demo.url, "ketenregisseur")
    page.goto(f"{live_demo.url}/enquetes/samenwerking/")
    per_org = page.get_by_role("table", name=re.compile("Golf 2024, wijkteam: aandeel eens"))
    expect(per_org).to_contain_text("DOCK (n=18)")
    expect(page.get_by_role("heading", name="Wat respondenten zeggen")).to_be_visible()
    page.get_by_role("link", name="Open antwoorden coderen").click()
    expect(page.locator("h1")).to_contain_text("Open antwoorden van golf 2026 coderen")
    axe.check(page)
    page.get_by_role("link", name="2024").click()
    card = page.locator("section", has_text="Geen opmerkingen.")
    card.get_by_label("code").select_option("beter")
    card.get_by_label("thema").fill("relatie")
    card.get_by_role("button", name="Code opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Gecodeerd")
    page.goto(f"{live_demo.url}/enquetes/samenwerking/tips/")
    expect(page.get_by_role("table")).to_contain_text("Vaste contactpersonen per wijk")
    axe.check(page)
    page.goto(f"{live_demo.url}/enquetes/samenwerking/indicator/")
    expect(page.get_by_label("Halfjaar van golf 2024")).to_have_value("2024H2")
    axe.check(page)
    assert not csp_errors, csp_errors
