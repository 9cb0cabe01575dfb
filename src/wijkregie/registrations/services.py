"""Importing a registration export: all-or-nothing, idempotent, pseudonymised at the boundary.

Two passes over the file, both streaming:

1. **check** every row (and collect the trajectory ids, to find duplicates); any error rejects
   the file — nothing but the masked report is stored;
2. **store**, in one transaction: remove the organisation's earlier trajectories that started
   within the half-years this file covers (and any with the same ids), insert the new ones with
   the client pseudonymised, mark fully replaced earlier runs, recompute the computed figures
   and their rollups.

Importing the same file twice therefore gives the same state, and a corrected re-delivery for the
same half-years replaces the earlier one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period, period_range
from wijkregie.organisations.models import Organisation
from wijkregie.registrations import computed, reader
from wijkregie.registrations.models import ImportRun, MappingProfile, Trajectory
from wijkregie.registrations.pseudonyms import Pseudonymiser, mask, mask_bsns
from wijkregie.registrations.validation import MAX_ERRORS_KEPT, Checker, RowError
from wijkregie.registrations.workflow import WORKFLOW

BATCH = 5_000
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
) -> tuple[Outcome, dt.date | None, dt.date | None]:
    """Pass 1: check every row. Returns the outcome (``rejected`` or ``dry-run``) and the
    earliest and latest start date."""
    outcome = Outcome(status="dry-run")
    first = last = None
    try:
        layout, rows = _rows(source, file_name, profile)
        outcome.encoding, outcome.delimiter = layout.encoding, layout.delimiter
        outcome.warnings = list(layout.warnings)
        checker = Checker(organisation, profile.values if profile else None)
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
            if errors:
                outcome.error_count += len(errors)
                room = MAX_ERRORS_KEPT - len(outcome.errors)
                outcome.errors.extend(errors[: max(room, 0)])
            if progress and outcome.rows % BATCH == 0:
                progress(outcome.rows)
    except reader.FileRejected as exc:
        outcome.errors.append(RowError(exc.row, exc.column, "", exc.reason))
        outcome.error_count += 1
    if outcome.rows == 0 and not outcome.errors:
        outcome.errors.append(RowError(None, "", "", "Het bestand bevat alleen kolomnamen."))
        outcome.error_count = 1
    if outcome.errors:
        outcome.status = "rejected"
    elif first is not None:
        outcome.periods = [
            str(p) for p in period_range(Period.containing(first), Period.containing(last))
        ]
    return outcome, first, last


def _store(
    source,
    *,
    file_name: str,
    organisation: Organisation,
    profile: MappingProfile | None,
    run: ImportRun,
    first: dt.date,
    last: dt.date,
    progress: Progress | None,
) -> dt.date:
    """Pass 2 (inside the caller's transaction). Returns the earliest start date whose figures
    change: the file's first half-year, or earlier when a trajectory with the same id (moved by
    the new delivery) started before it."""
    pseudonymiser = Pseudonymiser.from_settings()
    first_day, last_day = Period.containing(first).start, Period.containing(last).end
    Trajectory.objects.filter(
        organisation=organisation, start__range=(first_day, last_day)
    ).delete()
    layout, rows = _rows(source, file_name, profile)
    checker = Checker(organisation, profile.values if profile else None)
    insert = _insert_statement()
    batch: list[tuple] = []
    ids: list[str] = []
    stored = 0

    earliest = first_day

    def flush() -> None:
        nonlocal stored, earliest
        same_ids = Trajectory.objects.filter(organisation=organisation, trajectory_id__in=ids)
        moved = same_ids.order_by("start").values_list("start", flat=True).first()
        if moved is not None and moved < earliest:
            earliest = moved
        same_ids.delete()
        with connection.cursor() as cursor:
            cursor.executemany(insert, batch)
        stored += len(batch)
        batch.clear()
        ids.clear()
        if progress:
            progress(stored)

    adapt_date = connection.ops.adapt_datefield_value
    adapt_amount = connection.ops.adapt_decimalfield_value
    for number, cells in rows:
        row, _errors = checker.check(number, cells, layout.positions, layout.width)
        if row is None:  # the file changed between the passes
            raise RuntimeError(f"Row {number} no longer passes its check.")
        ids.append(row.trajectory_id)
        batch.append(
            (
                run.pk,
                organisation.pk,
                row.trajectory_id,
                pseudonymiser.pseudonym(row.client),
                pseudonymiser.version,
                row.area_id,
                row.theme_id,
                row.kind,
                row.profile,
                adapt_date(row.start),
                adapt_date(row.end),
                row.outflow,
                row.provider,
                adapt_amount(row.cost_per_year, 12, 2),
            )
        )
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return earliest


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


def _insert_statement() -> str:
    """One parameterised INSERT for ``executemany``: a plain statement per batch is many times
    faster than building model instances for ``bulk_create``."""
    quote = connection.ops.quote_name
    columns = [Trajectory._meta.get_field(name).column for name in INSERT_FIELDS]
    placeholders = ", ".join(["%s"] * len(columns))
    return (
        f"INSERT INTO {quote(Trajectory._meta.db_table)} "  # noqa: S608 - names from the model
        f"({', '.join(quote(c) for c in columns)}) VALUES ({placeholders})"
    )


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
    only its run with the masked report; a dry run stores nothing at all."""
    sha256, size = _sha256(source)
    if run is not None:  # a web upload: show that it is being checked
        run = WORKFLOW.move(run, ImportRun.Status.RUNNING, actor=user)
    outcome, first, last = check_file(
        source, file_name=file_name, organisation=organisation, profile=profile, progress=progress
    )
    if dry_run:
        return outcome
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
        outcome.run = WORKFLOW.move(
            run,
            ImportRun.Status.REJECTED,
            actor=user,
            note=_("%(count)d error(s) in the file.") % {"count": outcome.error_count},
            fields={
                **described,
                "errors": [e.as_dict() for e in outcome.errors],
                "error_count": outcome.error_count,
                "finished_at": timezone.now(),
            },
        )
        return outcome

    with transaction.atomic():
        for field, value in described.items():
            setattr(run, field, value)
        run.save(update_fields=list(described))
        changed_from = _store(
            source,
            file_name=file_name,
            organisation=organisation,
            profile=profile,
            run=run,
            first=first,
            last=last,
            progress=progress,
        )
        for earlier in (
            ImportRun.objects.filter(organisation=organisation, status=ImportRun.Status.IMPORTED)
            .exclude(pk=run.pk)
            .exclude(trajectories__isnull=False)
        ):
            WORKFLOW.move(
                earlier,
                ImportRun.Status.REPLACED,
                actor=user,
                note=_("Replaced by %(file)s.") % {"file": run.file_name},
            )
        periods = computed.affected_periods(organisation, changed_from)
        computed.recompute(organisation, periods)
        outcome.periods = [str(p) for p in periods]
        outcome.run = run = WORKFLOW.move(
            run,
            ImportRun.Status.IMPORTED,
            actor=user,
            fields={
                "first_day": Period.containing(first).start,
                "last_day": Period.containing(last).end,
                "periods": outcome.periods,
                "processed": outcome.rows,
                "finished_at": timezone.now(),
            },
        )
        audit_event_create(
            action=AuditEvent.Action.OBJECT_CHANGED,
            actor=user,
            obj=run,
            detail={"change": "registrations imported", "rows": outcome.rows},
        )
    outcome.status = "imported"
    return outcome


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
        uploads.path_of(run).unlink(missing_ok=True)
        WORKFLOW.move(
            run,
            ImportRun.Status.FAILED,
            note=_("Interrupted (a restart or a crash); the upload is deleted."),
            fields={"finished_at": timezone.now()},
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
