"""``wijkregie indicators lint [--json]``: the measurability lint for scripts and CI jobs.

Exit status 0 when there are no findings, 1 when there are (so a scheduled job can alert).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from wijkregie.indicators.lint import lint


class Command(BaseCommand):
    help = "Indicator tools. 'lint' lists indicators and themes that cannot steer anything yet."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        checker = sub.add_parser("lint", help="List measurability findings.")
        checker.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, action: str, **options):
        if action != "lint":
            raise CommandError(f"Unknown action {action!r}.")
        findings = lint()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"count": len(findings), "findings": [f.as_dict() for f in findings]},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for finding in findings:
                self.stdout.write(
                    f"{finding.subject}\t{finding.rule}\t{finding.message} → {finding.action}"
                )
            self.stdout.write(f"{len(findings)} finding(s).")
        if findings:
            raise SystemExit(1)
