"""Realistic, fictional registration exports in the canonical format, for the demo, the tests
and the benchmark.

The story follows the seeds: the team gives more individual support (IB) itself every half-year,
IB indications for light profiles fall after the pilot while heavy ones stay, a few clients are
handed over to a Wmo provider soon after their team IB started, some return within a year.
Client numbers are valid-looking BSNs (they pass the 11-test) generated from a seed: fictional.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

HEADER = [
    "traject_id",
    "client",
    "organisatie",
    "wijk",
    "thema",
    "soort",
    "profiel",
    "startdatum",
    "einddatum",
    "uitstroomreden",
    "aanbieder",
    "kosten_per_jaar",
]
PROVIDERS = ["AANB-01", "AANB-02", "AANB-03", "AANB-04"]
THEME_WEIGHTS = {"MO": 5, "ARM": 2, "GA": 2, "MZ": 1, "PAR": 1, "HG": 1, "GEZ": 1}
OUTFLOWS = ["doel_bereikt"] * 6 + ["overgedragen", "verhuisd", "gestopt", "anders"]


def bsn(rng: random.Random) -> str:
    """A nine-digit number that passes the 11-test (fictional)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        digits[0] = rng.randint(1, 9)
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check <= 9:
            return "".join(map(str, digits)) + str(check)


def _date(day: dt.date, iso: bool) -> str:
    return day.isoformat() if iso else day.strftime("%d-%m-%Y")


def rows(
    organisation: str,
    areas: list[str],
    *,
    first_year: int = 2023,
    last_day: dt.date = dt.date(2026, 10, 31),
    per_half_year: int = 120,
    seed: int = 1,
) -> Iterator[list[str]]:
    """Rows (without header) for one organisation; ``per_half_year`` trajectories start in
    each half-year, growing slowly."""
    rng = random.Random(f"{organisation}-{seed}")  # noqa: S311 - fictional data, reproducible
    themes = [code for code, weight in THEME_WEIGHTS.items() for _ in range(weight)]
    clients = [bsn(rng) for _ in range(max(50, per_half_year * 3))]
    number = 0
    start_of = dt.date(first_year, 1, 1)
    half = 0
    while start_of <= last_day:
        end_of = (
            dt.date(start_of.year, 6, 30) if start_of.month == 1 else dt.date(start_of.year, 12, 31)
        )
        end_of = min(end_of, last_day)
        span = (end_of - start_of).days
        count = int(per_half_year * (1 + 0.04 * half))
        # The pilot became policy: from 2024 the team takes light IB on itself.
        ib_team_share = min(0.10 + 0.035 * half, 0.40)
        light_indication_share = max(0.12 - 0.02 * half, 0.02)
        for _ in range(count):
            number += 1
            client = rng.choice(clients)
            area = rng.choice(areas)
            theme = rng.choice(themes)
            start = start_of + dt.timedelta(days=rng.randint(0, span))
            draw = rng.random()
            profile, provider, cost = "", "", ""
            if draw < ib_team_share:
                kind, profile = "ib_team", "licht"
            elif draw < ib_team_share + light_indication_share:
                kind, profile = "indicatie_ib", "licht"
            elif draw < ib_team_share + light_indication_share + 0.05:
                kind, profile = "indicatie_ib", "zwaar"
            elif draw < ib_team_share + light_indication_share + 0.09:
                kind = "indicatie_overig"
            elif draw < ib_team_share + light_indication_share + 0.16:
                kind = "verwijzing_voorveld"
            else:
                kind = "ondersteuning"
            if kind.startswith("indicatie"):
                provider = rng.choice(PROVIDERS)
                yearly = (
                    rng.randint(45, 110) * 100 if profile != "licht" else rng.randint(25, 50) * 100
                )
                cost = f"{yearly:,}".replace(",", ".") + ",00"
            duration = rng.randint(20, 420)
            end = start + dt.timedelta(days=duration)
            ended = end <= last_day and rng.random() < 0.85
            iso = rng.random() < 0.2  # some systems export ISO dates
            yield [
                f"{organisation[:3].upper()}-{number:07d}",
                client,
                organisation,
                area,
                theme,
                kind,
                profile,
                _date(start, iso),
                _date(end, iso) if ended else "",
                rng.choice(OUTFLOWS) if ended else "",
                provider,
                cost,
            ]
            # A few clients are handed over to a provider soon after team IB started.
            if kind == "ib_team" and rng.random() < 0.08:
                number += 1
                moment = start + dt.timedelta(days=rng.randint(30, 170))
                if moment <= last_day:
                    yield [
                        f"{organisation[:3].upper()}-{number:07d}",
                        client,
                        organisation,
                        area,
                        theme,
                        "overdracht_aanbieder",
                        "",
                        _date(moment, False),
                        "",
                        "",
                        rng.choice(PROVIDERS),
                        "",
                    ]
        half += 1
        start_of = end_of + dt.timedelta(days=1)


def write_csv(target: Path, rows_: Iterator[list[str]]) -> int:
    """Dutch Excel CSV: ``;``, UTF-8 with BOM. Returns the number of data rows."""
    count = 0
    with open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows_:
            writer.writerow(row)
            count += 1
    return count
