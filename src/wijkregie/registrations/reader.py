"""Reading registration exports row by row: CSV (delimiter and encoding detected) or XLSX.

Streams: memory stays flat with file size. Yields raw text cells per canonical column; checking
them is ``validation``'s job. Problems with the file as a whole raise :class:`FileRejected` with
a Dutch reason (no header, not an XLSX, binary content, unreadable encoding).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from wijkregie.common.xlsx import normalise_header

#: The canonical columns, in the format's order, and whether each is required.
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("traject_id", True),
    ("client", True),
    ("organisatie", True),
    ("wijk", True),
    ("thema", True),
    ("soort", True),
    ("profiel", False),
    ("startdatum", True),
    ("einddatum", False),
    ("uitstroomreden", False),
    ("aanbieder", False),
    ("kosten_per_jaar", False),
)
REQUIRED = [name for name, required in COLUMNS if required]
SHEET = "trajecten"
SAMPLE = 64 * 1024
MAX_FIELD = 10_000  # characters; a longer cell is an error, not a memory problem
csv.field_size_limit(MAX_FIELD)


class FileRejected(Exception):
    def __init__(self, reason: str, *, row: int | None = None, column: str = ""):
        super().__init__(reason)
        self.reason, self.row, self.column = reason, row, column


@dataclass
class Layout:
    """What was detected about the file and how its columns map onto the canonical ones."""

    kind: str = "csv"  # csv / xlsx
    encoding: str = ""
    delimiter: str = ""
    header: list[str] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)  # canonical column → index
    width: int = 0  # number of header cells; a CSV row with another count is an error
    warnings: list[str] = field(default_factory=list)


def _open_binary(source: str | Path | IO[bytes]) -> IO[bytes]:
    if isinstance(source, str | Path):
        return open(source, "rb")
    return source


def _detect_encoding(handle: IO[bytes]) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else Windows-1252."""
    start = handle.read(4)
    handle.seek(0)
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("Het bestand is UTF-16; sla het op als CSV (UTF-8) of als XLSX.")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(1024 * 1024):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "cp1252"
    handle.seek(0)
    return encoding


def _check_not_binary(sample: bytes) -> None:
    if b"\x00" in sample:
        raise FileRejected(
            "Dit is geen tekstbestand (CSV) of Excel-bestand (XLSX); lever een CSV- of XLSX-export."
        )


def _map_header(
    header: list[Any], layout: Layout, columns: dict[str, str] | None, require: bool = True
) -> None:
    """Find each canonical column in the header, through the profile's mapping when given."""
    normalised = [normalise_header(h) for h in header]
    layout.header = ["" if h is None else str(h).strip() for h in header]
    if not any(normalised):
        raise FileRejected("De eerste regel moet de kolomnamen bevatten; die ontbreken.", row=1)
    wanted = {name: normalise_header((columns or {}).get(name) or name) for name, _r in COLUMNS}
    seen: dict[str, int] = {}
    for index, name in enumerate(normalised):
        if name in seen and name:
            raise FileRejected(
                f"De kolom '{layout.header[index]}' komt twee keer voor.",
                row=1,
                column=layout.header[index],
            )
        seen[name] = index
    for canonical, header_name in wanted.items():
        if header_name in seen:
            layout.positions[canonical] = seen[header_name]
    missing = [name for name in REQUIRED if name not in layout.positions]
    if missing and require:
        names = ", ".join((columns or {}).get(m) or m for m in missing)
        raise FileRejected(f"Verplichte kolom ontbreekt: {names}.", row=1, column=names)
    used = set(layout.positions.values())
    extra = [layout.header[i] for i in range(len(header)) if i not in used and layout.header[i]]
    if extra:
        layout.warnings.append(
            "Kolommen genegeerd (geen onderdeel van het formaat): " + ", ".join(extra) + "."
        )


def _csv_rows(
    handle: IO[bytes], layout: Layout, columns: dict[str, str] | None, require: bool = True
) -> Iterator[tuple[int, list[str]]]:
    layout.encoding = _detect_encoding(handle)
    text = io.TextIOWrapper(handle, encoding=layout.encoding, newline="")
    try:
        yield from _csv_lines(text, layout, columns, require)
    finally:
        text.detach()  # the caller's file stays open (a second pass reads it again)


def _csv_lines(
    text: io.TextIOWrapper, layout: Layout, columns: dict[str, str] | None, require: bool
) -> Iterator[tuple[int, list[str]]]:
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise FileRejected(UNREADABLE) from exc
    if not first.strip():
        raise FileRejected("Het bestand is leeg.")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    layout.delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"
    header = next(csv.reader([first], delimiter=layout.delimiter))
    _map_header(header, layout, columns, require)
    layout.width = len(header)
    reader = csv.reader(text, delimiter=layout.delimiter)
    number = 1
    try:
        for row in reader:
            number += 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            yield number, row
    except csv.Error as exc:
        raise FileRejected(
            f"Regel {number + 1} is niet te lezen: een cel is langer dan {MAX_FIELD} tekens of "
            "een aanhalingsteken wordt niet gesloten.",
            row=number + 1,
        ) from exc
    except UnicodeDecodeError as exc:  # bytes that Windows-1252 leaves undefined (0x81, 0x8D …)
        raise FileRejected(UNREADABLE) from exc  # decoded in blocks: the row is not known


UNREADABLE = (
    "Het bestand bevat tekens die niet te lezen zijn als UTF-8 of Windows-1252. Sla het op als "
    "‘CSV UTF-8’ of als XLSX en lever het opnieuw aan."
)


def _xlsx_rows(
    handle: IO[bytes], layout: Layout, columns: dict[str, str] | None, require: bool = True
) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    layout.kind = "xlsx"
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise FileRejected(
            "Dit is geen geldig Excel-bestand (XLSX): het is beschadigd of onvolledig."
        ) from exc
    names = {normalise_header(n): n for n in workbook.sheetnames}
    sheet = workbook[names[SHEET]] if SHEET in names else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise FileRejected("Het bestand is leeg.")
    _map_header(list(header), layout, columns, require)
    try:
        for number, row in enumerate(rows, start=2):
            cells = ["" if v is None else _xlsx_text(v) for v in row]
            if not any(c.strip() for c in cells):
                continue
            yield number, cells
    finally:
        workbook.close()


def _xlsx_text(value: Any) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read(
    source: str | Path | IO[bytes], *, file_name: str, columns: dict[str, str] | None = None
) -> tuple[Layout, Iterator[tuple[int, list[str]]]]:
    """Detect the layout and return it with an iterator of (row number, cells). Raises
    :class:`FileRejected` for problems with the file as a whole (also while iterating)."""
    handle = _open_binary(source)
    owned = handle is not source  # opened here from a path: closed here too
    try:
        layout, first, rows = _start(handle, file_name, columns)
    except BaseException:
        if owned:
            handle.close()
        raise

    def chained() -> Iterator[tuple[int, list[str]]]:
        try:
            if first is not None:
                yield first
            yield from rows
        finally:
            if owned:
                handle.close()

    return layout, chained()


def _start(handle: IO[bytes], file_name: str, columns: dict[str, str] | None, require: bool = True):
    sample = handle.read(SAMPLE)
    handle.seek(0)
    if not sample:
        raise FileRejected("Het bestand is leeg.")
    layout = Layout()
    is_zip = sample.startswith(b"PK\x03\x04")
    if is_zip or file_name.lower().endswith((".xlsx", ".xlsm")):
        if not is_zip or not zipfile.is_zipfile(handle):
            handle.seek(0)
            raise FileRejected(
                "Dit is geen geldig Excel-bestand (XLSX): het is beschadigd of onvolledig."
            )
        handle.seek(0)
        rows = _xlsx_rows(handle, layout, columns, require)
    else:
        _check_not_binary(sample)
        rows = _csv_rows(handle, layout, columns, require)
    # Run up to the header so that layout problems surface here, not at the first row.
    first = next(rows, None)
    if first is None and not layout.header:
        raise FileRejected("Het bestand is leeg.")
    return layout, first, rows


def headers(source: str | Path | IO[bytes], *, file_name: str) -> list[str]:
    """The header names of a sample file (for making a column mapping profile): the same
    detection as an import, without requiring the canonical columns."""
    handle = _open_binary(source)
    try:
        layout, _first, rows = _start(handle, file_name, None, require=False)
        rows.close()
        return [h for h in layout.header if h]
    finally:
        if handle is not source:
            handle.close()
