"""Registrations in a real browser: a team manager delivers an export (preview with masked
client numbers, confirm, imported), a bad file is rejected with a precise report, the team
reads its own trajectories; the contract manager compares team IB with IB indications."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from wijkregie.registrations import generator

BSN_LIKE = re.compile(r"\b\d{9}\b")


def test_team_manager_delivers_an_export(live_demo, page, axe, csp_errors, tmp_path):
    good = tmp_path / "dock-2026.csv"
    generator.write_csv(
        good,
        generator.rows(
            "DOCK", ["Poelenburg", "Rosmolenwijk"], first_year=2026, per_half_year=30, seed=7
        ),
    )
    first_bsn = good.read_text("utf-8-sig").splitlines()[1].split(";")[1]

    log_in(page, live_demo.url, "dock-manager")
    page.goto(f"{live_demo.url}/registraties/")
    expect(page.locator("h1")).to_contain_text("Registraties")
    axe.check(page)
    page.get_by_role("link", name="Registratie-export aanleveren").click()
    axe.check(page)
    page.get_by_label("Registratie-export (CSV of XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Uploaden en bekijken").click()

    preview = page.get_by_role("table", name=re.compile("De eerste regels"))
    expect(preview).to_contain_text("*****" + first_bsn[-4:])
    expect(page.locator("main")).not_to_contain_text(first_bsn)
    expect(page.locator("main")).to_contain_text("scheidingsteken “;”")
    axe.check(page)
    page.get_by_role("button", name="Bevestigen en inlezen").click()
    expect(page.locator("#run-state")).to_have_text("ingelezen")
    expect(page.locator("main")).to_contain_text("2026H1")
    assert not BSN_LIKE.search(page.locator("main").inner_text())
    axe.check(page)

    # A bad file: rejected, with row, column, masked value and reason.
    bad = tmp_path / "fout.csv"
    lines = good.read_text("utf-8-sig").splitlines()
    cells = lines[3].split(";")
    cells[1] = "123456789"  # fails the 11-test
    lines[3] = ";".join(cells)
    bad.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    page.goto(f"{live_demo.url}/registraties/aanleveren/")
    page.get_by_label("Registratie-export (CSV of XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Uploaden en bekijken").click()
    page.get_by_role("button", name="Bevestigen en inlezen").click()
    expect(page.locator("#run-state")).to_have_text("afgewezen")
    errors = page.get_by_role("table", name="Problemen per rij en kolom")
    expect(errors).to_contain_text("*****6789")
    expect(errors).to_contain_text("elfproef")
    expect(errors.get_by_role("cell", name="4", exact=True)).to_be_visible()
    assert "123456789" not in page.content()
    axe.check(page)

    # Another layout: a column mapping profile made from a sample file.
    sample = tmp_path / "menscentraal.csv"
    sample.write_text(
        "Dossier;BSN;Org;Gebied;Thema;Type;Zwaarte;Begin;Eind;Reden;Aanbieder;Kosten\r\n", "utf-8"
    )
    page.goto(f"{live_demo.url}/registraties/aanleveren/")
    page.get_by_role("link", name="Nieuw kolomprofiel (voor een andere indeling)").click()
    axe.check(page)
    page.get_by_label("Naam van het profiel").fill("MensCentraal")
    page.get_by_label("Voorbeeldexport (CSV of XLSX)").set_input_files(str(sample))
    page.get_by_role("button", name="Kolomnamen inlezen").click()
    expect(
        page.get_by_role("heading", name="Welke kolom van uw bestand bevat wat?")
    ).to_be_visible()
    axe.check(page)
    for column, header in (
        ("traject_id", "Dossier"),
        ("client", "BSN"),
        ("organisatie", "Org"),
        ("wijk", "Gebied"),
        ("thema", "Thema"),
        ("soort", "Type"),
        ("startdatum", "Begin"),
    ):
        page.get_by_label(column, exact=True).select_option(header)
    page.get_by_label("Vertaling van waarden").fill("soort: IB team = ib_team")
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Het kolomprofiel is opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Kolomprofiel")).to_contain_text("MensCentraal")

    page.goto(f"{live_demo.url}/registraties/")
    page.get_by_role("link", name="Onze trajecten").click()
    expect(page.get_by_role("table", name="Trajecten, nieuwste eerst")).to_be_visible()
    assert first_bsn not in page.content()
    axe.check(page)
    assert not csp_errors, csp_errors


def test_contract_manager_compares_team_ib_and_indications(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "contractmanager")
    page.goto(f"{live_demo.url}/registraties/")
    table = page.get_by_role("table", name=re.compile("IB door het team en IB-indicaties"))
    expect(table).to_contain_text("Cliënten met IB van het team")
    expect(table).to_contain_text("Afgegeven IB-indicaties")
    expect(table.get_by_role("row", name=re.compile("^DOCK 2025H2"))).to_be_visible()
    expect(page.get_by_role("link", name="Onze trajecten")).to_have_count(0)
    axe.check(page)
    assert not csp_errors, csp_errors
