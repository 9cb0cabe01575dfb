"""Shared by the load benchmarks: a demo in a temporary data directory, the production server
(``wijkregie serve``: gunicorn) on a free loopback port, and keep-alive clients that measure
requests per second, p95 and errors. Not a benchmark itself."""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

PRODUCTION = {
    "WIJKREGIE_ENV": "production",
    "SECRET_KEY": "b" * 60,
    "WIJKREGIE_PSEUDONYM_KEY": "p" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "WIJKREGIE_SECURE_COOKIES": "false",
}


def arguments(doc: str) -> argparse.Namespace:
    """The load benchmarks' command line: ``--clients``, ``--seconds``, ``--workers``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=3)
    return parser.parse_args()


def env(data_dir: Path, **extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    out.update({"WIJKREGIE_DATA_DIR": str(data_dir), **extra})
    return out


def run(data_dir: Path, code: str, **extra: str) -> str:
    """``code`` in ``wijkregie shell`` against the data directory; its standard output."""
    result = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-m", "wijkregie", "shell", "-c", code],
        env=env(data_dir, **extra),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def demo_data_dir() -> Path:
    """A fresh data directory with the demo loaded (as ``wijkregie demo`` loads it)."""
    data_dir = Path(tempfile.mkdtemp(prefix="wijkregie-bench-"))
    print(f"data directory {data_dir}; loading the demo …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "wijkregie", "migrate", "--no-input", "-v0"],
        env=env(data_dir),
        check=True,
    )
    run(data_dir, "from wijkregie.system.demo import load_demo; load_demo()")
    return data_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def production_server(data_dir: Path, workers: int) -> Iterator[int]:
    """The production server on a free port (collected static files, production settings);
    yields the port once ``/health/`` answers."""
    production = env(data_dir, **PRODUCTION)
    subprocess.run(
        [sys.executable, "-m", "wijkregie", "collectstatic", "--no-input", "-v0"],
        env=production,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - the production server of this checkout
        [sys.executable, "-m", "wijkregie", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers)],
        env=production,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/health/")
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def load(
    port: int, path: str, clients: int, seconds: float, headers: dict[str, str] | None = None
) -> tuple[float, float, int, int]:
    """(requests per second, p95 in ms, requests, errors) of ``clients`` keep-alive clients;
    an answer other than 200 counts as an error."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    sent = {"Host": "127.0.0.1", **(headers or {})}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=sent)
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


def measure(
    port: int, paths: list[str], clients: int, seconds: float, headers: dict | None = None
) -> None:
    """Warm every path, then load each back to back; the first path is the reference."""
    for path in paths:
        load(port, path, 1, 0.5, headers)
    reference = None
    for path in paths:
        rate, p95, count, errors = load(port, path, clients, seconds, headers)
        reference = reference or rate
        print(
            f"{path:40} {rate:8.1f} req/s  p95 {p95:7.1f} ms  {count:6} requests  "
            f"{errors} errors  {100 * rate / reference:5.1f} % of {paths[0]}",
            flush=True,
        )
