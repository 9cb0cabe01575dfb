"""Change notices: replayed scenarios, illegal transitions refused, party suggestion,
notifications and reminders (mail outbox), and that a party never sees what is not its own."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.chains import selectors, services, workflow
from wijkregie.chains.models import AffectedParty, Chain, ChangeNotice, Notification
from wijkregie.commission.models import AdditionalAssignment, Requirement
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Organisation

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


def user(name):
    return User.objects.get(username=name)


@pytest.fixture
def wmo(demo):
    return Chain.objects.get(name__startswith="Keten Wmo")


def draft(chain, **links):
    return services.notice_create(
        chain=chain,
        data={
            "title": "Nieuwe toegang tot dagbesteding",
            "what_changes": "Inloop zonder indicatie.",
            "why": "Lagere drempel.",
            "effective_from": dt.date(2026, 7, 1),
        },
        actor=user("ketenregisseur"),
        now=NOW,
        **links,
    )


def party(notice, code) -> AffectedParty:
    return notice.affected_parties.get(organisation__code=code)


def reload(notice):
    return ChangeNotice.objects.get(pk=notice.pk)


def test_full_scenario_consult_decide_publish_acknowledge(wmo, django_capture_on_commit_callbacks):
    director = user("ketenregisseur")
    notice = draft(wmo)
    assert notice.state == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.notice_start_consultation(
            notice=notice,
            expected_version=notice.version,
            deadline=dt.date(2026, 3, 20),
            actor=director,
            now=NOW,
        )
    # Every addressed party's users got an in-app notification and e-mail.
    assert Notification.objects.filter(user__username="aanbieder", notice=notice).exists()
    assert any("h.degroot@zaansebegeleiding.example" in m.to for m in mail.outbox)
    concern = services.response_submit(
        party=party(notice, "zaanse-begeleiding"),
        position="concerns",
        text="Wat betekent dit voor onze groepen?",
        actor=user("aanbieder"),
        now=NOW + dt.timedelta(days=2),
    )
    with pytest.raises(workflow.IllegalTransition, match="Beantwoord elke zorg"):
        services.notice_decide(
            notice=reload(notice),
            expected_version=reload(notice).version,
            decision="Ja.",
            decided_on=dt.date(2026, 3, 25),
            decided_by_body="Wethouder",
            actor=director,
            now=NOW + dt.timedelta(days=23),
        )
    services.response_answer(
        response=concern,
        answer="Uw groepen blijven bestaan.",
        actor=director,
        now=NOW + dt.timedelta(days=3),
    )
    with pytest.raises(workflow.IllegalTransition, match="Wacht tot de termijn"):
        services.notice_decide(
            notice=reload(notice),
            expected_version=reload(notice).version,
            decision="Ja.",
            decided_on=dt.date(2026, 3, 5),
            decided_by_body="Wethouder",
            actor=director,
            now=NOW + dt.timedelta(days=3),
        )
    decided = services.notice_decide(
        notice=reload(notice),
        expected_version=reload(notice).version,
        decision="Ja.",
        decided_on=dt.date(2026, 3, 25),
        decided_by_body="Wethouder",
        actor=director,
        now=NOW + dt.timedelta(days=23),
    )
    assert decided.state == "decided"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = services.notice_publish(
            notice=decided,
            expected_version=decided.version,
            summary="Inloop in dagbesteding zonder indicatie vanaf 1 juli.",
            actor=director,
            now=NOW + dt.timedelta(days=24),
        )
    assert published.state == "published"
    assert all(p.notified_at for p in published.affected_parties.filter(included=True))
    assert mail.outbox and "Inloop in dagbesteding" in mail.outbox[0].body
    services.acknowledge(
        party=party(published, "zaanse-begeleiding"), name="Anton Smit", actor=user("aanbieder")
    )
    with pytest.raises(workflow.IllegalTransition, match="al bevestigd"):
        services.acknowledge(
            party=party(published, "zaanse-begeleiding"), name="Anton Smit", actor=user("aanbieder")
        )
    events = [
        (e.from_state, e.to_state)
        for e in published.events.all()
        if e.from_state and e.from_state != e.to_state
    ]
    assert events == [
        ("draft", "consultation"),
        ("consultation", "decided"),
        ("decided", "published"),
    ]


def test_deciding_without_consultation_needs_a_reason(wmo):
    notice = draft(wmo)
    with pytest.raises(workflow.IllegalTransition, match="verantwoording"):
        services.notice_decide(
            notice=notice,
            expected_version=notice.version,
            decision="Ja.",
            decided_on=dt.date(2026, 3, 2),
            decided_by_body="x",
            actor=user("ketenregisseur"),
        )
    decided = services.notice_decide(
        notice=notice,
        expected_version=notice.version,
        decision="Ja.",
        decided_on=dt.date(2026, 3, 2),
        decided_by_body="x",
        skip_reason="Spoed na incident.",
        actor=user("ketenregisseur"),
    )
    assert decided.skip_consultation_reason == "Spoed na incident."
    assert "Spoed na incident" in decided.events.last().note


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [
        ("draft", "published"),
        ("consultation", "published"),
        ("consultation", "draft"),
        ("decided", "consultation"),
        ("published", "decided"),
        ("published", "draft"),
    ],
)
def test_illegal_transitions(wmo, from_state, to_state):
    notice = ChangeNotice(
        chain=wmo,
        state=from_state,
        title="x",
        what_changes="x",
        why="x",
        effective_from=dt.date(2026, 1, 1),
    )
    with pytest.raises(workflow.IllegalTransition):
        workflow.check(notice, to_state, today=dt.date(2026, 1, 1), skip_reason="r", summary="s")


def test_consultation_needs_parties_and_a_future_deadline(wmo):
    notice = draft(wmo)
    with pytest.raises(workflow.IllegalTransition, match="termijn"):
        services.notice_start_consultation(
            notice=notice,
            expected_version=notice.version,
            deadline=dt.date(2026, 3, 1),
            actor=None,
            now=NOW,
        )
    for p in notice.affected_parties.all():
        services.party_remove(party=p, reason="Test", actor=None)
    with pytest.raises(workflow.IllegalTransition, match="ten minste één partij"):
        services.notice_start_consultation(
            notice=notice,
            expected_version=notice.version,
            deadline=dt.date(2026, 4, 1),
            actor=None,
            now=NOW,
        )


def test_suggested_parties_come_from_the_chain_and_what_changes(demo):
    armoede = Chain.objects.get(name__startswith="Keten armoede")
    notice = services.notice_create(
        chain=armoede,
        data={"title": "x", "what_changes": "x", "why": "x", "effective_from": dt.date(2027, 1, 1)},
        requirements=Requirement.objects.filter(code="PvE-4.3"),
        assignments=AdditionalAssignment.objects.filter(title="Zomeraanpak jongerenwerk"),
    )
    reasons = {p.organisation.code: p.suggestion_reason for p in notice.affected_parties.all()}
    assert "Keten armoede en schulden" in reasons["humanitas-zaanstreek"]
    # The assignment was commissioned by OOV, which is in no chain: suggested all the same.
    assert "openbare-orde-en-veiligheid" in reasons
    assert all(p.suggested for p in notice.affected_parties.all())


def test_removal_needs_a_reason_and_stays_on_record(wmo):
    notice = draft(wmo)
    provider = party(notice, "dagbesteding-de-werf")
    with pytest.raises(ValidationError):
        services.party_remove(party=provider, reason="  ", actor=user("ketenregisseur"))
    services.party_remove(
        party=provider, reason="Geen dagbesteding in dit besluit.", actor=user("ketenregisseur")
    )
    provider.refresh_from_db()
    assert not provider.included and provider.removal_reason.startswith("Geen dagbesteding")
    assert provider.removed_by.username == "ketenregisseur"
    assert AffectedParty.objects.filter(pk=provider.pk).exists()  # never deleted
    assert "Dagbesteding De Werf (fictief) verwijderd" in notice.events.last().note


def test_only_someone_of_the_party_responds(wmo):
    notice = draft(wmo)
    notice = services.notice_start_consultation(
        notice=notice,
        expected_version=notice.version,
        deadline=dt.date(2026, 3, 20),
        actor=None,
        now=NOW,
    )
    with pytest.raises(PermissionDenied):
        services.response_submit(
            party=party(notice, "zaanse-begeleiding"),
            position="agrees",
            text="Namens een ander.",
            actor=user("dock-manager"),
            now=NOW,
        )
    with pytest.raises(workflow.IllegalTransition, match="termijn"):
        services.response_submit(
            party=party(notice, "dock"),
            position="agrees",
            text="Te laat.",
            actor=user("dock-manager"),
            now=NOW + dt.timedelta(days=30),
        )


def test_a_provider_never_sees_notices_not_addressed_to_it(demo):
    aanbieder = user("aanbieder")
    titles = {p.notice.title for p in selectors.inbox(user=aanbieder)}
    assert titles == {"IB wordt onderdeel van de hoofdopdracht per 1 januari 2024"}
    other = AffectedParty.objects.exclude(organisation__code="zaanse-begeleiding").first()
    assert not aanbieder.has_perm("chains.view_party_notice", other)
    # Not addressed any more: gone from the inbox.
    mine = AffectedParty.objects.get(organisation__code="zaanse-begeleiding")
    AffectedParty.objects.filter(pk=mine.pk).update(included=False)
    assert not selectors.inbox(user=aanbieder).exists()


def test_drafts_stay_out_of_every_inbox(demo):
    smd = user("smd-manager")
    assert not any(p.notice.state == "draft" for p in selectors.inbox(user=smd))


def test_reminders_go_once_per_interval(demo, settings, django_capture_on_commit_callbacks):
    settings.WIJKREGIE_ACKNOWLEDGE_DAYS = 10
    mail.outbox.clear()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_reminders(now=now)
    # Demo: Thuis in de Zaanstreek (IB notice, 2023) and parties of the energy notice that did
    # not acknowledge (published 28 days ago) are overdue.
    assert first >= 1
    recipients = {address for m in mail.outbox for address in m.to}
    assert "s.ouali@thuisindezaanstreek.example" in recipients
    assert services.send_reminders(now=now + dt.timedelta(days=1)) == 0  # not again so soon
    assert services.send_reminders(now=now + dt.timedelta(days=11)) == first


def test_overview_counts(demo):
    overview = selectors.overview(user=user("contractmanager"))
    phases = {state: items for state, _label, items in overview.by_phase}
    ib = next(s for s in phases["published"] if s.notice.title.startswith("IB"))
    assert (ib.addressed, ib.consulted, ib.acknowledged) == (8, 8, 7)
    assert ib.acknowledged_pct == 88
    assert ib.responses == {"agrees": 5, "concerns": 2, "objects": 1}
    overdue = {(p.organisation.code, p.notice.title[:2]) for p in overview.overdue}
    assert ("thuis-in-de-zaanstreek", "IB") in overdue
    assert [len(items) for _s, _l, items in overview.by_phase] == [1, 1, 0, 2]


def test_stale_versions_are_refused(wmo):
    notice = draft(wmo)
    services.notice_update(
        notice=notice, expected_version=notice.version, data={"title": "Eerste"}, actor=None
    )
    with pytest.raises(ConcurrentEditError):
        services.notice_start_consultation(
            notice=notice, expected_version=1, deadline=dt.date(2026, 4, 1), actor=None, now=NOW
        )


def test_contacts_must_work_at_the_party(demo):
    wmo = Chain.objects.get(name__startswith="Keten Wmo")
    with pytest.raises(ValidationError):
        services.party_set(
            chain=wmo,
            organisation=Organisation.objects.get(code="dock"),
            role="referrer",
            contacts=Organisation.objects.get(code="smd").contacts.all(),
        )


def test_no_mail_leaves_when_the_change_is_rolled_back(wmo, django_capture_on_commit_callbacks):
    from django.db import transaction

    notice = draft(wmo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.notice_start_consultation(
                    notice=notice,
                    expected_version=notice.version,
                    deadline=dt.date(2026, 3, 20),
                    actor=None,
                    now=NOW,
                )
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert reload(notice).state == "draft"
