from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkregie.accounts.demo import current_demo_totp


class Command(BaseCommand):
    help = "Print the demo administrator's current two-factor code (demo settings only)."

    def handle(self, *args, **options):
        if not settings.WIJKREGIE_DEMO_PASSWORD:
            raise CommandError("Only available with demo settings.")
        self.stdout.write(current_demo_totp())
