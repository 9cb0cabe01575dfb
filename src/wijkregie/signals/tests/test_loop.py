"""The signal loop, replayed as whole scenarios: a professional reports in under five fields,
a policy adviser bundles three signals, puts the issue on a meeting's agenda and records the
decision, and every writer is told (in the app and by e-mail after the commit) and can react;
readers outside the writer's organisation see the de-identified text; the loop's facts."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.common.periods import Period
from wijkregie.conversations.models import Body, Decision, Meeting
from wijkregie.organisations.models import Theme
from wijkregie.reporting.models import Value
from wijkregie.signals import facts, selectors, services
from wijkregie.signals.models import Issue, Notice, Signal
from wijkregie.signals.workflow import ISSUE, SIGNAL, IllegalTransition


def _report(client, title: str, **extra) -> Signal:
    theme = Theme.objects.get(code="armoede")
    response = client.post(
        "/signalen/nieuw/",
        {"title": title, "description": f"{title}: de wachttijd is te lang.", "theme": theme.pk}
        | extra,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Signal.objects.get(title=title)


def test_the_whole_loop_from_report_to_answer(
    demo, client, login_as, django_capture_on_commit_callbacks
):
    writers = ["dock-professional", "incluzio-manager", "aanbieder"]
    signals = []
    for number, username in enumerate(writers, start=1):
        client.logout()
        login_as(username)
        with django_capture_on_commit_callbacks(execute=True):
            signals.append(_report(client, f"Wachtlijst schuldhulp {number}"))
    assert {s.status for s in signals} == {Signal.Status.RECEIVED}
    assert signals[0].handler.username == "ketenregisseur"  # the armoede chain's director
    assert signals[0].organisation.code == "dock"
    assert signals[0].due_date == timezone.localdate() + dt.timedelta(days=20)

    client.logout()
    login_as("beleidsadviseur")
    queue = client.get("/signalen/wachtrij/").content.decode()
    assert all(s.title in queue for s in signals)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/signalen/knelpunten/nieuw/",
            {
                "title": "Wachtlijst schuldhulp",
                "theme": Theme.objects.get(code="armoede").pk,
                "signals": [s.pk for s in signals],
            },
        )
    assert response.status_code == 302
    issue = Issue.objects.get(title="Wachtlijst schuldhulp")
    assert issue.signals.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{w}@demo.wijkregie.invalid" for w in writers
    )
    assert all("gebundeld" in m.body for m in mail.outbox)  # told in Dutch

    body = Body.objects.get(name="Ketenoverleg armoede en schulden")
    meeting = Meeting.objects.create(body=body, date=timezone.localdate() + dt.timedelta(days=14))
    response = client.post(f"/signalen/knelpunten/{issue.pk}/agenderen/", {"meeting": meeting.pk})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.AGENDA and issue.agenda_item.meeting == meeting
    assert meeting.agenda.filter(title__contains="Wachtlijst schuldhulp").exists()

    decision = Decision.objects.create(meeting=meeting, text="Eerste gesprek binnen vijf dagen.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/signalen/knelpunten/{issue.pk}/besluiten/",
            {"decision": decision.pk, "answer": "Vanaf januari binnen vijf werkdagen."},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    assert all("Vanaf januari binnen vijf werkdagen." in m.body for m in mail.outbox)
    for signal in signals:
        signal.refresh_from_db()
        assert signal.status == Signal.Status.ANSWERED and signal.answered_at
        assert SIGNAL.replay(signal) == Signal.Status.ANSWERED
        assert Notice.objects.filter(signal=signal, text__contains="vijf werkdagen").exists()
    assert ISSUE.replay(Issue.objects.get(pk=issue.pk)) == Issue.Status.DECIDED

    # The professional sees the answer and says it does not answer the signal: reopened.
    client.logout()
    login_as("dock-professional")
    mine = client.get("/signalen/").content.decode()
    assert "Wachtlijst schuldhulp 1" in mine and "vijf werkdagen" in mine
    page = client.get(f"/signalen/{signals[0].pk}/").content.decode()
    assert "Vanaf januari binnen vijf werkdagen." in page
    assert not Notice.objects.filter(signal=signals[0], read_at=None).exists()  # read now
    refused = client.post(f"/signalen/{signals[0].pk}/reactie/", {"answers_signal": "0"})
    assert refused.status_code == 400  # a reason is needed to reopen
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/signalen/{signals[0].pk}/reactie/",
            {"answers_signal": "0", "note": "Tot januari staan gezinnen in de kou."},
        )
    signals[0].refresh_from_db()
    assert signals[0].status == Signal.Status.ANALYSIS and signals[0].issue is None
    assert [m.to for m in mail.outbox] == [["ketenregisseur@demo.wijkregie.invalid"]]
    # Another writer is content: closed.
    client.logout()
    login_as("aanbieder")
    client.post(f"/signalen/{signals[2].pk}/reactie/", {"answers_signal": "1"})
    signals[2].refresh_from_db()
    assert signals[2].status == Signal.Status.CLOSED
    # Only the writer reacts.
    assert client.post(
        f"/signalen/{signals[1].pk}/reactie/", {"answers_signal": "1"}
    ).status_code in (403, 404)


def test_a_step_the_workflow_does_not_allow_changes_nothing(demo):
    signal = Signal.objects.filter(status=Signal.Status.CLOSED).first()
    adviser = User.objects.get(username="beleidsadviseur")
    with pytest.raises(IllegalTransition):
        services.signal_take(signal, user=adviser)
    signal.refresh_from_db()
    assert signal.status == Signal.Status.CLOSED


def test_readers_outside_the_writers_organisation_see_the_de_identified_text(
    demo, client, login_as
):
    signal = Signal.objects.filter(description__contains="Petra Hendriks").first()
    assert "Hendriks" not in signal.shared_description
    assert signal.organisation.code != "smd"
    login_as("ketenregisseur")  # outside the writer's organisation
    body = client.get(f"/api/v1/signals/{signal.pk}/").json()
    assert "Hendriks" not in body["description"] and body["description_is_shared_version"]
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "Hendriks" not in page
    colleague = User.objects.filter(
        memberships__organisation=signal.organisation, memberships__role="team_manager"
    ).first()
    client.logout()
    login_as(colleague.username)
    body = client.get(f"/api/v1/signals/{signal.pk}/").json()
    assert "Hendriks" in body["description"] and not body["description_is_shared_version"]
    # A professional of another team sees neither the list entry nor the signal.
    client.logout()
    login_as("dock-professional" if signal.organisation.code != "dock" else "aanbieder")
    listed = {row["id"] for row in client.get("/api/v1/signals/").json()}
    assert signal.pk not in listed
    assert client.get(f"/api/v1/signals/{signal.pk}/").status_code == 404


def test_the_api_reports_a_signal(demo, client, login_as):
    login_as("aanbieder")
    response = client.post(
        "/api/v1/signals/",
        {
            "title": "Vervoer valt uit",
            "description": "Het vervoer komt niet.",
            "theme": "maatschappelijke-ondersteuning",
            "area": "krommenie",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "received" and isinstance(body["id"], int)
    assert body["description"] == "Het vervoer komt niet."  # the writer reads their own text
    bad = client.post(
        "/api/v1/signals/",
        {"title": "x", "description": "y", "theme": "bestaat-niet"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "theme" in bad.json()["errors"]
    listed = client.get("/api/v1/signals/").json()
    assert body["id"] in {row["id"] for row in listed}
    assert {"id", "title", "status"} <= set(listed[0])


def test_overdue_signals_and_the_first_response(demo):
    overdue = list(selectors.overdue())
    assert len(overdue) == 2  # the demo's two signals without a response
    adviser = User.objects.get(username="beleidsadviseur")
    services.signal_take(overdue[0], user=adviser)
    assert list(selectors.overdue()) == overdue[1:]
    assert Signal.objects.get(pk=overdue[0].pk).first_response_at is not None


def test_the_loops_facts_follow_the_signals(demo):
    facts.publish()
    counted = Counter(
        (str(Period.containing(timezone.localtime(s.created_at).date())), s.area_id, s.theme_id)
        for s in Signal.objects.all()
    )
    stored = {
        (v.period, v.area_id, v.theme_id): v.value
        for v in Value.objects.filter(source="signals", indicator__code="SIGNALEN")
    }
    assert stored == {key: n for key, n in counted.items()}
    answered = Value.objects.filter(source="signals", indicator__code="SIGNALEN-MET-ANTWOORD")
    assert (
        sum(v.numerator for v in answered)
        == Signal.objects.filter(answered_at__isnull=False).count()
    )
    assert sum(v.denominator for v in answered) == Signal.objects.count()


def test_the_council_sees_counts_only(demo, client, login_as):
    login_as("raadslid")
    page = client.get("/signalen/cijfers/").content.decode()
    assert "40 signalen" in page
    assert "Hendriks" not in page and "Wachtlijst schuldhulp" not in page
    assert client.get("/signalen/wachtrij/").status_code == 403
    assert client.get("/api/v1/signals/").status_code == 403


def test_a_survey_tip_becomes_a_signal(demo, client, login_as):
    from wijkregie.surveys.models import Coding

    tip = Coding.objects.filter(kind=Coding.Kind.TIP).exclude(quote="").first()
    login_as("beleidsadviseur")
    form = client.get(f"/signalen/nieuw/?tip={tip.pk}").content.decode()
    assert tip.quote in form
    response = client.post(
        "/signalen/nieuw/",
        {
            "title": "Tip uit de enquête",
            "description": tip.quote,
            "theme": Theme.objects.get(code="participatie").pk,
            "survey_tip": tip.pk,
        },
    )
    assert response.status_code == 302
    assert Signal.objects.get(title="Tip uit de enquête").survey_tip == tip
    tips = client.get("/enquetes/samenwerking/tips/").content.decode()
    assert "Tip uit de enquête" in tips


def test_one_facts_task_per_commit_and_none_after_a_rollback(demo):
    from django.db import connection, transaction

    def scheduled() -> int:
        return sum(1 for entry in connection.run_on_commit if entry[1] is services._enqueue_facts)

    adviser = User.objects.get(username="beleidsadviseur")
    waiting = list(selectors.overdue())
    assert scheduled() == 0
    # A rolled-back change takes its task with it, and leaves no mark behind.
    with pytest.raises(RuntimeError), transaction.atomic():
        services.signal_decline(waiting[0], reason="Niet nodig.", user=adviser)
        assert scheduled() == 1
        raise RuntimeError
    assert scheduled() == 0
    # However many signals one transaction changes: one task.
    with transaction.atomic():
        for signal in waiting:
            services.signal_take(signal, user=adviser)
    assert scheduled() == 1
