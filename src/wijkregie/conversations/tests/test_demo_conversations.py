"""The demo's meetings through the pages, exports and API: the kerngroep's decisions and their
realisation, the result-conversation dossier as PDF and DOCX (opened with pypdf and
python-docx), minutes with a script that stays inert, and who sees which decisions."""

import io

import docx
import pypdf
import pytest
from conftest import login

from wijkregie.conversations.models import Body, Meeting

pytestmark = pytest.mark.django_db


def test_the_memory_of_the_partnership(demo, client):
    login(client, "contractmanager")
    register = client.get(
        "/overleg/besluiten/", {"q": "", "body": Body.objects.get(kind="kerngroep").pk}
    )
    text = register.content.decode()
    assert "4 besluiten" in text
    assert "gerealiseerd 0 · deels gerealiseerd 2 · niet gerealiseerd 2" in text

    api = client.get("/api/v1/decisions/", {"q": "overdrachtsprotocol"}).json()
    assert [d["realisation"] for d in api] == ["partly"]
    assert {a["status"] for a in api[0]["agreements"]} == {"done", "dropped"}

    overdue = client.get("/api/v1/agreements/", {"overdue": "true"}).json()
    assert "Opzet gezamenlijke evaluatie pilot IB" in {a["what"] for a in overdue}
    assert all(a["status"] in ("open", "in_progress") for a in overdue)
    assert client.get("/api/v1/agreements/", {"status": "klaar"}).status_code == 400

    # The dossier of DOCK's result conversation, with minutes that try to run a script.
    conversation = Meeting.objects.get(body__name="Resultaatgesprek DOCK", period="2026H1")
    # The demo loader writes its generated agenda in Dutch, as the pages do.
    assert conversation.agenda.filter(title__contains="tegen een streefwaarde van").exists()
    response = client.post(
        f"/overleg/vergaderingen/{conversation.pk}/bewerken/",
        {
            "date": "2026-10-13",
            "title": "Resultaatgesprek 2026H1",
            "period": "2026H1",
            "minutes": "## Verslag\n\n- werkplezier besproken\n\n<script>alert('x')</script>",
            "version": conversation.version,
        },
    )
    assert response.status_code == 302
    page = client.get(f"/overleg/vergaderingen/{conversation.pk}/").content.decode()
    assert "<h2>Verslag</h2>" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page

    pdf = client.get(f"/overleg/vergaderingen/{conversation.pk}/dossier.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "resultaatgesprek-dock-2026-10-13.pdf" in pdf["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    pdf_text = " ".join(p.extract_text() for p in reader.pages)
    assert "Resultaatgesprek DOCK" in pdf_text and "Werkplezier van de professionals" in pdf_text
    assert "werkplezier besproken" in pdf_text

    word = client.get(f"/overleg/vergaderingen/{conversation.pk}/dossier.docx")
    document = docx.Document(io.BytesIO(word.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Resultaatgesprek DOCK — 13-10-2026" in paragraphs
    assert "Werkplezier van de professionals" in paragraphs
    assert document.tables[0].rows[0].cells[0].text == "Wat"

    # Incluzio's manager does not see DOCK's result-conversation decisions.
    client.logout()
    login(client, "incluzio-manager")
    decisions = client.get("/api/v1/decisions/").json()
    assert not any(d["body"] == "Resultaatgesprek DOCK" for d in decisions)
    agreements = client.get("/api/v1/agreements/").json()
    assert "dock" in {a["owner_organisation"] for a in agreements}  # e.g. in the kerngroep
    dock_meetings = set(
        Meeting.objects.filter(body__name="Resultaatgesprek DOCK").values_list("pk", flat=True)
    )
    assert dock_meetings and not any(a["meeting"] in dock_meetings for a in agreements)
    assert client.get(f"/overleg/vergaderingen/{conversation.pk}/dossier.pdf").status_code == 403
