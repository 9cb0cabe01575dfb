from django.core.management.base import BaseCommand

from wijkregie.chains.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind parties that have not acknowledged a published change notice (e-mail and "
        "in-app). Run daily from a scheduler; each party is reminded at most once per "
        "WIJKREGIE_ACKNOWLEDGE_DAYS."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} reminder(s) sent.")
