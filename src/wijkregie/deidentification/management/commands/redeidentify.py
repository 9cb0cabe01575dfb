"""``wijkregie redeidentify [--background]``

Re-runs de-identification over every stored shared text — after the rules (a new Wijkregie
version) or the allow-list (a new wijk, partner or theme) changed — so that old stories are
protected by today's rules too. ``--background`` leaves the work to the task worker.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wijkregie.deidentification import services, tasks


class Command(BaseCommand):
    help = "Re-run de-identification over every stored shared text."

    def add_arguments(self, parser):
        parser.add_argument(
            "--background", action="store_true", help="enqueue a task for the worker instead"
        )

    def handle(self, *args, background: bool, **options):
        if background:
            tasks.refresh_everything.enqueue()
            self.stdout.write("In de wachtrij gezet voor de taakverwerker.")
            return
        for label, count in services.refresh_everything().items():
            self.stdout.write(f"{label}: {count}")
