"""``wijkregie socialekaart herinneringen`` (daily, from a scheduler) and
``wijkregie socialekaart import BESTAND.json`` (an HSDS 3.0 directory, all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkregie.socialmap import importing, services


class Command(BaseCommand):
    help = "Social map: send freshness reminders, or import an HSDS 3.0 JSON file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "herinneringen",
            help="Remind owners of entries that are due or stale and of vacant roles; "
            "escalate long-stale entries to the chain directors.",
        )
        load = sub.add_parser("import", help="Load an HSDS 3.0 JSON file (all or nothing).")
        load.add_argument("file", type=Path)

    def handle(self, *args, action, **options):
        if action == "herinneringen":
            counts = services.send_reminders()
            self.stdout.write(
                f"{counts['reminded']} vermelding(en) en {counts['vacant']} vacante rol(len) "
                f"herinnerd, {counts['escalated']} geëscaleerd, {counts['emails']} e-mail(s)."
            )
            return
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: bestand niet gevonden.")
        try:
            report = importing.import_hsds(path.read_bytes(), file_name=path.name)
        except importing.Rejected as exc:
            for problem in exc.report.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path.name} is geweigerd: {len(exc.report.problems)} probleem/problemen; "
                "er is niets geladen."
            ) from exc
        self.stdout.write(
            f"{path.name} geladen: {report.organisations} organisatie(s), "
            f"{report.services_created} dienst(en) nieuw, {report.services_updated} bijgewerkt."
        )
