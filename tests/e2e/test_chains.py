"""Chains and change notices in a real browser: the chain director and the contract manager
see who was consulted, informed and who acknowledged; a Wmo provider responds and acknowledges
from its inbox; every page passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_who_was_consulted_informed_and_acknowledged(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "contractmanager")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Wijzigingen", exact=True
    ).click()
    expect(page.locator("h1")).to_have_text("Wijzigingsberichten")
    axe.check(page)
    overdue = page.locator("main ul.utrecht-unordered-list").first
    expect(overdue).to_contain_text("Thuis in de Zaanstreek (fictief)")
    published = page.get_by_role("table", name="Gepubliceerd")
    expect(published.get_by_role("row", name=re.compile("IB wordt onderdeel"))).to_contain_text(
        "7/8 (88%)"
    )
    page.get_by_role("link", name=re.compile("IB wordt onderdeel")).first.click()
    expect(page.locator("main")).to_contain_text("8 geadresseerd · 8 geconsulteerd")
    table = page.get_by_role("table", name=re.compile("Wie werd geconsulteerd"))
    provider = table.get_by_role("row", name=re.compile("Thuis in de Zaanstreek"))
    expect(provider).to_contain_text("Maakt bezwaar")
    expect(provider).to_contain_text("nog niet")
    expect(table.get_by_role("row", name=re.compile("Zaanse Begeleiding"))).to_contain_text(
        "Anton Smit"
    )
    axe.check(page)
    for name in ("Ketens",):
        page.get_by_role("navigation", name="Ketens en wijzigingen").get_by_role(
            "link", name=name
        ).click()
        axe.check(page)
        page.locator("main table tbody th a").first.click()
        expect(page.locator("h1")).to_be_visible()
        axe.check(page)
    assert not csp_errors, csp_errors


def test_provider_responds_and_acknowledges_from_its_inbox(live_demo, page, axe):
    # The chain director drafts a notice and starts the consultation.
    log_in(page, live_demo.url, "ketenregisseur")
    page.goto(f"{live_demo.url}/ketens/")
    page.get_by_role("link", name="Keten Wmo en maatschappelijke ondersteuning").click()
    page.get_by_role("link", name="Nieuw wijzigingsbericht").click()
    axe.check(page)
    page.fill("#id_title", "Wachtlijst begeleiding: voorrang voor spoed")
    page.fill("#id_what_changes", "Aanbieders nemen spoedaanvragen binnen vijf werkdagen op.")
    page.fill("#id_why", "De wachttijd voor begeleiding liep op tot twaalf weken.")
    page.fill("#id_effective_from", "2027-03-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    axe.check(page)
    notice_url = page.url
    page.get_by_role("link", name="Betrokken partijen", exact=True).click()
    expect(page.locator("main table")).to_contain_text("Zaanse Begeleiding (fictief)")
    axe.check(page)
    page.goto(notice_url)
    page.get_by_role("link", name="Consultatie starten").click()
    axe.check(page)
    deadline = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    page.fill("#id_deadline", deadline)
    page.get_by_role("button", name="Consultatie starten").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Consultatie gestart")
    page.get_by_role("button", name="Uitloggen").click()

    # The provider sees it in its inbox and responds.
    log_in(page, live_demo.url, "aanbieder")
    expect(page.get_by_role("link", name=re.compile("Meldingen"))).to_contain_text("1 ongelezen")
    page.get_by_role("link", name="Wijzigingen voor u").first.click()
    expect(page.locator("h1")).to_have_text("Wijzigingen voor u")
    expect(page.locator("main")).not_to_contain_text("Vroeg Eropaf")  # not addressed to it
    axe.check(page)
    page.get_by_role("link", name="Wachtlijst begeleiding: voorrang voor spoed").first.click()
    axe.check(page)
    page.get_by_label("Heeft zorgen").check()
    page.fill("#id_text", "Vijf werkdagen lukt alleen met extra capaciteit.")
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("ketenregisseur")

    page.get_by_role("button", name="Uitloggen").click()

    # The director answers the concern, decides and publishes.
    log_in(page, live_demo.url, "ketenregisseur")
    page.goto(notice_url)
    page.get_by_role("link", name=re.compile("^Beantwoorden")).click()
    expect(page.locator("#id_answer")).to_be_visible()  # the answer page has loaded
    axe.check(page)
    page.fill("#id_answer", "Spoedaanvragen worden apart bekostigd.")
    page.get_by_role("button", name="Antwoord opslaan").click()
    page.get_by_role("link", name="Besluit vastleggen").click()
    page.fill("#id_decision", "Voorrang voor spoed met aparte bekostiging.")
    page.fill("#id_decided_by_body", "Ketenoverleg Wmo")
    page.get_by_role("button", name="Besluit vastleggen").click()
    # The other parties did not respond and the deadline has not passed: refused, explained.
    expect(page.locator(".utrecht-alert--error")).to_contain_text("Wacht tot de termijn")
    axe.check(page)
    page.get_by_role("button", name="Uitloggen").click()


def test_published_notice_is_acknowledged_by_the_provider(live_demo, page, axe):
    from django.utils import timezone

    from wijkregie.accounts.models import User
    from wijkregie.chains import services
    from wijkregie.chains.models import Chain

    director = User.objects.get(username="ketenregisseur")
    notice = services.notice_create(
        chain=Chain.objects.get(name__startswith="Keten Wmo"),
        data={
            "title": "Nieuwe tarieven begeleiding 2027",
            "what_changes": "Tarieven +3,1%.",
            "why": "Indexatie.",
            "effective_from": dt.date(2027, 1, 1),
        },
        actor=director,
    )
    notice = services.notice_decide(
        notice=notice,
        expected_version=notice.version,
        decision="Indexatie 3,1%.",
        decided_on=dt.date.today(),
        decided_by_body="College",
        skip_reason="Jaarlijkse indexatie.",
        actor=director,
    )
    services.notice_publish(
        notice=notice,
        expected_version=notice.version,
        summary="Uw tarieven stijgen per 1 januari met 3,1%.",
        actor=director,
        now=timezone.now(),
    )
    log_in(page, live_demo.url, "aanbieder")
    page.goto(f"{live_demo.url}/wijzigingen-voor-u/")
    page.get_by_role("link", name="Nieuwe tarieven begeleiding 2027").first.click()
    expect(page.locator("main")).to_contain_text("Uw tarieven stijgen per 1 januari met 3,1%.")
    expect(page.locator("#id_name")).to_have_value("Anton Smit")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator(".utrecht-alert--ok").first).to_contain_text("bevestiging")
    expect(page.locator("main")).to_contain_text("Bevestigd door Anton Smit")
    axe.check(page)
    page.goto(f"{live_demo.url}/meldingen/")
    expect(page.locator("h1")).to_have_text("Meldingen")
    axe.check(page)
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    expect(page.get_by_role("link", name=re.compile("Meldingen"))).not_to_contain_text("ongelezen")


def test_contact_persons_are_kept_by_the_organisation(live_demo, page, axe):
    log_in(page, live_demo.url, "aanbieder")
    page.get_by_role("link", name="Uw organisatie").click()
    page.goto(page.url.replace("/bewerken/", "/"))
    expect(page.get_by_role("table", name=re.compile("Wie u bij"))).to_contain_text(
        "Hanneke de Groot"
    )
    page.get_by_role("link", name="Contactpersoon toevoegen").click()
    axe.check(page)
    page.fill("#id_name", "Bram Hendriks")
    page.fill("#id_function", "Planner")
    page.fill("#id_topics", "Nieuwe aanmeldingen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("table", name=re.compile("Wie u bij"))).to_contain_text("Bram Hendriks")
    axe.check(page)
