"""Every demo role logs in, sees its start page and only its own navigation; every page that
role can reach from the navigation passes axe-core (WCAG 2.1 AA) without violations."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from wijkregie.accounts.demo import current_demo_totp

ROLE_EXPECTATIONS = {
    # username: (role label on the start page, navigation it must have, navigation it must not)
    "contractmanager": ("Contractmanager", ["Organisaties", "Wijken", "Thema's"], ["Auditlog"]),
    "ketenregisseur": ("Ketenregisseur", ["Organisaties", "Wijken"], ["Auditlog", "Beheer"]),
    "beleidsadviseur": ("Beleidsadviseur", ["Organisaties"], ["Auditlog", "Beheer"]),
    "dock-manager": ("Manager teamorganisatie", ["Organisaties"], ["Auditlog", "Beheer"]),
    "incluzio-manager": ("Manager teamorganisatie", ["Organisaties"], ["Auditlog"]),
    "smd-manager": ("Manager teamorganisatie", ["Organisaties"], ["Auditlog"]),
    "dock-professional": ("Professional", ["Organisaties"], ["Auditlog", "Beheer"]),
    "aanbieder": ("Gebruiker aanbieder of partner", ["Organisaties"], ["Auditlog", "Beheer"]),
    "raadslid": ("Raadslid of auditor", ["Organisaties"], ["Auditlog", "Beheer"]),
    "beheerder": ("Beheerder", ["Organisaties", "Auditlog", "Beheer"], []),
}


@pytest.mark.parametrize("username", sorted(ROLE_EXPECTATIONS))
def test_role_start_page_and_navigation(live_demo, page, axe, csp_errors, username):
    role_label, must_have, must_not = ROLE_EXPECTATIONS[username]
    log_in(page, live_demo.url, username)
    expect(page).to_have_url(f"{live_demo.url}/")
    expect(page.locator("h1")).to_contain_text("Welkom")
    expect(page.locator("main")).to_contain_text(role_label)
    navigation = page.get_by_role("navigation", name="Hoofdnavigatie")
    for title in must_have:
        expect(navigation.get_by_role("link", name=title, exact=True)).to_be_visible()
    for title in must_not:
        expect(navigation.get_by_role("link", name=title, exact=True)).to_have_count(0)
    axe.check(page)

    # Each open task on the start page: its count is the number of items behind its link.
    tasks = page.locator("[data-task]")
    shown = {
        tasks.nth(i).get_attribute("data-task"): int(
            tasks.nth(i).locator("[data-count]").get_attribute("data-count")
        )
        for i in range(tasks.count())
    }
    for key, count in shown.items():
        page.goto(f"{live_demo.url}/taken/{key}/")
        expect(page.locator(f"[data-task-items='{key}'] > li")).to_have_count(count)
        axe.check(page)
    if shown:
        page.goto(f"{live_demo.url}/taken/")
        axe.check(page)

    # Visit every page in this role's navigation, and the first detail page of each list.
    links = [
        link.get_attribute("href")
        for link in navigation.get_by_role("link").all()
        if not link.get_attribute("href").startswith("/admin/")
    ]
    for href in links:
        page.goto(f"{live_demo.url}{href}")
        expect(page.locator("h1")).to_be_visible()
        axe.check(page)
        detail = page.locator("main table tbody th a").first
        if detail.count():
            detail.click()
            page.wait_for_load_state()
            expect(page.locator("h1")).to_be_visible()
            axe.check(page)
    assert not csp_errors, csp_errors


def test_language_switch(live_demo, page, axe):
    log_in(page, live_demo.url, "contractmanager")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_contain_text("Welkom")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Welcome")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Welkom")


def test_login_pages_are_accessible(live_demo, page, axe):
    page.goto(f"{live_demo.url}/organisaties/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/organisaties/"))
    axe.check(page)
    page.fill("#id_username", "contractmanager")
    page.fill("#id_password", "fout-wachtwoord")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    axe.check(page)
    page.goto(f"{live_demo.url}/bestaat-niet/")
    axe.check(page)


def test_skip_link_moves_focus_to_main(live_demo, page):
    log_in(page, live_demo.url, "dock-professional")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de hoofdinhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_team_manager_edits_own_organisation(live_demo, page, axe):
    log_in(page, live_demo.url, "dock-manager")
    page.get_by_role("link", name="Uw organisatie").click()
    expect(page.locator("h1")).to_contain_text("DOCK")
    axe.check(page)
    page.fill("#id_phone", "075 123 45 67")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Opgeslagen")
    expect(page.locator("main")).to_contain_text("075 123 45 67")


def test_administrator_two_factor_and_audit_log(live_demo, page, axe):
    page.goto(f"{live_demo.url}/account/login/")
    page.fill("#id_username", "beheerder")
    page.fill("#id_password", "wijkregie-demo")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/account/tweestapsverificatie/"))
    axe.check(page)
    page.fill("#id_token", "000000")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".utrecht-form-field-error-message")).to_be_visible()
    axe.check(page)
    # Any other page still sends the administrator back to the two-factor check.
    page.goto(f"{live_demo.url}/organisaties/")
    expect(page).to_have_url(re.compile(r"/account/tweestapsverificatie/"))
    # django-otp throttles after a wrong code (1 s, 2 s, 4 s, ...); end the wait at once.
    TOTPDevice.objects.filter(user__username="beheerder").update(throttling_failure_count=0)
    page.fill("#id_token", current_demo_totp())
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Organisaties")
    page.goto(f"{live_demo.url}/account/auditlog/")
    expect(page.locator("h1")).to_contain_text("Auditlog")
    expect(page.locator("main table")).to_contain_text("Ingelogd")
    axe.check(page)


def test_api_docs_render_offline(live_demo, page, csp_errors):
    page.goto(f"{live_demo.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui")).to_be_visible()
    expect(page.get_by_text("Wijkregie API")).to_be_visible()
    # An English page, with a way back into the (Dutch) application.
    page.get_by_role("link", name="← Terug naar Wijkregie").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))
    assert not csp_errors, csp_errors


def test_admin_site_is_accessible_for_administrators(live_demo, page, axe, csp_errors):
    log_in(page, live_demo.url, "beheerder")
    # The navigation's "Beheer" opens the app's user administration; the Django admin (for the
    # registers) stays at /admin/.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Beheer").click()
    expect(page.locator("h1")).to_have_text("Gebruikersbeheer")
    page.goto(f"{live_demo.url}/admin/")
    expect(page).to_have_title(re.compile("Wijkregie-beheer"))
    axe.check(page)
    for path in (
        "/admin/accounts/user/",
        "/admin/accounts/user/1/change/",
        "/admin/accounts/membership/",
        "/admin/organisations/organisation/",
        "/admin/organisations/area/1/change/",
    ):
        page.goto(f"{live_demo.url}{path}")
        expect(page.locator("#content h1")).to_be_visible()
        axe.check(page)
    assert not csp_errors, csp_errors


def test_administrator_manages_a_leaver_in_the_app(live_demo, page, axe):
    """The start page's "Gebruikersbeheer" opens the app's own user administration: the
    administrator finds a colleague, ends a role, deactivates the account and sees it logged."""
    log_in(page, live_demo.url, "beheerder")
    page.get_by_role("link", name="Gebruikersbeheer").first.click()
    expect(page.locator("h1")).to_have_text("Gebruikersbeheer")
    axe.check(page)
    page.get_by_label("Naam, gebruikersnaam of e-mailadres").fill("dock-professional")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="dock-professional").click()
    expect(page.locator("h1")).to_contain_text("dock-professional")
    axe.check(page)
    page.get_by_role("button", name=re.compile("Rol Professional bij DOCK beëindigen")).click()
    expect(page.get_by_role("status").first).to_contain_text("De rol is beëindigd.")
    page.get_by_role("button", name="Deactiveren (uit dienst)").click()
    expect(page.locator("main")).to_contain_text("Dit account is gedeactiveerd")
    expect(page.locator("main")).to_contain_text("rol beëindigd")
    axe.check(page)
    page.goto(f"{live_demo.url}/account/beheer/gebruikers/nieuw/")
    expect(page.locator("h1")).to_have_text("Nieuw account")
    axe.check(page)
