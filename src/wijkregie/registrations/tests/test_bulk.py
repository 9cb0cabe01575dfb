"""Staging beside the figures: on SQLite a child process appends Arrow batches with the ADBC
driver, on PostgreSQL a thread runs the COPY on a connection of its own.

Inside the suite's transactions neither is taken (another connection would not see the test's
rows; the SQLite test database is in memory), so the end-to-end test below imports the same
exports in a subprocess on a database of its own (a SQLite file, or a new PostgreSQL database in
the PostgreSQL pass), where they are taken, and here, where they are not, and compares every
stored trajectory and figure.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pytest
from django.conf import settings
from django.db import connection, transaction

from wijkregie.organisations import demo as organisations_demo
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import bulk, generator, services
from wijkregie.registrations.models import Trajectory
from wijkregie.reporting.models import Value

pytestmark = [pytest.mark.django_db]


def _table(path: Path) -> None:
    with sqlite3.connect(path) as database:
        database.execute("PRAGMA journal_mode = WAL")
        database.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, n BIGINT, label TEXT)")


def _batches(count: int, size: int):
    for first in range(0, count, size):
        numbers = list(range(first, min(first + size, count)))
        yield pa.record_batch(
            [pa.array(numbers, pa.int64()), pa.array([f"rij {n}" for n in numbers])],
            names=["n", "label"],
        )


def test_the_child_appends_every_row_in_committed_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 1_000)  # passed on to the child
    database = tmp_path / "bulk.sqlite3"
    _table(database)
    totals: list[int] = []
    ingest = bulk.start(database, "rows", _batches(2_500, 700), tmp_path, totals.append)
    assert ingest.wait() == 2_500
    assert ingest.peak_mb > 0  # the child reports its own memory last
    assert not (tmp_path / "stage.arrow").exists()  # removed as soon as it is staged
    with sqlite3.connect(database) as check:
        stored = check.execute("SELECT n, label FROM rows ORDER BY n").fetchall()
    assert stored == [(n, f"rij {n}") for n in range(2_500)]
    # A running total after each committed batch of at least BATCH rows, then the rest.
    assert totals == [1_400, 2_500]


def test_a_child_that_fails_says_why_and_writes_nothing(tmp_path):
    database = tmp_path / "bulk.sqlite3"
    _table(database)
    ingest = bulk.start(database, "missing_table", _batches(10, 10), tmp_path)
    with pytest.raises(bulk.BulkError, match="missing_table"):
        ingest.wait()
    with sqlite3.connect(database) as check:
        assert check.execute("SELECT count(*) FROM rows").fetchone() == (0,)


def test_the_child_waits_for_another_writer_instead_of_failing(tmp_path):
    database = tmp_path / "bulk.sqlite3"
    _table(database)
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another user's write transaction holds the lock
    other.execute("INSERT INTO rows (n, label) VALUES (-1, 'ander')")
    ingest = bulk.start(database, "rows", _batches(100, 50), tmp_path)
    try:
        assert ingest.child.poll() is None  # waiting, not failed
    finally:
        other.execute("COMMIT")
        other.close()
    assert ingest.wait() == 100


def test_the_bulk_path_is_taken_only_where_a_child_sees_the_same_database(tmp_path, settings):
    # The suite's database is in memory: another process cannot see it.
    assert bulk.sqlite_file() is None
    with transaction.atomic():
        assert bulk.sqlite_file() is None


IMPORT_SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from wijkregie.organisations import demo
    demo.load()
    from wijkregie.organisations.models import Organisation
    from wijkregie.registrations import services
    from wijkregie.registrations.tests.test_bulk import stored_state
    dock = Organisation.objects.get(code="dock")
    paths = sys.argv[1:]
    used = []
    for path in paths:
        outcome = services.import_file(path, file_name="export.csv", organisation=dock)
        assert outcome.status == "imported", outcome.as_dict()
        used.append(outcome.staged_by)
    print(json.dumps({"staged_by": used, "state": stored_state()}))
    """
)


def stored_state() -> dict:
    """Every stored trajectory and computed figure, comparable across databases."""
    trajectories = sorted(
        [
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            str(row[6]),
            str(row[7]),
            row[8],
            row[9],
            None if row[10] is None else f"{row[10]:.2f}",
        ]
        for row in Trajectory.objects.values_list(
            "trajectory_id",
            "client",
            "key_version",
            "area__code",
            "theme__code",
            "kind",
            "start",
            "end",
            "outflow",
            "provider",
            "cost_per_year",
        )
    )
    figures = sorted(
        [
            value.indicator.code,
            value.period,
            value.area.code if value.area_id else None,
            value.theme.code if value.theme_id else None,
            None if value.value is None else f"{value.value:.4f}",
        ]
        for value in Value.objects.filter(indicator__code__startswith="REG-").select_related(
            "indicator", "area", "theme"
        )
    )
    return {"trajectories": trajectories, "figures": figures}


@contextmanager
def _own_database(tmp_path: Path):
    """Settings for a subprocess with a database of its own: a SQLite file, or (in the
    PostgreSQL pass) a new database on the same server, dropped afterwards."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "wijkregie.conf.dev",
            "WIJKREGIE_DATA_DIR": str(tmp_path / "data"),
            "WIJKREGIE_PSEUDONYM_KEY": settings.WIJKREGIE_PSEUDONYM_KEY,
            "WIJKREGIE_PSEUDONYM_KEY_VERSION": str(settings.WIJKREGIE_PSEUDONYM_KEY_VERSION),
        }
    )
    if connection.vendor != "postgresql":
        yield environment, "bulk"
        return
    import psycopg

    name = f"wijkregie_bulk_{uuid.uuid4().hex[:12]}"
    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**environment, "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}, "copy-thread"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_staging_beside_the_figures_stores_what_staging_in_line_stores(tmp_path, empty_db):
    areas = ["Poelenburg", "Pelders-Hoornseveld", "Zaandam Zuid", "Rosmolenwijk"]
    first = tmp_path / "eerste.csv"
    generator.write_csv(first, generator.rows("DOCK", areas, per_half_year=300, seed=7))
    # A re-delivery: the same trajectories from 2024 on, with other data (ids, ends, costs).
    second = tmp_path / "tweede.csv"
    generator.write_csv(
        second,
        (
            row
            for row in generator.rows("DOCK", areas, per_half_year=250, seed=8)
            if any(year in (row[7][:4], row[7][-4:]) for year in ("2024", "2025", "2026"))
        ),
    )
    with _own_database(tmp_path) as (environment, way):
        child = subprocess.run(
            [sys.executable, "-c", IMPORT_SCRIPT, str(first), str(second)],
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert child.returncode == 0, child.stderr[-3000:]
    there = json.loads(child.stdout.strip().splitlines()[-1])
    assert there["staged_by"] == [way, way]  # its own database: staged beside the figures

    organisations_demo.load()
    dock = Organisation.objects.get(code="dock")
    for path in (first, second):
        outcome = services.import_file(path, file_name="export.csv", organisation=dock)
        assert outcome.status == "imported", outcome.as_dict()
        assert outcome.staged_by in ("cursor", "copy")  # in the test's transaction: in line
    here = stored_state()
    assert len(here["trajectories"]) > 2_000 and here["figures"]
    assert there["state"] == json.loads(json.dumps(here))
