"""The delivery template (XLSX) and reading it back.

The template has one row per delivery line, pre-filled with what is stored already. The team
fills it offline and uploads it; the upload is all-or-nothing: any problem rejects the whole
file with a report naming file, row, column, value and reason, and nothing is saved.
Lines not in the file stay as they are.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from wijkregie.common.xlsx import (
    CellError,
    ImportReport,
    RowError,
    SpreadsheetRefused,
    normalise_header,
    open_workbook,
    parse_decimal,
    workbook_bytes,
    write_sheet,
)
from wijkregie.reporting.models import Delivery
from wijkregie.reporting.services import expected_lines
from wijkregie.reporting.validation import Entry

SHEET = "Levering"
#: (key, header) of every column, in order. Headers are Dutch: the teams' Excel is Dutch.
COLUMNS = (
    ("code", "Indicatorcode"),
    ("indicator", "Indicator"),
    ("area_code", "Gebiedcode"),
    ("area", "Gebied"),
    ("unit", "Eenheid"),
    ("value", "Waarde"),
    ("numerator", "Teller"),
    ("denominator", "Noemer"),
    ("not_measurable", "Niet meetbaar"),
    ("reason", "Reden niet meetbaar"),
    ("explanation", "Toelichting"),
)
HEADER = dict(COLUMNS)
YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true"}
NO = {"", "nee", "n", "no", "0", "onwaar", "false"}
WHOLE_ORGANISATION = "organisatie"


def _number(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def template(delivery: Delivery) -> bytes:
    stored = {(v.indicator_id, v.area_id): v for v in delivery.values.all()}
    rows = []
    for indicator, area in expected_lines(delivery.organisation):
        value = stored.get((indicator.pk, area.pk if area else None))
        rows.append(
            [
                indicator.code,
                indicator.name,
                area.code if area else WHOLE_ORGANISATION,
                area.name if area else _("whole organisation"),
                indicator.get_unit_display()
                + (
                    f" ({indicator.numerator_label} / {indicator.denominator_label})"
                    if indicator.is_ratio
                    else ""
                ),
                None if indicator.is_ratio or value is None else _number(value.value),
                _number(value.numerator) if value else None,
                _number(value.denominator) if value else None,
                ("ja" if value.not_measurable else "nee") if value else None,
                value.reason if value else None,
                value.explanation if value else None,
            ]
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    write_sheet(sheet, [h for _k, h in COLUMNS], rows)
    choice = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True)
    sheet.add_data_validation(choice)
    choice.add(f"I2:I{len(rows) + 1}")
    info = workbook.create_sheet("Toelichting")
    info.append([_("Half-year delivery %(delivery)s") % {"delivery": delivery}])
    for line in (
        _("Fill in 'Waarde', or for a ratio 'Teller' and 'Noemer'."),
        _("Cannot measure it? Put 'ja' under 'Niet meetbaar' and give the reason."),
        _("Numbers may use a decimal comma. Do not change the codes or add rows."),
        _("A value far from your own earlier half-years needs a 'Toelichting'."),
    ):
        info.append([line])
    return workbook_bytes(workbook)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read(
    file: BinaryIO, *, file_name: str, delivery: Delivery
) -> tuple[ImportReport, list[Entry], dict[str, int]]:
    """Parse the upload. Returns the report, the entries and the row number of each entry key."""
    report = ImportReport(file_name=file_name)
    try:
        workbook = open_workbook(file, max_cells=settings.WIJKREGIE_MAX_SPREADSHEET_CELLS)
    except SpreadsheetRefused as exc:
        report.errors.append(RowError(None, "", "", str(exc)))
        return report, [], {}
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.errors.append(
            RowError(None, "", "", _("This is not an Excel file (.xlsx); use the template."))
        )
        return report, [], {}
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        report.errors.append(RowError(None, "", "", _("The sheet is empty.")))
        return report, [], {}
    positions = {normalise_header(v): i for i, v in enumerate(header) if v}
    index: dict[str, int] = {}
    for key, title in COLUMNS:
        position = positions.get(normalise_header(title))
        if position is None and key not in ("indicator", "area", "unit"):
            report.errors.append(
                RowError(1, title, "", _("The column '%(column)s' is missing.") % {"column": title})
            )
        elif position is not None:
            index[key] = position
    if report.errors:
        return report, [], {}

    lines = {
        (indicator.code, area.code if area else WHOLE_ORGANISATION): (indicator, area)
        for indicator, area in expected_lines(delivery.organisation)
    }
    entries: list[Entry] = []
    row_of: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):

        def cell(key: str, row=row) -> Any:
            position = index.get(key)
            return row[position] if position is not None and position < len(row) else None

        if all(v in (None, "") for v in row):
            continue
        report.rows += 1
        code, area_code = (
            _text(cell("code")).upper(),
            _text(cell("area_code")) or WHOLE_ORGANISATION,
        )
        line = lines.get((code, area_code))
        if line is None:
            report.errors.append(
                RowError(
                    number,
                    HEADER["code"],
                    f"{code} / {area_code}",
                    _(
                        "This indicator and area are not part of this delivery; do not change "
                        "the codes in the template."
                    ),
                )
            )
            continue
        indicator, area = line
        entry = Entry(indicator=indicator, area_id=area.pk if area else None)
        if entry.key in row_of:
            report.errors.append(
                RowError(
                    number,
                    HEADER["code"],
                    f"{code} / {area_code}",
                    _("This line appears twice (also on row %(row)d).")
                    % {"row": row_of[entry.key]},
                )
            )
            continue
        row_of[entry.key] = number
        for key in ("value", "numerator", "denominator"):
            raw = cell(key)
            if raw in (None, ""):
                continue
            if key == "value" and indicator.is_ratio:
                continue  # the template leaves it empty; the value is computed
            try:
                setattr(entry, key, parse_decimal(raw))
            except CellError:
                report.errors.append(
                    RowError(number, HEADER[key], _text(raw)[:60], _("This is not a number."))
                )
        flag = normalise_header(cell("not_measurable"))
        if flag in YES:
            entry.not_measurable = True
        elif flag not in NO:
            report.errors.append(
                RowError(
                    number,
                    HEADER["not_measurable"],
                    _text(cell("not_measurable"))[:60],
                    _("Write 'ja' or 'nee'."),
                )
            )
        entry.reason = _text(cell("reason"))
        entry.explanation = _text(cell("explanation"))
        entries.append(entry)
    workbook.close()
    return report, entries, row_of


def report_entry_errors(report: ImportReport, entries: list[Entry], row_of: dict[str, int]) -> None:
    """Turn validation errors of entries into row/column errors of the report."""
    columns = {
        "value": HEADER["value"],
        "numerator": HEADER["numerator"],
        "denominator": HEADER["denominator"],
        "reason": HEADER["reason"],
        "explanation": HEADER["explanation"],
    }
    for entry in entries:
        for name, messages in entry.errors.items():
            raw = getattr(entry, name, "")
            shown = (
                "" if raw is None else (format(raw, "f") if isinstance(raw, Decimal) else str(raw))
            )
            for message in messages:
                report.errors.append(
                    RowError(row_of.get(entry.key), columns.get(name, name), shown[:60], message)
                )
    report.errors.sort(key=lambda e: (e.row or 0, e.column))
