"""Reads of the survey: results per viewer (small groups hidden from non-owners) and the
comparison of groups and waves per statement."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import QuerySet

from wijkregie.surveys import results
from wijkregie.surveys.models import Choice, Question, Survey

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
