"""The questionnaire of a survey written back as an XLSForm — the same format the import reads,
so a questionnaire can be carried to the next wave or to another tool."""

from __future__ import annotations

import io

from openpyxl import Workbook

from wijkregie.common.xlsx import safe_cell
from wijkregie.surveys.models import Survey


def write_form(survey: Survey) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    questions = list(survey.questions.all())
    groups = sorted({g for q in questions for g in q.group_labels})
    sheet.append(["type", "name", "label", *(f"label_{g}" for g in groups), "relevant"])
    for q in questions:
        kind = f"{q.type} {q.list_name}" if q.list_name else q.type
        sheet.append(
            [
                safe_cell(kind),
                safe_cell(q.code),
                safe_cell(q.label),
                *(safe_cell(q.group_labels.get(g, "")) for g in groups),
                safe_cell(q.relevant),
            ]
        )
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for choice in survey.choices.order_by("list_name", "order"):
        choices.append(
            [safe_cell(choice.list_name), safe_cell(choice.name), safe_cell(choice.label)]
        )
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append([safe_cell(survey.name), safe_cell(survey.form_id), safe_cell(survey.version)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
