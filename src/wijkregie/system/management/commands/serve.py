from django.conf import settings
from django.core.management.base import BaseCommand

from wijkregie.conf import env


class Command(BaseCommand):
    help = (
        "Production server: gunicorn serving Wijkregie (static files through whitenoise). "
        "Run `wijkregie migrate` and `wijkregie collectstatic --no-input` first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=env.get("WIJKREGIE_BIND"))
        parser.add_argument("--workers", type=int, default=env.get("WIJKREGIE_WORKERS"))

    def handle(self, *args, bind, workers, **options):
        from gunicorn.app.wsgiapp import WSGIApplication

        self.stdout.write(
            f"Wijkregie ({settings.WIJKREGIE_ENVIRONMENT}) on {bind} with {workers} workers."
        )
        argv = [
            "gunicorn",
            "wijkregie.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
        ]
        import sys

        sys.argv = argv
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
