"""Importing a registration export: all-or-nothing, idempotent, pseudonymised at the boundary.

Check the whole file, write it unseen, work out the figures, then one short swap:

1. **check** the file (``columnar``: DuckDB, the rules as column expressions; or row by row for
   the report when it does not accept the file). Any error rejects the file: nothing but the
   masked report is stored;
2. **write** the checked, pseudonymised rows into the trajectories table under the running
   import, in batches, each its own short transaction with the progress written beside it —
   so the page shows how far the import is and other users are not blocked. Readers do not
   see them: ``Trajectory.objects`` holds the rows of imported runs only. An accepted file is
   written beside step 3: by a child process on SQLite (``bulk``), by a thread on PostgreSQL
   (``Copier``);
3. **figures**, worked out without a lock (``computed.plan``);
4. **swap**, in one transaction: mark earlier imports that lie wholly within the half-years
   this file covers replaced (which hides their rows), delete the covered rows (and any with
   the same ids) of an earlier import that reaches outside them, mark the run imported (its
   rows become visible), write the computed figures and their rollups;
5. **clean-up**: the hidden rows of the replaced imports are deleted in batches after the swap.

Every row is written once; a rejected or failed import's rows are removed in batches too.

Importing the same file twice therefore gives the same state, and a corrected re-delivery for the
same half-years replaces the earlier one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period, period_range
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import bulk, columnar, computed, reader
from wijkregie.registrations.models import (
    ImportRun,
    MappingProfile,
    Step,
    Trajectory,
)
from wijkregie.registrations.pseudonyms import Pseudonymiser, mask, mask_bsns
from wijkregie.registrations.validation import MAX_ERRORS_KEPT, Checker, RowError
from wijkregie.registrations.workflow import WORKFLOW

BATCH = 5_000
SQLITE_BATCH = 20_000
COPY_BATCH = 50_000  # PostgreSQL: rows per COPY of a whole-file-checked export
Progress = Callable[[int], None]


@dataclass
class Outcome:
    """What an import (or a dry run) found; ``as_dict`` is the CLI's ``--json`` object."""

    status: str  # imported / rejected / dry-run
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    run: ImportRun | None = None
    first: dt.date | None = None  # the earliest and latest start date of an accepted file
    last: dt.date | None = None
    #: The rows as checked by ``columnar`` (open until the import is done), else None.
    accepted: columnar.Accepted | None = None
    #: Seconds per step (check and stage, swap, figures), for the benchmark.
    seconds: dict[str, float] = field(default_factory=dict)
    #: Peak resident memory of the SQLite stage's child process (``bulk``), in MB.
    child_rss_mb: float = 0.0
    #: How the rows were staged: ``bulk`` (SQLite, child process), ``copy-thread``
    #: (PostgreSQL, beside the figures), ``copy`` or ``cursor`` (in the import's own thread).
    staged_by: str = ""

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "rows": self.rows,
            "errors": [e.as_dict() for e in self.errors],
            "error_count": self.error_count,
            "warnings": self.warnings,
            "periods": self.periods,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "run": self.run.pk if self.run else None,
        }


