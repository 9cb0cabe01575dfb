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
        "section", has=page.get_by_role("heading", name=re.compile("contact te komen"))
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
