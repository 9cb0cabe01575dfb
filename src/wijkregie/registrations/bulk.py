"""Staging checked rows at the driver's speed: Arrow batches straight into SQLite (ADBC).

Django's database cursor turns every value of every row into a Python object and back; for the
million rows of a large export that alone took 10 s of the import on SQLite. The Apache Arrow
ADBC driver for SQLite (``adbc-driver-sqlite``) writes Arrow batches with one prepared statement
in C, several times faster.

That driver carries its own copy of SQLite. Two copies of SQLite in one process do not see each
other's file locks (POSIX locks belong to the process): when one closes the database it may
remove the write-ahead log the other still maps — the process dies of a bus error, or the
database is damaged. So the driver runs in a **child process** (``python -m
wijkregie.registrations.bulk``) that imports nothing of Django: the importer writes the checked
rows to an Arrow file in its private work directory, the child appends them to the table in
committed batches and prints the running total after each, which the importer reports as
progress. Between two processes SQLite's locking is sound.

The bulk path is used only where the child sees what Django's connection sees: SQLite in a file
(not the test suite's in-memory database) and no transaction open on Django's connection (its
write lock would keep the child waiting). Elsewhere the stage falls back to Django's cursor
(``executemany`` on SQLite, ``COPY`` on PostgreSQL). Each batch is its own transaction, so other
users wait at most for one batch.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

#: Rows per committed batch: about 0.2 s of SQLite's write lock on this machine kind, and a
#: progress step the upload's page shows.
BATCH = 50_000
#: Rows per Arrow record batch asked of DuckDB (it may return somewhat larger ones).
ARROW_BATCH = 25_000
#: The child's SQLite page cache (negative: KiB). The rows go into the trajectories' indexes at
#: scattered places; with SQLite's default 2 MB each batch rereads index pages from disk.
CACHE_SIZE = -131072


class BulkError(RuntimeError):
    """The child process could not stage the rows (its message is in the exception)."""


def sqlite_file() -> Path | None:
    """The SQLite database file another process can write into now, else ``None``."""
    from django.db import connection

    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return None
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    path = Path(name)
    return path if path.is_file() else None


class Ingest:
    """A child process appending an Arrow file to a table. It runs beside the importer (which
    meanwhile works out the figures); :meth:`wait` returns the number of rows written. A
    thread follows the child's running total and passes it to ``progress`` (in that thread:
    Django gives it a connection of its own, closed when the child is done)."""

    def __init__(
        self, command: list[str], progress: Callable[[int], None] | None, arrow_file: Path
    ):
        self.stored = 0
        self.peak_mb = 0.0  # the child's peak resident memory, for the benchmark
        self.arrow_file = arrow_file
        self.progress = progress
        self.child = subprocess.Popen(  # noqa: S603 - this module, with paths of our own
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.problem = ""
        self.follower = threading.Thread(target=self._follow, daemon=True)
        self.follower.start()

    def _follow(self) -> None:
        from django.db import connections

        assert self.child.stdout is not None and self.child.stderr is not None
        try:
            for line in self.child.stdout:
                if line.startswith("rss "):  # the child's own peak memory, last
                    self.peak_mb = int(line.split()[1]) / 1024
                    continue
                self.stored = int(line)
                if self.progress:
                    self.progress(self.stored)
            self.problem = self.child.stderr.read()
        finally:
            connections.close_all()  # this thread's own

    def wait(self) -> int:
        self.child.wait()
        self.follower.join()
        self._close()
        if self.child.returncode != 0:
            problem = self.problem.strip()
            raise BulkError(problem.splitlines()[-1] if problem else "bulk stage failed")
        return self.stored

    def stop(self) -> None:
        """Stop the child (the import failed elsewhere); its committed batches stay staged
        until the caller discards them."""
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        self.follower.join()
        self._close()

    def _close(self) -> None:
        for stream in (self.child.stdout, self.child.stderr):
            if stream is not None:
                stream.close()
        self.arrow_file.unlink(missing_ok=True)  # pseudonymised rows: gone as soon as staged


def start(
    database: Path,
    table: str,
    batches: Iterable,
    workdir: Path,
    progress: Callable[[int], None] | None = None,
) -> Ingest:
    """Write the Arrow record batches (fields named as ``table``'s columns) to a file in
    ``workdir`` and start the child that appends them to ``table`` in the SQLite file
    ``database``, one committed transaction per :data:`BATCH` rows."""
    import pyarrow as pa
    from django.db import connection

    arrow_file = workdir / "stage.arrow"
    with open(arrow_file, "wb") as sink:
        writer = None
        for batch in batches:
            if writer is None:
                writer = pa.ipc.new_stream(sink, batch.schema)
            writer.write_batch(batch)
        if writer is not None:
            writer.close()
    timeout = float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 20))
    command = [
        sys.executable,
        "-m",
        "wijkregie.registrations.bulk",
        str(arrow_file),
        str(database),
        table,
        str(int(timeout * 1000)),
        str(BATCH),
    ]
    return Ingest(command, progress, arrow_file)


def _child(arrow_file: str, database: str, table: str, busy_ms: str, per_commit: str) -> None:
    """The child: append the Arrow stream's batches as they are read (one in memory at a
    time), commit after every ``per_commit`` rows and print the running total."""
    import adbc_driver_sqlite.dbapi
    import pyarrow as pa

    if not Path(arrow_file).stat().st_size:  # no rows
        return
    stored = pending = 0
    with (
        pa.OSFile(arrow_file, "rb") as source,
        adbc_driver_sqlite.dbapi.connect(database) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        cursor.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
        connection.commit()
        for batch in pa.ipc.open_stream(source):
            cursor.adbc_ingest(table, batch, mode="append")
            pending += batch.num_rows
            if pending >= int(per_commit):
                connection.commit()
                stored, pending = stored + pending, 0
                print(stored, flush=True)
        if pending:
            connection.commit()
            print(stored + pending, flush=True)
    print(f"rss {_peak_kb()}", flush=True)


def _peak_kb() -> int:
    """This process's own peak resident memory (``VmHWM``, kB; 0 where /proc is missing).
    Not ``getrusage``: Linux keeps its maximum across the fork and exec that started us, so it
    would report the importer's memory."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    _child(*sys.argv[1:6])
