"""``wijkregie worker [db_worker options]``: the background-task worker.

First recovers from an earlier crash (``system.recovery``), then runs django-tasks' database
worker with the options given. Run exactly one worker per installation.
"""

from __future__ import annotations

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from wijkregie.system.recovery import recover


class Command(BaseCommand):
    help = "Recover from an earlier crash, then process background tasks."

    def add_arguments(self, parser):
        parser.add_argument("--recover-only", action="store_true", help="recover, then stop")

    def run_from_argv(self, argv):
        # Everything after 'worker' except --recover-only goes to db_worker unchanged.
        own = [a for a in argv[2:] if a == "--recover-only"]
        self._db_worker_args = [a for a in argv[2:] if a != "--recover-only"]
        return super().run_from_argv([*argv[:2], *own])

    def handle(self, *args, recover_only: bool, **options):
        counts = recover()
        self.stdout.write(
            "Herstel: {tasks} taken en {imports} imports als mislukt gemarkeerd, {texts} teksten "
            "opnieuw in de wachtrij.".format(**counts)
        )
        if recover_only:
            return
        sys.stdout.flush()
        call_command("db_worker", *getattr(self, "_db_worker_args", []))
