from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkregie.conf import env


class Command(BaseCommand):
    help = "Write docs/configuration.md from the declared environment variables (or --check it)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="docs/configuration.md")
        parser.add_argument("--check", action="store_true", help="Fail when the file is stale.")

    def handle(self, *args, path, check, **options):
        target = Path(path)
        text = env.markdown()
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                raise CommandError(f"{target} is stale: run `wijkregie configuration_docs`.")
            self.stdout.write(f"{target} is current.")
            return
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {target}.")
