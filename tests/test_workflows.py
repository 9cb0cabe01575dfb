"""Every object with a status moves through the one workflow helper (``common.workflow``).

Replay: for every workflow, every object of the demo (loaded through the services) replays its
history from the start to its stored status, each step an allowed transition. Property: for any
sequence of attempted steps, a step succeeds exactly when the table allows it from the stored
status, a refused step changes nothing, and the history replays to where the object is."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkregie.chains.workflow import WORKFLOW as NOTICES
from wijkregie.commission.workflow import ASSIGNMENT as ASSIGNMENTS
from wijkregie.commission.workflow import WORKFLOW as REQUESTS
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.common.workflow import IllegalTransition, transitioned
from wijkregie.conversations.workflow import AGREEMENT, TOPIC
from wijkregie.organisations.models import Organisation
from wijkregie.pilots.models import Pilot
from wijkregie.pilots.workflow import WORKFLOW as PILOTS
from wijkregie.registrations.models import ImportRun
from wijkregie.registrations.workflow import WORKFLOW as IMPORT_RUNS
from wijkregie.reporting.workflow import WORKFLOW as DELIVERIES
from wijkregie.signals.workflow import ISSUE as POLICY_ISSUES
from wijkregie.signals.workflow import SIGNAL as SIGNALS

WORKFLOWS = {
    "deliveries": DELIVERIES,
    "requests": REQUESTS,
    "assignments": ASSIGNMENTS,
    "notices": NOTICES,
    "agreements": AGREEMENT,
    "topics": TOPIC,
    "pilots": PILOTS,
    "import_runs": IMPORT_RUNS,
    "signals": SIGNALS,
    "policy_issues": POLICY_ISSUES,
}


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_demo_object_replays_its_history_to_its_stored_status(demo, name):
    workflow = WORKFLOWS[name]
    objects = list(workflow.model.objects.all())
    assert objects, f"the demo has no {name}"
    reached = {workflow.replay(obj) for obj in objects}
    # The demo shows more than one status of every workflow.
    assert len(reached) >= 2, (name, reached)


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_state_is_reachable_and_the_rules_are_in_words(name):
    workflow = WORKFLOWS[name]
    reachable, frontier = set(), [None]
    while frontier:
        state = frontier.pop()
        for target in workflow.targets(state):
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(workflow.states)
    assert all(str(row["rule"]).strip() for row in workflow.table())


def test_a_status_set_by_hand_is_refused(demo):
    pilot = Pilot.objects.filter(status=Pilot.Status.RUNNING).first()
    pilot.status = Pilot.Status.ENDED
    with pytest.raises(IllegalTransition):
        pilot.save()
    # Other edits of the same object still save.
    fresh = Pilot.objects.get(pk=pilot.pk)
    fresh.description = "Bijgewerkt."
    fresh.save()


@pytest.fixture
def dock(demo):
    return Organisation.objects.get(code="dock")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.sampled_from(ImportRun.Status.values), max_size=8))
def test_a_step_succeeds_exactly_when_the_table_allows_it(dock, steps):
    with transaction.atomic():  # each example undoes its own writes
        run = IMPORT_RUNS.start(
            ImportRun(organisation=dock, file_name="export.csv"), ImportRun.Status.PENDING
        )
        state, moves, stored = ImportRun.Status.PENDING, 0, run
        for target in steps:
            allowed = IMPORT_RUNS.allowed(state, target)
            try:
                IMPORT_RUNS.move(run, target, note=f"naar {target}")
            except IllegalTransition:
                assert not allowed
            else:
                assert allowed
                state, moves = target, moves + 1
            stored = ImportRun.objects.get(pk=run.pk)
            assert stored.status == state
        assert run.events.count() == 1 + moves
        assert IMPORT_RUNS.replay(stored) == state
        transaction.set_rollback(True)


def test_a_stale_version_is_refused_without_history_and_events_wait_for_the_commit(
    demo, django_capture_on_commit_callbacks
):
    pilot = Pilot.objects.filter(status=Pilot.Status.RUNNING).first()
    before = pilot.events.count()
    heard = []

    def listen(sender, instance, transition, **kwargs):
        heard.append((sender, instance.pk, transition.name))

    transitioned.connect(listen)
    try:
        with pytest.raises(ConcurrentEditError):
            PILOTS.move(pilot, Pilot.Status.ENDED, expected_version=pilot.version - 1)
        assert pilot.events.count() == before
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            PILOTS.move(pilot, Pilot.Status.ENDED, expected_version=pilot.version)
        assert heard == []  # nothing is announced before the commit
        for callback in callbacks:
            callback()
        assert heard == [(Pilot, pilot.pk, "end")]
    finally:
        transitioned.disconnect(listen)
    assert pilot.events.count() == before + 1
    assert PILOTS.replay(Pilot.objects.get(pk=pilot.pk)) == Pilot.Status.ENDED
