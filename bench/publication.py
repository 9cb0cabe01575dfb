"""Benchmark: the council's half-year report and the public dashboard under load.

On the demo (SQLite in a temporary data directory):

* the council report for one half-year — its contents from every app and the PDF — timed in
  the loader's process (target: at most 3 s);
* the public dashboard, its API and the open data under ``--clients`` concurrent clients on
  loopback against the production server (``wijkregie serve``: gunicorn, ``--workers``), each
  back to back with ``/health/`` (the trivial view) in the same run: requests per second, p95
  and errors, and the ratio to ``/health/`` (target: at least 50 %, 0 errors).

A benchmark, not a test: it prints figures and never fails on them.

    python bench/publication.py
    python bench/publication.py --clients 32 --seconds 15 --workers 3
"""

from __future__ import annotations

import loadtools

PAGES = ["/health/", "/openbaar/", "/openbaar/?wijk=poelenburg", "/api/v1/public/values/"]


def main() -> None:
    args = loadtools.arguments(__doc__)
    data_dir = loadtools.demo_data_dir()
    timing = loadtools.run(
        data_dir,
        "import time, statistics\n"
        "from wijkregie.accounts.models import User\n"
        "from wijkregie.council import report\n"
        "from wijkregie.publication import public\n"
        "public.current()\n"
        "user = User.objects.get(username='contractmanager')\n"
        "runs = []\n"
        "for _ in range(3):\n"
        "    start = time.perf_counter()\n"
        "    report.pdf(report.content('2026H1', user=user))\n"
        "    runs.append(time.perf_counter() - start)\n"
        "print(f'{statistics.median(runs):.2f} {max(runs):.2f}')\n",
    ).split()
    print(f"council report 2026H1 (contents + PDF): median {timing[-2]} s, max {timing[-1]} s "
          f"(target ≤ 3 s)")  # fmt: skip

    with loadtools.production_server(data_dir, args.workers) as port:
        print(f"{args.clients} clients, {args.seconds:g} s each, gunicorn {args.workers} workers")
        loadtools.measure(port, PAGES, args.clients, args.seconds)


if __name__ == "__main__":
    main()
