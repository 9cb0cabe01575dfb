"""Benchmark: a team manager uploads a large registration export in the browser and watches it
progress, while a colleague saves a delivery.

Loads the demo into a temporary data directory (SQLite), starts the production server and the
task worker, and generates ``--rows`` trajectories (default 300,000) for DOCK. In Chromium
(Playwright, Debian's ``/usr/bin/chromium``) the DOCK manager uploads and confirms the file; the
upload's page refreshes itself, and its step and rows stored are read every half second until
the import is done. Meanwhile a colleague (a second DOCK manager, added for the benchmark) saves
a value of DOCK's draft delivery again and again. Prints the progress seen and how long each of
the colleague's saves took (and any that failed). A benchmark, not a test: it never fails on
the figures.

    python bench/upload.py --rows 300000
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import loadtools

COLLEAGUE = "dock-collega"
ADD_COLLEAGUE = (
    "from wijkregie.accounts.models import Membership, User; "
    "manager = User.objects.get(username='dock-manager'); "
    f"colleague = User.objects.create_user({COLLEAGUE!r}, password='wijkregie-demo'); "
    "[Membership.objects.create(user=colleague, organisation=m.organisation, role=m.role) "
    "for m in manager.memberships.all()]"
)
TOTP = (
    "from django_otp.plugins.otp_totp.models import TOTPDevice; "
    "from wijkregie.accounts.demo import current_demo_totp; "
    "TOTPDevice.objects.filter(user__username={user!r}).update(last_t=-1); "
    "print(current_demo_totp())"
)


def log_in(page, base: str, data_dir: Path, username: str) -> None:
    page.goto(f"{base}/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "wijkregie-demo")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    if "tweestapsverificatie" in page.url:
        page.fill("#id_token", loadtools.run(data_dir, TOTP.format(user=username)).strip())
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()


def colleague(browser, base: str, data_dir: Path, done: threading.Event, out: list) -> None:
    """A colleague of the DOCK manager saves a value of DOCK's draft delivery until ``done``;
    appends (seconds, saved) per save."""
    page = browser.new_context().new_page()
    log_in(page, base, data_dir, COLLEAGUE)
    page.goto(f"{base}/leveringen/")
    page.get_by_role("link", name="concept").first.click()
    page.get_by_role("link", name="Waarden invullen").click()
    form = page.url
    field = page.get_by_label(re.compile("^Waarde: ")).first
    value = 10
    while not done.is_set():
        page.goto(form)
        field.fill(str(value))
        started = time.perf_counter()
        page.get_by_role("button", name="Opslaan").click()
        saved = page.get_by_text("De waarden zijn opgeslagen.")
        try:
            saved.wait_for(timeout=60_000)
            out.append((started, time.perf_counter() - started, True))
        except Exception:
            out.append((started, time.perf_counter() - started, False))
            print("A save failed:", page.locator("main").inner_text()[:1500], flush=True)
        value += 1
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from wijkregie.registrations import generator

    data_dir = loadtools.demo_data_dir()
    loadtools.run(data_dir, ADD_COLLEAGUE)
    export = Path(tempfile.mkdtemp(prefix="wijkregie-bench-upload-")) / "dock.csv"
    areas = ["Poelenburg", "Pelders-Hoornseveld", "Zaandam Zuid", "Rosmolenwijk"]
    source = generator.rows("DOCK", areas, per_half_year=max(10, options.rows // 8), seed=21)
    generator.write_csv(export, itertools.islice(source, options.rows))
    print(f"{options.rows:,} rows, {export.stat().st_size / 1e6:.0f} MB", flush=True)

    worker = loadtools.subprocess.Popen(
        [sys.executable, "-m", "wijkregie", "worker"],
        env=loadtools.env(data_dir, **loadtools.PRODUCTION),
        stdout=loadtools.subprocess.DEVNULL,
        stderr=loadtools.subprocess.DEVNULL,
    )
    saves: list[tuple[float, float, bool]] = []  # (started at, seconds, saved)
    progress: list[tuple[float, str, str]] = []
    try:
        with (
            loadtools.production_server(data_dir, workers=3) as port,
            sync_playwright() as playwright,
        ):
            base = f"http://127.0.0.1:{port}"
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_context().new_page()
            log_in(page, base, data_dir, "dock-manager")
            page.goto(f"{base}/registraties/aanleveren/")
            page.get_by_label("Registratie-export (CSV of XLSX)").set_input_files(str(export))
            page.get_by_role("button", name="Uploaden en bekijken").click()
            page.get_by_role("button", name="Bevestigen en inlezen").wait_for()

            done = threading.Event()
            # Playwright's sync API belongs to one thread: the colleague gets a browser of
            # its own in its own thread.
            other = threading.Thread(
                target=_colleague_thread, args=(base, data_dir, done, saves), daemon=True
            )
            other.start()
            time.sleep(5)  # the colleague is logged in and saving
            started = time.perf_counter()
            page.get_by_role("button", name="Bevestigen en inlezen").click()
            while True:
                state = page.locator("#run-state").inner_text()
                step = page.locator("#run-status .wr-small")
                shown = step.inner_text() if step.count() else ""
                if not progress or progress[-1][1:] != (state, shown):
                    progress.append((time.perf_counter() - started, state, shown))
                if state not in ("wacht", "bezig", "waiting", "running"):
                    break
                time.sleep(0.5)
            finished = time.perf_counter()
            elapsed = finished - started
            time.sleep(3)
            done.set()
            other.join(timeout=90)
            browser.close()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    print(f"\nImport in the browser: {elapsed:.1f} s, ended '{progress[-1][1]}'")
    print("Progress as the page showed it (seconds, state, step and rows):")
    for seconds, state, shown in progress:
        print(f"  {seconds:6.1f}  {state:10} {shown}")
    during = [(s, ok) for at, s, ok in saves if at + s >= started and at <= finished]
    times = [seconds for seconds, ok in during if ok]
    failed = sum(1 for _seconds, ok in during if not ok)
    if times:
        print(
            f"\nThe colleague's saves during the import: {len(during)}, failed {failed}; "
            f"median {statistics.median(times) * 1000:.0f} ms, longest {max(times) * 1000:.0f} ms"
        )
    else:
        print(f"\nThe colleague's saves during the import: {len(during)}, none succeeded")
    print(f"Data directory {data_dir} (remove when done).")


def _colleague_thread(base: str, data_dir: Path, done: threading.Event, out: list) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        try:
            colleague(browser, base, data_dir, done, out)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
