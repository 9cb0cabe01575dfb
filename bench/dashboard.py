"""Benchmark: the municipal overview and an indicator page over a large fact table.

Fills a fresh database (SQLite in a temporary data directory, or PostgreSQL when DATABASE_URL is
set) with ``--values`` stored values — indicators × contractors × wijken × themes × 8 half-years —
builds the rollups, then measures server-side (Django's test client, no network, DEBUG off):

* the municipal overview ``/dashboard/`` for the contract manager and for a council member;
* an indicator page ``/dashboard/indicator/<pk>/`` (per contractor);

and, as the reference, the same aggregate (headline indicators × contractor × half-year, and the
municipal total) computed by a bare DuckDB GROUP BY over an export of the raw value rows.
Prints p50/p95 per measurement and the ratio to DuckDB. A benchmark, not a test: it prints
figures and never fails on them.

    python bench/dashboard.py                     # 5 million values, 30 requests each
    python bench/dashboard.py --values 200000     # quick look
    DATABASE_URL=postgres://… python bench/dashboard.py

Shape: by default Zaanstad's — the three contractors and their twelve wijken, every value
delivered per theme (9 themes), 8 half-years (2023H1–2026H2) — with the 21 demo indicators plus
synthetic secondary ones until the fact table holds ``--values`` rows. ``--organisations 20
--areas-per-organisation 29`` gives a large city at buurt level instead (580 areas), where every
overview row set is seven times larger.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

PERIODS = [f"{year}H{half}" for year in range(2023, 2027) for half in (1, 2)]


def _setup(data_dir: Path) -> None:
    os.environ["WIJKREGIE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkregie.conf.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def _time(call, repeat: int, warm: int = 2) -> tuple[float, float]:
    for _ in range(warm):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return _percentiles(samples)


def _base_data() -> None:
    from django.core.management import call_command

    from wijkregie.accounts import demo as accounts_demo
    from wijkregie.commission import demo as commission_demo
    from wijkregie.indicators import demo as indicators_demo
    from wijkregie.organisations import demo as organisations_demo

    call_command("migrate", verbosity=0)
    for loader in (organisations_demo, accounts_demo, commission_demo, indicators_demo):
        loader.load()


def _scale(values: int, organisation_count: int, areas_per_organisation: int) -> tuple:
    """Organisations, areas and indicators so that the fact table holds about ``values`` rows."""
    from wijkregie.indicators.models import Indicator
    from wijkregie.organisations.models import Area, Organisation, Theme

    themes = list(Theme.objects.order_by("order"))
    organisations = list(
        Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION).order_by("code")
    )
    for n in range(len(organisations), organisation_count):
        organisations.append(
            Organisation.objects.create(
                code=f"bench-team-{n:02d}",
                name=f"Wijkteamorganisatie {n:02d}",
                kind=Organisation.Kind.TEAM_ORGANISATION,
            )
        )
    areas: list[tuple[int, int]] = []  # (organisation id, area id)
    for organisation in organisations:
        own = list(organisation.areas.all())
        for n in range(len(own), areas_per_organisation):
            own.append(
                Area.objects.create(
                    code=f"{organisation.code}-buurt-{n:02d}",
                    name=f"Buurt {n:02d} ({organisation.name})",
                    responsible_organisation=organisation,
                )
            )
        areas += [(organisation.pk, area.pk) for area in own]
    per_indicator = len(PERIODS) * len(areas) * len(themes)
    indicators = list(Indicator.objects.order_by("code"))  # the demo's, always all of them
    wanted = max(len(indicators), round(values / per_indicator))
    new = [
        Indicator(
            code=f"BENCH-{n:04d}",
            name=f"Synthetische teller {n:04d}",
            definition="Aantal inwoners (benchmark).",
            source=Indicator.Source.DELIVERED,
            tier=Indicator.Tier.SECONDARY,
        )
        for n in range(len(indicators), wanted)
    ]
    Indicator.objects.bulk_create(new, batch_size=1000)
    new = list(Indicator.objects.filter(code__startswith="BENCH-").order_by("code"))
    through = Indicator.themes.through
    through.objects.bulk_create(
        [
            through(indicator_id=indicator.pk, theme_id=themes[n % len(themes)].pk)
            for n, indicator in enumerate(new)
        ],
        batch_size=1000,
    )
    indicators += new
    return indicators[:wanted], areas, themes


def _fill(indicators, areas, themes, csv_path: Path) -> int:
    """Insert the values in batches and write the same rows to a CSV for DuckDB."""
    from django.db import connection, transaction

    from wijkregie.reporting.models import Value

    table = Value._meta.db_table
    columns = (
        "indicator_id, organisation_id, area_id, theme_id, period, source, state, "
        "value, numerator, denominator, not_measurable, reason, explanation"
    )
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 13)})"  # noqa: S608
    rng = random.Random(2026)
    written = 0
    with (
        csv_path.open("w", newline="", encoding="utf-8") as handle,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        writer = csv.writer(handle)
        writer.writerow(
            [
                "indicator_id",
                "organisation_id",
                "area_id",
                "theme_id",
                "period",
                "value",
                "numerator",
                "denominator",
            ]
        )
        for indicator in indicators:
            batch = []
            for period in PERIODS:
                for organisation_id, area_id in areas:
                    for theme in themes:
                        value = numerator = denominator = None
                        if indicator.is_ratio:
                            denominator = rng.randint(5, 60)
                            numerator = rng.randint(0, denominator)
                            value = round(numerator / denominator * 100, 4)
                        elif indicator.unit == indicator.Unit.SCORE:
                            value = round(rng.uniform(5, 9), 1)
                        else:
                            value = rng.randint(0, 40)
                        batch.append(
                            (
                                indicator.pk,
                                organisation_id,
                                area_id,
                                theme.pk,
                                period,
                                "delivered",
                                "approved",
                                Decimal(str(value)),
                                numerator,
                                denominator,
                                False,
                                "",
                                "",
                            )
                        )
                        writer.writerow(
                            [
                                indicator.pk,
                                organisation_id,
                                area_id,
                                theme.pk,
                                period,
                                value,
                                numerator if numerator is not None else "",
                                denominator if denominator is not None else "",
                            ]
                        )
            cursor.executemany(sql, batch)
            written += len(batch)
            print(f"\r  values written: {written:,}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return written


def _duckdb(csv_path: Path):
    """DuckDB with the raw value rows loaded into its own table (loading is not timed)."""
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE v AS SELECT * FROM read_csv_auto(?)", [str(csv_path)])
    return con


def _duckdb_aggregate(con, indicators: list[int], repeat: int) -> tuple[float, float]:
    """What a dashboard page aggregates: these indicators × contractor × half-year plus the
    municipal total, as one GROUP BY over the raw rows."""
    ids = ", ".join(str(i) for i in indicators)
    query = f"""
        SELECT indicator_id, period, organisation_id,
               SUM(value), SUM(numerator), SUM(denominator), COUNT(*), COUNT(value)
        FROM v
        WHERE indicator_id IN ({ids})
        GROUP BY GROUPING SETS ((indicator_id, period, organisation_id), (indicator_id, period))
    """  # noqa: S608 - integers only
    return _time(lambda: con.execute(query).fetchall(), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--organisations", type=int, default=3, help="team organisations")
    parser.add_argument(
        "--areas-per-organisation", type=int, default=0, help="top up each one's areas to this"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="wijkregie-bench-"))
    _setup(data_dir)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from wijkregie.accounts.models import User
    from wijkregie.indicators.models import Indicator
    from wijkregie.reporting import rollups
    from wijkregie.reporting.models import Rollup, Value

    engine = connection.vendor
    if engine == "postgresql":
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)
    print(f"Database: {engine} ({settings.DATABASES['default']['NAME']})")
    started = time.perf_counter()
    _base_data()
    indicators, areas, themes = _scale(args.values, args.organisations, args.areas_per_organisation)
    csv_path = data_dir / "values.csv"
    written = _fill(indicators, areas, themes, csv_path)
    fill_s = time.perf_counter() - started
    started = time.perf_counter()
    rollups.refresh_all()
    rollup_s = time.perf_counter() - started
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"Fact table: {Value.objects.count():,} values ({written:,} generated) · "
        f"{len(indicators)} indicators × {len(areas)} areas × {len(themes)} themes × "
        f"{len(PERIODS)} half-years · {Rollup.objects.count():,} rollups"
    )
    print(f"Fill: {fill_s:.1f} s · rollups rebuilt from scratch: {rollup_s:.1f} s")

    headline = list(
        Indicator.objects.filter(tier=Indicator.Tier.HEADLINE, active=True).values_list(
            "pk", flat=True
        )
    )
    page_indicator = Indicator.objects.get(code="IB-TEAM")
    con = _duckdb(csv_path)
    references = {
        "overview": _duckdb_aggregate(con, headline, args.repeat),
        "indicator": _duckdb_aggregate(con, [page_indicator.pk], args.repeat),
    }
    rows = []
    for username, label in (("contractmanager", "contract manager"), ("raadslid", "council")):
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))

        def get(url, client=client):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        rows.append(
            (
                f"overview /dashboard/ ({label})",
                _time(lambda: get("/dashboard/"), args.repeat),
                "overview",
            )
        )
        url = f"/dashboard/indicator/{page_indicator.pk}/"
        rows.append(
            (
                f"indicator page {page_indicator.code} ({label})",
                _time(lambda u=url: get(u), args.repeat),
                "indicator",
            )
        )
    trivial = Client(HTTP_HOST="localhost")
    floor = _time(lambda: trivial.get("/health/"), args.repeat)

    print()
    print(f"{'measurement':48} {'p50 ms':>8} {'p95 ms':>8} {'p95/DuckDB':>11} {'p95/trivial':>12}")
    for name, (p50, p95), kind in rows:
        ratio = p95 / references[kind][1]
        print(f"{name:48} {p50:8.1f} {p95:8.1f} {ratio:11.2f} {p95 / floor[1]:12.1f}")
    for name, (p50, p95) in (
        (f"DuckDB: overview aggregate ({len(headline)} headline ind.)", references["overview"]),
        ("DuckDB: indicator page aggregate (1 indicator)", references["indicator"]),
        ("trivial view /health/ (framework floor)", floor),
    ):
        print(f"{name:48} {p50:8.1f} {p95:8.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nTarget: p95 ≤ 150 ms and not slower than DuckDB. Peak RSS {rss:.0f} MB.")
    if args.keep:
        print(f"Data kept in {data_dir}")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
