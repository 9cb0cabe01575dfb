"""The function inside the app: shared versions made by the task (never in the request's own
code), the writer's marked details, previews, re-running over stored texts, the command line,
and web workers that never load deduce."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from conftest import login
from django.core.management import call_command

from wijkregie.accounts.models import User
from wijkregie.deidentification import selectors, services
from wijkregie.deidentification.models import MarkedDetail, Preview
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Organisation
from wijkregie.reporting import services as reporting
from wijkregie.reporting.models import CaseStory, Delivery, Value

pytestmark = pytest.mark.django_db


def test_allow_list_comes_from_the_registers_so_a_new_wijk_is_kept(demo):
    terms = selectors.allow_list()
    for term in ("Poelenburg", "Kogerveld", "Zaandam Noord", "Oud Koog", "Zaanse Begeleiding"):
        assert term in terms
    text = "De jongeren uit Vijfhoek kwamen naar de inloop."
    assert "Vijfhoek" not in services.deidentify(text).text
    Area.objects.create(
        code="vijfhoek",
        name="Vijfhoek",
        municipality_code="GM0479",
        responsible_organisation=Organisation.objects.get(code="dock"),
    )
    assert services.deidentify(text).text == text


def test_a_story_is_shared_after_the_task_with_the_marked_details(demo):
    draft = Delivery.objects.get(organisation__code="dock", period="2026H2")
    writer = User.objects.get(username="dock-manager")
    story = reporting.save_case_story(
        draft,
        user=writer,
        title="Terug naar de bakkerij",
        text="Mevrouw Jansen (62) uit Poelenburg werkt weer bij de bakkerij op de hoek.",
        indicators=[Indicator.objects.get(code="IB-TEAM")],
        marked=["bakkerij op de hoek"],
    )
    assert story.shared_text == (
        "Mevrouw [PERSOON-1] [LEEFTIJD] uit Poelenburg werkt weer bij de [VERWIJDERD]."
    )
    assert selectors.marked_terms("reporting.casestory", story.pk) == ["bakkerij op de hoek"]
    # Saving without the field keeps the marks; removing the text removes them.
    story = reporting.save_case_story(
        draft,
        user=writer,
        title=story.title,
        text=story.text + " Ze is blij.",
        indicators=[Indicator.objects.get(code="IB-TEAM")],
        story=story,
    )
    assert "[VERWIJDERD]" in story.shared_text
    reporting.delete_text(draft, story, user=writer)
    assert not MarkedDetail.objects.exists()


def test_explanations_of_values_are_shared_de_identified(demo):
    value = Value.objects.filter(delivery__isnull=False).exclude(reason="").first()
    assert value.shared_note and "[" not in value.reason
    assert value.shared_note == services.deidentify(value.reason).text


def test_redeidentify_protects_old_stored_texts(demo):
    story = CaseStory.objects.first()
    CaseStory.objects.filter(pk=story.pk).update(shared_text="Oude versie met Mevrouw Bakker erin.")
    out = io.StringIO()
    call_command("redeidentify", stdout=out)
    story.refresh_from_db()
    assert "Bakker" not in story.shared_text
    assert story.shared_text == services.deidentify(story.text).text
    assert "reporting.casestory:" in out.getvalue()


def test_the_writer_previews_before_saving_and_reads_only_their_own_preview(client, demo):
    login(client, "dock-professional")
    response = client.post(
        "/delen/voorbeeld/",
        {"text": "Buurman Henk (79) belde vanaf 06-12345678.", "marked": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Buurman [PERSOON-1] [LEEFTIJD] belde vanaf [TELEFOONNUMMER]." in page
    assert "Henk" not in page
    preview = Preview.objects.get()
    assert preview.done and preview.text == ""  # the raw text is not kept
    assert client.get(f"/delen/voorbeeld/{preview.pk}/").status_code == 200
    client.logout()
    login(client, "incluzio-manager")
    assert client.get(f"/delen/voorbeeld/{preview.pk}/").status_code == 404


def test_the_command_line_prints_the_shared_version_and_the_spans(demo, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Mevrouw Bakker uit Poelenburg belde.\n"))
    out = io.StringIO()
    call_command("deidentify", stdout=out)
    assert out.getvalue() == "Mevrouw [PERSOON-1] uit Poelenburg belde.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("Bel 06-12345678."))
    out = io.StringIO()
    call_command("deidentify", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["text"] == "Bel [TELEFOONNUMMER]."
    assert data["spans"] == [
        {
            "start": 4,
            "end": 15,
            "kind": "telefoon",
            "tag": "TELEFOONNUMMER",
            "text": "06-12345678",
            "detector": "pattern",
        }
    ]


WEB_WORKER = """
import sys, django
django.setup()
from django.urls import get_resolver
from django.test import Client

def walk(resolver):
    for p in resolver.url_patterns:
        if hasattr(p, "url_patterns"):
            walk(p)
        else:
            p.callback
walk(get_resolver())
import wijkregie.wsgi  # the web worker's entry point
Client().get("/health/")
print("deduce" in sys.modules)
"""


def test_a_web_worker_never_loads_deduce():
    """Every view, API module and the WSGI application import without deduce."""
    result = subprocess.run(
        [sys.executable, "-c", WEB_WORKER],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "wijkregie.conf.ci"},
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr
