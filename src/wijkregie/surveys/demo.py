"""The demo's collaboration survey (``demodata/enquete.yaml``): the questionnaire is written as an
XLSForm and fictional raw responses are generated whose results equal the published
percentages of the 2024 report (and a 2026 wave); both go through the real import.

Idempotent: a survey that already has its waves is left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from wijkregie.common import demodata
from wijkregie.deidentification import services as deidentification
from wijkregie.indicators.models import Indicator
from wijkregie.surveys import importing, online, services
from wijkregie.surveys.models import Answer, Coding, Invitation, Question, Survey, Wave
from wijkregie.surveys.results import percent

DATA: dict[str, Any] = demodata.load("enquete")


def form_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    groups = list(DATA["groups"])
    sheet.append(["type", "name", "label", *(f"label_{g}" for g in groups), "relevant"])
    for q in DATA["questions"]:
        sheet.append(
            [
                q["type"],
                q["code"],
                q["label"],
                *(q.get(f"label_{g}", "") for g in groups),
                q.get("relevant", ""),
            ]
        )
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for list_name, items in DATA["lists"].items():
        for item in items:
            choices.append([list_name, item["name"], item["label"]])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "breakdown"])
    settings.append([DATA["form_title"], DATA["form_id"], DATA["version"], DATA["breakdown"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _count_for(target: int, n: int) -> int | None:
    """The number of respondents out of ``n`` that gives ``target`` percent, if any."""
    return next((k for k in range(n + 1) if percent(k, n) == target), None)


def _valid_n(target: int, available: int) -> tuple[int, int]:
    """The largest valid n (at most ``available``, leaving room for a few "weet niet") at which
    ``target`` percent can occur, and the count that gives it."""
    for n in range(max(available - 2, 1), 0, -1):
        k = _count_for(target, n)
        if k is not None:
            return n, k
    raise ValueError(f"{target}% cannot occur with at most {available} respondents")


def _single(targets: dict[str, int], available: int) -> dict[str, int]:
    """Counts per option of a single choice: the largest n (at most ``available``) at which
    every published share can occur with counts that add up to n."""
    for n in range(available, 0, -1):
        candidates = [[k for k in range(n + 1) if percent(k, n) == t] for t in targets.values()]
        for combo in itertools.product(*candidates):
            if sum(combo) == n:
                return dict(zip(targets, combo, strict=True))
    raise ValueError(f"{targets} cannot occur with at most {available} respondents")


def _multiple(targets: dict[str, int], people: list[str]) -> list[tuple[str, str]]:
    """(person, option) of a multiple choice: the largest number answering at which every
    published share can occur; consecutive blocks that wrap round, so each names at least one
    option when the shares add up to 100 or more."""
    answering = next(
        n
        for n in range(len(people), 0, -1)
        if all(_count_for(target, n) is not None for target in targets.values())
    )
    chosen = []
    start = 0
    for option, target in targets.items():
        k = _count_for(target, answering)
        for person in (people[:answering] * 2)[start : start + k]:
            chosen.append((person, option))
        start = (start + k) % answering
    return chosen


def _rotated(people: list[str], offset: int) -> list[str]:
    offset %= len(people)
    return people[offset:] + people[:offset]


def responses_csv(wave: str) -> bytes:
    """The long CSV of one wave (``;``, UTF-8 with BOM, as Dutch Excel saves it)."""
    spec = DATA["waves"][wave]
    rows: list[tuple[str, str, str, str, str]] = []
    for group, size in spec["respondents"].items():
        people = [f"{wave}-{group[0].upper()}{i:03d}" for i in range(1, size + 1)]
        rows.extend(
            (wave, person, group, "thema", option)
            for person, option in _multiple(spec["thema"][group], people)
        )
        k_yes = _count_for(spec["samenwerking"][group], size)
        collaborating = people[:k_yes]
        for index, person in enumerate(people):
            rows.append((wave, person, group, "samenwerking", "ja" if index < k_yes else "nee"))
        # Statements: only who collaborates answers; the agreeing, the others, "weet niet".
        for number, (code, targets) in enumerate(spec["agree"].items()):
            n, k = _valid_n(targets[group], len(collaborating))
            order = _rotated(collaborating, 7 * number)
            disagree = n - k
            answers = (
                ["5"] * (k * 2 // 5)
                + ["4"] * (k - k * 2 // 5)
                + ["3"] * (disagree - disagree // 2)
                + ["2"] * (disagree // 2 - disagree // 5)
                + ["1"] * (disagree // 5)
                + ["weet_niet"] * (len(collaborating) - n)
            )
            rows.extend((wave, p, group, code, a) for p, a in zip(order, answers, strict=True))
        # The other choice questions: who answers them, with the published shares.
        for code, per_group in spec.get("choices", {}).items():
            if group not in per_group:
                continue
            base = people if code == "organisatie" else collaborating
            kind = next(q["type"] for q in DATA["questions"] if q["code"] == code)
            if kind.startswith("select_one"):
                counts = _single(per_group[group], len(base))
                order = iter(_rotated(base, 3))
                for option, k in counts.items():
                    rows.extend((wave, next(order), group, code, option) for _ in range(k))
            else:
                order = _rotated(base, 5)
                rows.extend(
                    (wave, person, group, code, option)
                    for person, option in _multiple(per_group[group], order)
                )
        mine = [item for item in spec.get("open", []) if item[0] == group]
        rows.extend(
            (wave, person, group, "toelichting", item[4])
            for person, item in zip(collaborating, mine, strict=False)
        )
    for index, (group, text) in enumerate(spec["tips"], start=1):
        rows.append((wave, f"{wave}-{group[0].upper()}{index:03d}", group, "tip", text))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(importing.COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _code_open_answers(survey: Survey) -> None:
    """Code the open answers as the analyst did (statement, good or could be better, theme)
    and every tip; the quotes are de-identified here, in the loader's process."""
    if Coding.objects.filter(answer__question__survey=survey).exists():
        return
    for wave, spec in DATA["waves"].items():
        coded = {item[4]: item for item in spec.get("open", [])}
        tips = {text for _group, text in spec.get("tips", [])}
        answers = Answer.objects.filter(
            response__wave__survey=survey,
            response__wave__code=wave,
            question__type=Question.Type.TEXT,
        ).select_related("question")
        for answer in answers:
            if answer.value in tips:
                services.coding_save(answer, kind=Coding.Kind.TIP, user=None)
            elif answer.value in coded:
                _group, kind, statement, theme, _text = coded[answer.value]
                services.coding_save(
                    answer,
                    kind=kind,
                    statement=survey.questions.get(code=statement) if statement else None,
                    theme=theme or "",
                    user=None,
                )
    pks = list(
        Coding.objects.filter(answer__question__survey=survey, quote="").values_list(
            "pk", flat=True
        )
    )
    deidentification.shared_versions_refresh("surveys.coding", pks)


