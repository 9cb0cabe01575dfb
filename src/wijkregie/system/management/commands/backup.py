"""``wijkregie backup FILE``, ``wijkregie backup --restore FILE``, ``wijkregie backup --checksums``

Makes a consistent backup of the database (SQLite: online backup API; PostgreSQL: pg_dump in
its custom format), restores one (stop Wijkregie and its worker first), or prints per table the
row count and a SHA-256 over its rows, to compare a restored copy with the original.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from wijkregie.system import backup


class Command(BaseCommand):
    help = "Back up or restore the database, or print per-table checksums."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="backup file to write (or to restore)")
        parser.add_argument("--restore", action="store_true", help="restore FILE")
        parser.add_argument("--checksums", action="store_true", help="print table checksums")

    def handle(self, *args, file, restore, checksums, **options):
        if checksums:
            for table, (rows, digest) in backup.checksums(connection).items():
                self.stdout.write(f"{table}\t{rows}\t{digest}")
            return
        if not file:
            raise CommandError("Geef het bestand op.", returncode=2)
        path = Path(file)
        if restore:
            if not path.is_file():
                raise CommandError(f"Kan {path} niet lezen.", returncode=2)
            backup.restore(path)
            self.stdout.write(f"Teruggezet uit {path}.")
        else:
            backup.backup(path)
            self.stdout.write(f"Back-up geschreven naar {path}.")
