"""Pilots in a real browser, for the IB pilot: expected against actual indications and the
saving with its assumptions; what the pilot meant for residents and staff, or a blind-spot
alarm where data is missing; whether another explanation could account for fewer indications.
A team manager of a participating organisation works on the theory of change."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from wijkregie.pilots.models import Pilot


def test_contract_manager_reads_the_ib_pilot(live_demo, page, axe, csp_errors):
    ib = Pilot.objects.get(name__startswith="Pilot individuele begeleiding")
    debt = Pilot.objects.get(name__startswith="Pilot vroegsignalering")
    log_in(page, live_demo.url, "contractmanager")

    # The dashboard raises the alarm for the running pilot's blind spots.
    page.goto(f"{live_demo.url}/dashboard/")
    alarm = page.locator("#blind-spots")
    expect(alarm).to_contain_text("Minder huisuitzettingen")
    expect(alarm).to_contain_text("helemaal geen indicator")
    expect(alarm).to_contain_text("Betere samenwerking met schuldhulpverlening")

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Pilots").click()
    expect(page.locator("h1")).to_have_text("Pilots en thema’s")
    axe.check(page)
    page.get_by_role("link", name=ib.name).click()
    expect(page.locator("h1")).to_have_text(ib.name)
    coverage = page.get_by_role("table", name=re.compile("blinde vlek"))
    staff = coverage.get_by_role("row", name=re.compile("Meer werkplezier"))
    expect(staff.get_by_role("cell", name="blinde vlek")).to_have_count(6)
    expect(page.locator("main")).to_contain_text("Niet gevolgd in 6 halfjaren")
    axe.check(page)

    # Expected against actual: a chart, a sentence per number, the assumptions underneath.
    page.locator("#expectations").get_by_role("link").first.click()
    expect(page.locator("#sentences")).to_contain_text("de rechte lijn door de 4 halfjaren")
    expect(page.locator("#sentences")).to_contain_text("een besparing van €")
    expect(page.locator(".wr-chart svg")).to_be_visible()
    expect(page.locator("#assumptions")).to_contain_text("bespaart gemiddeld een jaar")
    expect(page.locator("main")).to_contain_text("Versie 2")
    expect(page.locator("main")).to_contain_text("geïndexeerd per 2022")
    axe.check(page)

    # Other explanations: the staggered start and the Wmo desk's own indications.
    page.goto(f"{live_demo.url}/pilots/{ib.pk}/")
    page.get_by_role("link", name=re.compile("Gespreide start")).click()
    expect(page.locator("#conclusions")).to_contain_text("verschil in verschillen")
    expect(page.get_by_role("table", name="Cijfers per halfjaar")).to_contain_text(
        "Wmo-indicaties IB via het Wmo-loket"
    )
    expect(page.locator(".wr-chart svg")).to_be_visible()
    axe.check(page)

    # The theory of change: a diagram with a text alternative, status with its reason.
    page.get_by_role("link", name="Veranderingstheorie").click()
    expect(page.locator("#toc-diagram")).to_be_visible()
    expect(page.locator("#toc-list")).to_contain_text("Meer werkplezier in de teams — uit koers")
    expect(page.locator("#toc-list")).to_contain_text("tegen een streefwaarde van 7,5")
    axe.check(page)
    page.get_by_role("link", name="Kwaliteitskompas").click()
    expect(page.locator("#compass")).to_contain_text("Verbetercyclus")
    expect(page.locator("#compass")).to_contain_text("gat")
    axe.check(page)

    # Every form page passes axe; a bad expected series is refused in Dutch.
    forms = [
        "/pilots/nieuw/",
        f"/pilots/{ib.pk}/bewerken/",
        f"/pilots/{debt.pk}/status/",
        f"/pilots/{ib.pk}/doelen/nieuw/",
        f"/pilots/{ib.pk}/doelen/{ib.goals.first().pk}/",
        f"/pilots/{ib.pk}/verwachting/{ib.expectations.first().pk}/bewerken/",
        f"/pilots/{ib.pk}/vergelijking/nieuw/",
        f"/pilots/{ib.pk}/vergelijking/{ib.comparisons.first().pk}/bewerken/",
    ]
    for url in forms:
        page.goto(f"{live_demo.url}{url}")
        axe.check(page)
    page.goto(f"{live_demo.url}/pilots/{ib.pk}/verwachting/nieuw/")
    axe.check(page)
    page.get_by_label("indicator").select_option(
        label="IB-INDICATIES Afgegeven indicaties individuele begeleiding"
    )
    page.get_by_label("gemiddelde van de halfjaren van de nulmeting").check()
    page.get_by_label("eerste halfjaar van de nulmeting").fill("2019H2")
    page.get_by_label("laatste halfjaar van de nulmeting").fill("2019H2")
    page.get_by_label("eerste vergeleken halfjaar").fill("2020H1")
    page.get_by_label("laatste vergeleken halfjaar").fill("2021H2")
    page.get_by_label("aannames").fill("Zoals in 2019.")
    page.get_by_label("kosten per eenheid (€)").fill("-100")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("meer dan nul")
    expect(page.locator("main")).to_contain_text("minstens 2")
    axe.check(page)
    assert csp_errors == []


def test_team_manager_adds_to_the_theory_of_change(live_demo, page, axe, csp_errors):
    ib = Pilot.objects.get(name__startswith="Pilot individuele begeleiding")
    log_in(page, live_demo.url, "dock-manager")
    page.goto(f"{live_demo.url}/pilots/{ib.pk}/verandertheorie/")
    page.get_by_role("link", name="Nieuw element").click()
    axe.check(page)
    page.get_by_label("soort").select_option(label="prestatie")
    page.get_by_label("titel").fill("Warme overdracht bij zwaardere vragen")
    page.get_by_label("indicatoren").select_option(
        label="HERAANMELDING Heraanmelding binnen twaalf maanden"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#toc-list")).to_contain_text("Warme overdracht bij zwaardere vragen")
    expect(page.locator("#toc-diagram")).to_contain_text("Warme overdracht")

    # A change needs a reason; with one it lands in the history.
    page.get_by_role("link", name="Bewerken Warme overdracht bij zwaardere vragen").click()
    axe.check(page)
    page.get_by_label("titel").fill("Warme overdracht naar de Wmo-aanbieder")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Zeg waarom dit verandert")
    page.get_by_label("reden van de wijziging").fill("Afgesproken met de aanbieders.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Afgesproken met de aanbieders.")

    page.get_by_role("link", name="Nieuwe pijl").click()
    axe.check(page)
    page.goto(f"{live_demo.url}/pilots/{ib.pk}/verandertheorie/")
    page.get_by_role("link", name=re.compile("^Bewerken pijl")).first.click()
    axe.check(page)
    page.goto(f"{live_demo.url}/pilots/{ib.pk}/verandertheorie/")
    page.get_by_role("link", name=re.compile("^Verwijderen pijl")).first.click()
    axe.check(page)
    page.goto(f"{live_demo.url}/pilots/{ib.pk}/verandertheorie/")
    page.get_by_role("link", name="Verwijderen Warme overdracht naar de Wmo-aanbieder").click()
    axe.check(page)
    page.get_by_label("reden van de wijziging").fill("Hoort in de ketenafspraken.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#toc-list")).not_to_contain_text("Warme overdracht")
    assert csp_errors == []
