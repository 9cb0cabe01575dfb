"""Import of a survey: the questionnaire (XLSForm) and the responses of one or more waves (long
CSV), all or nothing, with a report naming file, row, column and reason in Dutch.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wijkregie.common.xlsx import SpreadsheetRefused, open_workbook
from wijkregie.surveys import results
from wijkregie.surveys.models import Answer, Choice, Question, Response, Survey, Wave

COLUMNS = ("golf", "respondent", "groep", "vraag", "antwoord")
#: XLSForm rows that hold no question (metadata, layout); they are skipped.
SKIPPED_TYPES = {
    "start", "end", "today", "deviceid", "username", "note", "calculate",
    "begin_group", "end_group", "begin group", "end group", "begin_repeat", "end_repeat",
}  # fmt: skip
GROUP_NAME = re.compile(r"^[a-z0-9_]+$")
MAX_ERRORS = 200


@dataclass
class Problem:
    file: str
    row: int | None
    column: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class Outcome:
    status: str = "imported"
    survey: str = ""
    waves: list[str] = field(default_factory=list)
    respondents: int = 0
    errors: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "survey": self.survey,
            "waves": self.waves,
            "respondents": self.respondents,
            "errors": [e.as_dict() for e in self.errors],
        }


@dataclass
class Form:
    form_id: str
    title: str
    version: str
    questions: list[dict]
    choices: dict[str, list[tuple[str, str]]]
    breakdown: str = ""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(sheet) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return [], []
    header = [_cell(h).lower() for h in rows[0]]
    body = []
    for number, row in enumerate(rows[1:], start=2):
        values = {h: _cell(v) for h, v in zip(header, row, strict=False) if h}
        if any(values.values()):
            body.append((number, values))
    return header, body


def read_form(content: bytes, file_name: str, errors: list[Problem]) -> Form | None:
    """Read an XLSForm. Problems are appended to ``errors``."""
    try:
        book = open_workbook(
            io.BytesIO(content), max_cells=django_settings.WIJKREGIE_MAX_SPREADSHEET_CELLS
        )
    except SpreadsheetRefused as exc:  # a workbook that would unpack too far
        errors.append(Problem(file_name, None, "", "", str(exc)))
        return None
    except Exception:  # any unreadable file gets the same Dutch message
        errors.append(Problem(file_name, None, "", "", "Geen leesbaar Excel-bestand (.xlsx)."))
        return None
    sheets = {name.lower(): book[name] for name in book.sheetnames}
    for required in ("survey", "choices"):
        if required not in sheets:
            errors.append(Problem(file_name, None, "", "", f"Het werkblad '{required}' ontbreekt."))
    if errors:
        return None
    settings_row: dict[str, str] = {}
    if "settings" in sheets:
        _, rows = _rows(sheets["settings"])
        settings_row = rows[0][1] if rows else {}
    header, rows = _rows(sheets["choices"])
    choices: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for number, row in rows:
        list_name, name = row.get("list_name", ""), row.get("name", "")
        if not list_name or not name:
            errors.append(
                Problem(
                    f"{file_name} (choices)",
                    number,
                    "list_name" if not list_name else "name",
                    "",
                    "Elke keuze heeft een list_name en een name.",
                )
            )
            continue
        if any(existing == name for existing, _ in choices[list_name]):
            errors.append(
                Problem(
                    f"{file_name} (choices)",
                    number,
                    "name",
                    name,
                    f"Keuze '{name}' staat twee keer in lijst '{list_name}'.",
                )
            )
        choices[list_name].append((name, row.get("label", "") or name))
    header, rows = _rows(sheets["survey"])
    group_columns = [h for h in header if h.startswith("label_")]
    questions: list[dict] = []
    seen: set[str] = set()
    for number, row in rows:
        kind, _, list_name = row.get("type", "").partition(" ")
        kind, list_name = kind.strip(), list_name.strip()
        if kind in SKIPPED_TYPES or row.get("type", "") in SKIPPED_TYPES:
            continue
        where = f"{file_name} (survey)"
        code = row.get("name", "")
        if kind not in Question.Type.values:
            errors.append(
                Problem(
                    where,
                    number,
                    "type",
                    row.get("type", ""),
                    "Onbekend vraagtype; gebruik select_one LIJST, "
                    "select_multiple LIJST, integer, decimal of text.",
                )
            )
            continue
        if not code:
            errors.append(Problem(where, number, "name", "", "De vraagcode (name) ontbreekt."))
            continue
        if code in seen:
            errors.append(
                Problem(where, number, "name", code, f"Vraagcode '{code}' staat er twee keer in.")
            )
            continue
        seen.add(code)
        if kind.startswith("select") and list_name not in choices:
            errors.append(
                Problem(
                    where,
                    number,
                    "type",
                    row["type"],
                    f"Keuzelijst '{list_name}' staat niet op het werkblad choices.",
                )
            )
            continue
        questions.append(
            {
                "code": code,
                "type": kind,
                "list_name": list_name if kind.startswith("select") else "",
                "label": row.get("label", "") or code,
                "group_labels": {
                    column.removeprefix("label_"): row[column]
                    for column in group_columns
                    if row.get(column)
                },
                "relevant": row.get("relevant", "")[:300],
                "order": len(questions) + 1,
            }
        )
    form_id = settings_row.get("form_id", "") or slugify(file_name.rsplit(".", 1)[0])
    breakdown = settings_row.get("breakdown", "")
    if breakdown and breakdown not in choices:
        errors.append(
            Problem(
                f"{file_name} (settings)",
                2,
                "breakdown",
                breakdown,
                f"Keuzelijst '{breakdown}' staat niet op het werkblad choices.",
            )
        )
    return Form(
        form_id=form_id,
        title=settings_row.get("form_title", "") or form_id,
        version=settings_row.get("version", ""),
        questions=questions,
        choices=dict(choices),
        breakdown=breakdown,
    )


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("cp1252", content, 0, 1, "undecodable")


#: Metadata columns of KoboToolbox and LimeSurvey exports (besides Kobo's ``_…`` columns).
WIDE_METADATA = {
    "start", "end", "today", "deviceid", "username", "__version__", "meta/instanceid",
    "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "refurl",
    "ipaddr", "token",
}  # fmt: skip
#: Where the respondent code is in a wide export: ours, KoboToolbox, LimeSurvey.
RESPONDENT_COLUMNS = ("respondent", "_uuid", "id", "response id")
#: A LimeSurvey multiple-choice column: ``code[option]`` holding ``Y`` when chosen.
LIMESURVEY_OPTION = re.compile(r"^(?P<code>[^\[\]]+)\[(?P<option>[^\[\]]+)\]$")


@dataclass
class Record:
    """One answer from either layout: the long CSV's row, or one cell of a wide export."""

    row: int
    values: dict[str, str]
    #: The file's own column for each logical column (a wide export names the question).
    columns: dict[str, str] = field(default_factory=dict)


