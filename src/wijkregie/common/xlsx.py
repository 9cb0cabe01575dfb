"""Spreadsheet helpers shared by every export and import.

- Exports neutralise formula injection: text starting with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return is written with a leading apostrophe, so Excel shows it as text.
- Imports accept Dutch Excel conventions: decimal comma, thousands dots, a euro sign, dates as
  dd-mm-jjjj; header names are matched without regard to case, accents or extra spaces.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value that Excel, LibreOffice and Google Sheets will never evaluate as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_sheet(worksheet: Worksheet, headers: list[str], rows: list[list[Any]]) -> None:
    worksheet.append([safe_cell(h) for h in headers])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        worksheet.append([safe_cell(v) for v in row])
    worksheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        values = [str(header)] + [str(r[index - 1]) for r in rows if r[index - 1] is not None]
        width = min(max(len(v) for v in values) + 2, 60)
        worksheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def normalise_header(text: Any) -> str:
    """'  Thema’s ' and 'THEMA'S' and 'themas' all become 'themas'."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", stripped.lower())


class CellError(ValueError):
    """A cell value that cannot be read; the message is Dutch and says what is expected."""


def parse_decimal(value: Any) -> Decimal:
    """12500 · 12500.5 · '12.500,50' · '€ 12.500' · '12,5' → Decimal."""
    if isinstance(value, bool):
        raise CellError("verwacht een bedrag of getal")
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        raise CellError("verwacht een bedrag of getal, de cel is leeg")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+(,\d+)?", text):
        text = text.replace(",", ".")
    elif not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise CellError("verwacht een bedrag of getal, zoals 12.500,00")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude this
        raise CellError("verwacht een bedrag of getal") from exc


def parse_date(value: Any) -> dt.date:
    """A date cell, or text dd-mm-jjjj (also d-m-jjjj, dd/mm/jjjj) or jjjj-mm-dd."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError("verwacht een datum als dd-mm-jjjj")