def _sha256(source: str | Path | IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    handle = open(source, "rb") if isinstance(source, str | Path) else source  # noqa: SIM115
    try:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    finally:
        if isinstance(source, str | Path):
            handle.close()
        else:
            handle.seek(0)
    return digest.hexdigest(), size


def _rows(source, file_name: str, profile: MappingProfile | None):
    if not isinstance(source, str | Path):
        source.seek(0)
    return reader.read(source, file_name=file_name, columns=profile.columns if profile else None)


def check_file(
    source: str | Path | IO[bytes],
    *,
    file_name: str,
    organisation: Organisation,
    profile: MappingProfile | None = None,
    progress: Progress | None = None,
    stage: Stage | None = None,
    whole_file: bool = True,
) -> tuple[Outcome, dt.date | None, dt.date | None]:
    """Check the file and, with ``stage``, stage its rows. A CSV file is first checked as a
    whole (``columnar``, unless ``whole_file`` is false); when that does not accept it, or for
    an XLSX file, every row is checked, and the rows that pass are staged until the first error
    (then the rest is only checked for the report). Returns the outcome (``rejected`` or
    ``dry-run``) and the earliest and latest start date."""
    outcome = Outcome(status="dry-run")
    first = last = None
    try:
        layout, rows = _rows(source, file_name, profile)
        outcome.encoding, outcome.delimiter = layout.encoding, layout.delimiter
        outcome.warnings = list(layout.warnings)
        checker = Checker(organisation, profile.values if profile else None)
        if whole_file and layout.kind == "csv":
            rows.close()
            if _check_columnar(source, layout, checker, outcome, stage):
                return outcome, outcome.first, outcome.last
            layout, rows = _rows(source, file_name, profile)  # row by row, for the report
        seen: dict[str, int] = {}
        for number, cells in rows:
            outcome.rows += 1
            row, errors = checker.check(number, cells, layout.positions, layout.width)
            if row is not None:
                earlier = seen.get(row.trajectory_id)
                if earlier is not None:
                    errors = [
                        RowError(
                            number,
                            "traject_id",
                            row.trajectory_id[:40],
                            f"Dit traject_id staat ook op regel {earlier}.",
                        )
                    ]
                else:
                    seen[row.trajectory_id] = number
                    first = row.start if first is None or row.start < first else first
                    last = row.start if last is None or row.start > last else last
                    if stage is not None and not outcome.error_count:
                        stage.add(row)
            if errors:
                outcome.error_count += len(errors)
                room = MAX_ERRORS_KEPT - len(outcome.errors)
                outcome.errors.extend(errors[: max(room, 0)])
            if progress and stage is None and outcome.rows % BATCH == 0:  # else: the stage
                progress(outcome.rows)
    except reader.FileRejected as exc:
        outcome.errors.append(RowError(exc.row, exc.column, "", exc.reason))
        outcome.error_count += 1
    if outcome.rows == 0 and not outcome.errors:
        outcome.errors.append(RowError(None, "", "", "Het bestand bevat alleen kolomnamen."))
        outcome.error_count = 1
    if outcome.errors:
        outcome.status = "rejected"
    elif stage is not None:
        stage.flush()
    if first is not None and not outcome.errors:
        outcome.first, outcome.last = first, last
        outcome.periods = [
            str(p) for p in period_range(Period.containing(first), Period.containing(last))
        ]
    return outcome, first, last


def _check_columnar(
    source, layout: reader.Layout, checker: Checker, outcome: Outcome, stage: Stage | None
) -> bool:
    """Check the whole file at once (``columnar``) and, with ``stage``, stage its rows; the
    checked rows stay in ``outcome.accepted`` for the figures (the caller closes it). False
    when the file is not accepted that way: then it is checked row by row."""
    from wijkregie.registrations import uploads

    accepted = columnar.check(
        source,
        layout,
        checker,
        uploads.directory(),
        pseudonymiser=stage.pseudonymiser if stage is not None else None,
    )
    if accepted is None:
        return False
    outcome.accepted = accepted
    outcome.rows = accepted.rows
    outcome.first, outcome.last = accepted.first, accepted.last
    if stage is not None:
        prefix = (stage.run.pk, stage.organisation.pk)
        version = stage.pseudonymiser.version
        try:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                # DuckDB's CSV straight into COPY, in a thread with a connection of its own,
                # while the figures are worked out here (``_store`` waits for it).
                stage.ingest = Copier(stage, accepted.csv_chunks(COPY_BATCH, prefix, version))
                outcome.staged_by = "copy-thread"
            elif connection.vendor == "postgresql":  # inside a transaction: here and now
                for path, count in accepted.csv_chunks(COPY_BATCH, prefix, version):
                    stage.copy_csv(path, count)
                outcome.staged_by = "copy"
            elif (database_file := bulk.sqlite_file()) is not None:
                outcome.staged_by = "bulk"
                # Arrow batches into SQLite by a child process, while the figures are worked
                # out here (``_store`` waits for it before the swap).
                stage.ingest = bulk.start(
                    database_file,
                    Trajectory._meta.db_table,
                    accepted.arrow_batches(bulk.ARROW_BATCH, prefix, version, _columns(Trajectory)),
                    Path(accepted.workdir.name),
                    stage.progress,
                )
            else:
                for batch in accepted.batches(stage.size, prefix, version):
                    stage.add_rows(batch)
                stage.flush()
                outcome.staged_by = "cursor"
            if stage.ingest is None:
                stage.check_count(accepted.rows)
        except BaseException:
            accepted.close()
            outcome.accepted = None
            raise
    outcome.periods = [
        str(p)
        for p in period_range(Period.containing(accepted.first), Period.containing(accepted.last))
    ]
    return True


class Copier:
    """PostgreSQL: stage the CSV chunks of an accepted file with ``COPY`` in a thread of its
    own (Django gives it a connection of its own, closed when it is done), beside the figures.
    The same interface as ``bulk.Ingest``: :meth:`wait` returns the rows staged."""

    def __init__(self, stage: Stage, chunks: Iterator[tuple[Path, int]]):
        self.stage = stage
        self.chunks = chunks
        self.error: BaseException | None = None
        self.cancelled = threading.Event()
        self.peak_mb = 0.0  # no process of its own (``bulk.Ingest`` reports its child's)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from django.db import connections

        try:
            for path, count in self.chunks:
                if self.cancelled.is_set():
                    break
                self.stage.copy_csv(path, count)
        except BaseException as exc:  # handed to the importer's thread by wait()
            self.error = exc
        finally:
            self.chunks.close()
            connections.close_all()  # this thread's own

    def wait(self) -> int:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.stage.stored

    def stop(self) -> None:
        self.cancelled.set()
        self.thread.join()


class Stage:
    """Stages checked rows of one run: pseudonymised once per distinct identifier, inserted in
    batches of ``BATCH`` rows (``SQLITE_BATCH`` on SQLite), each batch (and the progress) its
    own short transaction."""

    #: Remembered pseudonyms at most (an export repeats its clients; the memory stays bounded).
    REMEMBERED = 200_000

    def __init__(self, run: ImportRun, organisation: Organisation, progress: Progress | None):
        self.run = run
        self.organisation = organisation
        self.progress = progress
        self.pseudonymiser = Pseudonymiser.from_settings()
        self.pseudonyms: dict[str, str] = {}
        self.insert = _insert_statement(Trajectory)
        quote = connection.ops.quote_name
        self.copy = (  # PostgreSQL: COPY, many times faster than INSERTs
            f"COPY {quote(Trajectory._meta.db_table)} "
            f"({', '.join(quote(c) for c in _columns(Trajectory))}) FROM STDIN"
        )
        self.batch: list[tuple] = []
        self.stored = 0
        #: What stages an accepted file beside the figures, while it runs: a child process on
        #: SQLite (``bulk.Ingest``), a thread on PostgreSQL (``Copier``).
        self.ingest: bulk.Ingest | Copier | None = None
        self.child_rss_mb = 0.0
        # Each batch is a commit: on SQLite (one writer, a commit costs ~15 ms) larger batches;
        # 20,000 rows hold the write lock for about 0.2 s.
        self.size = SQLITE_BATCH if connection.vendor == "sqlite" else BATCH
        self._date = connection.ops.adapt_datefield_value
        self._amount = connection.ops.adapt_decimalfield_value

    def pseudonym(self, client: str) -> str:
        known = self.pseudonyms.get(client)
        if known is None:
            if len(self.pseudonyms) >= self.REMEMBERED:
                self.pseudonyms.clear()
            known = self.pseudonyms[client] = self.pseudonymiser.pseudonym(client)
        return known

    def add(self, row) -> None:
        self.batch.append(
            (
                self.run.pk,
                self.organisation.pk,
                row.trajectory_id,
                self.pseudonym(row.client),
                self.pseudonymiser.version,
                row.area_id,
                row.theme_id,
                row.kind,
                row.profile,
                self._date(row.start),
                self._date(row.end),
                row.outflow,
                row.provider,
                self._amount(row.cost_per_year, 12, 2),
            )
        )
        if len(self.batch) >= self.size:
            self.flush()

    def add_rows(self, rows: list[tuple]) -> None:
        """Stage rows that are already in the trajectories' column order (``INSERT_FIELDS``)."""
        self.batch.extend(rows)
        if len(self.batch) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            with transaction.atomic(), connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(self.copy) as copy:
                        for row in self.batch:
                            copy.write_row(row)
                else:
                    cursor.executemany(self.insert, self.batch)
            self.stored += len(self.batch)
            self.batch.clear()
        if self.progress:
            self.progress(self.stored)

    def copy_csv(self, path: Path, count: int) -> None:
        """PostgreSQL: write the ``count`` rows of a CSV file (``INSERT_FIELDS`` order) with
        one ``COPY``, in its own transaction, and report the progress."""
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(self.copy + " (FORMAT csv)") as copy,
            open(path, "rb") as handle,
        ):
            while block := handle.read(1024 * 1024):
                copy.write(block)
        self.stored += count
        if self.progress:
            self.progress(self.stored)

    def check_count(self, rows: int) -> None:
        """Never a row lost on the way: the stage holds exactly the accepted rows."""
        if self.stored != rows:
            raise RuntimeError(f"staged {self.stored} of {rows} rows")

    def finish(self, rows: int) -> None:
        """Wait for what stages the rows beside the figures (a child process or a thread), if
        anything, and check the count."""
        if self.ingest is not None:
            ingest, self.ingest = self.ingest, None
            self.stored = ingest.wait()
            self.child_rss_mb = ingest.peak_mb
            self.check_count(rows)

    def discard(self) -> None:
        """Stop the staging and remove the run's rows (a rejected or failed import), in
        batches: each its own short transaction, so that other users are not kept waiting."""
        if self.ingest is not None:
            self.ingest.stop()
            self.ingest = None
        self.batch.clear()
        remove_rows_of(self.run)


