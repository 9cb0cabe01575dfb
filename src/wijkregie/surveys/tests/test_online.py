"""Answering online through one-time invitation links: anonymous, one-time, progress kept,
conditions respected, checked as the import checks a file."""

from __future__ import annotations

import datetime as dt
import re

from django.core.management import call_command
from django.utils import timezone

from wijkregie.surveys import online
from wijkregie.surveys.models import Answer, Invitation, Response, Wave

URL = "/enquetes/invullen/{}/"


def test_a_partner_answers_once_and_nothing_links_the_answer_to_the_link(demo, client):
    wave = Wave.objects.get(code="2027")
    page = client.get(URL.format("demo-voorveld-1"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Het is gemakkelijk om in contact te komen met de wijkteams." in text  # own wording
    assert "met de organisaties in het voorveld" not in text

    response = client.post(
        URL.format("demo-voorveld-1"),
        {"samenwerking": "ja", "s2_contact": "4", "thema": ["mo", "arm"], "versturen": ""},
    )
    assert response.status_code == 200
    assert "anoniem" in response.content.decode()
    [stored] = Response.objects.filter(wave=wave)
    assert stored.group == "voorveld" and stored.respondent.startswith("online-")
    assert sorted(stored.answers.values_list("value", flat=True)) == ["4", "arm", "ja", "mo"]
    invitation = Invitation.objects.get(token_hash=online.token_hash("demo-voorveld-1"))
    assert invitation.used and invitation.draft == {}
    # Nothing on the invitation points at the response, nor the other way round.
    assert {f.name for f in Invitation._meta.get_fields()} == {
        "id",
        "wave",
        "group",
        "token_hash",
        "draft",
        "used",
    }
    # One time only.
    assert client.get(URL.format("demo-voorveld-1")).status_code == 410
    again = client.post(URL.format("demo-voorveld-1"), {"s2_contact": "1", "versturen": ""})
    assert again.status_code == 410
    assert Response.objects.filter(wave=wave).count() == 1


def test_progress_is_kept_until_sent(demo, client):
    client.post(
        URL.format("demo-wijkteam-1"), {"samenwerking": "ja", "s1_bijdrage": "5", "opslaan": ""}
    )
    assert not Response.objects.filter(wave__code="2027").exists()
    page = client.get(URL.format("demo-wijkteam-1")).content.decode()
    checked = re.findall(r'<input type="radio" name="(\w+)" value="(\w+)"[^>]*checked', page)
    assert set(checked) == {("samenwerking", "ja"), ("s1_bijdrage", "5")}


def test_a_condition_drops_answers_that_do_not_apply(demo, client):
    client.post(
        URL.format("demo-voorveld-2"),
        {"samenwerking": "nee", "s1_bijdrage": "5", "tip": "Meer overleg.", "versturen": ""},
    )
    values = set(
        Answer.objects.filter(response__wave__code="2027").values_list("question__code", "value")
    )
    assert values == {("samenwerking", "nee"), ("tip", "Meer overleg.")}


def test_bad_answers_unknown_links_and_closed_waves(demo, client):
    bad = client.post(URL.format("demo-voorveld-3"), {"s1_bijdrage": "9", "versturen": ""})
    assert bad.status_code == 400
    assert client.post(URL.format("demo-voorveld-3"), {"versturen": ""}).status_code == 400
    assert client.get(URL.format("geen-geldige-link")).status_code == 404
    Wave.objects.filter(code="2027").update(open_until=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(URL.format("demo-voorveld-3")).status_code == 410
    assert not Response.objects.filter(wave__code="2027").exists()


def test_invitations_from_the_command_line_and_the_response_rate(demo, capsys, login_as):
    until = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    call_command(
        "enquete",
        "uitnodigingen",
        "samenwerking",
        "--golf",
        "2028",
        "--groep",
        "voorveld",
        "--aantal",
        "2",
        "--open-tot",
        until,
    )
    links = capsys.readouterr().out.split()
    assert len(links) == 2 and all(link.startswith("/enquetes/invullen/") for link in links)
    wave = Wave.objects.get(code="2028")
    assert online.response_rate(wave) == {"voorveld": (2, 0)}
    token = links[0].rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_hash=token).exists()  # only the hash is kept
    client = login_as("beleidsadviseur")
    client.logout()
    answer = {"samenwerking": "ja", "s2_contact": "3", "versturen": ""}
    assert client.post(links[0], answer).status_code == 200
    assert online.response_rate(wave) == {"voorveld": (2, 1)}
    login_as("beleidsadviseur")
    page = client.get("/enquetes/samenwerking/").content.decode()
    assert "voorveld: 1 van 2 uitnodigingen beantwoord" in page
