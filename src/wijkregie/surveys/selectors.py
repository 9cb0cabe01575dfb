"""Reads of the survey: results per viewer (small groups hidden from non-owners) and the
comparison of groups and waves per statement."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wijkregie.surveys import results
from wijkregie.surveys.models import Answer, Choice, Coding, Question, Survey, Wave

#: A difference is called one only when it is larger than chance would make it: a two-sided
#: test of two proportions at 95 % (so 3 points on n = 20 is not a change).
Z_95 = 1.96
#: Answer 1 (fully disagree) to 5 (fully agree): a diverging palette.
COLOURS = ("#a50f15", "#f4a582", "#bababa", "#92c5de", "#0571b0")


def surveys() -> QuerySet[Survey]:
    return Survey.objects.prefetch_related("waves").order_by("name")


def is_owner(user) -> bool:
    return bool(user and user.has_perm("surveys.own_survey"))


def survey_results(user, survey: Survey, wave: str | None = None) -> dict:
    return results.survey_results(survey, wave=wave, show_small_groups=is_owner(user))


def significant(p1: int, n1: int, p2: int, n2: int) -> bool:
    """Whether two percentages on n1 and n2 respondents differ beyond chance (95 %)."""
    if not n1 or not n2:
        return False
    a, b = p1 / 100, p2 / 100
    pooled = (a * n1 + b * n2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return spread > 0 and abs(a - b) > Z_95 * spread


@dataclass
class Cell:
    n: int | None = None
    agree: int | None = None
    suppressed: bool = False
    #: Percent per Likert answer 1..5 for the diverging bar (of the valid n).
    shares: list[int] = field(default_factory=list)
    change: int | None = None  # points against the previous wave, when significant
    change_points: int | None = None

    @property
    def segments(self) -> list[tuple[float, int, str]]:
        """(x, width, colour) of the diverging bar: disagreeing left of 0, agreeing right, the
        neutral answer straddling it."""
        if not self.shares:
            return []
        x = -(self.shares[0] + self.shares[1] + self.shares[2] / 2)
        out = []
        for share, colour in zip(self.shares, COLOURS, strict=True):
            out.append((x, share, colour))
            x += share
        return out


@dataclass
class StatementRow:
    code: str
    title: str
    labels: dict[str, str]
    cells: dict[tuple[str, str], Cell]  # (wave, group) → cell
    #: wave → (higher group, lower group, points) when the groups differ beyond chance
    gaps: dict[str, tuple[str, str, int] | None]


def comparison(user, survey: Survey) -> tuple[list[str], list[str], list[StatementRow]]:
    """Per Likert statement: per wave and group the valid n, share agreeing and answer shares;
    the gap between the groups and the change since the previous wave, only where significant."""
    data = survey_results(user, survey)
    waves = [w["wave"] for w in data["waves"]]
    groups = sorted({g for w in data["waves"] for g in w["groups"]})
    questions = {q.code: q for q in survey.questions.all()}
    rows: list[StatementRow] = []
    for index, question in enumerate(data["waves"][0]["questions"] if data["waves"] else []):
        if question["type"] != Question.Type.SELECT_ONE:
            continue
        cells: dict[tuple[str, str], Cell] = {}
        likert = False
        for wave in data["waves"]:
            item = wave["questions"][index]
            for group in groups:
                result = item["groups"].get(group)
                if result is None:
                    continue
                if result.get("suppressed"):
                    cells[(wave["wave"], group)] = Cell(suppressed=True)
                    continue
                if "agree_percent" not in result:
                    continue
                likert = True
                options = result["options"]
                cells[(wave["wave"], group)] = Cell(
                    n=result["n"],
                    agree=result["agree_percent"],
                    shares=[options[str(i)]["percent"] or 0 for i in range(1, 6)],
                )
        if not likert:
            continue
        for group in groups:
            previous = None
            for wave in waves:
                cell = cells.get((wave, group))
                if cell is None or cell.suppressed:
                    previous = None
                    continue
                if previous is not None and cell.n and previous.n:
                    cell.change_points = cell.agree - previous.agree
                    if significant(cell.agree, cell.n, previous.agree, previous.n):
                        cell.change = cell.change_points
                previous = cell
        gaps: dict[str, tuple[str, str, int] | None] = {}
        for wave in waves:
            gaps[wave] = None
            present = [(g, cells.get((wave, g))) for g in groups]
            present = [(g, c) for g, c in present if c and not c.suppressed and c.n]
            if len(present) == 2:
                (g1, c1), (g2, c2) = sorted(present, key=lambda item: -item[1].agree)
                if significant(c1.agree, c1.n, c2.agree, c2.n):
                    gaps[wave] = (g1, g2, c1.agree - c2.agree)
        q = questions[question["name"]]
        rows.append(
            StatementRow(
                code=q.code,
                title=q.label,
                labels={g: q.label_for(g) for g in groups},
                cells=cells,
                gaps=gaps,
            )
        )
    return waves, groups, rows


def likert_labels(survey: Survey) -> list[str]:
    """The labels of answers 1..5 of the survey's Likert list."""
    for list_name in survey.choices.values_list("list_name", flat=True).distinct():
        names = dict(
            Choice.objects.filter(survey=survey, list_name=list_name).values_list("name", "label")
        )
        if results.is_likert(list(names)):
            return [names[str(i)] for i in range(1, 6)]
    return [str(i) for i in range(1, 6)]


