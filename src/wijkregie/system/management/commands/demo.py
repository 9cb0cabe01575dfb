from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkregie.accounts.demo import DEMO_USERS
from wijkregie.accounts.roles import Role
from wijkregie.system.demo import load_demo


class Command(BaseCommand):
    help = (
        "Prepare the Zaanstad demo in a SQLite data directory (migrate, load demo data, print the "
        "demo logins) and serve it on 127.0.0.1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--data-dir", help="Data directory (default ./.wijkregie-demo/ or WIJKREGIE_DATA_DIR)."
        )
        parser.add_argument("--reset", action="store_true", help="Start from an empty directory.")
        parser.add_argument("--no-serve", action="store_true", help="Prepare, then exit.")

    def handle(self, *args, port, no_serve, **options):
        if settings.WIJKREGIE_ENVIRONMENT == "production" or not settings.WIJKREGIE_DEMO_PASSWORD:
            raise CommandError("`wijkregie demo` weigert te draaien met productie-instellingen.")
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError("The demo runs on SQLite only: unset DATABASE_URL.")
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        counts = load_demo()
        self.stdout.write(
            "Demo data: " + ", ".join(f"{count} {name}" for name, count in counts.items())
        )
        self.stdout.write(
            f"Generated secrets (secret key, pseudonym key): {settings.DATA_DIR / 'secrets.env'}"
        )
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password: %(password)s):")
            % {"password": settings.WIJKREGIE_DEMO_PASSWORD}
        )
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<20} {Role(user.role).label}")
        self.stdout.write(
            "  beheerder needs a two-factor code: `WIJKREGIE_DATA_DIR="
            f"{settings.DATA_DIR} wijkregie demo_totp` prints the current one."
        )
        if no_serve:
            return
        self.stdout.write("")
        self.stdout.write(f"Wijkregie demo: http://127.0.0.1:{port}/  (Ctrl+C stops it)")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
