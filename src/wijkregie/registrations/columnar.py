"""Checking a whole CSV export at once, column by column, in DuckDB.

The row-wise :class:`~wijkregie.registrations.validation.Checker` is the rule book; this module
applies the same rules to whole columns, so that a million rows cost seconds instead of a
minute:

* DuckDB reads the file (strict: a row with another number of cells, or an unclosed quote, stops
  it) and trims every cell of the same whitespace as Python's ``str.strip``;
* each column's **distinct** values go through ``Checker.cell`` — the very function that checks a
  row — once each: an export repeats the same few wijken, themes, kinds, dates and amounts, and
  each client appears once per trajectory, so the client is also pseudonymised once;
* only the trajectory id is unique per row: rows whose id is plainly fine (1–100 printable ASCII
  characters, no formula sign, no run of digits that could be a BSN) are proven fine in SQL, and
  the others go through ``Checker.cell`` like every other value;
* the rules that span cells (the end before the start, a trajectory id twice) are SQL.

The answer is a verdict, not a report: :func:`check` returns the accepted rows, or ``None`` when
the file has any problem or cannot be read this way. Then the importer checks the file row by
row, which accepts or rejects it on its own and writes the report with row numbers; a property
test keeps both verdicts equal (``tests/test_columnar.py``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import duckdb
import pandas as pd
from django.db.backends.utils import format_number

from wijkregie.registrations import reader
from wijkregie.registrations.pseudonyms import Pseudonymiser
from wijkregie.registrations.validation import Checker

#: What Python's ``str.strip()`` removes (``str.isspace``); a test keeps the list complete.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: A trajectory id that needs no closer look: 1–100 printable ASCII characters, no formula
#: sign first, no run of digits (with dots or spaces) long enough to be a BSN.
PLAIN_ID = (
    "regexp_full_match({v}, '[ -~]{{1,100}}') AND left({v}, 1) NOT IN ('=', '+', '@') "
    "AND NOT regexp_matches({v}, '[0-9][0-9. ]{{7,11}}[0-9]')"
)

#: A client that is nine ASCII digits passing the 11-test (``pseudonyms.passes_eleven_test``,
#: in SQL): it is valid as it is. ``tests/test_columnar.py`` compares this with the Python test.
PLAIN_BSN = (
    "regexp_full_match(client, '[0-9]{9}') AND client <> '000000000' AND ("
    + " + ".join(f"{9 - i} * (ascii(client[{i + 1}]) - 48)" for i in range(8))
    + " - (ascii(client[9]) - 48)) % 11 = 0"
)

#: HMAC-SHA256 of ``{v}`` as two SHA-256 calls; parameters: the outer and inner key blocks and
#: the prefix of ``Pseudonymiser.hmac_blocks``. ``tests/test_columnar.py`` compares it with
#: ``Pseudonymiser.of_normalised``.
PSEUDONYM = "sha256(?::BLOB || unhex(sha256(?::BLOB || encode(? || {v}))))"


@dataclass
class Accepted:
    """The checked rows of an accepted file, held in DuckDB until they are staged."""

    rows: int
    first: dt.date
    last: dt.date
    database: duckdb.DuckDBPyConnection
    workdir: tempfile.TemporaryDirectory | None = None

    @staticmethod
    def _staged(prefix: tuple, version: str) -> str:
        """SELECT of the rows in the trajectories' column order: ``prefix`` (run,
        organisation), the trajectory id and pseudonym, ``version`` (the key's), the rest.
        Constants inline (COPY takes no parameters): two integers and a quoted text."""
        run, organisation = prefix
        quoted = "'" + version.replace("'", "''") + "'"
        return (
            f"SELECT {int(run)}, {int(organisation)}, trajectory_id, client, {quoted}, area, "  # noqa: S608 - integers and a quoted text
            'theme, kind, profile, start, "end", outflow, provider, cost FROM checked'
        )

    def batches(self, size: int, prefix: tuple, version: str) -> Iterator[list[tuple]]:
        """The rows as tuples for the trajectories table (see :meth:`_staged`)."""
        cursor = self.database.execute(self._staged(prefix, version))
        while chunk := cursor.fetchmany(size):
            yield chunk

    def arrow_batches(
        self, size: int, prefix: tuple, version: str, columns: list[str]
    ) -> Iterator[Any]:
        """The same rows as :meth:`batches`, as Arrow record batches of at most ``size`` rows
        whose fields are named ``columns`` (the trajectories' column names, in that order)."""
        relation = self.database.cursor().sql(self._staged(prefix, version))
        for batch in relation.to_arrow_reader(size):
            yield batch.rename_columns(columns)

    def csv_chunks(self, size: int, prefix: tuple, version: str) -> Iterator[tuple[Path, int]]:
        """The same rows as :meth:`batches`, written by DuckDB as CSV files of ``size`` rows
        each (NULL unquoted and empty, an empty text quoted: what PostgreSQL's ``COPY … (FORMAT
        csv)`` reads back the same). Yields each file and its number of rows; the file is
        removed when the next one is asked for. Runs on a cursor of its own: the importer reads
        the files in a thread while it works out the figures on the main connection."""
        assert self.workdir is not None
        path = Path(self.workdir.name) / "chunk.csv"
        cursor = self.database.cursor()
        staged = self._staged(prefix, version)
        for offset in range(0, self.rows, size):
            (count,) = cursor.execute(
                f"COPY ({staged} WHERE rowid >= {offset} AND rowid < {offset + size}) "
                f"TO '{str(path).replace(chr(39), chr(39) * 2)}' (FORMAT csv, HEADER false)"
            ).fetchall()[0]
            yield path, count
            path.unlink(missing_ok=True)

    @classmethod
    def scratch(cls, directory: Path, rows: int) -> Accepted:
        """An empty DuckDB with its own work directory (for rows checked row by row)."""
        workdir = tempfile.TemporaryDirectory(dir=directory)
        today = dt.date.today()
        return cls(rows, today, today, connect(Path(workdir.name)), workdir)

    def close(self) -> None:
        """Close the database and remove its work directory (decoded copies, spilled pages)."""
        self.database.close()
        if self.workdir is not None:
            self.workdir.cleanup()


def _utf8_copy(source: str | Path | IO[bytes], encoding: str, workdir: Path) -> Path:
    """The file as UTF-8 without BOM (DuckDB's input), copied only when it is not already."""
    if isinstance(source, str | Path) and encoding == "utf-8":
        return Path(source)
    target = workdir / "export.csv"
    handle = open(source, "rb") if isinstance(source, str | Path) else source  # noqa: SIM115
    try:
        handle.seek(0)
        decoder = codecs.getreader(encoding)(handle)
        with open(target, "w", encoding="utf-8", newline="") as out:
            shutil.copyfileobj(decoder, out, 1024 * 1024)
    finally:
        if isinstance(source, str | Path):
            handle.close()
        else:
            handle.seek(0)
    return target


def _header_line_is_plain(path: Path) -> bool:
    """The row-wise reader takes the first physical line as the header; DuckDB would follow a
    quoted header cell across lines. Only a header without quotes reads the same in both."""
    with open(path, "rb") as handle:
        return b'"' not in handle.readline()


def connect(workdir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for one import: two threads, at most 512 MB (more spills to
    ``workdir``, a private directory that is removed afterwards)."""
    return duckdb.connect(
        config={
            "threads": 2,
            "memory_limit": "512MB",
            "temp_directory": str(workdir),
            "preserve_insertion_order": False,
        }
    )


def check(
    source: str | Path | IO[bytes],
    layout: reader.Layout,
    checker: Checker,
    directory: Path,
    pseudonymiser: Pseudonymiser | None = None,
) -> Accepted | None:
    """The file's rows when every rule passes, else ``None`` (check it row by row for the
    report). ``pseudonymiser`` turns each normalised client identifier into its pseudonym
    (without it, as for a dry run, the normalised identifier is kept). Temporary files go to
    a private directory inside ``directory``, removed when the result is closed."""
    if layout.kind != "csv" or not layout.width:
        return None
    workdir = tempfile.TemporaryDirectory(dir=directory)
    accepted = None
    try:
        try:
            path = _utf8_copy(source, layout.encoding, Path(workdir.name))
        except UnicodeDecodeError:  # row by row: the reader reports it
            return None
        if _header_line_is_plain(path):
            database = connect(Path(workdir.name))
            try:
                accepted = _check(database, path, layout, checker, pseudonymiser)
            except duckdb.Error:
                accepted = None  # not readable this way (a short row, an open quote)
            if accepted is None:
                database.close()
    finally:
        if accepted is None:
            workdir.cleanup()
    if accepted is not None:
        accepted.workdir = workdir
    return accepted


def _check(
    database: duckdb.DuckDBPyConnection,
    path: Path,
    layout: reader.Layout,
    checker: Checker,
    pseudonymiser: Pseudonymiser | None,
) -> Accepted | None:
    names = [f"c{index}" for index in range(layout.width)]
    database.execute(
        "CREATE TABLE raw AS SELECT * FROM read_csv(?, delim = ?, header = true, quote = '\"', "
        "escape = '\"', strict_mode = true, null_padding = false, auto_detect = false, "
        "columns = ?)",
        [str(path), layout.delimiter, dict.fromkeys(names, "VARCHAR")],
    )
    longest = " , ".join(f"max(length({name}))" for name in names)
    lengths = database.execute(f"SELECT count(*), {longest} FROM raw").fetchone()  # noqa: S608
    rows = lengths[0]
    if not rows or any((n or 0) > reader.MAX_FIELD - 2 for n in lengths[1:]):
        return None
    cells = ", ".join(
        f"{_stripped(f'c{layout.positions[column]}')} AS {column}"
        if column in layout.positions
        else f"'' AS {column}"
        for column in Checker.ORDER
    )
    database.execute(f"CREATE TABLE cells AS SELECT {cells} FROM raw")  # noqa: S608
    database.execute("DROP TABLE raw")

    mapped: dict[str, str] = {}  # column → the SQL expression of its checked value
    for column in Checker.ORDER:
        condition = "true"
        if column == "traject_id" and column not in checker.values:
            condition = "NOT (" + PLAIN_ID.format(v="traject_id") + ")"
        plain_clients = False
        if column == "client" and column not in checker.values:
            # A valid BSN is its own normalised form: only its pseudonym is needed, and that
            # is computed in SQL for the whole column (see ``Pseudonymiser.hmac_blocks``).
            plain_clients = True
            condition = f"NOT ({PLAIN_BSN})"
        values = [
            value
            for (value,) in database.execute(
                f"SELECT DISTINCT {column} FROM cells WHERE {condition}"  # noqa: S608
            ).fetchall()
        ]
        table: dict[str, Any] = {}
        for value in values:
            translated = checker._translate(column, value) if checker.values else value
            parsed, problems = checker.cell(column, translated)
            if problems:
                return None
            table[value] = _stored(column, parsed, pseudonymiser)
        if column == "traject_id" and condition != "true":
            # Plain ids are their own value; the others were checked above (and are unchanged).
            mapped[column] = column
            continue
        frame = pd.DataFrame({"raw": list(table), "value": list(table.values())})
        database.register(f"map_{column}", frame)
        if plain_clients:  # the clients checked above and every valid BSN, as a table
            _add_plain_clients(database, pseudonymiser)
            database.unregister(f"map_{column}")
            database.execute(f"ALTER TABLE map_{column}_all RENAME TO map_{column}")
        mapped[column] = f"map_{column}.value"

    joins = " ".join(
        f"JOIN map_{column} ON map_{column}.raw = cells.{column}"
        for column in Checker.ORDER
        if mapped[column] != column
    )
    select = ", ".join(
        f"{mapped[column]} AS {alias}"
        for column, alias in (
            ("traject_id", "trajectory_id"),
            ("client", "client"),
            ("wijk", "area"),
            ("thema", "theme"),
            ("soort", "kind"),
            ("profiel", "profile"),
            ("startdatum", "start"),
            ("einddatum", '"end"'),
            ("uitstroomreden", "outflow"),
            ("aanbieder", "provider"),
            ("kosten_per_jaar", "cost"),
        )
    )
    database.execute(f"CREATE TABLE checked AS SELECT {select} FROM cells {joins}")  # noqa: S608
    database.execute("DROP TABLE cells")
    for name in list(mapped):
        if mapped[name] != name:
            database.unregister(f"map_{name}")  # a frame; or the table of the clients:
    database.execute("DROP TABLE IF EXISTS map_client")
    count, distinct, backwards, first, last = database.execute(
        'SELECT count(*), count(DISTINCT trajectory_id), count(*) FILTER ("end" < start), '
        "min(start), max(start) FROM checked"
    ).fetchall()[0]  # drained: the connection is used for more
    if count != rows or distinct != rows or backwards:
        return None
    return Accepted(rows, dt.date.fromisoformat(first), dt.date.fromisoformat(last), database)


def _add_plain_clients(
    database: duckdb.DuckDBPyConnection, pseudonymiser: Pseudonymiser | None
) -> None:
    """``map_client_all``: ``map_client`` (the other clients, checked in Python) and every
    distinct valid nine-digit BSN with its pseudonym, computed by DuckDB over the whole
    column: HMAC-SHA256 as two SHA-256 calls (:data:`PSEUDONYM`) with the key's blocks as
    parameters, never in the SQL text."""
    if pseudonymiser is None:
        value, parameters = "client", []
    else:
        inner, outer, prefix = pseudonymiser.hmac_blocks()
        value = PSEUDONYM.format(v="client")
        parameters = [outer, inner, prefix]
    database.execute(
        f"CREATE TABLE map_client_all AS SELECT raw, value FROM map_client UNION ALL "  # noqa: S608
        f"SELECT DISTINCT client, {value} FROM cells WHERE {PLAIN_BSN}",
        parameters,
    )


def _stripped(name: str) -> str:
    """SQL for ``str.strip()`` of a cell (NULL, an empty cell, becomes ''). Trimming by a set of
    29 characters costs; only a cell that starts or ends with one of them is trimmed."""
    chars = "'" + WHITESPACE.replace("'", "''") + "'"
    return (
        f"CASE WHEN {name} IS NULL THEN '' WHEN contains({chars}, left({name}, 1)) "
        f"OR contains({chars}, right({name}, 1)) THEN trim({name}, {chars}) ELSE {name} END"
    )


def _stored(column: str, parsed: Any, pseudonymiser: Pseudonymiser | None) -> Any:
    """A checked value as it is staged: dates ISO, amounts with two decimals, the client as
    its pseudonym (ISO dates compare correctly as text, for the end-before-start rule)."""
    if parsed is None:
        return None
    if column in ("startdatum", "einddatum"):
        return parsed.isoformat()
    if column == "kosten_per_jaar":
        return format_number(parsed, 12, 2)
    if column == "client" and pseudonymiser is not None:  # of the normalised identifier
        return pseudonymiser.of_normalised(parsed)
    return parsed