# --- per option of the breakdown list (e.g. per wijkteam organisation) -------------------------
@dataclass
class BreakdownTable:
    wave: str
    group: str
    options: list[tuple[str, str]]  # (name, label)
    respondents: dict[str, int | None]  # option → respondents (None: suppressed)
    rows: list[tuple[str, list[tuple[int | None, int | None]]]]  # statement → [(n, agree)]


def breakdown(user, survey: Survey) -> list[BreakdownTable]:
    """The statements' share agreeing per option of the survey's breakdown list, per wave and
    group; options below the threshold are hidden from non-owners."""
    if not survey.breakdown:
        return []
    labels = dict(
        Choice.objects.filter(survey=survey, list_name=survey.breakdown).values_list(
            "name", "label"
        )
    )
    statements = results.likert_questions(survey)
    tables = []
    for wave in survey.waves.all():
        data = results.breakdown_results(wave, show_small_groups=is_owner(user))
        for group, by_option in data.items():
            options = [(name, labels.get(name, name)) for name in by_option]
            rows = []
            for question in statements:
                cells = []
                for name, _label in options:
                    item = by_option[name]
                    if item.get("suppressed"):
                        cells.append((None, None))
                        continue
                    result = item["questions"][question.code]
                    cells.append((result["n"], result.get("agree_percent")))
                rows.append((question.label_for(group), cells))
            tables.append(
                BreakdownTable(
                    wave=wave.code,
                    group=group,
                    options=options,
                    respondents={
                        name: None if item.get("suppressed") else item["respondents"]
                        for name, item in by_option.items()
                    },
                    rows=rows,
                )
            )
    return tables


# --- open answers ----------------------------------------------------------------------------
def quotes(survey: Survey) -> list[tuple[str, list[Coding], list[Coding]]]:
    """The coded open answers as the report groups them: per statement (then the general
    ones), what goes well and what could be better — de-identified quotes only, those still
    being prepared left out."""
    codings = (
        Coding.objects.filter(answer__question__survey=survey)
        .exclude(quote="")
        .exclude(kind=Coding.Kind.TIP)
        .select_related("statement", "answer__response__wave")
        .order_by("statement__order", "answer__response__wave__code", "pk")
    )
    grouped: dict[str, tuple[list[Coding], list[Coding]]] = {}
    for coding in codings:
        title = coding.statement.label if coding.statement else _("The collaboration in general")
        good, better = grouped.setdefault(title, ([], []))
        if coding.kind == Coding.Kind.GOOD:
            good.append(coding)
        elif coding.kind == Coding.Kind.BETTER:
            better.append(coding)
    return [(title, good, better) for title, (good, better) in grouped.items()]


def tips(survey: Survey) -> QuerySet[Coding]:
    return (
        Coding.objects.filter(answer__question__survey=survey, kind=Coding.Kind.TIP)
        .select_related("answer__response__wave")
        .prefetch_related("agenda_items__meeting__body", "signals")
        .order_by("-answer__response__wave__code", "pk")
    )


def open_answers(survey: Survey, wave: Wave) -> QuerySet[Answer]:
    """Every open answer of a wave with its coding: for the survey's owners only (the raw text
    may name people; reading it is audit-logged by the view)."""
    return (
        Answer.objects.filter(
            response__wave=wave, question__survey=survey, question__type=Question.Type.TEXT
        )
        .select_related("question", "response", "coding", "coding__statement")
        .order_by("question__order", "pk")
    )


def tips_open() -> QuerySet[Coding]:
    """Tips with a quote that no agenda item takes up yet (for the agenda item form)."""
    return (
        Coding.objects.filter(kind=Coding.Kind.TIP, agenda_items__isnull=True)
        .exclude(quote="")
        .select_related("answer__response__wave")
        .order_by("-answer__response__wave__code", "pk")
    )


def tips_with(pk: int) -> QuerySet[Coding]:
    return Coding.objects.filter(pk=pk)