def _long_records(header: list[str], reader) -> list[Record]:
    index = {c: header.index(c) for c in COLUMNS}
    records = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        records.append(Record(number, values))
    return records


def _wide_records(
    header: list[str], reader, form: Form, file_name: str, wave: str | None, errors: list[Problem]
) -> list[Record]:
    """A KoboToolbox or LimeSurvey export (one row per respondent, one column per question)
    as answers in the long layout. Kobo: question columns may carry their group path
    (``grp/s1``), a multiple choice holds the chosen names separated by spaces (its ``…/option``
    0/1 columns are skipped); LimeSurvey: a multiple choice has a column ``code[option]``
    holding ``Y`` when chosen. The group is in column ``groep``; the wave in column ``golf`` or
    given with the import."""
    questions = {q["code"]: q for q in form.questions}
    choice_names = {name: {c for c, _ in items} for name, items in form.choices.items()}
    respondent_column = next((c for c in RESPONDENT_COLUMNS if c in header), None)
    missing = []
    if respondent_column is None:
        missing.append("respondent (of _uuid, id)")
    if "groep" not in header:
        missing.append("groep")
    if "golf" not in header and not wave:
        missing.append("golf")
    if missing:
        errors.append(
            Problem(
                file_name,
                1,
                ", ".join(missing),
                "",
                "Geen lang antwoordbestand (golf, respondent, groep, vraag, antwoord) en als "
                "brede export (KoboToolbox, LimeSurvey) ontbreken: " + ", ".join(missing) + ".",
            )
        )
        return []
    mapped: list[tuple[int, str, str, str | None]] = []  # (index, column, code, option)
    for index, column in enumerate(header):
        if column in ("golf", "groep", respondent_column) or not column:
            continue
        if column.startswith("_") or column in WIDE_METADATA:
            continue
        option_match = LIMESURVEY_OPTION.match(column)
        path = column.split("/")
        if option_match and option_match["code"] in questions:
            mapped.append((index, column, option_match["code"], option_match["option"]))
        elif path[-1] in questions:
            mapped.append((index, column, path[-1], None))
        elif (
            len(path) >= 2
            and questions.get(path[-2], {}).get("type") == "select_multiple"
            and path[-1] in choice_names[questions[path[-2]]["list_name"]]
        ):
            continue  # Kobo's 0/1 column per option; the question's own column has the answer
        else:
            errors.append(
                Problem(
                    file_name, 1, column, "", f"Kolom '{column}' is geen vraag van de vragenlijst."
                )
            )
    if errors:
        return []
    records = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(i: int, row=row) -> str:
            return row[i].strip() if i < len(row) else ""

        base = {
            "golf": cell(header.index("golf")) if "golf" in header else wave or "",
            "respondent": cell(header.index(respondent_column)),
            "groep": cell(header.index("groep")),
        }
        for index, column, code, option in mapped:
            value = cell(index)
            if not value:
                continue
            columns = {"vraag": column, "antwoord": column}
            if option is not None:
                if value.upper() in ("N", "0", "NEE", "NO"):
                    continue
                if value.upper() not in ("Y", "1", "JA", "YES"):
                    errors.append(
                        Problem(file_name, number, column, value, "Verwacht Y (gekozen) of leeg.")
                    )
                    continue
                answers = [option]
            elif questions[code]["type"] == "select_multiple":
                answers = value.split()
            else:
                answers = [value]
            for answer in answers:
                records.append(Record(number, {**base, "vraag": code, "antwoord": answer}, columns))
    return records


