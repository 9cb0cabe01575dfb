"""Benchmark: importing a registration export.

Generates a canonical CSV of ``--rows`` trajectories (the demo's generator: fictional, valid
BSNs), then measures, each in its own process so that peak memory is its own:

* Wijkregie's import (check pass, pseudonymise, store, recompute the figures and rollups) on
  SQLite, and on PostgreSQL when ``DATABASE_URL`` is set;
* the reference near the machine's limit: DuckDB ``read_csv`` + the same GROUP BY (clients,
  trajectories, IB and indications per organisation × wijk × theme × half-year of the start);
* what a typical Python importer does: pandas ``read_csv`` + ``to_sql`` into SQLite.

Prints rows/s, seconds, peak RSS and the ratios. A benchmark, not a test: it never fails on
the figures.

    python bench/import.py --rows 1000000
    DATABASE_URL=postgres://… python bench/import.py --rows 1000000
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GROUP_BY = """
    SELECT organisatie, wijk, thema,
           year(startdatum) AS jaar, CASE WHEN month(startdatum) <= 6 THEN 1 ELSE 2 END AS helft,
           count(*) AS trajecten, count(DISTINCT client) AS clienten,
           count(*) FILTER (WHERE soort = 'ib_team') AS ib_team,
           count(*) FILTER (WHERE soort = 'indicatie_ib') AS indicaties
    FROM t GROUP BY ALL
"""


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(path: Path, rows: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from wijkregie.registrations import generator

    areas = ["Poelenburg", "Pelders-Hoornseveld", "Zaandam Zuid", "Rosmolenwijk"]
    per_half_year = max(10, rows // 9)
    source = generator.rows("DOCK", areas, per_half_year=per_half_year, seed=2026)
    return generator.write_csv(path, itertools.islice(source, rows))


# --- the measured steps, each run in a child process ------------------------------------------
def step_wijkregie(csv_path: str, data_dir: str) -> dict:
    os.environ["WIJKREGIE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkregie.conf.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wijkregie.organisations import demo as organisations_demo
    from wijkregie.organisations.models import Organisation
    from wijkregie.registrations import services

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    organisations_demo.load()
    dock = Organisation.objects.get(code="dock")
    before = _rss_mb()
    started = time.perf_counter()
    outcome = services.import_file(csv_path, file_name="bench.csv", organisation=dock)
    seconds = time.perf_counter() - started
    assert outcome.status == "imported", outcome.as_dict()["errors"][:3]
    return {
        "seconds": seconds,
        "rows": outcome.rows,
        "rss_mb": _rss_mb(),
        "rss_before_mb": before,
        # The SQLite stage's child process (registrations/bulk.py) has memory of its own, as it
        # reports itself (VmHWM: RUSAGE_CHILDREN would count this process's memory at the fork).
        "child_rss_mb": outcome.child_rss_mb,
        "vendor": connection.vendor,
        "staged_by": outcome.staged_by,
        "steps": {name: round(value, 1) for name, value in outcome.seconds.items()},
    }


def step_duckdb(csv_path: str) -> dict:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM read_csv(?, delim=';', header=true, dateformat='%d-%m-%Y',"
        " all_varchar=true)",
        [csv_path],
    )
    con.execute(
        "CREATE OR REPLACE TABLE t AS SELECT * REPLACE ("
        "coalesce(try_strptime(startdatum, '%d-%m-%Y'), try_strptime(startdatum, '%Y-%m-%d'))"
        "::DATE AS startdatum) FROM t"
    )
    result = con.execute(GROUP_BY).fetchall()
    return {"seconds": time.perf_counter() - started, "groups": len(result), "rss_mb": _rss_mb()}


def step_pandas(csv_path: str, db_path: str) -> dict:
    import sqlite3

    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(csv_path, sep=";", dtype=str, encoding="utf-8-sig")
    with sqlite3.connect(db_path) as con:
        frame.to_sql("trajecten", con, if_exists="replace", index=False, chunksize=10_000)
    return {"seconds": time.perf_counter() - started, "rows": len(frame), "rss_mb": _rss_mb()}


def _child(step: str, *args: str, env: dict | None = None) -> dict:
    output = subprocess.run(  # noqa: S603 - this very script
        [sys.executable, __file__, "--step", step, *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step:
        steps = {"wijkregie": step_wijkregie, "duckdb": step_duckdb, "pandas": step_pandas}
        print(json.dumps(steps[options.step](*options.args)))
        return

    work = Path(tempfile.mkdtemp(prefix="wijkregie-bench-import-"))
    csv_path = work / "registraties.csv"
    started = time.perf_counter()
    rows = generate(csv_path, options.rows)
    size = csv_path.stat().st_size / 1024 / 1024
    print(f"Generated {rows:,} rows ({size:.0f} MB) in {time.perf_counter() - started:.1f} s")

    results = {}
    sqlite_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results["Wijkregie import, SQLite"] = _child(
        "wijkregie", str(csv_path), str(work / "sqlite"), env=sqlite_env
    )
    if os.environ.get("DATABASE_URL"):
        results["Wijkregie import, PostgreSQL"] = _child(
            "wijkregie", str(csv_path), str(work / "pg")
        )
    results["DuckDB read_csv + GROUP BY"] = _child("duckdb", str(csv_path))
    results["pandas read_csv + to_sql (SQLite)"] = _child(
        "pandas", str(csv_path), str(work / "pandas.sqlite3")
    )

    duck = results["DuckDB read_csv + GROUP BY"]["seconds"]
    pandas = results["pandas read_csv + to_sql (SQLite)"]["seconds"]
    print()
    print(
        f"{'measurement':38} {'seconds':>8} {'rows/s':>10} {'peak RSS':>9} "
        f"{'×DuckDB':>8} {'pandas÷':>8}"
    )
    for name, result in results.items():
        seconds = result["seconds"]
        print(
            f"{name:38} {seconds:8.1f} {rows / seconds:10,.0f} {result['rss_mb']:7.0f} MB "
            f"{seconds / duck:8.1f} {pandas / seconds:8.2f}"
        )
    for name, result in results.items():
        if result.get("steps"):
            print(f"{name}: seconds per step {result['steps']}")
        if result.get("child_rss_mb"):
            print(f"{name}: peak RSS of its staging child process {result['child_rss_mb']:.0f} MB")
    print(
        "\nTargets: Wijkregie ≤ 5× DuckDB's time, ≥ 3× faster than pandas + to_sql "
        "(pandas÷ ≥ 3), peak RSS ≤ 1 GB."
    )
    print(f"Files in {work} (remove when done).")


if __name__ == "__main__":
    main()
