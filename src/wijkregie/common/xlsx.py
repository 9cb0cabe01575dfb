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
from dataclasses import dataclass, field
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


# --- opening uploads safely ----------------------------------------------------------------------
class SpreadsheetRefused(ValueError):
    """An uploaded spreadsheet that is refused before it is unpacked; the message is Dutch."""


#: Bytes of sheet XML counted as one cell when a sheet does not declare its size (an ordinary
#: cell takes 25–40 bytes; text lives in the shared strings), and bytes the whole archive may
#: unpack to per allowed cell.
_SHEET_BYTES_PER_CELL = 40
_ARCHIVE_BYTES_PER_CELL = 200
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')


def _cells_of(ref_col: bytes, ref_row: bytes) -> int:
    column = 0
    for char in ref_col.decode("ascii"):
        column = column * 26 + (ord(char) - 64)
    return column * int(ref_row)


def check_workbook(file, *, max_cells: int) -> None:
    """Refuse a workbook that would unpack to more than ``max_cells`` cells, judged from the zip
    directory and each sheet's declared dimension — without unpacking it. ``file`` is rewound.
    A file that is no zip archive raises ``zipfile.BadZipFile`` for the caller to report."""
    import zipfile

    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with zipfile.ZipFile(file) as archive:
            sheets = [
                info
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            ]
            unpacked = sum(info.file_size for info in archive.infolist())
            declared = 0
            for info in sheets:
                with archive.open(info) as member:
                    head = member.read(4096)
                match = _DIMENSION.search(head)
                by_size = info.file_size // _SHEET_BYTES_PER_CELL
                declared += (
                    max(_cells_of(match.group(1), match.group(2)), by_size) if match else by_size
                )
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise  # not a workbook at all: each import says so in its own words
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if declared > max_cells or unpacked > max_cells * _ARCHIVE_BYTES_PER_CELL:
        cells = f"{max_cells:,}".replace(",", ".")
        raise SpreadsheetRefused(
            f"Het bestand is te groot: het bevat meer dan {cells} cellen (of pakt uit tot meer "
            "dan dat). Lever alleen het werkblad met de gegevens aan."
        )


def open_workbook(file, *, max_cells: int, data_only: bool = True):
    """An uploaded workbook, checked (``check_workbook``) and opened read-only and streaming, so
    memory stays bounded whatever the file holds."""
    from openpyxl import load_workbook

    check_workbook(file, max_cells=max_cells)
    return load_workbook(file, read_only=True, data_only=data_only)


# --- row-error reports of every import ------------------------------------------------------------
@dataclass
class RowError:
    row: int | None
    column: str
    value: str
    message: str


@dataclass
class ImportReport:
    file_name: str
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors
