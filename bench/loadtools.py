"""Shared by the load benchmarks: a demo in a temporary data directory, the production server
(``wijkregie serve``: gunicorn) on a free loopback port, and concurrent clients that measure
requests per second, p95 and errors. Not a benchmark itself."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import math
import os
import socket
import subprocess
import sys
import tempfile
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
    """(requests per second, p95 in ms, requests, errors) of ``clients`` concurrent clients;
    an answer other than 200 counts as an error.

    The clients are coroutines in one thread speaking plain HTTP/1.1 (a new connection when
    the server closes one, as gunicorn's sync workers do after every answer). Threads with
    ``http.client`` took so much of the machine's two cores themselves that the server could
    not answer ``/health/`` more than about 140 times a second."""
    return asyncio.run(_load(port, path, clients, seconds, headers or {}))


async def _load(
    port: int, path: str, clients: int, seconds: float, headers: dict[str, str]
) -> tuple[float, float, int, int]:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        + "\r\n"
    ).encode("latin-1")
    latencies: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds

    async def client() -> None:
        reader = writer = None
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request)
                status, keep_open = await _response(reader)
                if status != 200:
                    errors[0] += 1
                if not keep_open:
                    writer.close()
                    writer = None
            except (OSError, ValueError, asyncio.IncompleteReadError):
                errors[0] += 1
                if writer is not None:
                    writer.close()
                writer = None
            latencies.append(time.perf_counter() - start)
        if writer is not None:
            writer.close()

    begin = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - begin
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0
    return len(latencies) / elapsed, p95 * 1000, len(latencies), errors[0]


async def _response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one answer; (status, whether the connection stays open)."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    fields = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip().lower()
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding") == "chunked":
        while size := int((await reader.readline()).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    else:  # the body ends with the connection
        await reader.read()
        return status, False
    return status, fields.get("connection") != "close"


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
