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

import argparse
import http.client
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGES = ["/health/", "/openbaar/", "/openbaar/?wijk=poelenburg", "/api/v1/public/values/"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update({"WIJKREGIE_DATA_DIR": str(data_dir), **extra})
    return env


def _run(data_dir: Path, code: str) -> str:
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-m", "wijkregie", "shell", "-c", code],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(port: int, path: str, clients: int, seconds: float) -> tuple[float, float, int, int]:
    """(requests per second, p95 in ms, requests, errors) of ``clients`` keep-alive clients."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0
    return len(latencies) / elapsed, p95 * 1000, len(latencies), errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="wijkregie-bench-"))
    print(f"data directory {data_dir}; loading the demo …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "wijkregie", "migrate", "--no-input", "-v0"],
        env=_env(data_dir),
        check=True,
    )
    _run(data_dir, "from wijkregie.system.demo import load_demo; load_demo()")

    timing = _run(
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

    port = _free_port()
    production = _env(
        data_dir,
        WIJKREGIE_ENV="production",
        SECRET_KEY="b" * 60,
        WIJKREGIE_PSEUDONYM_KEY="p" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        WIJKREGIE_SECURE_COOKIES="false",
    )
    # Production serves the collected static files.
    subprocess.run(
        [sys.executable, "-m", "wijkregie", "collectstatic", "--no-input", "-v0"],
        env=production,
        check=True,
    )
    server = subprocess.Popen(  # noqa: S603 - the production server of this checkout
        [sys.executable, "-m", "wijkregie", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers)],
        env=production,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/health/")
                break
            except OSError:
                time.sleep(0.2)
        for path in PAGES:  # warm: the first request builds the public release
            _load(port, path, 1, 0.5)
        print(f"{args.clients} clients, {args.seconds:g} s each, gunicorn {args.workers} workers")
        reference = None
        for path in PAGES:
            rate, p95, count, errors = _load(port, path, args.clients, args.seconds)
            reference = reference or rate
            print(
                f"{path:32} {rate:8.1f} req/s  p95 {p95:7.1f} ms  {count:6} requests  "
                f"{errors} errors  {100 * rate / reference:5.1f} % of /health/"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
