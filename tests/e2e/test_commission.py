"""The commission register in a real browser: the contract manager answers the three questions
of issue 3 from the overview; every page passes axe-core (WCAG 2.1 AA); a team registers a
request received outside the funnel; the council sees no personal names."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_contract_manager_answers_the_three_questions(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "contractmanager")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Opdracht"
    ).click()
    expect(page.locator("h1")).to_contain_text("Overzicht van de opdracht")
    axe.check(page)

    # 1. Which additional assignments run for each contractor, with what budget, until when?
    matrix = page.get_by_role("table", name=re.compile("Eisen en lopende aanvullende opdrachten"))
    expect(matrix.get_by_role("columnheader", name="DOCK")).to_be_visible()
    expect(matrix).to_contain_text("Zomeraanpak jongerenwerk: € 60.000, tot 30-09-2026")
    totals = page.get_by_role("table", name=re.compile("Integraal budget en aanvullende"))
    expect(totals.get_by_role("row", name=re.compile("^SMD"))).to_contain_text("%")
    expect(page.locator("#signals-heading")).to_be_visible()
    expect(page.get_by_text("2 opdrachten lopen binnen drie maanden af")).to_be_visible()

    # 2. Which requests reached the teams outside the agreed lines?
    steering = page.get_by_role("table", name=re.compile("buiten de lijn zijn ontvangen"))
    expect(
        steering.get_by_role("row", name=re.compile("Openbare Orde en Veiligheid"))
    ).to_contain_text("4")

    # 3. Did the integral budget keep up with wage growth?
    expect(page.locator("main")).to_contain_text("minder personele capaciteit")
    page.get_by_role("link", name="Open de budgetmonitor").click()
    expect(page.locator("h1")).to_have_text("Budgetmonitor")
    expect(page.locator("[data-chart] svg").first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("van DOCK"))).to_contain_text("€ 41.000")
    # The chart's axis writes numbers the Dutch way: 40.000, never 40,000.
    labels = page.locator("[data-chart] svg text").all_text_contents()
    assert not [t for t in labels if re.fullmatch(r"-?\d{1,3}(,\d{3})+", t.strip())], labels
    assert [t for t in labels if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t.strip())], labels
    axe.check(page)
    assert not csp_errors, csp_errors


def test_every_commission_page_is_accessible(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "contractmanager")
    for name in ("Opdracht en eisen", "Aanvullende opdrachten", "Tijdlijn", "Verzoeken"):
        page.goto(f"{live_demo.url}/opdracht/")
        page.get_by_role("navigation", name="Opdrachtregister").get_by_role(
            "link", name=name
        ).click()
        expect(page.locator("h1")).to_be_visible()
        axe.check(page)
        first = page.locator("main table tbody th a").first
        if first.count():
            first.click()
            expect(page.locator("h1")).to_be_visible()
            axe.check(page)
            edit = page.locator("main .wr-actions a").first
            if edit.count():
                edit.click()
                expect(page.locator("form.utrecht-form")).to_be_visible()
                axe.check(page)
    page.goto(f"{live_demo.url}/opdracht/aanvullend/tijdlijn/")
    expect(page.locator("[data-chart] svg").first).to_be_visible()
    for path in (
        "/opdracht/aanvullend/nieuw/",
        "/opdracht/budget/nieuw/",
        "/opdracht/verzoeken/nieuw/",
        "/opdracht/aanvullend/importeren/",
    ):
        page.goto(f"{live_demo.url}{path}")
        expect(page.locator("form.utrecht-form")).to_be_visible()
        axe.check(page)
    # A rejected upload shows its report, accessibly.
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "opdrachten.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": b"geen excel",
            }
        ],
    )
    page.get_by_role("button", name="Importeren").click()
    expect(page.locator(".utrecht-alert--error")).to_contain_text(
        "opdrachten.xlsx is niet geïmporteerd"
    )
    axe.check(page)
    # Invalid input on a form is reported next to the field.
    page.goto(f"{live_demo.url}/opdracht/budget/nieuw/")
    page.fill("#id_integral_budget", "heel veel")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    axe.check(page)
    assert not csp_errors, csp_errors


def test_team_registers_a_request_and_the_manager_decides(live_demo, page, axe):
    log_in(page, live_demo.url, "dock-manager")
    page.get_by_role("link", name="Verzoek registreren dat buiten de lijn binnenkwam").click()
    axe.check(page)
    page.fill("#id_title", "Extra spreekuur in het buurthuis")
    page.fill("#id_description", "De wijkagent vroeg ons rechtstreeks om een extra spreekuur.")
    page.select_option("#id_requesting_department", label="Openbare Orde en Veiligheid")
    page.fill("#id_received_on", "2026-11-10")
    page.select_option("#id_received_by", label="DOCK")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("geregistreerd")
    expect(page.locator("main")).to_contain_text("Buiten de lijn (zijsturing)")
    axe.check(page)
    request_url = page.url
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, live_demo.url, "contractmanager")
    page.goto(request_url)
    page.get_by_role("link", name="Besluit van het toetsingsoverleg vastleggen").click()
    axe.check(page)
    page.get_by_label("Valt onder de hoofdopdracht").check()
    page.fill("#id_decision_reasoning", "Spreekuren in de wijk horen bij PvE-1.1.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Het besluit is vastgelegd")
    expect(page.locator("main")).to_contain_text("Valt onder de hoofdopdracht")


def test_council_member_sees_the_overview_without_names(live_demo, page, axe):
    log_in(page, live_demo.url, "raadslid")
    page.goto(f"{live_demo.url}/opdracht/")
    expect(page.locator("h1")).to_contain_text("Overzicht van de opdracht")
    page.goto(f"{live_demo.url}/opdracht/aanvullend/")
    page.get_by_role("link", name="Energiecoaches").click()
    expect(page.locator("main")).not_to_contain_text("Eigenaar")
    expect(page.locator("main")).not_to_contain_text("Karim Bouzid")
    axe.check(page)
