"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium); nothing is downloaded."""

from __future__ import annotations

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("WIJKREGIE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: axe-core rule tags for WCAG 2.1 level A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def live_demo(live_server):
    """A live server with the Zaanstad demo data."""
    from wijkregie.system.demo import load_demo

    load_demo()
    return live_server


class AxeChecker:
    """Runs axe-core on a page and collects every violation, page by page."""

    def __init__(self):
        self.axe = Axe()
        self.checked: list[str] = []

    def check(self, page) -> None:
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        self.checked.append(page.url)
        assert results.violations_count == 0, (
            f"axe-core found WCAG 2.1 AA violations on {page.url}:\n" + results.generate_report()
        )


@pytest.fixture
def axe():
    return AxeChecker()


@pytest.fixture
def csp_errors(page):
    """Console errors about the Content Security Policy, collected during the test."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def log_in(page, base_url: str, username: str, password: str = "wijkregie-demo") -> None:
    page.goto(f"{base_url}/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    if "tweestapsverificatie" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from wijkregie.accounts.demo import current_demo_totp

        TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
        page.fill("#id_token", current_demo_totp())
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
