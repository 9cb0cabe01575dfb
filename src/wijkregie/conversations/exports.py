"""The dossier of a meeting — agenda, minutes, decisions and agreements — for the page, as PDF
(WeasyPrint, from the same HTML template family) and as DOCX (python-docx)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkregie.conversations.models import Meeting
from wijkregie.conversations.text import render_markdown


def dossier(meeting: Meeting) -> dict:
    return {
        "agenda": list(meeting.agenda.select_related("agreement")),
        "minutes_html": render_markdown(meeting.minutes),
        "decisions": list(meeting.decisions.prefetch_related("affected", "agreements")),
        "agreements": list(
            meeting.agreements.select_related("owner", "owner_organisation", "decision")
        ),
        "attendees": list(meeting.attendees.all()),
    }


def file_name(meeting: Meeting, fmt: str) -> str:
    return f"{slugify(meeting.body.name)}-{meeting.date:%Y-%m-%d}.{fmt}"


def dossier_pdf(meeting: Meeting, *, show_names: bool) -> bytes:
    from weasyprint import HTML  # imported here: Pango is only needed when a PDF is made

    html = render_to_string(
        "conversations/dossier_print.html",
        {"meeting": meeting, "show_names": show_names, **dossier(meeting)},
    )
    return HTML(string=html).write_pdf()


def dossier_docx(meeting: Meeting, *, show_names: bool) -> bytes:
    """A Word document with the same sections. Text goes in as plain runs, never as markup,
    so nothing in minutes or agenda notes can become a field, macro or link."""
    from docx import Document

    data = dossier(meeting)
    document = Document()
    document.core_properties.title = str(meeting)
    document.core_properties.language = "nl-NL"
    document.add_heading(f"{meeting.body.name} — {meeting.date:%d-%m-%Y}", level=0)
    if meeting.title:
        document.add_paragraph(meeting.title)
    if meeting.period:
        document.add_paragraph(_("Half-year discussed: %(period)s") % {"period": meeting.period})
    if show_names and data["attendees"]:
        names = ", ".join(a.get_display_name() for a in data["attendees"])
        document.add_paragraph(_("Attendees: %(names)s") % {"names": names})

    document.add_heading(_("Agenda"), level=1)
    for number, item in enumerate(data["agenda"], start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{number}. {item.title}").bold = True
        if item.notes:
            document.add_paragraph(item.notes)

    document.add_heading(_("Minutes"), level=1)
    for block in (meeting.minutes or _("No minutes yet.")).split("\n\n"):
        document.add_paragraph(block.strip())

    document.add_heading(_("Decisions"), level=1)
    for decision in data["decisions"]:
        document.add_paragraph(decision.text, style="List Bullet")
        if decision.rationale:
            document.add_paragraph(_("Rationale: %(text)s") % {"text": decision.rationale})
    if not data["decisions"]:
        document.add_paragraph(_("No decisions recorded."))

    document.add_heading(_("Agreements"), level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, text in zip(header, (_("What"), _("Owner"), _("Due date"), _("Status")), strict=True):
        cell.text = text
    for agreement in data["agreements"]:
        row = table.add_row().cells
        owner = str(agreement.owner_organisation)
        if show_names and agreement.owner:
            owner = f"{agreement.owner.get_display_name()} ({owner})"
        row[0].text = agreement.what
        row[1].text = owner
        row[2].text = f"{agreement.due_date:%d-%m-%Y}"
        row[3].text = agreement.get_status_display()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
