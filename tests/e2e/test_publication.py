"""The public dashboard in a real browser, without logging in: a resident picks a wijk and reads
its figures; no person count below 10, every person count a multiple of 5; axe clean."""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import expect


def test_a_resident_reads_the_public_dashboard(live_demo, page, axe, csp_errors):
    page.goto(f"{live_demo.url}/openbaar/")
    expect(page.locator("h1")).to_have_text("Kerncijfers van de Sociale Wijkteams")
    axe.check(page)
    page.get_by_label("Toon de cijfers van").select_option(label="Poelenburg")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("Poelenburg")
    axe.check(page)
    rows = page.evaluate("fetch('/api/v1/public/values/?area=poelenburg').then(r => r.json())")
    for row in rows:
        if row["person_count"] and row["value"] is not None:
            value = Decimal(str(row["value"]))
            assert value % 5 == 0 and (value == 0 or value >= 10), row
    expect(page.get_by_role("link", name="CSV")).to_have_attribute(
        "href", re.compile("open-data.csv")
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not csp_errors, csp_errors
