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

    def check(
        self, number: int, cells: list[str], positions: dict[str, int], width: int = 0
    ) -> tuple[Row | None, list[RowError]]:
        errors: list[RowError] = []
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

        def cell(name: str) -> str:
            return values.get(name, "")

        def error(column: str, value: str, message: str) -> None:
            # A long run of digits anywhere could be a BSN in the wrong column: mask it.
            shown = DIGITS.sub(lambda m: mask(m.group()), value[:40])
            errors.append(RowError(number, column, shown, message))

        for name in ("traject_id", "organisatie", "wijk", "thema", "soort", "profiel", "aanbieder"):
            value = values.get(name)
            if value and value[0] in "=+@":
                error(name, value, "Formules zijn niet toegestaan; lever de waarde zelf.")
        for name, value in values.items():
            if name != "client" and len(value) >= 9 and _contains_bsn(value):
                error(
                    name,
                    mask_bsns(value),
                    "Hier staat een BSN (negen cijfers die de elfproef halen) in een kolom waar "
                    "geen BSN hoort. Verwijder het en lever het bestand opnieuw aan.",
                )
        trajectory_id = cell("traject_id")
        if not trajectory_id:
            error("traject_id", "", "Verplicht: het nummer van het traject.")
        elif len(trajectory_id) > 100:
            error("traject_id", trajectory_id, "Langer dan 100 tekens.")

        raw_client = cell("client")
        client = ""
        try:
            client = normalise(raw_client)
        except InvalidIdentifier as exc:
            error("client", mask(raw_client), exc.reason)

        organisation = cell("organisatie")
        if not organisation:
            error("organisatie", "", "Verplicht: de code van de organisatie.")
        elif not self._lookup("organisatie", self.own_names, organisation):
            error(
                "organisatie",
                organisation,
                f"Dit bestand is voor {self.organisation.name}; deze regel hoort bij een andere "
                "organisatie.",
            )

        area_id = self._lookup("wijk", self.areas, cell("wijk"))
        if area_id is None:
            error("wijk", cell("wijk"), "Onbekende wijk: gebruik de code of naam uit Wijkregie.")
        theme_id = self._lookup("thema", self.themes, cell("thema"))
        if theme_id is None:
            error("thema", cell("thema"), "Onbekend thema: gebruik de code uit Wijkregie.")
        kind = self._lookup("soort", self.kinds, cell("soort"))
        if kind is None:
            error(
                "soort",
                cell("soort"),
                "Onbekende soort; kies uit " + ", ".join(Trajectory.Kind.values) + ".",
            )
        profile = ""
        if cell("profiel"):
            profile = self._lookup("profiel", self.profiles, cell("profiel")) or ""
            if not profile:
                error("profiel", cell("profiel"), "Kies licht of zwaar, of laat leeg.")
        outflow = ""
        if cell("uitstroomreden"):
            outflow = self._lookup("uitstroomreden", self.outflows, cell("uitstroomreden")) or ""
            if not outflow:
                error(
                    "uitstroomreden",
                    cell("uitstroomreden"),
                    "Onbekende reden; kies uit " + ", ".join(Trajectory.Outflow.values) + ".",
                )

        start = end = None
        try:
            start = parse_date(cell("startdatum"))
        except ValueError:
            error(
                "startdatum",
                cell("startdatum"),
                "Geen geldige datum; schrijf dd-mm-jjjj of jjjj-mm-dd.",
            )
        if cell("einddatum"):
            try:
                end = parse_date(cell("einddatum"))
            except ValueError:
                error(
                    "einddatum",
                    cell("einddatum"),
                    "Geen geldige datum; schrijf dd-mm-jjjj of jjjj-mm-dd, of laat leeg.",
                )
            else:
                if start and end < start:
                    error("einddatum", cell("einddatum"), "De einddatum ligt voor de startdatum.")

        provider = cell("aanbieder")
        if len(provider) > 50:
            error("aanbieder", provider, "Langer dan 50 tekens.")
        cost = None
        if cell("kosten_per_jaar"):
            try:
                cost = parse_amount(cell("kosten_per_jaar"))
            except ValueError:
                error(
                    "kosten_per_jaar",
                    cell("kosten_per_jaar"),
                    "Geen bedrag; schrijf bijvoorbeeld 1.234,50 of 1234.50.",
                )
        if errors:
            return None, errors
        return (
            Row(
                trajectory_id,
                client,
                area_id,
                theme_id,
                kind,
                profile,
                start,
                end,
                outflow,
                provider,
                cost,
            ),
            [],
        )