def remove_rows_of(run: ImportRun) -> int:
    """Delete the trajectories written under ``run`` (an import that did not finish, or one
    replaced as a whole): by ranges of ids, each range its own short transaction (one import
    writes its rows with rising ids)."""
    rows = Trajectory.all_rows.filter(run=run)
    bounds = rows.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return 0
    size = SQLITE_BATCH if connection.vendor == "sqlite" else BATCH
    removed = 0
    for low in range(bounds["low"], bounds["high"] + 1, size):
        with transaction.atomic():
            count, _detail = rows.filter(pk__range=(low, low + size - 1)).delete()
        removed += count
    return removed


def _swap(
    *,
    organisation: Organisation,
    run: ImportRun,
    first_day: dt.date,
    last_day: dt.date,
    user=None,
) -> list[ImportRun]:
    """Replace the organisation's visible trajectories that start within [``first_day``,
    ``last_day``], and those with the same ids as the rows of ``run`` (inside the caller's
    transaction, which then marks ``run`` imported: its rows, written while it ran, become
    visible).

    An earlier import whose half-years all lie within the range is replaced as a whole: it is
    marked replaced, which hides its rows at once; they are returned for removal after the
    transaction, so that the lock is not held while a million rows are deleted. Of an import
    that reaches outside the range, the affected rows are deleted here."""
    earlier = ImportRun.objects.filter(
        organisation=organisation, status=ImportRun.Status.IMPORTED
    ).exclude(pk=run.pk)
    whole, partly = [], []
    for other in earlier:
        inside = other.first_day is not None and other.last_day is not None
        inside = inside and first_day <= other.first_day and other.last_day <= last_day
        (whole if inside else partly).append(other)
    emptied = []
    if partly:
        stored = Trajectory.all_rows.filter(organisation=organisation, run__in=partly)
        stored.filter(start__range=(first_day, last_day)).delete()
        # What is left starts outside the range: only those rows are looked up among the new ids.
        stored.filter(Q(start__lt=first_day) | Q(start__gt=last_day)).filter(
            trajectory_id__in=Trajectory.all_rows.filter(run=run).values("trajectory_id")
        ).delete()
        emptied = [other for other in partly if not other.trajectories.exists()]
    for other in whole + emptied:
        WORKFLOW.move(
            other,
            ImportRun.Status.REPLACED,
            actor=user,
            note=_("Replaced by %(file)s.") % {"file": run.file_name},
        )
    return whole


