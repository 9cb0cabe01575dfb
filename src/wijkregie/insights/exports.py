"""The dashboard table as XLSX or CSV: the same figures and the same disclosure control as the
page (suppressed cells carry their mask, never the number); formula injection neutralised."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from wijkregie.common.xlsx import safe_cell, workbook_bytes, write_sheet
from wijkregie.insights.selectors import Block


def rows(blocks: list[Block], periods: list[str]) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Indicator code"),
        _("Indicator"),
        _("For"),
        *periods,
        _("Target"),
        _("Trend"),
        _("Note"),
    ]
    table = []
    for block in blocks:
        for row in block.rows:
            cells: list[Any] = []
            for figure in row.cells:
                if figure is None or (figure.value is None and not figure.suppressed):
                    cells.append("")
                elif figure.suppressed:
                    cells.append(figure.display)
                else:
                    cells.append(float(figure.value))
            table.append(
                [
                    block.indicator.code,
                    block.indicator.name,
                    row.label,
                    *cells,
                    float(row.target) if row.target is not None else "",
                    row.judgement.text,
                    # Provisional and incomplete figures say so in the export too.
                    "; ".join(
                        f"{figure.period}: {figure.caveat}"
                        for figure in row.cells
                        if figure is not None and figure.caveat
                    ),
                ]
            )
    return headers, table


def xlsx(blocks: list[Block], periods: list[str]) -> bytes:
    headers, table = rows(blocks, periods)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dashboard"
    write_sheet(sheet, headers, table)
    return workbook_bytes(workbook)


def csv_bytes(blocks: list[Block], periods: list[str]) -> bytes:
    """Dutch Excel CSV: semicolons, decimal comma, UTF-8 with BOM."""
    headers, table = rows(blocks, periods)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in table:
        writer.writerow(
            [f"{v:g}".replace(".", ",") if isinstance(v, float) else safe_cell(v) for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
