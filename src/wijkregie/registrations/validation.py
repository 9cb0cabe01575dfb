"""Checking one row of a registration export and turning it into a trajectory.

Every message is Dutch and names the column; a value in a report is masked when it is (or could
be) a client identifier. Dates and codes repeat endlessly in an export, so their parsing is
cached.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from wijkregie.common import xlsx
from wijkregie.common.xlsx import normalise_header
from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.registrations.models import Trajectory
from wijkregie.registrations.pseudonyms import (
    InvalidIdentifier,
    contains_bsn,
    mask,
    mask_bsns,
    normalise,
)
from wijkregie.registrations.reader import COLUMNS

MAX_ERRORS_KEPT = 500
DIGITS = re.compile(r"\d{6,}")


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class Row:
    """A checked row; ``client`` is the normalised identifier, still to be pseudonymised."""

    trajectory_id: str
    client: str
    area_id: int
    theme_id: int
    kind: str
    profile: str
    start: dt.date
    end: dt.date | None
    outflow: str
    provider: str
    cost_per_year: Decimal | None


#: ``contains_bsn``, remembered: dates, wijken and kinds repeat on every row.
_contains_bsn = lru_cache(maxsize=65_536)(contains_bsn)


@lru_cache(maxsize=8192)
def parse_date(text: str) -> dt.date:
    """``common.xlsx.parse_date``, remembered: an export repeats the same dates endlessly."""
    day = xlsx.parse_date(text)
    if not 1900 <= day.year <= 2100:
        raise ValueError
    return day


@lru_cache(maxsize=4096)
def parse_amount(text: str) -> Decimal:
    """``common.xlsx.parse_decimal`` for a yearly cost: not negative, remembered."""
    amount = xlsx.parse_decimal(text)
    if amount < 0 or amount > Decimal("9999999999"):
        raise ValueError
    return amount


class Checker:
    """Checks rows for one delivering organisation; lookups are loaded once."""

    def __init__(self, organisation: Organisation, values: dict[str, dict[str, str]] | None = None):
        self.organisation = organisation
        self.values = {
            column: {normalise_header(k): v for k, v in mapping.items()}
            for column, mapping in (values or {}).items()
        }
        self.own_names = {
            normalise_header(organisation.code): True,
            normalise_header(organisation.name): True,
        }
        self.areas: dict[str, int] = {}
        for area in Area.objects.all():
            for key in (area.code, area.name, area.cbs_code):
                if key:
                    self.areas[normalise_header(key)] = area.pk
        self.themes: dict[str, int] = {}
        for theme in Theme.objects.all():
            for key in (theme.code, theme.name, theme.registration_code):
                if key:
                    self.themes[normalise_header(key)] = theme.pk
        self.kinds = {normalise_header(k): k for k in Trajectory.Kind.values}
        self.profiles = {normalise_header(k): k for k in Trajectory.Profile.values}
        self.outflows = {normalise_header(k): k for k in Trajectory.Outflow.values}

        self._caches: dict[str, dict[str, object]] = {}

    def _translate(self, column: str, raw: str) -> str:
        mapping = self.values.get(column)
        if mapping:
            return mapping.get(normalise_header(raw), raw)
        return raw

    def _lookup(self, name: str, table: dict, raw: str):
        """``table[normalise_header(raw)]``, remembered per raw text: an export repeats the same
        few wijken, themes and kinds on every row."""
        cache = self._caches.setdefault(name, {})
        if raw in cache:
            return cache[raw]
        found = table.get(normalise_header(raw))
        if len(cache) < 10_000:
            cache[raw] = found
        return found

    #: Columns whose value is text that a spreadsheet could run as a formula.
    FORMULA_COLUMNS = frozenset(
        ("traject_id", "organisatie", "wijk", "thema", "soort", "profiel", "aanbieder")
    )
    #: The order in which a row's cells are checked (and its errors reported): the format's.
    ORDER = tuple(name for name, _required in COLUMNS)

    def cell(self, column: str, value: str) -> tuple[object, list[tuple[str, str]]]:
        """One cell, already stripped and translated: its parsed value and its problems as
        (value as shown, Dutch reason). Every rule that concerns one cell lives here, so that a
        row (:meth:`check`) and a whole column at once (``columnar``) apply the same rules."""
        problems: list[tuple[str, str]] = []
        if column in self.FORMULA_COLUMNS and value and value[0] in "=+@":
            problems.append((value, "Formules zijn niet toegestaan; lever de waarde zelf."))
        if column != "client" and len(value) >= 9 and _contains_bsn(value):
            problems.append(
                (
                    mask_bsns(value),
                    "Hier staat een BSN (negen cijfers die de elfproef halen) in een kolom waar "
                    "geen BSN hoort. Verwijder het en lever het bestand opnieuw aan.",
                )
            )
        parsed, problem = getattr(self, "_" + column)(value)
        if problem:
            problems.append(problem)
        return parsed, problems

    # One method per column: (parsed value, problem or None).
    def _traject_id(self, value: str):
        if not value:
            return "", ("", "Verplicht: het nummer van het traject.")
        if len(value) > 100:
            return value, (value, "Langer dan 100 tekens.")
        return value, None

    def _client(self, value: str):
        try:
            return normalise(value), None
        except InvalidIdentifier as exc:
            return "", (mask(value), exc.reason)

    def _organisatie(self, value: str):
        if not value:
            return "", ("", "Verplicht: de code van de organisatie.")
        if not self._lookup("organisatie", self.own_names, value):
            return "", (
                value,
                f"Dit bestand is voor {self.organisation.name}; deze regel hoort bij een andere "
                "organisatie.",
            )
        return value, None

    def _wijk(self, value: str):
        found = self._lookup("wijk", self.areas, value)
        if found is None:
            return None, (value, "Onbekende wijk: gebruik de code of naam uit Wijkregie.")
        return found, None

    def _thema(self, value: str):
        found = self._lookup("thema", self.themes, value)
        if found is None:
            return None, (value, "Onbekend thema: gebruik de code uit Wijkregie.")
        return found, None

    def _soort(self, value: str):
        found = self._lookup("soort", self.kinds, value)
        if found is None:
            return None, (
                value,
                "Onbekende soort; kies uit " + ", ".join(Trajectory.Kind.values) + ".",
            )
        return found, None

    def _profiel(self, value: str):
        if not value:
            return "", None
        found = self._lookup("profiel", self.profiles, value) or ""
        return found, None if found else (value, "Kies licht of zwaar, of laat leeg.")

    def _uitstroomreden(self, value: str):
        if not value:
            return "", None
        found = self._lookup("uitstroomreden", self.outflows, value) or ""
        if not found:
            return "", (
                value,
                "Onbekende reden; kies uit " + ", ".join(Trajectory.Outflow.values) + ".",
            )
        return found, None

    def _startdatum(self, value: str):
        return _date(value, "Geen geldige datum; schrijf dd-mm-jjjj of jjjj-mm-dd.")

    def _einddatum(self, value: str):
        if not value:
            return None, None
        return _date(value, "Geen geldige datum; schrijf dd-mm-jjjj of jjjj-mm-dd, of laat leeg.")

    def _aanbieder(self, value: str):
        if len(value) > 50:
            return value, (value, "Langer dan 50 tekens.")
        return value, None

    def _kosten_per_jaar(self, value: str):
        if not value:
            return None, None
        try:
            return parse_amount(value), None
        except ValueError:
            return None, (value, "Geen bedrag; schrijf bijvoorbeeld 1.234,50 of 1234.50.")

    def check(
        self, number: int, cells: list[str], positions: dict[str, int], width: int = 0
    ) -> tuple[Row | None, list[RowError]]:
        if width and len(cells) != width:
            return None, [
                RowError(
                    number,
                    "",
                    "",
                    f"Deze regel heeft {len(cells)} kolommen in plaats van {width}: staat het "
                    "scheidingsteken ook in een cel, of is een ander scheidingsteken gebruikt?",
                )
            ]
        size = len(cells)
        values = {
            name: (cells[index].strip() if index < size else "")
            for name, index in positions.items()
        }
        if self.values:
            values = {name: self._translate(name, value) for name, value in values.items()}
        errors: list[RowError] = []
        parsed: dict[str, object] = {}
        for column in self.ORDER:
            parsed[column], problems = self.cell(column, values.get(column, ""))
            for shown, message in problems:
                errors.append(RowError(number, column, shown_value(shown), message))
        start, end = parsed["startdatum"], parsed["einddatum"]
        if start and end and end < start:
            errors.append(
                RowError(
                    number,
                    "einddatum",
                    shown_value(values.get("einddatum", "")),
                    "De einddatum ligt voor de startdatum.",
                )
            )
        if errors:
            return None, errors
        return Row(
            parsed["traject_id"],
            parsed["client"],
            parsed["wijk"],
            parsed["thema"],
            parsed["soort"],
            parsed["profiel"],
            start,
            end,
            parsed["uitstroomreden"],
            parsed["aanbieder"],
            parsed["kosten_per_jaar"],
        ), []


def _date(value: str, problem: str):
    try:
        return parse_date(value), None
    except ValueError:
        return None, (value, problem)


def shown_value(value: str) -> str:
    """A value as a report may show it: at most 40 characters, every long run of digits masked
    (it could be a BSN in the wrong column)."""
    return DIGITS.sub(lambda m: mask(m.group()), value[:40])
