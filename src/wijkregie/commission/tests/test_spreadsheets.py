"""XLSX export and import: round trip, formula injection, and bad files (nothing saved)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from wijkregie.commission import selectors, spreadsheets
from wijkregie.commission.models import AdditionalAssignment, AssignmentBudget
from wijkregie.common.xlsx import parse_date, parse_decimal, safe_cell

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission(demo):
    return selectors.current_commission(dt.date(2026, 11, 23))


def export(commission) -> bytes:
    from wijkregie.accounts.models import User

    manager = User.objects.get(username="contractmanager")
    return spreadsheets.assignments_workbook(
        list(selectors.assignment_list(user=manager, commission=commission))
    )


def snapshot():
    return sorted(
        (
            a.title,
            a.purpose,
            a.status,
            a.fit,
            a.funding_source,
            a.start_date,
            a.end_date,
            a.accountability_what,
            a.accountability_frequency,
            a.accountability_to,
            a.commissioning_department.code,
            a.merged_on,
            tuple(sorted(t.code for t in a.themes.all())),
            tuple(sorted(c.code for c in a.contractors.all())),
            tuple(sorted((b.year, b.amount) for b in a.budgets.all())),
            a.owner.username if a.owner else None,
        )
        for a in AdditionalAssignment.objects.all()
    )


def test_round_trip_restores_every_assignment(commission):
    before = snapshot()
    content = export(commission)
    from wijkregie.commission.models import Request

    Request.objects.update(resulting_assignment=None)
    AssignmentBudget.objects.all().delete()
    AdditionalAssignment.objects.all().delete()
    report = spreadsheets.import_assignments(
        io.BytesIO(content), file_name="lijst.xlsx", commission=commission
    )
    assert report.ok, report.errors
    assert (report.created, report.updated) == (20, 0)
    assert snapshot() == before


def test_importing_the_same_file_twice_updates_instead_of_duplicating(commission):
    content = export(commission)
    report = spreadsheets.import_assignments(
        io.BytesIO(content), file_name="lijst.xlsx", commission=commission
    )
    assert report.ok and (report.created, report.updated) == (0, 20)
    assert AdditionalAssignment.objects.count() == 20


def test_export_neutralises_formulas(commission):
    assignment = AdditionalAssignment.objects.get(title="Energiecoaches")
    AdditionalAssignment.objects.filter(pk=assignment.pk).update(
        title='=HYPERLINK("http://kwaad.example","klik")',
        purpose="+31 6 1234",
        accountability_to="@beheer",
    )
    sheet = load_workbook(io.BytesIO(export(commission)))[spreadsheets.SHEET]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://kwaad.example","klik")' in values
    assert "'+31 6 1234" in values and "'@beheer" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in values)


def test_safe_cell_leaves_numbers_alone():
    assert safe_cell(-5) == -5
    assert safe_cell("-5") == "'-5"
    assert safe_cell("gewoon") == "gewoon"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("12.500,50", "12500.50"),
        ("€ 12.500", "12500"),
        ("12500", "12500"),
        ("12,5", "12.5"),
        (12500, "12500"),
        (1.5, "1.5"),
        ("1.234.567,89", "1234567.89"),
    ],
)
def test_dutch_numbers(raw, value):
    assert parse_decimal(raw) == Decimal(value)


@pytest.mark.parametrize("raw", ["veel", "12,50,0", "", "1.2.3", True])
def test_not_numbers(raw):
    from wijkregie.common.xlsx import CellError

    with pytest.raises(CellError):
        parse_decimal(raw)


def test_dutch_dates():
    assert parse_date("31-12-2026") == dt.date(2026, 12, 31)
    assert parse_date("1-2-2026") == dt.date(2026, 2, 1)
    assert parse_date(dt.datetime(2026, 1, 2, 0, 0)) == dt.date(2026, 1, 2)


def _workbook_with(commission, mutate) -> bytes:
    workbook = load_workbook(io.BytesIO(export(commission)))
    mutate(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column(sheet, header):
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column
    raise AssertionError(header)


def _import(commission, content, name="opdrachten.xlsx"):
    before = snapshot()
    report = spreadsheets.import_assignments(
        io.BytesIO(content), file_name=name, commission=commission
    )
    assert not report.ok
    assert snapshot() == before, "a rejected file changed the database"
    assert report.file_name == name
    return report


def test_wrong_sheet(commission):
    def rename(workbook):
        workbook[spreadsheets.SHEET].title = "Blad1"

    report = _import(commission, _workbook_with(commission, rename))
    assert "werkblad 'Aanvullende opdrachten' ontbreekt" in report.errors[0].message
    assert "Blad1" in report.errors[0].message


def test_missing_column(commission):
    def drop(workbook):
        sheet = workbook[spreadsheets.SHEET]
        sheet.delete_cols(_column(sheet, "Financieringsbron"))

    report = _import(commission, _workbook_with(commission, drop))
    assert [(e.row, e.column) for e in report.errors] == [(1, "Financieringsbron")]


def test_text_in_a_money_cell(commission):
    def spoil(workbook):
        sheet = workbook[spreadsheets.SHEET]
        sheet.cell(row=4, column=_column(sheet, "Budget 2026"), value="ongeveer veertig mille")

    report = _import(commission, _workbook_with(commission, spoil))
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.row, error.column, error.value) == (4, "Budget 2026", "ongeveer veertig mille")
    assert "Geen bedrag" in error.message


def test_a_formula_in_a_cell(commission):
    def formula(workbook):
        sheet = workbook[spreadsheets.SHEET]
        sheet.cell(row=3, column=_column(sheet, "Doel"), value="=A1&B1")

    report = _import(commission, _workbook_with(commission, formula))
    assert [(e.row, e.column) for e in report.errors] == [(3, "Doel")]
    assert "Formules zijn niet toegestaan" in report.errors[0].message


def test_several_problems_are_reported_together(commission):
    def spoil(workbook):
        sheet = workbook[spreadsheets.SHEET]
        sheet.cell(row=2, column=_column(sheet, "Thema's"), value="Armoede; Ruimtevaart")
        sheet.cell(row=5, column=_column(sheet, "Start"), value="31-02-2026")
        sheet.cell(row=6, column=_column(sheet, "Opdrachtnemers"), value="Bibliotheek Zaanstad")
        sheet.cell(
            row=7,
            column=_column(sheet, "Titel"),
            value=sheet.cell(row=2, column=_column(sheet, "Titel")).value,
        )

    report = _import(commission, _workbook_with(commission, spoil))
    found = {(e.row, e.column) for e in report.errors}
    assert {(2, "Thema's"), (5, "Start"), (6, "Opdrachtnemers"), (7, "Titel")} <= found


@pytest.mark.parametrize(
    "content",
    [b"", b"dit is geen excel", b"PK\x03\x04 afgebroken zip", "Titel;Doel\n".encode("cp1252")],
)
def test_not_an_xlsx_file(commission, content):
    report = _import(commission, content, name="opdrachten.xlsx")
    assert "geen leesbaar Excel-bestand" in report.errors[0].message


def test_empty_sheet(commission):
    workbook = Workbook()
    workbook.active.title = spreadsheets.SHEET
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = _import(commission, buffer.getvalue())
    assert "leeg" in report.errors[0].message


def test_headers_are_matched_loosely(commission):
    def loosen(workbook):
        sheet = workbook[spreadsheets.SHEET]
        sheet.cell(row=1, column=_column(sheet, "Thema's"), value="  THEMAS ")
        sheet.cell(
            row=1, column=_column(sheet, "Past bij hoofdopdracht"), value="past bij hoofdopdracht"
        )

    content = _workbook_with(commission, loosen)
    report = spreadsheets.import_assignments(
        io.BytesIO(content), file_name="x.xlsx", commission=commission
    )
    assert report.ok, report.errors
