"""``wijkregie import registraties FILE --organisatie CODE [--profiel NAME] [--dry-run] [--json]``
and ``wijkregie import enquete --vragenlijst FORM.xlsx --antwoorden ANSWERS.csv [--naam NAME]
[--golf WAVE] [--json]`` (the survey, ``docs/data-formats.md``; ``--golf`` for a wide
KoboToolbox/LimeSurvey export without a column ``golf``).

For the data teams' scheduled jobs. Exit status: 0 imported (or a dry run without errors),
1 rejected (the report says why; nothing was stored), 2 usage error (unknown organisation or
profile, unreadable file). ``--json`` prints one JSON object: ``status``, ``rows``, ``errors``
(each ``row``, ``column``, ``value`` — masked —, ``message``), ``warnings``, ``periods``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from wijkregie.organisations.models import Organisation
from wijkregie.registrations import services
from wijkregie.registrations.models import MappingProfile
from wijkregie.surveys import services as survey_services


class Command(BaseCommand):
    help = (
        "Import data files. 'registraties': a registration export of a team organisation; "
        "'enquete': a survey's questionnaire (XLSForm) with the responses of one or more waves."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        registrations = sub.add_parser("registraties", help="Import a registration export.")
        registrations.add_argument("file", help="CSV or XLSX file")
        registrations.add_argument("--organisatie", required=True, help="organisation code")
        registrations.add_argument("--profiel", help="name of a column mapping profile")
        registrations.add_argument(
            "--dry-run", action="store_true", help="check only; store nothing"
        )
        registrations.add_argument("--json", action="store_true", help="print one JSON object")
        survey = sub.add_parser("enquete", help="Import a survey wave (all or nothing).")
        survey.add_argument("--vragenlijst", required=True, help="questionnaire (XLSForm .xlsx)")
        survey.add_argument("--antwoorden", required=True, help="responses (long CSV)")
        survey.add_argument("--naam", help="the survey's name (default: the form title)")
        survey.add_argument(
            "--golf", help="the wave of a wide KoboToolbox/LimeSurvey export without a column golf"
        )
        survey.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, kind: str, **options):
        if kind == "enquete":
            return self._survey(options)
        path = Path(options["file"])
        if not path.is_file() or not os.access(path, os.R_OK):
            raise CommandError(f"Kan {path} niet lezen.", returncode=2)
        organisation = Organisation.objects.filter(
            code__iexact=options["organisatie"], kind=Organisation.Kind.TEAM_ORGANISATION
        ).first()
        if organisation is None:
            raise CommandError(
                f"Onbekende wijkteamorganisatie: {options['organisatie']}.", returncode=2
            )
        profile = None
        if options.get("profiel"):
            profile = MappingProfile.objects.filter(
                organisation=organisation, name=options["profiel"]
            ).first()
            if profile is None:
                raise CommandError(
                    f"{organisation.name} heeft geen profiel '{options['profiel']}'.",
                    returncode=2,
                )
        with self._progress_bar(path, quiet=options["json"]) as progress:
            outcome = services.import_file(
                path,
                file_name=path.name,
                organisation=organisation,
                profile=profile,
                origin="cli",
                dry_run=options["dry_run"],
                progress=progress,
            )
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._human(outcome, path)
        if outcome.status == "rejected":
            raise SystemExit(1)

    @contextlib.contextmanager
    def _progress_bar(self, path: Path, *, quiet: bool):
        """On a terminal (and without ``--json``): a progress bar of the rows read, on standard
        error, estimated from the bytes per row of the file's start. Elsewhere: nothing."""
        if quiet or not sys.stderr.isatty():
            yield None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(256 * 1024)
        estimate = max(1, round(size / max(1, len(start)) * max(1, start.count(b"\n") - 1)))
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task(f"{path.name}: regels gecontroleerd", total=estimate)
            yield lambda rows: bar.update(task, completed=rows, total=max(estimate, rows))

    def _human(self, outcome: services.Outcome, path: Path) -> None:
        for warning in outcome.warnings:
            self.stdout.write(f"Waarschuwing: {warning}")
        if outcome.status == "rejected":
            self.stdout.write(
                f"{path.name} is afgewezen: {outcome.error_count} fout(en) in {outcome.rows} "
                "regel(s). Er is niets opgeslagen."
            )
            for error in outcome.errors:
                where = f"regel {error.row}" if error.row else "bestand"
                column = f", kolom {error.column}" if error.column else ""
                value = f" ({error.value})" if error.value else ""
                self.stdout.write(f"  {where}{column}{value}: {error.message}")
            return
        verb = "gecontroleerd (niets opgeslagen)" if outcome.status == "dry-run" else "ingelezen"
        self.stdout.write(
            f"{path.name}: {outcome.rows} regel(s) {verb}; halfjaren: "
            f"{', '.join(outcome.periods) or '—'}."
        )

    def _survey(self, options) -> None:
        paths = [Path(options["vragenlijst"]), Path(options["antwoorden"])]
        for path in paths:
            if not path.is_file() or not os.access(path, os.R_OK):
                raise CommandError(f"Kan {path} niet lezen.", returncode=2)
        form, answers = paths
        outcome = survey_services.survey_import(
            form=form.read_bytes(),
            form_name=form.name,
            answers=answers.read_bytes(),
            answers_name=answers.name,
            name=options.get("naam"),
            wave=options.get("golf"),
        )
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        elif outcome.status == "rejected":
            self.stdout.write(f"Afgewezen: {len(outcome.errors)} fout(en). Er is niets opgeslagen.")
            for error in outcome.errors:
                row = f"regel {error.row}, " if error.row else ""
                column = f"kolom {error.column}: " if error.column else ""
                self.stdout.write(f"- {error.file}, {row}{column}{error.message}")
        else:
            self.stdout.write(
                f"Enquête {outcome.survey} geïmporteerd: golf {', '.join(outcome.waves)}, "
                f"{outcome.respondents} respondent(en)."
            )
        if outcome.status == "rejected":
            raise SystemExit(1)
