"""The report of a survey: one wave, or all waves as a trend, as PDF (WeasyPrint, PDF/UA) and
XLSX, with the same tables as the survey page — the per-statement results of both groups with
their valid n, the differences beyond chance, the results per option of the breakdown list, the
de-identified quotes and the tips. Small groups are hidden as on the page."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from wijkregie.common.xlsx import workbook_bytes, write_sheet
from wijkregie.surveys import selectors
from wijkregie.surveys.models import Survey


def context(user, survey: Survey, wave: str | None = None) -> dict:
    waves, groups, rows = selectors.comparison(user, survey)
    data = selectors.survey_results(user, survey)
    tables = selectors.breakdown(user, survey)
    if wave:
        waves = [w for w in waves if w == wave]
        tables = [t for t in tables if t.wave == wave]
    return {
        "survey": survey,
        "wave": wave,
        "waves": waves,
        "groups": groups,
        "rows": rows,
        "respondents": {w["wave"]: w["groups"] for w in data["waves"] if w["wave"] in waves},
        "likert_labels": selectors.likert_labels(survey),
        "breakdown": tables,
        "quotes": selectors.quotes(survey),
        "tips": [t for t in selectors.tips(survey) if t.quote],
        "threshold": settings.WIJKREGIE_SURVEY_THRESHOLD,
        "printed": timezone.localtime(),
    }


def report_pdf(user, survey: Survey, wave: str | None = None) -> bytes:
    from weasyprint import HTML  # imported here: Pango is only needed when a PDF is made

    html = render_to_string("surveys/report.html", context(user, survey, wave))
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def report_xlsx(user, survey: Survey, wave: str | None = None) -> bytes:
    ctx = context(user, survey, wave)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statements")[:31]
    headers = [
        _("Statement"),
        _("Group"),
        _("Wording"),
        _("Wave"),
        "n",
        _("Agree (%)"),
        *(f"{i}. {label} (%)" for i, label in enumerate(ctx["likert_labels"], start=1)),
        _("Since the previous wave (points)"),
        _("Beyond chance"),
    ]
    lines = []
    for row in ctx["rows"]:
        for group, label in row.labels.items():
            for wave_code in ctx["waves"]:
                cell = row.cells.get((wave_code, group))
                if cell is None:
                    continue
                if cell.suppressed:
                    lines.append(
                        [row.code, group, label, wave_code, None, None, *([None] * 5), None, None]
                    )
                    continue
                lines.append(
                    [
                        row.code,
                        group,
                        label,
                        wave_code,
                        cell.n,
                        cell.agree,
                        *cell.shares,
                        cell.change_points,
                        _("yes") if cell.change is not None else "",
                    ]
                )
    write_sheet(sheet, headers, lines)
    gaps = book.create_sheet(_("Groups compared")[:31])
    write_sheet(
        gaps,
        [_("Statement"), _("Wave"), _("Higher"), _("Lower"), _("Points")],
        [
            [row.code, wave_code, *gap]
            for row in ctx["rows"]
            for wave_code in ctx["waves"]
            if (gap := row.gaps.get(wave_code))
        ],
    )
    if ctx["breakdown"]:
        per_option = book.create_sheet(_("Per organisation")[:31])
        write_sheet(
            per_option,
            [
                _("Wave"),
                _("Group"),
                _("Option"),
                _("Respondents"),
                _("Statement"),
                "n",
                _("Agree (%)"),
            ],
            [
                [table.wave, table.group, label, table.respondents[name], statement, n, agree]
                for table in ctx["breakdown"]
                for statement, cells in table.rows
                for (name, label), (n, agree) in zip(table.options, cells, strict=True)
            ],
        )
    quotes = book.create_sheet(_("Open answers")[:31])
    write_sheet(
        quotes,
        [_("Statement"), _("Code"), _("Theme"), _("Wave"), _("Quote (de-identified)")],
        [
            [
                title,
                coding.get_kind_display(),
                coding.theme,
                coding.answer.response.wave.code,
                coding.quote,
            ]
            for title, good, better in ctx["quotes"]
            for coding in (*good, *better)
        ],
    )
    tips = book.create_sheet(_("Tips")[:31])
    write_sheet(
        tips,
        [_("Wave"), _("Tip (de-identified)"), _("Theme"), _("Follow-up")],
        [
            [tip.answer.response.wave.code, tip.quote, tip.theme, follow_up(tip)]
            for tip in ctx["tips"]
        ],
    )
    return workbook_bytes(book)


def follow_up(tip) -> str:
    """What became of a tip: the meetings whose agenda takes it up, the signals it became, and
    the analyst's note."""
    parts = [
        _("on the agenda of %(meeting)s") % {"meeting": item.meeting}
        for item in tip.agenda_items.all()
    ]
    parts += [
        _("reported as the signal “%(title)s” (%(status)s)")
        % {"title": signal.title, "status": signal.get_status_display()}
        for signal in tip.signals.all()
    ]
    if tip.follow_up:
        parts.append(tip.follow_up)
    return "; ".join(parts)
