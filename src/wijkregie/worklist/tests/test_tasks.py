"""The start page's tasks: per demo role the real open work, counts equal to the lists behind
them, links only to pages the user may open, and tasks that go away when they are done."""

from __future__ import annotations

import re

import pytest
from conftest import login
from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.worklist import selectors

DEMO_USERS = (
    "contractmanager",
    "ketenregisseur",
    "beleidsadviseur",
    "dock-manager",
    "incluzio-manager",
    "smd-manager",
    "dock-professional",
    "aanbieder",
    "raadslid",
    "beheerder",
)


def _keys(username: str) -> dict[str, int]:
    user = User.objects.get(username=username)
    return {task.key: task.count for task in selectors.tasks_for(user)}


@pytest.mark.parametrize("username", DEMO_USERS)
def test_counts_match_the_lists_and_every_link_opens(client, demo, username):
    login(client, username)
    user = User.objects.get(username=username)
    tasks = selectors.tasks_for(user)
    start = client.get("/").content.decode()
    api = client.get("/api/v1/me/tasks/").json()
    assert [(row["key"], row["count"]) for row in api] == [(t.key, t.count) for t in tasks]
    # (Opening an item may settle it, e.g. reading an answer: the links are followed last.)
    for task in tasks:
        page = client.get(f"/taken/{task.key}/")
        assert page.status_code == 200, task.key
        html = page.content.decode()
        listed = re.search(rf'data-task-items="{task.key}">(.*?)</ol>', html, re.S)
        shown = listed.group(1).count("<li>") if listed else 0
        assert shown == task.count, task.key
        if task.count:
            assert f'data-task="{task.key}"' in start
            assert f'data-count="{task.count}"' in start
    for task in tasks:
        for url in {item.url for item in task.items} | {task.list_url}:
            assert client.get(url).status_code == 200, (task.key, url)
    for watch in selectors.watched_for(user):
        assert watch.figure in start
        assert client.get(watch.url).status_code == 200, watch.url


def test_every_demo_role_with_work_sees_it(demo):
    """The demo's own open work shows on the start pages of the roles it belongs to."""
    assert _keys("contractmanager")["deliveries_late"] >= 1  # SMD's sent-back delivery
    assert _keys("contractmanager")["requests_to_decide"] >= 1
    assert _keys("ketenregisseur")["acknowledgements_overdue"] >= 1
    assert _keys("ketenregisseur")["signals_to_triage"] >= 1
    assert _keys("smd-manager")["deliveries_to_submit"] == 1
    assert _keys("incluzio-manager")["consultations_to_answer"] >= 1
    assert _keys("dock-professional")["signal_answers"] >= 1
    assert _keys("raadslid") == {"agreements_due": 0}


def test_the_late_smd_delivery_leaves_the_list_when_it_is_submitted(demo):
    from wijkregie.reporting import services
    from wijkregie.reporting.models import Delivery

    manager = User.objects.get(username="contractmanager")
    late = selectors.task_for(manager, "deliveries_late")
    assert any(item.label.startswith("SMD") for item in late.items)
    delivery = Delivery.objects.get(organisation__code="smd", state=Delivery.State.SENT_BACK)
    services.submit(delivery, user=User.objects.get(username="smd-manager"))
    assert not any(
        item.label.startswith("SMD")
        for item in selectors.task_for(manager, "deliveries_late").items
    )
    review = selectors.task_for(manager, "deliveries_to_review")
    assert [item.url for item in review.items] == [f"/leveringen/{delivery.pk}/"]
    assert (
        selectors.task_for(User.objects.get(username="smd-manager"), "deliveries_to_submit").count
        == 0
    )


def test_an_acknowledgement_removes_the_overdue_party(demo):
    from wijkregie.chains import services
    from wijkregie.chains.models import AffectedParty

    director = User.objects.get(username="ketenregisseur")
    before = selectors.task_for(director, "acknowledgements_overdue")
    first = before.oldest
    party = AffectedParty.objects.get(
        notice_id=int(first.url.rstrip("/").rsplit("/", 1)[1]),
        organisation__name=first.label.split(" — ")[0],
    )
    speaker = User.objects.create(username="erkenner")
    from wijkregie.accounts.models import Membership
    from wijkregie.accounts.roles import Role

    Membership.objects.create(user=speaker, organisation=party.organisation, role=Role.PARTNER_USER)
    speaker = User.objects.get(pk=speaker.pk)
    services.acknowledge(party=party, name="A. Smit", actor=speaker)
    assert selectors.task_for(director, "acknowledgements_overdue").count == before.count - 1


def test_an_agreement_due_this_month_shows_for_its_owner_until_it_is_done(demo):
    from wijkregie.conversations import services
    from wijkregie.conversations.models import Agreement

    owner = User.objects.get(username="incluzio-manager")
    today = timezone.localdate()
    agreement = Agreement.objects.filter(status__in=Agreement.OPEN_STATES).first()
    Agreement.objects.filter(pk=agreement.pk).update(
        owner=owner, due_date=today + timezone.timedelta(days=20)
    )
    task = selectors.task_for(owner, "agreements_due", today)
    assert f"/overleg/afspraken/{agreement.pk}/" in [item.url for item in task.items]
    Agreement.objects.filter(pk=agreement.pk).update(due_date=today + timezone.timedelta(days=60))
    assert f"/overleg/afspraken/{agreement.pk}/" not in [
        item.url for item in selectors.task_for(owner, "agreements_due", today).items
    ]
    Agreement.objects.filter(pk=agreement.pk).update(due_date=today)
    agreement.refresh_from_db()
    services.agreement_set_status(
        agreement,
        status=Agreement.Status.DONE,
        note="Gedaan.",
        user=owner,
        expected_version=agreement.version,
    )
    assert f"/overleg/afspraken/{agreement.pk}/" not in [
        item.url for item in selectors.task_for(owner, "agreements_due", today).items
    ]


def test_the_api_lists_the_same_tasks(client, demo):
    login(client, "ketenregisseur")
    rows = client.get("/api/v1/me/tasks/").json()
    expected = selectors.tasks_for(User.objects.get(username="ketenregisseur"))
    assert [(r["key"], r["count"], len(r["items"])) for r in rows] == [
        (t.key, t.count, t.count) for t in expected
    ]
    triage = next(r for r in rows if r["key"] == "signals_to_triage")
    assert triage["oldest"]["url"].startswith("/signalen/")
    assert set(triage) == {
        "key",
        "title",
        "action",
        "count",
        "date_label",
        "oldest",
        "list_url",
        "items",
    }


def test_an_unknown_kind_is_not_found_and_a_foreign_kind_is_refused(client, demo):
    login(client, "dock-professional")
    assert client.get("/taken/bestaat-niet/").status_code == 404
    assert client.get("/taken/requests_to_decide/").status_code == 403


def test_the_contract_manager_watches_the_approved_deliveries(demo):
    from wijkregie.common.periods import Period

    manager = User.objects.get(username="contractmanager")
    today = timezone.localdate()
    watched = {str(w.label): w.figure for w in selectors.watched_for(manager, today)}
    ended = Period.containing(today).previous()
    from wijkregie.reporting.models import Delivery

    approved = Delivery.objects.filter(period=str(ended), state=Delivery.State.APPROVED).count()
    label = f"Leveringen over de {ended.label} goedgekeurd"
    assert watched[label] == f"{approved} van 3"
