"""The whole-file check (``columnar``) against the row-wise rule book (``validation.Checker``):
for any file, both accept it or both reject it, and an accepted file yields the same rows."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wijkregie.organisations import demo as organisations_demo
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import columnar, reader, services
from wijkregie.registrations.pseudonyms import Pseudonymiser, passes_eleven_test
from wijkregie.registrations.validation import Checker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]
COLUMNS = [name for name, _required in reader.COLUMNS]

# Per column: good values, and values that break one rule or sit right at its edge.
VALUES = {
    "traject_id": [
        "T-1",
        " T-2 ",
        "t 3",
        "",
        "=1+1",
        "@x",
        "+31",
        "x" * 100,
        "y" * 101,
        "999990019",
        "9999.90.019",
        "999 990 019",
        "123456789",
        "T-\u0663\u0661",
        "T\u00a0",
        "tr\u00e4ject",
        "T;1",
        'T"1',
        "T\n1",
    ],
    "client": [
        "999990019",
        "99999001",
        " 9999 90020 ",
        "123456789",
        "",
        "K-001",
        "k-001",
        "x" * 64,
        "x" * 65,
        "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    ],
    "organisatie": ["DOCK", "dock", " Dock ", "SMD", "", "=DOCK"],
    "wijk": ["Poelenburg", "poelenburg ", "POELENBURG", "Nergenshuizen", "", "Zaandam Zuid"],
    "thema": ["MO", "mo", "ARM", "XX", ""],
    "soort": ["ondersteuning", "IB_TEAM", "indicatie_ib", "overdracht_aanbieder", "fout", ""],
    "profiel": ["", "licht", "Zwaar", "middel", "=licht"],
    "startdatum": [
        "01-02-2025",
        "2025-02-01",
        "1-2-2025",
        "01/02/2025",
        "31-02-2025",
        "",
        "01-01-1800",
        "1-1-2100",
        "2025-2-1",
    ],
    "einddatum": ["", "01-03-2025", "15-01-2025", "2025-02-01", "nooit", " 01-03-2025 "],
    "uitstroomreden": ["", "doel_bereikt", "Overgedragen", "onbekend"],
    "aanbieder": ["", "AANB-01", "a" * 50, "b" * 51, "+cmd", "Zorg 999990019"],
    "kosten_per_jaar": [
        "",
        "1.234,50",
        "1234.50",
        "12,5",
        "-5",
        "abc",
        "\u20ac 8.450",
        "99999999999",
    ],
}
GOOD = {
    "client": "999990019",
    "organisatie": "DOCK",
    "wijk": "Poelenburg",
    "thema": "MO",
    "soort": "ondersteuning",
    "profiel": "",
    "startdatum": "01-02-2025",
    "einddatum": "",
    "uitstroomreden": "",
    "aanbieder": "",
    "kosten_per_jaar": "",
}
odd_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@st.composite
def exports(draw) -> tuple[bytes, str]:
    """A small export: mostly good rows, each cell sometimes replaced by an edge case or by
    arbitrary text; sometimes a duplicate id, a short or long row, or a blank line."""
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    lines, row_ids = [], []
    for number in range(draw(st.integers(1, 6))):
        row = {"traject_id": f"T-{number}", **GOOD}
        for column in draw(st.lists(st.sampled_from(COLUMNS), max_size=3, unique=True)):
            row[column] = draw(st.sampled_from(VALUES[column]) | odd_text)
        cells = [row[c] for c in COLUMNS]
        shape = draw(st.sampled_from(["row"] * 8 + ["short", "long", "blank", "duplicate"]))
        if shape == "short":
            cells = cells[:-1]
        elif shape == "long":
            cells = [*cells, "extra"]
        elif shape == "duplicate" and number:
            cells[0] = row_ids[-1]
        row_ids.append(cells[0])
        lines.append(cells)
        if shape == "blank":
            lines.append([])
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(lines)
    try:
        data = text.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = text.getvalue().encode("utf-8")
    return data, delimiter


class Collect:
    """Stands in for the stage: keeps the rows the row-wise check passes."""

    def __init__(self):
        self.rows = []

    def add(self, row):
        self.rows.append(row)

    def flush(self):
        pass


def row_wise(data: bytes, dock: Organisation):
    collected = Collect()
    outcome, _first, _last = services.check_file(
        io.BytesIO(data), file_name="e.csv", organisation=dock, stage=collected, whole_file=False
    )
    if outcome.status == "rejected":
        return None
    return sorted(
        (
            row.trajectory_id,
            row.client,
            row.area_id,
            row.theme_id,
            row.kind,
            row.profile,
            columnar._stored("startdatum", row.start, None),
            columnar._stored("einddatum", row.end, None),
            row.outflow,
            row.provider,
            columnar._stored("kosten_per_jaar", row.cost_per_year, None),
        )
        for row in collected.rows
    )


def whole_file(data: bytes, dock: Organisation):
    try:
        layout, rows = reader.read(io.BytesIO(data), file_name="e.csv")
    except reader.FileRejected:  # the file as a whole, before any check of its rows
        return None
    rows.close()
    with tempfile.TemporaryDirectory() as directory:
        accepted = columnar.check(io.BytesIO(data), layout, Checker(dock), Path(directory))
        if accepted is None:
            assert not any(Path(directory).iterdir())  # nothing left behind
            return None
        try:
            return sorted(
                row[2:4] + row[5:] for batch in accepted.batches(100, (0, 0), "v") for row in batch
            )
        finally:
            accepted.close()
            assert not any(Path(directory).iterdir())


@pytest.fixture
def dock(empty_db):
    organisations_demo.load()
    return Organisation.objects.get(code="dock")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(export=exports())
@example(
    export=(
        "\r\n".join(
            [";".join(COLUMNS), "T-1;999990019;DOCK;Poelenburg;MO;ondersteuning;;01-02-2025;;;;"]
        ).encode(),
        ";",
    )
)
def test_whole_file_and_row_wise_checks_agree(dock, export):
    data, _delimiter = export
    expected = row_wise(data, dock)
    assert whole_file(data, dock) == expected


def test_the_whole_file_check_accepts_a_good_file_and_declines_a_bad_one(dock):
    good = "\r\n".join(
        [";".join(COLUMNS)]
        + [f"T-{n};999990019;DOCK;Poelenburg;MO;ondersteuning;;01-02-2025;;;;" for n in range(50)]
    ).encode("cp1252")
    rows = whole_file(good, dock)
    assert rows is not None and len(rows) == 50
    assert rows[0][1] == "999990019"  # a dry run keeps the normalised identifier
    bad = good.replace(b"T-7;999990019", b"T-7;123456789")  # fails the 11-test
    assert whole_file(bad, dock) is None and row_wise(bad, dock) is None


def test_the_whitespace_list_is_what_python_strips():
    everything = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert everything == columnar.WHITESPACE


@settings(max_examples=200, deadline=None)
@given(number=st.integers(0, 999_999_999) | st.sampled_from([0, 999990019, 111222333, 123456789]))
def test_the_sql_eleven_test_is_the_python_one(number):
    client = f"{number:09d}"
    (passes,) = ELEVEN.execute(
        f"SELECT {columnar.PLAIN_BSN} FROM (SELECT ? AS client)",  # noqa: S608 - ours
        [client],
    ).fetchone()
    assert passes == passes_eleven_test(client)


ELEVEN = duckdb.connect()


@pytest.mark.parametrize("key_length", [1, 32, 64, 65, 200])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.data(), text=st.text(max_size=30))
def test_the_sql_pseudonym_is_the_same_keyed_hmac(key_length, key, text):
    """DuckDB pseudonymises the valid BSNs of a whole column; the result must be exactly the
    HMAC that ``Pseudonymiser`` computes one by one (also for keys longer than a block)."""
    secret = key.draw(st.binary(min_size=key_length, max_size=key_length))
    pseudonymiser = Pseudonymiser(secret, "2")
    inner, outer, prefix = pseudonymiser.hmac_blocks()
    with duckdb.connect() as database:
        (value,) = database.execute(
            "SELECT " + columnar.PSEUDONYM.format(v="?"), [outer, inner, prefix, text]
        ).fetchall()[0]
    assert value == pseudonymiser.of_normalised(text)