def _names_questions(header: list[str], form: Form) -> bool:
    """Whether a header is a wide export's: some column is a question (``code``, ``grp/code``
    or ``code[option]``)."""
    codes = {q["code"] for q in form.questions}
    for column in header:
        option_match = LIMESURVEY_OPTION.match(column)
        if column.split("/")[-1] in codes or (option_match and option_match["code"] in codes):
            return True
    return False


def read_answers(
    content: bytes, file_name: str, form: Form, errors: list[Problem], *, wave: str | None = None
):
    """Check the responses against the questionnaire: {(wave, respondent): (group, [(code,
    value)])}. The long CSV of the format, or a wide KoboToolbox/LimeSurvey export (with
    ``wave`` when the file has no column ``golf``). Problems are appended to ``errors``."""
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        errors.append(
            Problem(file_name, None, "", "", "Het bestand is geen tekst (UTF-8 of cp1252).")
        )
        return {}
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    if all(c in header for c in COLUMNS):
        records = _long_records(header, reader)
    elif not _names_questions(header, form):
        missing = [c for c in COLUMNS if c not in header]
        errors.append(
            Problem(
                file_name,
                1,
                ", ".join(missing),
                "",
                "Verplichte kolom(men) ontbreken: " + ", ".join(missing) + ".",
            )
        )
        return {}
    else:
        records = _wide_records(header, reader, form, file_name, wave, errors)
    return _check(records, file_name, form, errors)


