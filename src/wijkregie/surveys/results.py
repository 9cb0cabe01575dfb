"""Results of a wave exactly as ``docs/data-formats.md`` (survey) defines them. Pure functions
over the stored answers; integer arithmetic for the percentages, rounded half up (32.5 → 33).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from wijkregie.common.xlsx import parse_decimal
from wijkregie.surveys.models import Answer, Choice, Question, Response, Survey, Wave

LIKERT = ("1", "2", "3", "4", "5")
AGREE = ("4", "5")


def percent(count: int, n: int) -> int:
    """100 × count / n, rounded half up to a whole number (exact: no floating point)."""
    if n <= 0:
        raise ValueError("n must be positive")
    return (200 * count + n) // (2 * n)


def is_likert(choice_names: list[str]) -> bool:
    return all(name in choice_names for name in LIKERT)


def number(value: str) -> Decimal:
    """A numeric answer, read the Dutch way (``12,5``, ``1.250``) by the project's one number
    parser; ``CellError`` (a ValueError) for anything else, including infinity and NaN."""
    return parse_decimal(value)


def question_result(question: Question, choice_names: list[str], answers: dict[str, list[str]]):
    """One question for one group. ``answers``: respondent → its answer values."""
    if question.type in (Question.Type.SELECT_ONE, Question.Type.SELECT_MULTIPLE):
        likert = question.type == Question.Type.SELECT_ONE and is_likert(choice_names)
        substantive = set(LIKERT) if likert else set(choice_names)
        valid = {r for r, values in answers.items() if substantive.intersection(values)}
        n = len(valid)
        counts = {name: 0 for name in choice_names}
        for respondent in answers:
            for value in set(answers[respondent]):
                if value in counts and (respondent in valid or value not in substantive):
                    counts[value] += 1
        result: dict = {
            "n": n,
            "options": {
                name: {"count": count, "percent": percent(count, n) if n else None}
                for name, count in counts.items()
            },
        }
        if likert:
            agree = sum(counts[name] for name in AGREE)
            result["agree_percent"] = percent(agree, n) if n else None
        return result
    if question.type in (Question.Type.INTEGER, Question.Type.DECIMAL):
        numbers = [number(values[0]) for values in answers.values() if values]
        result = {"n": len(numbers)}
        if numbers:
            result["mean"] = float(round(sum(numbers) / len(numbers), 2))
            result["median"] = float(statistics.median(numbers))
        return result
    return {"n": sum(1 for values in answers.values() if any(v.strip() for v in values))}


def wave_results(wave: Wave, *, show_small_groups: bool) -> dict:
    """The results of one wave: respondents per group and every question per group. Groups
    below ``WIJKREGIE_SURVEY_THRESHOLD`` respondents are ``{"suppressed": true}`` unless the
    viewer owns the survey."""
    threshold = settings.WIJKREGIE_SURVEY_THRESHOLD
    responses = dict(Response.objects.filter(wave=wave).values_list("pk", "group"))
    groups: dict[str, int] = defaultdict(int)
    for group in responses.values():
        groups[group] += 1
    per_question: dict[int, dict[str, dict[int, list[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for question_id, response_id, value in Answer.objects.filter(response__wave=wave).values_list(
        "question_id", "response_id", "value"
    ):
        per_question[question_id][responses[response_id]][response_id].append(value)
    choices: dict[str, list[str]] = defaultdict(list)
    for list_name, name in Choice.objects.filter(survey=wave.survey).values_list(
        "list_name", "name"
    ):
        choices[list_name].append(name)
    shown = sorted(g for g in groups if show_small_groups or groups[g] >= threshold)
    questions = []
    for question in wave.survey.questions.all():
        by_group = {}
        for group in sorted(groups):
            if group not in shown:
                by_group[group] = {"suppressed": True}
                continue
            answers = per_question[question.pk].get(group, {})
            by_group[group] = question_result(question, choices[question.list_name], answers)
        questions.append({"name": question.code, "type": question.type, "groups": by_group})
    return {"wave": wave.code, "groups": dict(sorted(groups.items())), "questions": questions}


def survey_results(survey: Survey, *, wave: str | None = None, show_small_groups: bool) -> dict:
    waves = survey.waves.all()
    if wave:
        waves = waves.filter(code=wave)
    return {
        "survey": survey.code,
        "waves": [wave_results(w, show_small_groups=show_small_groups) for w in waves],
    }
