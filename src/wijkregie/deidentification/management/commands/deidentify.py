"""``wijkregie deidentify [--json] [--corpus]``

Reads text on standard input and prints the shareable version: the same function the app uses
(the rules, deduce and the allow-list of the registers). ``--json`` prints one JSON object with
``text``, ``spans`` (each ``start``, ``end``, ``kind``, ``tag``, ``text``, ``detector``) and
``version``. ``--corpus`` instead measures the test corpus and prints recall and retention.
Exit status: 0, or 1 when ``--corpus`` falls below the targets.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from wijkregie.deidentification import services
from wijkregie.deidentification.engine import Deidentifier

RECALL_TARGET, RETENTION_TARGET = 0.98, 0.97


class Command(BaseCommand):
    help = "De-identify text from standard input (the app's own function)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the spans found as JSON")
        parser.add_argument(
            "--corpus", action="store_true", help="measure recall and retention on the corpus"
        )

    def _engine(self) -> Deidentifier:
        try:
            return services.deidentifier()
        except DatabaseError:
            # No database yet: the places and words of the settings only.
            from django.conf import settings

            from wijkregie.deidentification.model import deduce_model

            self.stderr.write(
                "Geen database: alleen de plaatsen en woorden uit de instellingen worden behouden."
            )
            allow = [*settings.WIJKREGIE_PLACES, *settings.WIJKREGIE_DEIDENTIFY_ALLOW]
            return Deidentifier(allow, model=deduce_model(settings.WIJKREGIE_DEDUCE_CACHE_DIR))

    def handle(self, *args, **options):
        engine = self._engine()
        if options["corpus"]:
            from wijkregie.deidentification.corpus import measure

            figures = measure(engine)
            self.stdout.write(
                f"recall {figures.recall:.3f} ({figures.removed}/{figures.details}), "
                f"retention {figures.retention:.3f} ({figures.kept}/{figures.keep})"
            )
            for line in figures.missed:
                self.stdout.write(f"  missed: {line}")
            for line in figures.lost:
                self.stdout.write(f"  lost: {line}")
            if figures.recall < RECALL_TARGET or figures.retention < RETENTION_TARGET:
                raise CommandError("Below target.", returncode=1)
            return
        text = sys.stdin.read()
        result = engine.run(text)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "text": result.text,
                        "spans": [s.as_dict() for s in result.spans],
                        "version": result.version,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(result.text, ending="" if text.endswith("\n") else "\n")
