"""No input breaks the server: bounded parameters, JSON errors under /api/, upload limits before
the body is read, spreadsheets that would unpack too far refused at bounded memory, recovery
after a crash, one line per denial, the client address from a trusted proxy, and a backup that
restores to the same rows."""

from __future__ import annotations

import io
import logging
import sqlite3
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from conftest import login
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import reverse
from openpyxl import Workbook

from wijkregie.accounts.models import AuditEvent
from wijkregie.common.xlsx import SpreadsheetRefused, check_workbook
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import uploads
from wijkregie.registrations.models import ImportRun, Trajectory
from wijkregie.registrations.workflow import WORKFLOW
from wijkregie.system import backup
from wijkregie.system.http import client_ip
from wijkregie.system.recovery import recover


# --- parameters and errors ----------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "limit=9223372036854775808",
        "offset=9223372036854775808",
        "limit=0",
        "limit=-1",
        "limit=abc",
        "offset=-5",
        "limit=1001",
    ],
)
def test_out_of_range_pagination_is_a_400_in_json(client, demo, query):
    login(client, "contractmanager")
    response = client.get(f"/api/v1/values/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]


@pytest.mark.django_db
def test_pagination_within_bounds(client, demo):
    login(client, "contractmanager")
    response = client.get("/api/v1/organisations/?limit=2&offset=1")
    assert response.status_code == 200 and len(response.json()["results"]) == 2


@pytest.mark.django_db
def test_api_errors_are_json_also_outside_drf(client):
    response = client.get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert client.get("/bestaat-niet/")["Content-Type"].startswith("text/html")


# --- uploads -------------------------------------------------------------------------------------
@pytest.mark.django_db
@override_settings(WIJKREGIE_MAX_UPLOAD_MB=1)
def test_a_too_large_upload_is_refused_before_its_body_is_read(client, demo):
    login(client, "contractmanager")
    body = io.BytesIO(b"x" * (2 * 1024 * 1024))

    class Unread(io.BytesIO):
        def read(self, *args):  # the middleware must not get here
            raise AssertionError("body read")

    response = client.generic(
        "POST",
        "/opdracht/aanvullend/importeren/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(len(body.getvalue())),
        **{"wsgi.input": Unread()},
    )
    assert response.status_code == 413
    assert "1 MB" in response.content.decode()
    response = client.post(
        "/api/v1/organisations/",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413 and response.json()["detail"]


def _bomb(rows: int, columns: int) -> bytes:
    """A workbook of rows × columns cells, written in streaming mode (small when zipped)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Aanvullende opdrachten")
    for _ in range(rows):
        sheet.append([0] * columns)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_spreadsheet_that_unpacks_too_far_is_refused_at_bounded_memory():
    data = _bomb(4_000, 100)  # 400,000 cells, twice the limit
    assert len(data) < 1_000_000
    tracemalloc.start()
    with pytest.raises(SpreadsheetRefused, match="te groot"):
        check_workbook(io.BytesIO(data), max_cells=200_000)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_a_sheet_that_hides_its_size_is_judged_by_its_unpacked_bytes():
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "xl/worksheets/sheet1.xml", "<worksheet>" + " " * 50_000_000 + "</worksheet>"
        )
    with pytest.raises(SpreadsheetRefused):
        check_workbook(io.BytesIO(inner.getvalue()), max_cells=100_000)


def test_not_a_spreadsheet_is_left_to_the_import_to_report():
    with pytest.raises(zipfile.BadZipFile):
        check_workbook(io.BytesIO(b"PK\x03\x04 broken"), max_cells=10)


# --- recovery -----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_import_interrupted_by_a_crash_is_failed_and_its_upload_deleted(
    demo, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    dock = Organisation.objects.get(code="dock")
    run = WORKFLOW.start(
        ImportRun(organisation=dock, file_name="export.csv"), ImportRun.Status.RUNNING
    )
    waiting = WORKFLOW.start(
        ImportRun(organisation=dock, file_name="wacht.csv"), ImportRun.Status.PENDING
    )
    uploads.path_of(run).write_bytes(b"999990019")
    uploads.path_of(waiting).write_bytes(b"x")
    orphan = uploads.directory() / "registraties-999999.upload"
    orphan.write_bytes(b"999990020")
    # Rows the interrupted import had written: never seen, and removed by the recovery.
    visible = Trajectory.objects.count()
    model = Trajectory.objects.filter(organisation=dock).first()
    for number in range(3):
        Trajectory.all_rows.create(
            run=run,
            organisation=dock,
            trajectory_id=f"X{number}",
            client=model.client,
            key_version=model.key_version,
            area_id=model.area_id,
            theme_id=model.theme_id,
            kind=model.kind,
            start=model.start,
        )
    assert Trajectory.objects.count() == visible
    # An import replaced as a whole whose clean-up was cut off: its hidden rows go too.
    replaced = WORKFLOW.start(
        ImportRun(organisation=dock, file_name="oud.csv"), ImportRun.Status.RUNNING
    )
    Trajectory.all_rows.filter(run=run, trajectory_id="X0").update(run=replaced)
    replaced = WORKFLOW.move(replaced, ImportRun.Status.IMPORTED)
    replaced = WORKFLOW.move(replaced, ImportRun.Status.REPLACED)
    assert Trajectory.objects.count() == visible
    counts = recover()
    assert not Trajectory.all_rows.filter(run=replaced).exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and run.finished_at
    assert counts["imports"] == 1
    assert not Trajectory.all_rows.filter(run=run).exists()
    assert Trajectory.objects.count() == visible > 0
    assert not uploads.path_of(run).exists() and not orphan.exists()
    assert uploads.path_of(waiting).exists()


# --- operations ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_denial_is_one_audit_row_and_one_log_line(client, demo, caplog):
    login(client, "raadslid")
    before = AuditEvent.objects.filter(action=AuditEvent.Action.PERMISSION_DENIED).count()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 403
    denials = AuditEvent.objects.filter(action=AuditEvent.Action.PERMISSION_DENIED).count()
    assert denials == before + 1
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    logging.getLogger("django.request").handlers[0].format(records[0])
    assert records[0].exc_info is None and records[0].exc_text is None


@pytest.mark.parametrize(
    ("header", "count", "meta", "expected"),
    [
        ("", 1, {"HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "10.0.0.2"),  # not trusted: ignored
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}, "203.0.113.7"),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 10.0.0.9"}, "203.0.113.7"),
        ("X-Real-IP", 1, {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.2"),
    ],
)
def test_the_client_address_comes_from_the_trusted_proxy_header(
    settings, header, count, meta, expected
):
    settings.WIJKREGIE_CLIENT_IP_HEADER = header
    settings.WIJKREGIE_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)
    assert client_ip(request) == expected


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(demo, tmp_path):
    """Back up, restore into a fresh database, and compare every table's rows and checksum."""
    original = backup.checksums(connection)
    assert original["reporting_value"][0] > 100
    target = tmp_path / "wijkregie.backup"
    backup.backup(target)
    assert target.stat().st_size > 0
    if connection.vendor == "sqlite":
        restored_path = tmp_path / "restored.sqlite3"
        backup.restore_sqlite(target, restored_path)
        restored = sqlite3.connect(restored_path)
        try:
            assert backup.checksums(restored) == original
        finally:
            restored.close()
    else:
        import psycopg

        name = connection.settings_dict["NAME"] + "_restore"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        backup.restore_postgresql(target, database=name)
        params = connection.get_connection_params()
        params["dbname"] = name
        params.pop("database", None)
        restored = psycopg.connect(**params)
        try:
            assert backup.checksums(restored) == original
        finally:
            restored.close()
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    Path(target).unlink()
