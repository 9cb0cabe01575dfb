"""``wijkregie rapport raad --halfjaar 2026H1 --uit FILE.pdf [--publiceer]``: build the council's
half-year report and write its PDF (exit 0 on success, 2 on a usage error)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wijkregie.accounts.models import Membership
from wijkregie.accounts.roles import Role
from wijkregie.common.periods import Period
from wijkregie.council import services
from wijkregie.council.models import CouncilReport


class Command(BaseCommand):
    help = "Build the council's half-year report (PDF)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        council = sub.add_parser("raad", help="The council's half-year report.")
        council.add_argument("--halfjaar", required=True, help="the half-year, e.g. 2026H1")
        council.add_argument("--uit", required=True, help="the PDF file to write")
        council.add_argument(
            "--publiceer", action="store_true", help="publish it as the next version"
        )

    def handle(self, *args, kind: str, halfjaar: str, uit: str, publiceer: bool, **options):
        try:
            period = str(Period.parse(halfjaar))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        target = Path(uit)
        if not target.parent.is_dir():
            raise CommandError(f"De map {target.parent} bestaat niet.", returncode=2)
        author = (
            Membership.objects.filter(role=Role.CONTRACT_MANAGER, user__is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if author is None:
            raise CommandError(
                "Er is geen actieve contractmanager: de rapportage wordt namens die rol gemaakt.",
                returncode=2,
            )
        draft = CouncilReport.objects.create(period=period, created_by=author.user)
        report = services.build(draft.pk)
        if publiceer:
            report = services.publish(report, user=author.user)
        target.write_bytes(bytes(report.pdf))
        self.stdout.write(
            f"Raadsrapportage {period} geschreven naar {target} (SHA-256 {report.checksum})."
        )
