"""The council's half-year report: built in the background with visible progress, published as
an immutable version with its checksum, the same protected values as the public dashboard and
the public API, and the command line of the issue."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from wijkregie.accounts.models import User
from wijkregie.council import report, services
from wijkregie.council.models import CouncilReport
from wijkregie.publication import selectors as publication


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_command_line_writes_the_pdf(demo, tmp_path):
    target = tmp_path / "raad.pdf"
    call_command("rapport", "raad", "--halfjaar", "2026H1", "--uit", str(target))
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "eerste helft van 2026" in text.lower()
    assert "Signalen uit de praktijk" in text
    assert "Wat nog niet te meten is" in text
    stored = CouncilReport.objects.get()
    assert stored.state == CouncilReport.State.READY and not stored.is_published
    with pytest.raises(CommandError):
        call_command("rapport", "raad", "--halfjaar", "2026-1", "--uit", str(target))


def test_the_report_shows_the_public_values(demo, client):
    data = report.content("2026H1", user=User.objects.get(username="contractmanager"))
    api = {
        (r["indicator"], r["period"], r["area"]): r
        for r in client.get("/api/v1/public/values/").json()
    }
    municipality = publication.municipality_code()
    compared = 0
    for block in data.blocks:
        for period, row in block.municipality.items():
            from_api = api[(block.indicator.code, period, municipality)]
            assert row["suppressed"] == from_api["suppressed"]
            if row["value"] is not None:
                assert float(row["value"]) == from_api["value"]
            compared += 1
    assert compared >= 4
    text = _text(report.pdf(data))
    for block in data.blocks:
        row = block.municipality.get("2026H1")
        if row and row["value"]:
            assert row["value"] in text


def test_contract_manager_publishes_and_the_council_downloads(
    demo, client, login_as, django_capture_on_commit_callbacks
):
    login_as("contractmanager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/raad/nieuw/", {"period": "2026H1"})
    assert response.status_code == 302
    draft = CouncilReport.objects.get()
    assert draft.state == CouncilReport.State.READY and draft.progress == 100
    assert len(draft.checksum) == 64
    page = client.get(f"/raad/{draft.pk}/").content.decode()
    assert draft.checksum in page
    client.logout()
    login_as("raadslid")
    assert client.get(f"/raad/{draft.pk}/").status_code == 404  # a draft is not the council's
    assert client.post("/raad/nieuw/", {"period": "2026H1"}).status_code == 403
    client.logout()
    login_as("contractmanager")
    client.post(f"/raad/{draft.pk}/publiceren/")
    draft.refresh_from_db()
    assert draft.version == 1 and draft.is_published
    client.logout()
    login_as("raadslid")
    pdf = client.get(f"/raad/{draft.pk}/rapport.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "raadsrapportage-2026H1-v1.pdf" in pdf["Content-Disposition"]
    docx = client.get(f"/raad/{draft.pk}/rapport.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    # Immutable: neither a change nor a second publication.
    draft.step = "gewijzigd"
    with pytest.raises(ValidationError):
        draft.save()
    with pytest.raises(ValidationError):
        services.publish(draft, user=None)
