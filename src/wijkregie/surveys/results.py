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


def _answers_by_respondent(wave: Wave) -> tuple[dict[int, str], dict[int, dict[int, list[str]]]]:
    """(response → group, question → response → values) of a wave."""
    responses = dict(Response.objects.filter(wave=wave).values_list("pk", "group"))
    per_question: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for question_id, response_id, value in Answer.objects.filter(response__wave=wave).values_list(
        "question_id", "response_id", "value"
    ):
        per_question[question_id][response_id].append(value)
    return responses, per_question


def _choices(survey: Survey) -> dict[str, list[str]]:
    choices: dict[str, list[str]] = defaultdict(list)
    for list_name, name in Choice.objects.filter(survey=survey).values_list("list_name", "name"):
        choices[list_name].append(name)
    return choices


def likert_questions(survey: Survey) -> list[Question]:
    choices = _choices(survey)
    return [
        q
        for q in survey.questions.all()
        if q.type == Question.Type.SELECT_ONE and is_likert(choices[q.list_name])
    ]


def breakdown_results(wave: Wave, *, show_small_groups: bool) -> dict:
    """The statements per option of the survey's breakdown list (e.g. per wijkteam
    organisation), per group: {group: {option: {"respondents": r, "questions": {code: result}}
    or {"suppressed": True}}}. A respondent counts under every option they chose in any
    question on that list. Below ``WIJKREGIE_SURVEY_THRESHOLD`` respondents an option is
    suppressed unless the viewer owns the survey."""
    survey = wave.survey
    if not survey.breakdown:
        return {}
    threshold = settings.WIJKREGIE_SURVEY_THRESHOLD
    choices = _choices(survey)
    options = choices.get(survey.breakdown, [])
    responses, per_question = _answers_by_respondent(wave)
    members = _members(survey, options, responses, per_question)
    statements = likert_questions(survey)
    out: dict[str, dict] = {}
    for group in sorted(set(responses.values())):
        by_option: dict[str, dict] = {}
        for option in options:
            people = members.get((group, option), set())
            if not people:
                continue
            if len(people) < threshold and not show_small_groups:
                by_option[option] = {"suppressed": True}
                continue
            by_option[option] = {
                "respondents": len(people),
                "questions": {
                    q.code: question_result(
                        q,
                        choices[q.list_name],
                        {r: v for r, v in per_question[q.pk].items() if r in people},
                    )
                    for q in statements
                },
            }
        if by_option:
            out[group] = by_option
    return out


def _members(survey, options, responses, per_question) -> dict[tuple[str, str], set[int]]:
    members: dict[tuple[str, str], set[int]] = defaultdict(set)
    for question in survey.questions.filter(list_name=survey.breakdown):
        for response_id, values in per_question[question.pk].items():
            for value in values:
                if value in options:
                    members[(responses[response_id], value)].add(response_id)
    return members


def breakdown_members(wave: Wave) -> dict[tuple[str, str], set[int]]:
    """(group, breakdown option) → the responses counted under it."""
    if not wave.survey.breakdown:
        return {}
    options = _choices(wave.survey).get(wave.survey.breakdown, [])
    responses, per_question = _answers_by_respondent(wave)
    return _members(wave.survey, options, responses, per_question)


def pooled_agreement(wave: Wave, group: str, respondents: set[int] | None = None):
    """(agreeing, valid answers) over all statements for ``group`` (optionally only these
    respondents): the share agreeing with the statements taken together, the figure a survey
    feeds to its indicator."""
    responses, per_question = _answers_by_respondent(wave)
    agree = valid = 0
    for question in likert_questions(wave.survey):
        for response_id, values in per_question[question.pk].items():
            if responses[response_id] != group:
                continue
            if respondents is not None and response_id not in respondents:
                continue
            if set(LIKERT).intersection(values):
                valid += 1
                agree += bool(set(AGREE).intersection(values))
    return agree, valid


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