INSERT_FIELDS = (
    "run",
    "organisation",
    "trajectory_id",
    "client",
    "key_version",
    "area",
    "theme",
    "kind",
    "profile",
    "start",
    "end",
    "outflow",
    "provider",
    "cost_per_year",
)


def _columns(model) -> list[str]:
    return [model._meta.get_field(name).column for name in INSERT_FIELDS]


def _insert_statement(model) -> str:
    """One parameterised INSERT for ``executemany``: a plain statement per batch is many times
    faster than building model instances for ``bulk_create``."""
    quote = connection.ops.quote_name
    columns = _columns(model)
    placeholders = ", ".join(["%s"] * len(columns))
    return (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
        f"({', '.join(quote(c) for c in columns)}) VALUES ({placeholders})"
    )


@contextlib.contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a page cache of 256 MB on this connection for the import, given back after
    it (connections are kept open between requests). The clean-up after a re-delivery deletes
    from the trajectories' indexes at scattered places (when the swap still inserted a million
    rows, it took 17 s with 256 MB instead of 27 s without). DuckDB's memory is given back
    before the swap, so the peak stays under 1 GB."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


@_large_page_cache()
def import_file(
    source: str | Path | IO[bytes],
    *,
    file_name: str,
    organisation: Organisation,
    profile: MappingProfile | None = None,
    user=None,
    origin: str = "cli",
    dry_run: bool = False,
    run: ImportRun | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Check and (unless ``dry_run`` or rejected) store one export. A rejected file leaves
    only its run with the masked report; a dry run stores nothing at all. ``progress`` is
    called with the rows checked so far (committed beside them, outside the swap)."""
    sha256, size = _sha256(source)
    stage = None
    if not dry_run:
        if run is None:
            run = WORKFLOW.start(
                ImportRun(
                    organisation=organisation,
                    profile=profile,
                    file_name=file_name[:255],
                    source=origin,
                    started_by=user,
                ),
                ImportRun.Status.RUNNING,
                actor=user,
            )
        else:  # a web upload: show that it is being checked
            run = WORKFLOW.move(run, ImportRun.Status.RUNNING, actor=user)
        _step(run, Step.CHECKING)
        stage = Stage(run, organisation, progress)
    try:
        clock = time.perf_counter()
        outcome, _first, _last = check_file(
            source,
            file_name=file_name,
            organisation=organisation,
            profile=profile,
            progress=progress,
            stage=stage,
        )
    except BaseException:
        if stage is not None:
            stage.discard()
        raise
    try:
        return _store(outcome, stage, sha256=sha256, size=size, user=user, clock=clock)
    finally:
        if outcome.accepted is not None:
            outcome.accepted.close()


def _staged_in_duckdb(run: ImportRun, rows: int) -> columnar.Accepted:
    """The rows staged for ``run`` as DuckDB's ``checked`` table, for the figures."""
    from wijkregie.registrations import uploads

    accepted = columnar.Accepted.scratch(uploads.directory(), rows)
    computed.staged_rows(run.pk, accepted.database)
    return accepted


def _store(outcome: Outcome, stage: Stage | None, *, sha256, size, user, clock) -> Outcome:
    """After the check: store the report of a rejected file, or work out the figures (no lock
    held) and swap the staged rows in with them (one transaction)."""
    if stage is None:  # a dry run
        return outcome
    run, organisation = stage.run, stage.organisation
    first, last = outcome.first, outcome.last
    described = {
        "sha256": sha256,
        "size": size,
        "rows": outcome.rows,
        "encoding": outcome.encoding,
        "delimiter": outcome.delimiter,
        "warnings": outcome.warnings,
    }
    outcome.run = run
    if outcome.status == "rejected":
        stage.discard()
        outcome.run = WORKFLOW.move(
            run,
            ImportRun.Status.REJECTED,
            actor=user,
            note=_("%(count)d error(s) in the file.") % {"count": outcome.error_count},
            fields={
                **described,
                "step": "",
                "errors": [e.as_dict() for e in outcome.errors],
                "error_count": outcome.error_count,
                "finished_at": timezone.now(),
            },
        )
        return outcome

    _step(run, Step.STORING)
    outcome.seconds["check"] = time.perf_counter() - clock
    first_day, last_day = Period.containing(first).start, Period.containing(last).end
    try:
        clock = time.perf_counter()
        if outcome.accepted is None:  # checked row by row: the staged rows are the new ones
            outcome.accepted = _staged_in_duckdb(run, outcome.rows)
        database = outcome.accepted.database
        plan = computed.plan(organisation, database, first_day, last_day)
        stage.finish(outcome.rows)  # the staging child ran beside the figures
        outcome.child_rss_mb = stage.child_rss_mb
        outcome.accepted.close()  # its memory is the swap's page cache's now
        outcome.accepted = None
        outcome.seconds["figures"] = time.perf_counter() - clock
        clock = time.perf_counter()
        with transaction.atomic():
            # One import per organisation at a time (PostgreSQL; SQLite has one writer anyway).
            list(Organisation.objects.select_for_update().filter(pk=organisation.pk))
            for name, value in described.items():
                setattr(run, name, value)
            run.save(update_fields=list(described))
            if computed.marker(organisation) != plan.marker:  # another import came between
                outcome.accepted = _staged_in_duckdb(run, outcome.rows)
                plan = computed.plan(organisation, outcome.accepted.database, first_day, last_day)
            replaced = _swap(
                organisation=organisation,
                run=run,
                first_day=first_day,
                last_day=last_day,
                user=user,
            )
            computed.write(organisation, plan)
            outcome.periods = [str(p) for p in plan.periods]
            outcome.run = run = WORKFLOW.move(
                run,
                ImportRun.Status.IMPORTED,
                actor=user,
                fields={
                    "first_day": first_day,
                    "last_day": last_day,
                    "periods": outcome.periods,
                    "processed": outcome.rows,
                    "step": "",
                    "finished_at": timezone.now(),
                },
            )
            audit_event_create(
                action=AuditEvent.Action.OBJECT_CHANGED,
                actor=user,
                obj=run,
                detail={"change": "registrations imported", "rows": outcome.rows},
            )
        outcome.seconds["swap"] = time.perf_counter() - clock
    except BaseException:
        stage.discard()  # the run's rows never became visible
        raise
    outcome.status = "imported"
    # The rows of the imports replaced as a whole are hidden since the swap; removed now in
    # batches (others write in between). Cut off here, the task worker's start finishes it.
    clock = time.perf_counter()
    for other in replaced:
        remove_rows_of(other)
    outcome.seconds["cleanup"] = time.perf_counter() - clock
    return outcome


def _step(run: ImportRun, step: str) -> None:
    """What the run is doing now, committed at once (outside the swap) for the upload's page."""
    ImportRun.objects.filter(pk=run.pk).update(step=step)
    run.step = step


@dataclass
class Preview:
    """The first rows as they will be read, for the upload's confirmation page."""

    layout: reader.Layout | None
    columns: list[str]
    rows: list[list[str]]
    problem: str = ""


def preview(
    source: str | Path | IO[bytes],
    *,
    file_name: str,
    profile: MappingProfile | None = None,
    limit: int = 8,
) -> Preview:
    """The detected layout and the first ``limit`` rows per canonical column, the client column
    masked. Reads only the start of the file."""
    columns = [name for name, _required in reader.COLUMNS]
    try:
        layout, rows = _rows(source, file_name, profile)
        shown = []
        for _number, cells in rows:
            row = []
            for name in columns:
                index = layout.positions.get(name)
                value = cells[index] if index is not None and index < len(cells) else ""
                row.append(mask(value) if name == "client" else mask_bsns(value)[:60])
            shown.append(row)
            if len(shown) >= limit:
                break
        rows.close()
        return Preview(layout, columns, shown)
    except reader.FileRejected as exc:
        return Preview(None, columns, [], exc.reason)


def recover_interrupted() -> int:
    """At the start of the task worker: a run that was still running was interrupted (a crash,
    a restart); it is marked failed and its upload deleted. Uploads without a waiting run are
    deleted too. Returns the number of runs marked failed."""
    from wijkregie.registrations import uploads

    interrupted = list(ImportRun.objects.filter(status=ImportRun.Status.RUNNING))
    for run in interrupted:
        remove_rows_of(run)
    # Rows of a failed, rejected or replaced run whose clean-up was cut off.
    for run in ImportRun.objects.filter(
        status__in=[
            ImportRun.Status.FAILED,
            ImportRun.Status.REJECTED,
            ImportRun.Status.REPLACED,
        ],
        trajectories__isnull=False,
    ).distinct():
        remove_rows_of(run)
    for run in interrupted:
        uploads.path_of(run).unlink(missing_ok=True)
        WORKFLOW.move(
            run,
            ImportRun.Status.FAILED,
            note=_("Interrupted (a restart or a crash); the upload is deleted."),
            fields={"finished_at": timezone.now(), "step": ""},
        )
    waiting = {
        uploads.path_of(run).name
        for run in ImportRun.objects.filter(status=ImportRun.Status.PENDING)
    }
    for path in uploads.directory().glob("registraties-*.upload"):
        if path.name not in waiting:
            path.unlink(missing_ok=True)
    for run in interrupted:
        audit_event_create(
            action=AuditEvent.Action.OBJECT_CHANGED,
            obj=run,
            detail={"change": "registration import interrupted; marked failed, upload deleted"},
        )
    return len(interrupted)


def discard_pending(older_than: dt.timedelta) -> int:
    """Remove uploads that were never confirmed (and their waiting runs)."""
    from wijkregie.registrations import uploads

    cutoff = timezone.now() - older_than
    stale = ImportRun.objects.filter(
        status=ImportRun.Status.PENDING, task_id="", created_at__lt=cutoff
    )
    count = 0
    for run in stale:
        uploads.path_of(run).unlink(missing_ok=True)
        run.delete()
        count += 1
    return count


@transaction.atomic
def remove_old_records(*, keep: dt.timedelta) -> int:
    """Retention: delete trajectories that ended (or, when open, started) longer ago than
    ``keep``. Computed figures (indicator values and rollups) stay."""
    cutoff = timezone.localdate() - keep
    old = Trajectory.objects.filter(end__lt=cutoff) | Trajectory.objects.filter(
        end__isnull=True, start__lt=cutoff
    )
    count, _detail = old.delete()
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        detail={"change": "registration records removed (retention)", "count": count},
    )
    return count


