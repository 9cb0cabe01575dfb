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


class DemoSnapshot:
    """The demo database as it is right after loading, kept for the whole session.

    Browser tests need committed data (the live server answers from its own thread), so each
    test's data is flushed afterwards. Instead of loading the demo again for every test (~30 s
    of services, pseudonymisation and de-identification), the first load is kept and put back:
    SQLite copies its pages with the backup API; PostgreSQL copies every table out and back in
    with ``COPY`` in one transaction (foreign keys are checked at its commit), then resets the
    sequences. The same rows, ids and
    sequences every time; the first load still runs through every service."""

    def __init__(self):
        self.sqlite = None
        self.tables: list[tuple[str, bytes]] | None = None

    def restore_or_load(self) -> None:
        from django.db import connection

        from wijkregie.system.demo import load_demo

        if connection.vendor == "sqlite":
            connection.ensure_connection()
            if self.sqlite is None:
                import sqlite3

                load_demo()
                self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
                connection.connection.backup(self.sqlite)
            else:
                self.sqlite.backup(connection.connection)
        elif connection.vendor == "postgresql":
            if self.tables is None:
                load_demo()
                self.tables = self._copy_out(connection)
            else:
                self._copy_in(connection)
        else:
            load_demo()

    @staticmethod
    def _ordered_models():
        from django.apps import apps
        from django.core.serializers import sort_dependencies

        app_list = [(config, None) for config in apps.get_app_configs()]
        models = sort_dependencies(app_list, allow_cycles=True)
        tables, seen = [], set()
        for model in models:
            for candidate in [model] + [
                field.remote_field.through
                for field in model._meta.local_many_to_many
                if field.remote_field.through._meta.auto_created
            ]:
                meta = candidate._meta
                if meta.managed and not meta.proxy and meta.db_table not in seen:
                    seen.add(meta.db_table)
                    tables.append((candidate, meta.db_table))
        return tables

    def _copy_out(self, connection) -> list[tuple[str, bytes]]:
        existing = set(connection.introspection.table_names())
        result = []
        with connection.cursor() as cursor:
            for _model, table in self._ordered_models():
                if table not in existing:
                    continue
                data = bytearray()
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    for chunk in copy:
                        data += chunk
                result.append((table, bytes(data)))
        return result

    def _copy_in(self, connection) -> None:
        from django.core.management.color import no_style
        from django.db import transaction

        names = [table for table, _data in self.tables]
        # One transaction: Django's foreign keys on PostgreSQL are DEFERRABLE INITIALLY
        # DEFERRED, so they are checked at the commit, when every table is back.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in names) + " CASCADE")
            for table, data in self.tables:
                if data:
                    with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                        copy.write(data)
            models = [model for model, table in self._ordered_models() if table in names]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


_SNAPSHOT = DemoSnapshot()


@pytest.fixture
def live_demo(live_server):
    """A live server with the Zaanstad demo data (loaded once, restored for every test)."""
    _SNAPSHOT.restore_or_load()
    return live_server


class AxeChecker:
    """Runs axe-core on a page and collects every violation, page by page."""

    def __init__(self):
        self.axe = Axe()
        self.checked: list[str] = []

    def check(self, page) -> None:
        # A link clicked just before may still be loading its page: axe needs the new document
        # (it once ran between two documents and found none).
        page.wait_for_load_state("load")
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        self.checked.append(page.url)
        assert results.violations_count == 0, (
            f"axe-core found WCAG 2.1 AA violations on {page.url}:\n" + results.generate_report()
        )
        assert_no_sideways_scroll(page)


#: Pages are measured at this width (and wider): nothing may scroll sideways.
DESKTOP_WIDTH = 1280


def assert_no_sideways_scroll(page) -> None:
    """At desktop widths the page itself never scrolls sideways: wide tables scroll inside
    their own wrapper. Measured on every page axe checks."""
    width = page.evaluate("window.innerWidth")
    if width < DESKTOP_WIDTH:
        return
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        culprits = page.evaluate(
            """() => {
                const limit = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > limit + 1)
                    .filter(el => !el.closest('.wr-table-wrap'))
                    .slice(0, 5)
                    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
            }"""
        )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px: {culprits}"


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
