"""``wijkregie registraties opruimen [--dagen N]``: retention of record-level registrations.

Removes trajectories that ended more than ``WIJKREGIE_RECORD_RETENTION_DAYS`` days ago (open
ones: started that long ago) and uploads never confirmed within a day. Computed figures stay.
Meant for a daily scheduled job.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand

from wijkregie.registrations import services


class Command(BaseCommand):
    help = "Registration maintenance. 'opruimen': remove records past their retention period."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        clean = sub.add_parser("opruimen", help="Remove records past their retention period.")
        clean.add_argument("--dagen", type=int, help="override WIJKREGIE_RECORD_RETENTION_DAYS")

    def handle(self, *args, action: str, **options):
        days = options.get("dagen") or settings.WIJKREGIE_RECORD_RETENTION_DAYS
        removed = services.remove_old_records(keep=dt.timedelta(days=days))
        uploads = services.discard_pending(dt.timedelta(days=1))
        self.stdout.write(
            f"{removed} traject(en) ouder dan {days} dagen verwijderd; "
            f"{uploads} onbevestigde upload(s) opgeruimd."
        )
