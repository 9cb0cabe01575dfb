from django.core.management.base import BaseCommand
from django.utils import timezone

from wijkregie.conversations.services import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each person the agreements they own that are due within a week or overdue, "
        "and the role agreements they hold whose review date has passed. Run daily from a "
        "scheduler (cron, a Kubernetes CronJob)."
    )

    def handle(self, *args, **options):
        count = send_digests(timezone.localdate())
        self.stdout.write(f"{count} digest(s) sent.")
