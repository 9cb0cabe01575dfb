"""What the council's half-year report says, section by section, from the apps' own selectors,
and its PDF (WeasyPrint, PDF/UA) and DOCX (python-docx).

The figures are the public ones (``publication.public``): the same protected value for the same
cell as the public dashboard and the public API. Nothing in the report names a person: owners
are organisations, stories are the de-identified versions.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.chains import selectors as chains
from wijkregie.commission import selectors as commission
from wijkregie.common.periods import Period
from wijkregie.conversations import selectors as conversations
from wijkregie.indicators import selectors as indicator_selectors
from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors as insights
from wijkregie.organisations.models import Organisation
from wijkregie.pilots import selectors as pilots
from wijkregie.publication import selectors as publication
from wijkregie.reporting.models import Narrative
from wijkregie.signals import selectors as signals
from wijkregie.surveys import selectors as surveys

Progress = Callable[[int, str], None]


@dataclass
class IndicatorBlock:
    indicator: Indicator
    periods: list[str]
    municipality: dict[str, dict]  # period → public row
    organisations: list[tuple[str, dict[str, tuple[str | None, bool]]]]  # name → period → cell
    target: str | None = None


@dataclass
class Content:
    period: str
    label: str
    blocks: list[IndicatorBlock] = field(default_factory=list)
    assignments: list = field(default_factory=list)
    blind_spots: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    overdue: int = 0
    survey: list = field(default_factory=list)
    survey_name: str = ""
    signals: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    stories: list = field(default_factory=list)
    release_checksum: str = ""
    record: list = field(default_factory=list)
    made: dt.datetime | None = None


def trend(period: str, length: int = 4) -> list[str]:
    periods = [Period.parse(period)]
    while len(periods) < length:
        periods.insert(0, periods[0].previous())
    return [str(p) for p in periods]


def content(period: str, *, user, progress: Progress | None = None) -> Content:
    """Every section of the report for ``period``; ``user`` is who asked for it (a municipal
    role: the selectors it needs see aggregates only)."""
    tell = progress or (lambda _percent, _step: None)
    today = timezone.localdate()
    out = Content(period=period, label=Period.parse(period).label, made=timezone.localtime())

    tell(10, _("Figures"))
    release = publication.release()
    out.release_checksum = release.checksum
    periods = trend(period)
    municipality = publication.municipality_code()
    out.record = [r for r in release.record if r["period"] in periods]
    contractors = list(
        Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION).order_by("name")
    )
    indicators = publication.published_indicators()
    per_org = insights.figures(AnonymousUser(), indicators, periods, level="contractors")
    targets = insights.targets(indicators, [period])
    for indicator in indicators:
        rows = {
            r["period"]: r
            for r in publication.rows(release, indicator=indicator.code, area=municipality)
            if r["period"] in periods
        }
        organisations = []
        for organisation in contractors:
            cells = {}
            for p in periods:
                figure = per_org.get((indicator.pk, p, (organisation.pk, None, None)))
                if figure is not None:
                    value, _rule = publication.protect(figure)
                    cells[p] = (value, figure.suppressed)
            if cells:
                organisations.append((organisation.name, cells))
        if rows or organisations:
            target = targets.get((indicator.pk, period, None, None))
            out.blocks.append(
                IndicatorBlock(
                    indicator,
                    periods,
                    rows,
                    organisations,
                    None if target is None else publication.number_text(target),
                )
            )

    tell(25, _("Commission and additional assignments"))
    out.assignments = list(commission.assignment_list(user=user))

    tell(40, _("Pilots"))
    out.blind_spots = pilots.blind_spots(user, today)

    tell(55, _("Decisions and agreements"))
    start, end = Period.parse(period).start, Period.parse(period).end
    out.decisions = [
        e for e in conversations.register(user, today=today)
        if start <= e.decision.meeting.date <= end
    ]  # fmt: skip

    tell(65, _("Change notices"))
    overview = chains.overview(user=user)
    out.notices = [item for _state, _label, items in overview.by_phase for item in items]
    out.overdue = len(overview.overdue)

    tell(75, _("Survey and signals"))
    for survey in surveys.surveys():
        waves, groups, rows = surveys.comparison(user, survey)
        if waves:
            out.survey_name = survey.name
            out.survey = [(row, waves[-1], groups) for row in rows]
            break
    out.signals = signals.aggregates()

    tell(85, _("Measurability"))
    out.findings = indicator_selectors.measurability_findings()

    tell(90, _("The story behind the figures"))
    out.stories = list(
        Narrative.objects.filter(delivery__period=period)
        .exclude(shared_text="")
        .select_related("delivery__organisation", "theme")
        .order_by("delivery__organisation__name", "pk")
    )
    return out


def html(data: Content) -> str:
    return render_to_string("council/report.html", {"report": data})


def pdf(data: Content) -> bytes:
    from weasyprint import HTML  # imported here: Pango is only needed when a PDF is made

    return HTML(string=html(data)).write_pdf(pdf_variant="pdf/ua-1")


def docx(data: Content) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = _("Council report %(period)s") % {"period": data.period}
    document.core_properties.language = "nl-NL"
    document.add_heading(_("The Sociale Wijkteams in the %(label)s") % {"label": data.label}, 0)
    document.add_heading(_("Headline indicators"), 1)
    for block in data.blocks:
        document.add_heading(block.indicator.name, 2)
        table = document.add_table(rows=1, cols=1 + len(block.periods))
        table.rows[0].cells[0].text = ""
        for index, p in enumerate(block.periods, start=1):
            table.rows[0].cells[index].text = p
        cells = table.add_row().cells
        cells[0].text = "Zaanstad"
        for index, p in enumerate(block.periods, start=1):
            row = block.municipality.get(p)
            cells[index].text = "" if row is None else ("×" if row["suppressed"] else row["value"])
        for name, values in block.organisations:
            cells = table.add_row().cells
            cells[0].text = name
            for index, p in enumerate(block.periods, start=1):
                value, suppressed = values.get(p, (None, False))
                cells[index].text = "×" if suppressed else (value or "")
    document.add_heading(_("Measurability"), 1)
    for finding in data.findings:
        document.add_paragraph(f"{finding.subject_name}: {finding.message}", style="List Bullet")
    document.add_heading(_("Decisions and agreements"), 1)
    for entry in data.decisions:
        document.add_paragraph(
            f"{entry.decision.meeting.date:%d-%m-%Y} {entry.decision.meeting.body.name}: "
            f"{entry.decision.text} ({entry.status})",
            style="List Bullet",
        )
    document.add_heading(_("Signals from practice"), 1)
    document.add_paragraph(
        _("%(total)s signals; %(answered)s writers have had an answer.")
        % {"total": data.signals.get("total", 0), "answered": data.signals.get("answered", 0)}
    )
    document.add_heading(_("The story behind the figures"), 1)
    for story in data.stories:
        document.add_paragraph(f"{story.delivery.organisation.name}: {story.shared_text}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
