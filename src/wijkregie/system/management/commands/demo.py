import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkregie.accounts.roles import Role
from wijkregie.accounts.services import demo_logins
from wijkregie.system import outbox
from wijkregie.system.demo import load_demo


def _stop(signum, frame):
    raise SystemExit(0)


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
        self.stdout.write(_("Data directory: %(path)s") % {"path": settings.DATA_DIR})
        call_command("migrate", interactive=False, verbosity=0)
        counts = load_demo()
        self.stdout.write(
            _("Demo data: %(counts)s")
            % {"counts": ", ".join(f"{count} {name}" for name, count in counts.items())}
        )
        self.stdout.write(
            _("Generated secrets for this directory (secret key, pseudonym key): %(path)s")
            % {"path": settings.DATA_DIR / "secrets.env"}
        )
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password: %(password)s):")
            % {"password": settings.WIJKREGIE_DEMO_PASSWORD}
        )
        for user in demo_logins():
            self.stdout.write(f"  {user.username:<20} {Role(user.role).label}")
        script = Path(sys.executable).with_name("wijkregie")
        self.stdout.write(
            _("beheerder also needs a two-factor code; this prints the current one: %(command)s")
            % {"command": f"WIJKREGIE_DATA_DIR={settings.DATA_DIR} {script} demo_totp"}
        )
        if outbox.enabled():
            self.stdout.write(
                _(
                    "E-mail is not sent: %(count)s demo messages wait in the outbox, where each "
                    "demo user reads their own (menu: E-mail, %(url)s)."
                )
                % {"count": outbox.count(), "url": f"http://127.0.0.1:{port}/postvak/"}
            )
        if no_serve:
            return
        self.stdout.write("")
        self.stdout.write(
            _("Wijkregie demo: %(url)s  (Ctrl+C stops it)") % {"url": f"http://127.0.0.1:{port}/"}
        )
        # Background tasks (registration imports) need a worker beside the web server.
        worker = subprocess.Popen([sys.executable, "-m", "wijkregie", "worker", "--interval", "1"])
        # SIGTERM (a service manager, `kill`, `docker stop`) stops the server like Ctrl+C does,
        # so the worker below is stopped too instead of being left running.
        signal.signal(signal.SIGTERM, _stop)
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
