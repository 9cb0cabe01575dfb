"""``wijkregie rollups_refresh``: rebuild every rollup (sums, disclosure, completeness) from the
fact grain. Run once after an upgrade that changes how rollups are built (see CHANGELOG)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wijkregie.reporting import services


class Command(BaseCommand):
    help = "Rebuild every rollup of the fact grain (sums, disclosure, completeness)."

    def handle(self, *args, **options):
        written = services.rollups_refresh_all()
        self.stdout.write(f"{written} rollups")