def load() -> dict[str, int]:
    survey = Survey.objects.filter(form_id=DATA["form_id"]).first()
    waves = list(DATA["waves"])
    if survey is None or survey.waves.filter(code__in=waves).count() < len(waves):
        form = form_xlsx()
        for wave in waves:
            outcome = services.survey_import(
                form=form,
                form_name="samenwerking.xlsx",
                answers=responses_csv(wave),
                answers_name=f"samenwerking-{wave}.csv",
            )
            if outcome.status != "imported":
                raise RuntimeError(f"demo survey {wave}: {outcome.as_dict()['errors'][:3]}")
    survey = Survey.objects.get(form_id=DATA["form_id"])
    _code_open_answers(survey)
    if survey.indicator is None:
        link = DATA["indicator"]
        services.indicator_link(
            survey,
            indicator=Indicator.objects.get(code=link["code"]),
            group=link["group"],
            periods={str(k): str(v) for k, v in link["periods"].items()},
            user=None,
        )
    spec = DATA["online"]
    wave, created = Wave.objects.get_or_create(
        survey=survey,
        code=spec["wave"],
        defaults={"open_until": timezone.localdate() + dt.timedelta(days=spec["open_days"])},
    )
    if created:
        for group, tokens in spec["invitations"].items():
            Invitation.objects.bulk_create(
                Invitation(wave=wave, group=group, token_hash=online.token_hash(token))
                for token in tokens
            )
    return {"surveys": 1, "survey waves": survey.waves.count()}
