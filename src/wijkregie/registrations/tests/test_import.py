"""Registration imports: pseudonymisation, the computed figures against hand-counted numbers,
all-or-nothing on bad input (including fuzzing), idempotence and replacement, the CLI's exit
codes and JSON, and no raw BSN anywhere afterwards."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from wijkregie.organisations import demo as organisations_demo
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import generator, services
from wijkregie.registrations.models import ImportRun, Trajectory
from wijkregie.registrations.pseudonyms import (
    InvalidIdentifier,
    Pseudonymiser,
    mask,
    normalise,
    passes_eleven_test,
)
from wijkregie.reporting.models import Rollup, Value

# These tests build their own few objects: an empty database, not the session's demo.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]
EXAMPLE = Path(__file__).parent / "data" / "registraties-voorbeeld.csv"  # the format's example
HEADER = (
    "traject_id;client;organisatie;wijk;thema;soort;profiel;startdatum;einddatum;"
    "uitstroomreden;aanbieder;kosten_per_jaar"
)
# Test BSNs that pass the 11-test (fictional).
B1, B2, B3, B4 = "999990019", "999990020", "999990032", "999990044"


@pytest.fixture
def zaanstad(empty_db):
    organisations_demo.load()
    return Organisation.objects.get(code="dock")


def csv_file(*lines: str, header: str = HEADER, encoding: str = "utf-8-sig") -> io.BytesIO:
    return io.BytesIO(("\r\n".join([header, *lines]) + "\r\n").encode(encoding))


def run(dock, data: io.BytesIO, name: str = "export.csv", **kwargs) -> services.Outcome:
    return services.import_file(data, file_name=name, organisation=dock, **kwargs)


def state() -> tuple:
    """Everything an import may change, except rejected runs (which keep their report)."""
    return (
        sorted(Trajectory.objects.values_list("trajectory_id", "client", "start", "end")),
        sorted(
            Value.objects.values_list("indicator__code", "area_id", "theme_id", "period", "value")
        ),
        Rollup.objects.count(),
        sorted(ImportRun.objects.exclude(status="rejected").values_list("pk", "status")),
    )


# --- pseudonyms -------------------------------------------------------------------------------
def test_eleven_test_masking_and_keyed_pseudonyms():
    assert passes_eleven_test(B1) and passes_eleven_test("111222333")
    assert not passes_eleven_test("123456789") and not passes_eleven_test("000000000")
    with pytest.raises(InvalidIdentifier) as caught:
        normalise("123456789")
    assert "123456789" not in caught.value.reason
    assert normalise(" 1112 22333 ") == "111222333"
    assert normalise("12345672") == "012345672"  # Excel dropped the leading zero
    assert normalise("k-123") == "K-123"  # an organisation's own client number
    assert mask("999990019") == "*****0019" and mask("12") == "**"

    one = Pseudonymiser(b"key-one-" * 4, "1")
    other = Pseudonymiser(b"key-two-" * 4, "2")
    assert one.pseudonym(B1) == one.pseudonym(" 999990019")
    assert one.pseudonym(B1) != other.pseudonym(B1)
    assert one.pseudonym(B1) != Pseudonymiser(b"key-one-" * 4, "1", "other").pseudonym(B1)
    assert len(one.pseudonym(B1)) == 64 and B1 not in one.pseudonym(B1)
    assert "key-one" not in repr(one)


# --- the computed figures, counted by hand ----------------------------------------------------
def test_computed_figures_match_a_hand_count(zaanstad):
    dock = zaanstad
    data = csv_file(
        # B1: team IB from January, handed over to a provider in March (within 6 months).
        f"T1;{B1};DOCK;Poelenburg;MO;ib_team;licht;07-01-2025;30-05-2025;doel_bereikt;;",
        f"T2;{B1};DOCK;Poelenburg;MO;overdracht_aanbieder;;15-03-2025;;;AANB-01;",
        # B2: an IB indication (cost 8.450,00) and support that ended without reaching the goal.
        f"T3;{B2};DOCK;Poelenburg;MO;indicatie_ib;zwaar;15-01-2025;;;AANB-01;8.450,00",
        f"T4;{B2};DOCK;Poelenburg;MO;ondersteuning;;2025-01-10;2025-04-10;gestopt;;",
        # B3: closed in 2024, back within 12 months in 2025 (re-entry).
        f"T5;{B3};DOCK;Poelenburg;MO;ondersteuning;;01-06-2024;01-09-2024;doel_bereikt;;",
        f"T6;{B3};DOCK;Poelenburg;MO;ondersteuning;;01-02-2025;;;;",
        # B4: in another theme; an IB indication in euros with a decimal point.
        f"T7;{B4};DOCK;Poelenburg;ARM;indicatie_ib;licht;01-03-2025;;;AANB-02;1234.50",
    )
    outcome = run(dock, data)
    assert outcome.status == "imported", outcome.as_dict()
    assert outcome.periods[0] == "2024H1"

    def value(code: str, theme: str = "maatschappelijke-ondersteuning", period: str = "2025H1"):
        row = Value.objects.get(
            indicator__code=code,
            organisation=dock,
            area__code="poelenburg",
            theme__code=theme,
            period=period,
        )
        return row.value, row.numerator, row.denominator

    assert value("REG-CLIENTEN")[0] == 3  # B1, B2, B3 active in MO in 2025H1
    assert value("REG-CLIENTEN", "armoede")[0] == 1
    assert value("REG-GESTART")[0] == 5  # T1, T2, T3, T4, T6
    assert value("REG-IB-TEAM")[0] == 1
    assert value("REG-IB-INDICATIES")[0] == 1
    assert value("REG-IB-KOSTEN")[0] == Decimal("8450.00")
    assert value("REG-IB-KOSTEN", "armoede")[0] == Decimal("1234.50")
    assert value("REG-OVERDRACHT")[0] == 1
    assert value("REG-TERUGKEER")[0] == 1  # B3
    # Closed in 2025H1: T1 (143 days, goal reached) and T4 (90 days, stopped).
    mean, days, closed = value("REG-DUUR")
    assert (days, closed) == (Decimal(233), Decimal(2)) and mean == Decimal("116.5")
    share, reached, closed = value("REG-DOEL-BEREIKT")
    assert (reached, closed, share) == (Decimal(1), Decimal(2), Decimal(50))
    assert value("REG-DOEL-BEREIKT", period="2024H2")[2] == 1  # T5 closed in 2024H2
    # Computed values are published: the dashboard's rollups have them.
    assert Rollup.objects.filter(indicator__code="REG-IB-TEAM", period="2025H1").exists()
    assert Value.objects.filter(source="computed").exclude(state="computed").count() == 0


def test_the_example_file_of_the_format_imports(zaanstad):
    with EXAMPLE.open("rb") as handle:
        outcome = run(zaanstad, io.BytesIO(handle.read()), "registraties-voorbeeld.csv")
    assert outcome.status == "imported", outcome.as_dict()
    assert Trajectory.objects.filter(organisation=zaanstad).count() == outcome.rows > 0


# --- idempotence and replacement --------------------------------------------------------------
def test_same_file_twice_gives_the_same_state_and_a_redelivery_replaces(zaanstad, tmp_path):
    path = tmp_path / "dock.csv"
    generator.write_csv(
        path, generator.rows("DOCK", ["Poelenburg", "Rosmolenwijk"], per_half_year=40)
    )
    assert run(zaanstad, io.BytesIO(path.read_bytes())).status == "imported"
    first = state()
    assert run(zaanstad, io.BytesIO(path.read_bytes())).status == "imported"
    again = state()
    assert first[:3] == again[:3]
    statuses = dict(ImportRun.objects.values_list("pk", "status"))
    assert sorted(statuses.values()) == ["imported", "replaced"]

    # A corrected delivery covering 2025H1 replaces that half-year and keeps the others.
    data = csv_file(f"N1;{B1};DOCK;Poelenburg;MO;ondersteuning;;02-02-2025;;;;")
    assert run(zaanstad, data).status == "imported"
    starts = Trajectory.objects.filter(organisation=zaanstad).values_list("start", flat=True)
    in_first_half = [d for d in starts if d.year == 2025 and d.month <= 6]
    assert len(in_first_half) == 1
    assert any(d.year == 2025 and d.month > 6 for d in starts)
    assert any(d.year == 2024 for d in starts)


# --- bad input: rejected, precise, nothing changed ---------------------------------------------
GOOD = f"T1;{B1};DOCK;Poelenburg;MO;ib_team;licht;07-01-2025;30-05-2025;doel_bereikt;;"


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "trajecten"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


BAD_INPUT = {
    "wrong delimiter": (csv_file(GOOD.replace(";", "|"), header=HEADER.replace(";", "|")), 1, ""),
    "mixed delimiters": (csv_file(GOOD, GOOD.replace("T1", "T2").replace(";", ",")), 3, ""),
    "missing required column": (
        csv_file(GOOD.split(";", 1)[1], header=HEADER.split(";", 1)[1]),
        1,
        "traject_id",
    ),
    "empty file": (io.BytesIO(b""), None, ""),
    "header only": (csv_file(), None, ""),
    "11-test fails": (csv_file(GOOD.replace(B1, "123456789")), 2, "client"),
    "impossible date": (csv_file(GOOD.replace("07-01-2025", "31-02-2025")), 2, "startdatum"),
    "end before start": (csv_file(GOOD.replace("30-05-2025", "01-01-2025")), 2, "einddatum"),
    "unknown area": (csv_file(GOOD.replace("Poelenburg", "Atlantis")), 2, "wijk"),
    "unknown theme": (csv_file(GOOD.replace(";MO;", ";XX;")), 2, "thema"),
    "another organisation": (csv_file(GOOD.replace(";DOCK;", ";SMD;")), 2, "organisatie"),
    "duplicate traject_id": (csv_file(GOOD, GOOD), 3, "traject_id"),
    "formula in a cell": (csv_file(GOOD.replace(";MO;", ";=HYPERLINK(1);")), 2, "thema"),
    "bad amount": (csv_file(GOOD + "12,34,56"), 2, "kosten_per_jaar"),
    "not an xlsx": (io.BytesIO(b"traject_id;client\r\n"), None, ""),
    "truncated xlsx": (io.BytesIO(xlsx_bytes([HEADER.split(";")])[:300]), None, ""),
    "huge line": (csv_file(GOOD.replace("T1", "T" * 20000)), 2, ""),
    "binary garbage": (io.BytesIO(bytes(range(256)) * 40), None, ""),
    "a BSN as the trajectory id": (csv_file(GOOD.replace("T1", B2)), 2, "traject_id"),
    "a BSN with dots in the provider": (
        csv_file(GOOD.rsplit(";", 2)[0] + ";9999.90.020;"),
        2,
        "aanbieder",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_rejected_precisely_and_changes_nothing(zaanstad, case):
    run(zaanstad, csv_file(GOOD.replace("T1", "OLD-1").replace("07-01", "07-01")))
    before = state()
    data, row, column = BAD_INPUT[case]
    name = "export.xlsx" if case in ("not an xlsx", "truncated xlsx") else "export.csv"
    outcome = run(zaanstad, data, name)
    assert outcome.status == "rejected", case
    assert outcome.errors and all(e.message for e in outcome.errors)
    if row is not None:
        assert any(e.row == row for e in outcome.errors), (case, outcome.as_dict())
    if column:
        assert any(e.column == column for e in outcome.errors), (case, outcome.as_dict())
    assert state() == before
    rejected = ImportRun.objects.get(pk=outcome.run.pk)
    assert rejected.status == "rejected" and rejected.errors
    assert not rejected.trajectories.exists()
    assert "123456789" not in json.dumps(rejected.errors)
    reported = json.dumps(rejected.errors)
    assert B2 not in reported and "9999.90.020" not in reported


def test_accepted_variants_of_dutch_excel(zaanstad):
    variants = {
        "cp1252 with accents in the header": csv_file(
            GOOD, header=HEADER.replace("thema", "Théma"), encoding="cp1252"
        ),
        "header in capitals, comma delimiter": csv_file(
            GOOD.replace(";", ","), header=HEADER.upper().replace(";", ",")
        ),
        "extra column": csv_file(GOOD + ";x", header=HEADER + ";opmerking"),
        "thousands dots and decimal comma": csv_file(GOOD + "1.234,50"),
        "excel dropped the leading zero": csv_file(GOOD.replace(B1, "12345672")),
    }
    for name, data in variants.items():
        outcome = run(zaanstad, data)
        assert outcome.status == "imported", (name, outcome.as_dict())
    assert any("opmerking" in w for w in run(zaanstad, variants["extra column"]).warnings)
    xlsx = xlsx_bytes([HEADER.split(";"), GOOD.split(";")])
    assert run(zaanstad, io.BytesIO(xlsx), "export.xlsx").status == "imported"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(garbage=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode()))
def test_fuzzed_files_never_crash_and_never_store(zaanstad, garbage):
    before = state()
    outcome = run(zaanstad, io.BytesIO(garbage), "export.csv")
    assert outcome.status == "rejected"
    assert state() == before


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cell=st.text(max_size=30), column=st.integers(min_value=0, max_value=11))
def test_fuzzed_cells_are_accepted_or_reported(zaanstad, cell, column):
    cells = GOOD.split(";")
    cells[column] = cell.replace(";", "").replace("\r", "").replace("\n", "").replace('"', "")
    before = state()
    outcome = run(zaanstad, csv_file(";".join(cells)))
    if outcome.status == "rejected":
        assert state() == before
        assert all(e.message for e in outcome.errors)


# --- the command line ---------------------------------------------------------------------------
def test_cli_exit_codes_and_json(zaanstad, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_bytes(csv_file(GOOD).getvalue())
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_file(GOOD.replace(B1, "123456789")).getvalue())

    call_command("import", "registraties", str(good), "--organisatie", "DOCK", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["status"] == "imported" and printed["rows"] == 1
    assert printed["periods"][0] == "2025H1"

    call_command("import", "registraties", str(good), "--organisatie", "dock", "--dry-run")
    assert "niets opgeslagen" in capsys.readouterr().out

    with pytest.raises(SystemExit) as exited:
        call_command("import", "registraties", str(bad), "--organisatie", "dock", "--json")
    assert exited.value.code == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed["status"] == "rejected"
    assert printed["errors"][0] == {
        "row": 2,
        "column": "client",
        "value": "*****6789",
        "message": "Negen cijfers, maar geen geldig BSN (elfproef).",
    }

    for arguments in (
        [str(good), "--organisatie", "onbekend"],
        [str(tmp_path / "bestaat-niet.csv"), "--organisatie", "dock"],
        [str(good), "--organisatie", "dock", "--profiel", "geen"],
    ):
        with pytest.raises(CommandError) as caught:
            call_command("import", "registraties", *arguments)
        assert caught.value.returncode == 2


# --- no raw BSN anywhere -----------------------------------------------------------------------
@override_settings(WIJKREGIE_PSEUDONYM_KEY="test-key-for-the-grep-test-0123456789")
def test_no_raw_bsn_in_the_database_logs_or_output(zaanstad, tmp_path, caplog, capsys):
    path = tmp_path / "dock.csv"
    generator.write_csv(path, generator.rows("DOCK", ["Poelenburg"], per_half_year=15))
    bsns = {line.split(";")[1] for line in path.read_text("utf-8-sig").splitlines()[1:]}
    assert bsns
    caplog.set_level(logging.DEBUG)
    call_command("import", "registraties", str(path), "--organisatie", "dock", "--json")
    bad = tmp_path / "bad.csv"
    bad.write_text(path.read_text("utf-8-sig").replace("Poelenburg", "Atlantis"), "utf-8")
    with pytest.raises(SystemExit):
        call_command("import", "registraties", str(bad), "--organisatie", "dock", "--json")
    haystack = [capsys.readouterr().out, caplog.text]
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        for row in model._default_manager.values_list(*fields).iterator():
            haystack.append(" ".join(str(v) for v in row))
    text = "\n".join(haystack)
    assert Trajectory.objects.count() > 0
    leaked = [b for b in bsns if b in text]
    assert not leaked, f"{len(leaked)} raw BSN(s) found"


# --- retention, uploads and the background task -------------------------------------------------
def test_retention_removes_old_records_and_keeps_the_figures(zaanstad, capsys):
    old = f"T1;{B1};DOCK;Poelenburg;MO;ondersteuning;;07-01-2020;30-05-2020;doel_bereikt;;"
    recent = f"T2;{B2};DOCK;Poelenburg;MO;ondersteuning;;07-01-2026;;;;"
    assert run(zaanstad, csv_file(old, recent)).status == "imported"
    figures = Value.objects.filter(source="computed").count()
    call_command("registraties", "opruimen", "--dagen", "365")
    assert list(Trajectory.objects.values_list("trajectory_id", flat=True)) == ["T2"]
    assert Value.objects.filter(source="computed").count() == figures
    assert "1 traject(en)" in capsys.readouterr().out


def test_the_upload_task_imports_and_deletes_the_file(zaanstad, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wijkregie.registrations import tasks, uploads

    with override_settings(DATA_DIR=tmp_path):
        pending = ImportRun.objects.create(organisation=zaanstad, file_name="export.csv")
        uploads.store(pending, SimpleUploadedFile("export.csv", csv_file(GOOD).getvalue()))
        path = uploads.path_of(pending)
        assert path.exists() and (path.stat().st_mode & 0o077) == 0
        preview = services.preview(path, file_name="export.csv")
        assert preview.rows[0][1] == "*****0019" and not preview.problem
        assert tasks.import_upload.call(pending.pk) == "imported"
        assert not path.exists()
        pending.refresh_from_db()
        assert pending.status == "imported" and pending.processed == 1

        never_confirmed = ImportRun.objects.create(organisation=zaanstad, file_name="x.csv")
        uploads.store(never_confirmed, SimpleUploadedFile("x.csv", b"x"))
        ImportRun.objects.filter(pk=never_confirmed.pk).update(
            created_at=never_confirmed.created_at - dt.timedelta(days=2)
        )
        assert services.discard_pending(dt.timedelta(days=1)) == 1
        assert not uploads.path_of(never_confirmed).exists()


# --- column mapping profiles ---------------------------------------------------------------------
def test_a_profile_maps_another_layout(zaanstad, tmp_path, capsys):
    from django.core.exceptions import ValidationError

    from wijkregie.registrations import reader

    own = tmp_path / "eigen.csv"
    own.write_text(
        "Dossier;BSN;Org;Gebied;Thema;Type;Zwaarte;Begin;Eind;Reden;Aanbieder;Kosten\r\n"
        f"D1;{B1};DOCK;Poelenburg;MO;IB team;L;07-01-2025;;;;\r\n",
        "cp1252",
    )
    headers = reader.headers(own, file_name="eigen.csv")
    assert headers[:2] == ["Dossier", "BSN"]
    columns = dict(zip([name for name, _r in reader.COLUMNS], headers, strict=True))
    with pytest.raises(ValidationError) as caught:
        services.profile_save(
            organisation=zaanstad, name="MensCentraal", columns={"client": "BSN"}, values={}
        )
    assert "traject_id" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.parse_translations("soort IB team ib_team")
    values = services.parse_translations("soort: IB team = ib_team\nprofiel: L = licht\n")
    assert values == {"soort": {"IB team": "ib_team"}, "profiel": {"L": "licht"}}
    services.profile_save(
        organisation=zaanstad, name="MensCentraal", columns=columns, values=values
    )
    call_command(
        "import", "registraties", str(own), "--organisatie", "dock", "--profiel", "MensCentraal"
    )
    assert "1 regel(s) ingelezen" in capsys.readouterr().out
    imported = Trajectory.objects.get(trajectory_id="D1")
    assert (imported.kind, imported.profile) == ("ib_team", "licht")


def test_a_trajectory_moved_by_a_redelivery_updates_its_old_half_year(zaanstad):
    run(zaanstad, csv_file(f"M1;{B1};DOCK;Poelenburg;MO;ondersteuning;;07-01-2024;;;;"))

    def started(period: str):
        return (
            Value.objects.filter(
                indicator__code="REG-GESTART", organisation=zaanstad, period=period
            )
            .values_list("value", flat=True)
            .first()
        )

    assert started("2024H1") == 1
    # The same trajectory, re-dated into 2025 by a corrected delivery for 2025H1.
    run(zaanstad, csv_file(f"M1;{B1};DOCK;Poelenburg;MO;ondersteuning;;07-01-2025;;;;"))
    assert started("2024H1") is None and started("2025H1") == 1
    assert Trajectory.objects.get(trajectory_id="M1").start.year == 2025


def test_bytes_that_no_encoding_reads_reject_the_file(zaanstad):
    """0x81 is neither UTF-8 nor defined in Windows-1252: a clear Dutch report, no crash."""
    data = csv_file(f"T1;{B1};DOCK;Poelenburg;MO;ondersteuning;;07-01-2025;;;;", encoding="cp1252")
    broken = io.BytesIO(data.getvalue().replace(b"Poelenburg", b"Poel\x81nburg"))
    outcome = run(zaanstad, broken)
    assert outcome.status == "rejected"
    assert "niet te lezen zijn als UTF-8 of Windows-1252" in outcome.errors[0].message
    assert not Trajectory.objects.exists()


# --- staging ------------------------------------------------------------------------------------
def test_rows_are_written_unseen_and_made_visible_by_the_swap(zaanstad, monkeypatch):
    """While the file is read, its rows are written under the running import and the visible
    trajectories stay as they were (other readers see the old state) while the progress grows;
    the swap replaces them; no row of the earlier import stays behind."""
    dock = zaanstad
    first = [
        f"T{i};{B1};DOCK;Poelenburg;MO;ondersteuning;;0{1 + i % 5}-02-2025;;;;" for i in range(7)
    ]
    assert run(dock, csv_file(*first)).status == "imported"
    before = sorted(Trajectory.objects.values_list("trajectory_id", flat=True))
    monkeypatch.setattr(services, "BATCH", 3)  # several batches in a small file
    monkeypatch.setattr(services, "SQLITE_BATCH", 3)
    monkeypatch.setattr(services, "COPY_BATCH", 3)
    seen: list[tuple[int, list[str], int]] = []

    def progress(rows: int) -> None:
        stored = sorted(Trajectory.objects.values_list("trajectory_id", flat=True))
        seen.append(
            (rows, stored, Trajectory.all_rows.filter(trajectory_id__startswith="N").count())
        )

    second = [
        f"N{i};{B2};DOCK;Poelenburg;MO;ondersteuning;;0{1 + i % 5}-03-2025;;;;" for i in range(8)
    ]
    assert run(dock, csv_file(*second), progress=progress).status == "imported"
    assert [rows for rows, _stored, _staged in seen] == sorted({r for r, _s, _n in seen})
    assert seen[-1][0] == 8
    assert all(stored == before for _rows, stored, _staged in seen)
    assert [staged for _rows, _stored, staged in seen] == [3, 6, 8]
    assert sorted(Trajectory.objects.values_list("trajectory_id", flat=True)) == [
        f"N{i}" for i in range(8)
    ]
    assert Trajectory.all_rows.count() == 8  # the replaced rows are gone, not hidden


def test_an_import_replaced_as_a_whole_is_hidden_by_the_swap_and_its_rows_removed_after(
    zaanstad, monkeypatch
):
    """The swap only marks a wholly covered earlier import replaced (its rows are hidden at
    once); its rows are deleted after the swap's transaction. An import that reaches outside
    the new file's half-years keeps its other rows and stays imported."""
    dock = zaanstad
    both = run(
        dock,
        csv_file(
            f"A1;{B1};DOCK;Poelenburg;MO;ondersteuning;;01-09-2024;;;;",
            f"A2;{B2};DOCK;Poelenburg;MO;ondersteuning;;01-02-2025;;;;",
        ),
    ).run
    only_2025 = run(dock, csv_file(f"B1;{B1};DOCK;Poelenburg;MO;ondersteuning;;03-03-2025;;;;")).run
    both.refresh_from_db()
    assert both.status == ImportRun.Status.IMPORTED  # 2024H2 lies outside the new file
    assert sorted(Trajectory.objects.values_list("trajectory_id", flat=True)) == ["A1", "B1"]

    removing = services.remove_rows_of
    seen = []

    def remove_rows_of(other):
        other.refresh_from_db()
        seen.append(
            (
                other.pk,
                other.status,
                sorted(Trajectory.objects.values_list("trajectory_id", flat=True)),
                Trajectory.all_rows.filter(run=other).count(),
            )
        )
        return removing(other)

    monkeypatch.setattr(services, "remove_rows_of", remove_rows_of)
    again = run(dock, csv_file(f"C1;{B3};DOCK;Poelenburg;MO;ondersteuning;;04-04-2025;;;;")).run
    assert seen == [(only_2025.pk, ImportRun.Status.REPLACED, ["A1", "C1"], 1)]
    assert not Trajectory.all_rows.filter(run=only_2025).exists()
    assert sorted(Trajectory.all_rows.values_list("trajectory_id", flat=True)) == ["A1", "C1"]
    assert again.status == ImportRun.Status.IMPORTED


def test_a_rejected_file_leaves_no_row_written(zaanstad, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    good = [f"G{i};{B1};DOCK;Poelenburg;MO;ondersteuning;;01-02-2025;;;;" for i in range(5)]
    outcome = run(
        zaanstad, csv_file(*good, "X1;123456789;DOCK;Poelenburg;MO;ondersteuning;;01-02-2025;;;;")
    )
    assert outcome.status == "rejected"
    assert not Trajectory.all_rows.exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
def test_the_import_gives_its_large_page_cache_back(zaanstad):
    """Connections stay open between requests: the 256 MB page cache of an import must not
    stay with the connection (a gunicorn worker) after it."""

    def cache_size() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    before = cache_size()
    seen = []
    real = services.check_file

    def spy(*args, **kwargs):
        seen.append(cache_size())
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "check_file", spy)
        outcome = run(zaanstad, io.BytesIO(EXAMPLE.read_bytes()), "registraties-voorbeeld.csv")
    assert outcome.status == "imported"
    assert seen == [-262144]
    assert cache_size() == before != -262144
