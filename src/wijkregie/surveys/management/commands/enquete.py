"""``wijkregie enquete resultaten SURVEY [--golf WAVE] --json``: the results of a survey as the
format file defines them (the owner's view: every group)."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from wijkregie.surveys import online, results
from wijkregie.surveys.models import Survey, Wave


class Command(BaseCommand):
    help = "Collaboration survey: print the results of a survey (all waves, or one)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("resultaten", help="The results per wave, question and group.")
        show.add_argument("survey", help="the survey's code, e.g. samenwerking")
        show.add_argument("--golf", help="one wave, e.g. 2024")
        show.add_argument("--json", action="store_true", help="print one JSON object")
        invite = sub.add_parser(
            "uitnodigingen", help="Open a wave online and print one-time invitation links."
        )
        invite.add_argument("survey")
        invite.add_argument("--golf", required=True, help="the wave, e.g. 2028")
        invite.add_argument("--groep", required=True, help="the respondent group")
        invite.add_argument("--aantal", type=int, required=True, help="how many links")
        invite.add_argument("--open-tot", required=True, help="last day to answer (jjjj-mm-dd)")

    def handle(self, *args, action, **options):
        survey = Survey.objects.filter(code=options["survey"]).first()
        if survey is None:
            raise CommandError(f"Onbekende enquête: {options['survey']}.", returncode=2)
        if action == "uitnodigingen":
            return self._invite(survey, options)
        if options.get("golf") and not survey.waves.filter(code=options["golf"]).exists():
            raise CommandError(f"{survey.code} heeft geen golf {options['golf']}.", returncode=2)
        data = results.survey_results(survey, wave=options.get("golf"), show_small_groups=True)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for wave in data["waves"]:
            groups = ", ".join(f"{g} {n}" for g, n in wave["groups"].items())
            self.stdout.write(f"Golf {wave['wave']} ({groups})")
            for question in wave["questions"]:
                parts = []
                for group, result in question["groups"].items():
                    if "agree_percent" in result:
                        parts.append(f"{group} {result['agree_percent']}% eens (n={result['n']})")
                if parts:
                    self.stdout.write(f"  {question['name']}: " + "; ".join(parts))

    def _invite(self, survey, options) -> None:
        try:
            until = dt.date.fromisoformat(options["open_tot"])
        except ValueError as exc:
            raise CommandError("--open-tot is een datum: jjjj-mm-dd.", returncode=2) from exc
        if options["aantal"] < 1:
            raise CommandError("--aantal is minstens 1.", returncode=2)
        wave, _ = Wave.objects.get_or_create(survey=survey, code=options["golf"])
        wave.open_until = until
        wave.save(update_fields=["open_until"])
        tokens = online.invitations_create(
            wave=wave, group=options["groep"], count=options["aantal"]
        )
        for token in tokens:
            self.stdout.write(reverse("surveys:answer", args=[token]))