def _check(records: list[Record], file_name: str, form: Form, errors: list[Problem]):
    questions = {q["code"]: q for q in form.questions}
    choice_names = {name: {c for c, _ in items} for name, items in form.choices.items()}
    respondents: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]] = {}
    single: set[tuple[str, str, str]] = set()
    for record in records:
        if len(errors) >= MAX_ERRORS:
            break
        values = record.values

        def problem(column: str, message: str, record=record) -> None:
            errors.append(
                Problem(
                    file_name,
                    record.row,
                    record.columns.get(column, column),
                    record.values.get(column, ""),
                    message,
                )
            )

        for column in ("golf", "respondent", "groep", "vraag"):
            if not values[column]:
                problem(column, f"De kolom {column} is leeg.")
        if any(not values[c] for c in ("golf", "respondent", "groep", "vraag")):
            continue
        if "@" in values["respondent"]:
            problem(
                "respondent",
                "Een respondentcode mag geen e-mailadres zijn: gebruik een betekenisloze code.",
            )
            continue
        if not GROUP_NAME.match(values["groep"]):
            problem("groep", "Een groep is een korte code van kleine letters, cijfers en _.")
            continue
        question = questions.get(values["vraag"])
        if question is None:
            problem("vraag", f"Vraag '{values['vraag']}' staat niet in de vragenlijst.")
            continue
        answer = values["antwoord"]
        kind = question["type"]
        if kind.startswith("select") and answer not in choice_names[question["list_name"]]:
            problem("antwoord", f"'{answer}' is geen keuze van vraag {question['code']}.")
            continue
        if kind in ("integer", "decimal"):
            try:
                number_value = results.number(answer)
            except ValueError:
                problem("antwoord", "Verwacht een getal (decimaalkomma mag).")
                continue
            if kind == "integer" and number_value != number_value.to_integral_value():
                problem("antwoord", "Verwacht een geheel getal.")
                continue
        key = (values["golf"], values["respondent"])
        group, answers = respondents.setdefault(key, (values["groep"], []))
        if group != values["groep"]:
            problem("groep", f"Respondent {values['respondent']} staat al in groep '{group}'.")
            continue
        if kind != "select_multiple":
            marker = (*key, question["code"])
            if marker in single:
                problem(
                    "antwoord",
                    f"Twee antwoorden op vraag {question['code']}, die één antwoord toestaat.",
                )
                continue
            single.add(marker)
        if kind == "text" and not answer:
            continue
        answers.append((question["code"], answer))
    return respondents


@transaction.atomic
def _store(form: Form, respondents, name: str | None, file_name: str) -> Survey:
    survey = Survey.objects.filter(form_id=form.form_id).first()
    if survey is None:
        survey = Survey.objects.create(
            form_id=form.form_id,
            code=slugify(form.form_id)[:60],
            name=name or form.title,
            version=form.version,
            breakdown=form.breakdown,
        )
    else:
        survey.name = name or survey.name
        survey.version = form.version or survey.version
        survey.breakdown = form.breakdown or survey.breakdown
        survey.save(update_fields=["name", "version", "breakdown"])
    for list_name, items in form.choices.items():
        for order, (choice, label) in enumerate(items, start=1):
            Choice.objects.update_or_create(
                survey=survey,
                list_name=list_name,
                name=choice,
                defaults={"label": label, "order": order},
            )
    questions = {}
    for item in form.questions:
        questions[item["code"]], _ = Question.objects.update_or_create(
            survey=survey,
            code=item["code"],
            defaults={k: v for k, v in item.items() if k != "code"},
        )
    by_wave: dict[str, list] = defaultdict(list)
    for (wave_code, respondent), (group, answers) in respondents.items():
        by_wave[wave_code].append((respondent, group, answers))
    for wave_code, items in by_wave.items():
        wave, _ = Wave.objects.get_or_create(survey=survey, code=wave_code)
        wave.responses.all().delete()  # a wave imported again replaces itself
        wave.imported_at = timezone.now()
        wave.source_file = file_name[:200]
        wave.save(update_fields=["imported_at", "source_file"])
        created = Response.objects.bulk_create(
            Response(wave=wave, respondent=respondent, group=group)
            for respondent, group, _ in items
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=questions[code], value=value)
            for response, (_, _, answers) in zip(created, items, strict=True)
            for code, value in answers
        )
    return survey


def import_survey(
    *,
    form: bytes,
    form_name: str,
    answers: bytes,
    answers_name: str,
    name: str | None = None,
    wave: str | None = None,
) -> Outcome:
    """Import a questionnaire and its responses; nothing is stored when anything is wrong.
    ``wave``: the wave of a wide export without a column ``golf``."""
    outcome = Outcome()
    parsed = read_form(form, form_name, outcome.errors)
    respondents = (
        read_answers(answers, answers_name, parsed, outcome.errors, wave=wave) if parsed else {}
    )
    if parsed and not respondents and not outcome.errors:
        outcome.errors.append(
            Problem(answers_name, None, "", "", "Het bestand bevat geen antwoorden.")
        )
    if outcome.errors:
        outcome.status = "rejected"
        return outcome
    survey = _store(parsed, respondents, name, answers_name)
    outcome.survey = survey.code
    outcome.waves = sorted({wave for wave, _ in respondents})
    outcome.respondents = len(respondents)
    return outcome
