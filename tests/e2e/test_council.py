"""The council report in a real browser: the contract manager asks for the 2026H1 report,
follows its progress, publishes it, and a council member downloads the PDF. axe on each page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_contract_manager_publishes_and_a_council_member_downloads(
    live_demo, page, browser, axe, csp_errors
):
    log_in(page, live_demo.url, "contractmanager")
    page.goto(f"{live_demo.url}/raad/")
    axe.check(page)
    page.get_by_role("link", name="Nieuwe raadsrapportage").click()
    page.get_by_label("Halfjaar").fill("2026H1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_contain_text("Raadsrapportage 2026H1")
    for _attempt in range(60):  # built in the background: the page shows how far it is
        if page.get_by_role("button", name="Deze versie publiceren").count():
            break
        page.wait_for_timeout(1000)
        page.reload()
    axe.check(page)
    page.get_by_role("button", name="Deze versie publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("Gepubliceerd")
    expect(page.locator("h1")).to_contain_text("versie 1")
    url = page.url

    council = browser.new_page()
    log_in(council, live_demo.url, "raadslid")
    council.goto(url)
    axe.check(council)
    with council.expect_download() as download:
        council.get_by_role("link", name="De rapportage als Word-document").click()
    assert download.value.suggested_filename == "raadsrapportage-2026H1-v1.docx"
    pdf = council.request.get(url + "rapport.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert not csp_errors, csp_errors
