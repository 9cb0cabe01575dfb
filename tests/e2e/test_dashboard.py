"""Indicators, deliveries and the dashboard in a real browser: the contract manager opens an
indicator with its story; a team manager fills, uploads and submits a delivery and gets it sent
back with feedback; the council member sees <10; the lint lists the weak indicators. axe-core
(WCAG 2.1 AA) on every new page."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_contract_manager_reads_the_overview_and_a_story(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "contractmanager")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(page.locator("h1")).to_have_text("Dashboard: de kernindicatoren")
    block = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Inwoners met individuele"))
    )
    expect(block.get_by_role("row", name=re.compile("^DOCK"))).to_contain_text("vorige halfjaar")
    axe.check(page)

    block.get_by_role("link", name=re.compile("Inwoners met individuele")).click()
    expect(page.locator("[data-chart] svg").first).to_be_visible()
    expect(page.get_by_role("table", name="De cijfers van de grafiek")).to_contain_text("DOCK")
    expect(page.locator("main")).to_contain_text("Het verhaal achter de cijfers")
    # Another organisation's case story: de-identified, the name is gone.
    expect(page.locator("main")).to_contain_text("Lichte begeleiding in plaats van een indicatie")
    expect(page.locator("main")).not_to_contain_text("Mevrouw Bakker (81)")
    axe.check(page)
    # The data table scrolls inside itself with its first column fixed; printed, the page is
    # the report alone (no navigation, no forms) and the table is whole.
    table = page.get_by_role("table", name="De cijfers van de grafiek")
    wrapper = table.locator("xpath=ancestor::div[contains(@class,'wr-table-wrap')][1]")
    first_cell = table.locator("tbody tr").first.locator(":scope > *").first
    page.set_viewport_size({"width": 640, "height": 900})  # narrow enough to scroll
    before = first_cell.bounding_box()["x"]
    scrolled = wrapper.evaluate(
        "element => { element.scrollLeft = element.scrollWidth; return element.scrollLeft; }"
    )
    assert scrolled > 0, "the table did not scroll inside its wrapper"
    assert abs(first_cell.bounding_box()["x"] - before) < 1
    page.set_viewport_size({"width": 1280, "height": 720})
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hoofdnavigatie")).to_be_hidden()
    expect(table).to_be_visible()
    assert wrapper.evaluate("element => getComputedStyle(element).overflowX") == "visible"
    page.emulate_media(media="screen")

    for name in ("Indicatoren", "Meetbaarheid", "Halfjaarleveringen"):
        page.get_by_role("navigation", name="Cijfers en leveringen").get_by_role(
            "link", name=name
        ).click()
        expect(page.locator("h1")).to_be_visible()
        axe.check(page)
    # The lint lists the weak indicators.
    page.get_by_role("navigation", name="Cijfers en leveringen").get_by_role(
        "link", name="Meetbaarheid"
    ).click()
    lint = page.get_by_role("table", name="Bevindingen per indicator")
    expect(lint).to_contain_text("KETENPARTNERS-TEVREDEN")
    expect(lint).to_contain_text("Twee halfjaren achter elkaar")
    page.get_by_role("link", name=re.compile("KETENPARTNERS-TEVREDEN")).first.click()
    expect(page.locator("h1")).to_contain_text("Tevredenheid ketenpartners")
    axe.check(page)

    # The contract manager sharpens the weak definition; the change is kept as a version.
    page.get_by_role("link", name="Definitie bewerken").click()
    axe.check(page)
    page.get_by_label("Definitie in gewone taal").fill(
        "Gemiddeld rapportcijfer dat ketenpartners geven voor de samenwerking met het wijkteam, "
        "gemeten met de jaarlijkse ketenpartnerpeiling."
    )
    page.get_by_label("Reden van de wijziging").fill("Bron en meetmoment vastgelegd.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Bron en meetmoment vastgelegd.")
    page.goto(f"{live_demo.url}/indicatoren/")
    page.get_by_role("link", name="Nieuwe indicator").click()
    axe.check(page)
    assert not csp_errors, csp_errors


def test_team_fills_uploads_submits_and_gets_feedback(live_demo, page, axe, csp_errors, tmp_path):
    log_in(page, live_demo.url, "dock-manager")
    page.goto(f"{live_demo.url}/leveringen/")
    axe.check(page)
    page.get_by_role("link", name="concept").first.click()
    expect(page.locator("h1")).to_contain_text("DOCK 2026H2")
    axe.check(page)

    # The web form: fill one line and save.
    page.get_by_role("link", name="Waarden invullen").click()
    axe.check(page)
    page.get_by_label("Waarde: GEZINNEN Gezinnen met een gezinsaanpak — Poelenburg").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De waarden zijn opgeslagen.")).to_be_visible()

    # The Excel template: download, fill offline, upload.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel-sjabloon downloaden").click()
    path = tmp_path / "levering.xlsx"
    download_info.value.save_as(path)
    workbook = load_workbook(path)
    sheet = workbook["Levering"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    for row in range(2, sheet.max_row + 1):
        unit = sheet.cell(row, col["Eenheid"]).value or ""
        if sheet.cell(row, col["Teller"]).value is None and "/" in unit:
            sheet.cell(row, col["Teller"]).value = 14
            sheet.cell(row, col["Noemer"]).value = 20
        elif sheet.cell(row, col["Waarde"]).value is None and "/" not in unit:
            sheet.cell(row, col["Waarde"]).value = "7,5" if "score" in unit else 25
        sheet.cell(row, col["Toelichting"]).value = "Ingevuld in Excel"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    page.get_by_role("link", name="Ingevuld sjabloon uploaden").click()
    axe.check(page)
    page.get_by_label("Ingevuld sjabloon (XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_text(re.compile("is ingelezen"))).to_be_visible()

    # A case story: the writer sees the shared, de-identified version.
    # A narrative per theme: the writer sees the de-identified version beside the own text.
    page.get_by_role("link", name="Toelichting toevoegen").click()
    axe.check(page)
    page.get_by_label("Thema").select_option(label="Armoede")
    page.get_by_label("Verhalende toelichting").fill(
        "In Poelenburg hielp Jan de Vries van de Zuiderhoutstraat 12 bij de schuldenspreekuren."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("[PERSOON-1]")
    page.get_by_role("link", name=re.compile("^Bewerken Armoede")).click()
    axe.check(page)
    page.go_back()
    page.get_by_role("link", name="Casusverhaal toevoegen").click()
    axe.check(page)
    page.get_by_label("Titel").fill("Buurvrouw helpt mee")
    page.get_by_label("Verhaal", exact=True).fill(
        "Mevrouw Annelies Kramer van de Lindelaan 4 kreeg hulp."
    )
    page.get_by_label("Indicatoren waarover het verhaal gaat").select_option(
        label="IB-TEAM Inwoners met individuele begeleiding door het wijkteam"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".wr-shared").last).to_contain_text("[PERSOON-1]")
    axe.check(page)

    page.get_by_role("button", name="Indienen bij de gemeente").click()
    expect(page.locator("#delivery-state")).to_contain_text("ingediend")

    # The contract manager sends it back with feedback.
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_demo.url, "contractmanager")
    page.goto(f"{live_demo.url}/leveringen/")
    page.get_by_role("link", name="ingediend").first.click()
    expect(page.locator("main")).not_to_contain_text("Annelies Kramer")
    axe.check(page)
    page.get_by_label("Terugsturen met feedback").check()
    page.get_by_role("textbox", name="Feedback").fill(
        "Graag een toelichting bij de gezinsaanpak in Poelenburg."
    )
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.locator("#delivery-state")).to_contain_text("teruggestuurd")

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_demo.url, "dock-manager")
    page.goto(f"{live_demo.url}/leveringen/")
    page.get_by_role("link", name="teruggestuurd").first.click()
    expect(page.locator("#feedback")).to_contain_text("gezinsaanpak in Poelenburg")
    page.goto(f"{live_demo.url}/dashboard/eigen-cijfers/")
    expect(page.locator("h1")).to_contain_text("Cijfers van DOCK")
    axe.check(page)
    assert not csp_errors, csp_errors


def test_council_sees_small_counts_hidden(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "raadslid")
    page.goto(f"{live_demo.url}/dashboard/")
    expect(page.locator("#disclosure-note")).to_be_visible()
    block = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Gezinnen met"))
    )
    block.get_by_role("link", name=re.compile("Gezinnen met")).click()
    page.get_by_role("link", name="wijk", exact=True).click()
    expect(page.get_by_role("table", name="De cijfers van de grafiek")).to_contain_text("<10")
    expect(page.locator("main")).not_to_contain_text("Casusverhalen")
    axe.check(page)
    assert not csp_errors, csp_errors


def test_council_sees_incomplete_and_provisional_figures_said_in_words(
    live_demo, page, axe, csp_errors
):
    """SMD's delivery of 2026H1 was sent back: the municipal total of 2026H1 says SMD is missing
    and is not judged against the target; the half-year is marked provisional."""
    log_in(page, live_demo.url, "raadslid")
    page.goto(f"{live_demo.url}/dashboard/")
    block = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Inwoners met individuele"))
    )
    table = block.get_by_role("table")
    expect(table.get_by_role("columnheader", name="2026H1 (voorlopig)")).to_be_visible()
    expect(table.get_by_role("columnheader", name="2025H2", exact=True)).to_be_visible()
    municipality = block.get_by_role("row", name=re.compile("^Gemeente"))
    expect(municipality).to_contain_text("onvolledig: SMD ontbreekt")
    expect(municipality).not_to_contain_text("streefwaarde gehaald")
    expect(municipality).not_to_contain_text("streefwaarde niet gehaald")
    # The running half-year is not in the default window.
    expect(table).not_to_contain_text("2026H2")
    axe.check(page)

    # The indicator page: both answers to the IB question side by side, with the explanation.
    block.get_by_role("link", name=re.compile("Inwoners met individuele")).click()
    reconciliation = page.locator("#reconciliation-table")
    expect(page.get_by_role("heading", name="Twee bronnen, één vraag")).to_be_visible()
    dock_2024 = reconciliation.get_by_role("row", name=re.compile("^DOCK 2024H2"))
    expect(dock_2024).to_contain_text("buiten de tolerantie")
    expect(dock_2024).to_contain_text("Samen sterk")
    # A council member never reads a person count below 10, here neither.
    figures = reconciliation.locator("tbody td:nth-child(3), tbody td:nth-child(4)")
    for cell in figures.all_inner_texts():
        number = re.sub(r"\D", "", cell.split("\n")[0])
        assert not number or int(number) >= 10 or int(number) == 0, cell
    axe.check(page)
    assert not csp_errors, csp_errors
