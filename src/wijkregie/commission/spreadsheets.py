"""XLSX export of the overview and the assignments list, and import of an assignments list.

The assignments export is also the import format (see docs/data-formats.md): a sheet named
"Aanvullende opdrachten", one row per assignment, one column "Budget JJJJ" per year. An import
is all-or-nothing: every row is read and checked first; if any cell is wrong, nothing is saved
and the report names the file, row, column, value and reason. Rows are matched on their title
within the commission: an existing assignment is updated, a new one created.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from decimal import Decimal
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook
from openpyxl.utils.exceptions import InvalidFileException

from wijkregie.accounts.models import User
from wijkregie.commission import services
from wijkregie.commission.models import (
    AdditionalAssignment,
    Commission,
    Fit,
    FundingSource,
    ReportingFrequency,
)
from wijkregie.commission.selectors import Overview
from wijkregie.common.xlsx import (
    CellError,
    ImportReport,
    RowError,
    SpreadsheetRefused,
    normalise_header,
    open_workbook,
    parse_date,
    parse_decimal,
    workbook_bytes,
    write_sheet,
)
from wijkregie.organisations.models import Organisation, Theme

SHEET = "Aanvullende opdrachten"
COLUMNS = [
    # (key, Dutch header, required)
    ("title", "Titel", True),
    ("purpose", "Doel", True),
    ("themes", "Thema's", True),
    ("contractors", "Opdrachtnemers", True),
    ("commissioning_department", "Opdrachtgevende afdeling", True),
    ("funding_source", "Financieringsbron", True),
    ("start_date", "Start", True),
    ("end_date", "Einde", False),
    ("accountability_what", "Verantwoording: wat", False),
    ("accountability_frequency", "Verantwoording: hoe vaak", False),
    ("accountability_to", "Verantwoording: aan wie", False),
    ("fit", "Past bij hoofdopdracht", True),
    ("fit_reasoning", "Toelichting passendheid", True),
    ("status", "Status", True),
    ("merged_on", "Samengevoegd op", False),
    ("owner", "Eigenaar", False),
]
BUDGET_HEADER = re.compile(r"^budget(\d{4})$")
MAX_ROWS = 5000


def _label(choices, value: str) -> str:
    with translation.override("nl"):
        return str(dict(choices)[value]) if value else ""


# --- export -------------------------------------------------------------------------------------
def assignments_workbook(
    assignments: list[AdditionalAssignment], *, with_names: bool = True
) -> bytes:
    years = sorted({b.year for a in assignments for b in a.budgets.all()})
    headers = [header for _, header, _ in COLUMNS] + [f"Budget {year}" for year in years]
    rows = []
    for a in assignments:
        budgets = {b.year: b.amount for b in a.budgets.all()}
        rows.append(
            [
                a.title,
                a.purpose,
                "; ".join(t.name for t in a.themes.all()),
                "; ".join(c.name for c in a.contractors.all()),
                a.commissioning_department.name,
                _label(FundingSource.choices, a.funding_source),
                a.start_date,
                a.end_date,
                a.accountability_what,
                _label(ReportingFrequency.choices, a.accountability_frequency),
                a.accountability_to,
                _label(Fit.choices, a.fit),
                a.fit_reasoning,
                _label(AdditionalAssignment.Status.choices, a.status),
                a.merged_on,
                (a.owner.username if a.owner else "") if with_names else "",
                *[budgets.get(year) for year in years],
            ]
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    write_sheet(sheet, headers, rows)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    return workbook_bytes(workbook)


def overview_workbook(overview: Overview, side_steering, budgets) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Overzicht"
    rows = []
    for row in overview.rows:
        for contractor, cell in zip(overview.contractors, row.cells, strict=True):
            rows.append(
                [
                    row.theme.name,
                    contractor.name,
                    ", ".join(r.code for r in cell.requirements),
                    "; ".join(line.assignment.title for line in cell.assignments),
                    sum((line.budget for line in cell.assignments), Decimal(0)),
                    "; ".join(
                        line.assignment.end_date.strftime("%d-%m-%Y")
                        for line in cell.assignments
                        if line.assignment.end_date
                    ),
                ]
            )
    write_sheet(
        sheet,
        [
            "Thema",
            "Opdrachtnemer",
            "Eisen",
            "Actieve aanvullende opdrachten",
            f"Budget {overview.year} (aandeel)",
            "Einddata",
        ],
        rows,
    )
    totals = workbook.create_sheet("Totalen")
    write_sheet(
        totals,
        [
            "Opdrachtnemer",
            f"Integraal budget {overview.year}",
            "Aanvullend budget",
            "Aandeel aanvullend (%)",
            "Actieve aanvullende opdrachten",
        ],
        [
            [
                t.contractor.name,
                t.integral_budget,
                t.additional_budget,
                t.additional_share_pct,
                t.active_assignments,
            ]
            for t in overview.totals
        ],
    )
    signal_sheet = workbook.create_sheet("Signalen")
    signal_rows = [
        ["Loopt binnenkort af", a.title, a.end_date.strftime("%d-%m-%Y")]
        for a in overview.signals.ending_soon
    ]
    signal_rows += [
        ["Zonder verantwoordingsafspraak", a.title, ""]
        for a in overview.signals.without_accountability
    ]
    signal_rows += [
        ["Kleine budgetten bundelen", b.theme.name, "; ".join(a.title for a in b.assignments)]
        for b in overview.signals.bundle_candidates
    ]
    write_sheet(signal_sheet, ["Signaal", "Wat", "Toelichting"], signal_rows)
    steering = workbook.create_sheet("Zijsturing")
    write_sheet(
        steering,
        ["Afdeling", *side_steering.half_years, "Totaal"],
        [[d.name, *counts, total] for d, counts, total in side_steering.rows],
    )
    budget_sheet = workbook.create_sheet("Koopkracht")
    write_sheet(
        budget_sheet,
        [
            "Opdrachtnemer",
            "Jaar",
            "Integraal budget",
            "Indexatie (%)",
            "Cao-loonstijging (%)",
            "Cumulatief tekort (€)",
            "Cumulatief tekort (fte)",
        ],
        [
            [
                s.contractor.name,
                y.year,
                y.integral_budget,
                y.indexation_pct,
                y.cao_wage_growth_pct,
                y.gap_eur,
                y.gap_fte,
            ]
            for s in budgets
            for y in s.years
        ],
    )
    return workbook_bytes(workbook)


# --- import -------------------------------------------------------------------------------------
def _lookup(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    table = {normalise_header(code): code for code, _ in choices if code}
    for language in ("nl", "en"):
        with translation.override(language):
            table.update({normalise_header(label): code for code, label in choices if code})
    table.update({normalise_header(k): v for k, v in (extra or {}).items()})
    return table


FIT_WORDS = {
    "past": Fit.FITS,
    "ja": Fit.FITS,
    "deels": Fit.PARTLY,
    "nee": Fit.NO,
    "past niet": Fit.NO,
}
FREQUENCY_WORDS = {"geen": "", "": "", "halfjaarlijks": ReportingFrequency.HALF_YEARLY}


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)[:100] if value is not None else ""


def _read_rows(worksheet, report: ImportReport) -> tuple[dict[str, int], dict[int, int], list]:
    rows = worksheet.iter_rows(values_only=False)
    header_cells = next(rows, None)
    if header_cells is None:
        report.errors.append(RowError(None, "", "", "Het werkblad is leeg."))
        return {}, {}, []
    by_name = {normalise_header(c.value): i for i, c in enumerate(header_cells) if c.value}
    columns: dict[str, int] = {}
    for key, header, required in COLUMNS:
        index = by_name.get(normalise_header(header))
        if index is None and required:
            report.errors.append(
                RowError(1, header, "", f"De verplichte kolom '{header}' ontbreekt.")
            )
        elif index is not None:
            columns[key] = index
    budget_columns = {}
    for name, index in by_name.items():
        match = BUDGET_HEADER.match(name)
        if match:
            budget_columns[int(match.group(1))] = index
    return columns, budget_columns, list(itertools.islice(rows, MAX_ROWS + 1))


def read_assignments(
    file: BinaryIO, *, file_name: str, commission: Commission
) -> tuple[ImportReport, list[dict]]:
    """Read and check every row; return the report and the parsed rows (empty on any error)."""
    report = ImportReport(file_name=file_name)
    try:
        workbook = open_workbook(
            file, max_cells=settings.WIJKREGIE_MAX_SPREADSHEET_CELLS, data_only=False
        )
    except SpreadsheetRefused as exc:
        report.errors.append(RowError(None, "", "", str(exc)))
        return report, []
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.errors.append(
            RowError(
                None,
                "",
                "",
                "Dit is geen leesbaar Excel-bestand (.xlsx). Sla het bestand op als "
                "Excel-werkmap en probeer het opnieuw.",
            )
        )
        return report, []
    if SHEET not in workbook.sheetnames:
        report.errors.append(
            RowError(
                None,
                "",
                ", ".join(workbook.sheetnames),
                f"Het werkblad '{SHEET}' ontbreekt. Gevonden werkbladen: "
                f"{', '.join(workbook.sheetnames)}.",
            )
        )
        return report, []
    columns, budget_columns, rows = _read_rows(workbook[SHEET], report)
    if report.errors:
        return report, []
    if len(rows) > MAX_ROWS:
        report.errors.append(
            RowError(None, "", str(len(rows)), f"Te veel rijen: ten hoogste {MAX_ROWS}.")
        )
        return report, []

    themes = {normalise_header(t.name): t for t in Theme.objects.all()}
    themes.update({normalise_header(t.code): t for t in Theme.objects.all()})
    organisations = {normalise_header(o.name): o for o in Organisation.objects.all()}
    organisations.update({normalise_header(o.code): o for o in Organisation.objects.all()})
    users = {normalise_header(u.username): u for u in User.objects.filter(is_active=True)}
    funding = _lookup(FundingSource.choices)
    fits = _lookup(Fit.choices, FIT_WORDS)
    frequencies = _lookup(ReportingFrequency.choices, FREQUENCY_WORDS)
    statuses = _lookup(AdditionalAssignment.Status.choices)
    headers = {key: header for key, header, _ in COLUMNS}
    parsed: list[dict] = []
    seen_titles: dict[str, int] = {}

    for row_cells in rows:
        row_number = row_cells[0].row if row_cells else 0
        values = {key: row_cells[i] if i < len(row_cells) else None for key, i in columns.items()}
        if all(cell is None or cell.value in (None, "") for cell in row_cells):
            continue
        report.rows += 1
        item: dict[str, Any] = {"row": row_number, "budgets": {}}

        def error(key: str, value: Any, message: str, row_number=row_number) -> None:
            report.errors.append(RowError(row_number, headers.get(key, key), _show(value), message))

        reported: set[str] = set()  # one message per cell
        for key, cell in values.items():
            if cell is not None and cell.data_type == "f":
                error(key, cell.value, "Formules zijn niet toegestaan: plak de waarde.")
                values[key] = None
                reported.add(key)
        for year, index in budget_columns.items():
            cell = row_cells[index] if index < len(row_cells) else None
            if cell is None or cell.value in (None, ""):
                continue
            if cell.data_type == "f":
                report.errors.append(
                    RowError(
                        row_number,
                        f"Budget {year}",
                        _show(cell.value),
                        "Formules zijn niet toegestaan: plak de waarde.",
                    )
                )
                continue
            try:
                amount = parse_decimal(cell.value)
            except CellError as exc:
                report.errors.append(
                    RowError(
                        row_number, f"Budget {year}", _show(cell.value), f"Geen bedrag: {exc}."
                    )
                )
                continue
            if amount < 0:
                report.errors.append(
                    RowError(
                        row_number,
                        f"Budget {year}",
                        _show(cell.value),
                        "Een budget kan niet negatief zijn.",
                    )
                )
            else:
                item["budgets"][year] = amount

        def text(key: str, required: bool = False, values=values, reported=reported) -> str:
            cell = values.get(key)
            value = "" if cell is None or cell.value is None else str(cell.value).strip()
            if required and not value and key not in reported:
                error(key, "", "Dit veld is verplicht.")
            return value

        item["title"] = text("title", True)
        item["purpose"] = text("purpose", True)
        item["fit_reasoning"] = text("fit_reasoning", True)
        item["accountability_what"] = text("accountability_what")
        item["accountability_to"] = text("accountability_to")
        if item["title"]:
            key = normalise_header(item["title"])
            if key in seen_titles:
                error(
                    "title",
                    item["title"],
                    f"Deze titel staat ook op rij {seen_titles[key]}; titels moeten uniek zijn.",
                )
            seen_titles[key] = row_number

        def choice(key: str, table: dict[str, str], required: bool = True) -> str:
            raw = text(key, required)
            if not raw:
                return ""
            code = table.get(normalise_header(raw))
            if code is None:
                error(key, raw, "Onbekende waarde.")
                return ""
            return code

        item["funding_source"] = choice("funding_source", funding)
        item["fit"] = choice("fit", fits)
        item["status"] = choice("status", statuses)
        item["accountability_frequency"] = choice("accountability_frequency", frequencies, False)

        def names(key: str, table: dict, kind: str | None = None) -> list:
            raw = text(key, True)
            found = []
            for part in [p.strip() for p in re.split(r"[;\n]", raw) if p.strip()]:
                match = table.get(normalise_header(part))
                if match is None:
                    error(key, part, "Onbekend in Wijkregie.")
                elif kind and match.kind != kind:
                    error(key, part, "Dit is geen teamorganisatie.")
                else:
                    found.append(match)
            return found

        item["themes"] = names("themes", themes)
        item["contractors"] = names(
            "contractors", organisations, Organisation.Kind.TEAM_ORGANISATION
        )
        department = text("commissioning_department", True)
        if department:
            match = organisations.get(normalise_header(department))
            if match is None:
                error("commissioning_department", department, "Onbekende afdeling.")
            item["commissioning_department"] = match

        for key, required in (("start_date", True), ("end_date", False), ("merged_on", False)):
            cell = values.get(key)
            raw = None if cell is None else cell.value
            if raw in (None, ""):
                if required and key not in reported:
                    error(key, "", "Dit veld is verplicht.")
                item[key] = None
                continue
            try:
                item[key] = parse_date(raw)
            except CellError as exc:
                error(key, raw, f"Geen datum: {exc}.")
                item[key] = None

        owner = text("owner")
        item["owner"] = None
        if owner:
            item["owner"] = users.get(normalise_header(owner))
            if item["owner"] is None:
                error("owner", owner, "Onbekende gebruikersnaam.")
        parsed.append(item)

    if report.rows == 0 and not report.errors:
        report.errors.append(RowError(None, "", "", "Het werkblad bevat geen opdrachten."))
    if report.errors:
        return report, []
    # Validate each row with the model's own rules before anything is written.
    for item in parsed:
        data = _model_data(item)
        candidate = AdditionalAssignment(commission=commission, **data)
        try:
            candidate.full_clean(exclude=["commission"])
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = next((h for k, h, _ in COLUMNS if k == field_name), field_name)
                report.errors.append(
                    RowError(item["row"], column, _show(data.get(field_name)), " ".join(messages))
                )
    return report, ([] if report.errors else parsed)


def _model_data(item: dict) -> dict:
    return {key: item[key] for key in services.ASSIGNMENT_FIELDS if key in item}


def import_assignments(
    file: BinaryIO, *, file_name: str, commission: Commission, request=None
) -> ImportReport:
    report, parsed = read_assignments(file, file_name=file_name, commission=commission)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for item in parsed:
                existing = AdditionalAssignment.objects.filter(
                    commission=commission, title__iexact=item["title"]
                ).first()
                if existing is None:
                    services.assignment_create(
                        commission=commission,
                        data=_model_data(item),
                        themes=item["themes"],
                        contractors=item["contractors"],
                        budgets=item["budgets"],
                        request=request,
                    )
                    report.created += 1
                else:
                    services.assignment_update(
                        assignment=existing,
                        expected_version=existing.version,
                        data=_model_data(item),
                        themes=item["themes"],
                        contractors=item["contractors"],
                        budgets=item["budgets"],
                        request=request,
                    )
                    report.updated += 1
    except ValidationError as exc:
        report.created = report.updated = 0
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for column, texts in messages.items():
            report.errors.append(RowError(item["row"], column, "", " ".join(texts)))
    return report