def parse_translations(text: str) -> dict[str, dict[str, str]]:
    """Lines ``column: source value = canonical value`` → ``{column: {source: canonical}}``.
    Raises ValidationError naming the line."""
    known = {name for name, _required in reader.COLUMNS}
    result: dict[str, dict[str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        column, sep, rest = line.partition(":")
        source, eq, target = rest.partition("=")
        if not sep or not eq or not source.strip() or not target.strip():
            raise ValidationError(
                f"Regel {number}: schrijf 'kolom: waarde in uw bestand = waarde in het formaat'."
            )
        column = column.strip().lower()
        if column not in known:
            raise ValidationError(f"Regel {number}: '{column}' is geen kolom van het formaat.")
        result.setdefault(column, {})[source.strip()] = target.strip()
    return result


@transaction.atomic
def profile_save(
    *,
    organisation: Organisation,
    name: str,
    columns: dict[str, str],
    values: dict[str, dict[str, str]],
    user=None,
) -> MappingProfile:
    """Create or replace the organisation's profile of this name. Every required column of the
    format must be mapped to a header of the sample file."""
    missing = [column for column in reader.REQUIRED if not columns.get(column)]
    if missing:
        raise ValidationError(
            {column: "Kies de kolom uit uw bestand die hierbij hoort." for column in missing}
        )
    profile, _created = MappingProfile.objects.update_or_create(
        organisation=organisation,
        name=name.strip(),
        defaults={"columns": {k: v for k, v in columns.items() if v}, "values": values},
    )
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=profile,
        detail={"change": "column mapping profile saved"},
    )
    return profile
