"""A tip from the collaboration survey is taken up as an agenda item of a meeting, and the
survey's list of tips shows where it went."""

from __future__ import annotations

from wijkregie.conversations.models import AgendaItem, Meeting
from wijkregie.surveys.models import Coding


def test_a_tip_taken_up_in_a_meeting_shows_on_the_tips_list(demo, login_as, client):
    tip = Coding.objects.filter(kind=Coding.Kind.TIP).exclude(quote="").first()
    meeting = Meeting.objects.order_by("-date").first()
    login_as("contractmanager")
    response = client.post(
        f"/overleg/vergaderingen/{meeting.pk}/agenda/nieuw/",
        {"title": "Tip uit de enquête", "notes": "", "survey_tip": tip.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = AgendaItem.objects.get(survey_tip=tip)
    assert item.source == AgendaItem.Source.SURVEY_TIP
    page = client.get("/enquetes/samenwerking/tips/").content.decode()
    assert tip.quote in page and str(meeting) in page
    # A tip on the agenda is no longer offered for another item.
    form = client.get(f"/overleg/vergaderingen/{meeting.pk}/agenda/nieuw/").content.decode()
    assert f'value="{tip.pk}"' not in form
