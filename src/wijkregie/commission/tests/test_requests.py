"""The request funnel: replayed scenarios, illegal transitions, side-steering counts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wijkregie.accounts.models import User
from wijkregie.commission import selectors, services, workflow
from wijkregie.commission.models import AssessmentBody, Request
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(demo):
    return {
        "commission": selectors.current_commission(dt.date(2026, 6, 1)),
        "body": AssessmentBody.objects.get(),
        "oov": Organisation.objects.get(code="openbare-orde-en-veiligheid"),
        "wi": Organisation.objects.get(code="werk-en-inkomen"),
        "smd": Organisation.objects.get(code="smd"),
        "manager": User.objects.get(username="contractmanager"),
    }


def test_scenario_through_the_funnel(setting):
    filed = services.request_submit(
        commission=setting["commission"],
        title="Inloopspreekuur bibliotheek",
        description="...",
        requesting_department=setting["wi"],
        received_on=dt.date(2026, 3, 1),
    )
    assert (filed.state, filed.side_steering) == (Request.State.SUBMITTED, False)
    decided = services.request_decide(
        request_obj=filed,
        expected_version=filed.version,
        decision="main_commission",
        reasoning="Valt onder PvE-2.1.",
        body=setting["body"],
        actor=setting["manager"],
    )
    assert decided.state == Request.State.DECIDED
    assert [e.to_state for e in decided.events.all()] == ["submitted", "decided"]
    with pytest.raises(workflow.IllegalTransition):
        services.request_decide(
            request_obj=decided,
            expected_version=decided.version,
            decision="decline",
            reasoning="Toch niet.",
            body=setting["body"],
        )
    assert Request.objects.get(pk=decided.pk).decision == "main_commission"


def test_scenario_outside_the_funnel_is_side_steering_and_still_assessed(setting):
    registered = services.request_register_outside_funnel(
        commission=setting["commission"],
        title="Extra huisbezoeken",
        description="...",
        requesting_department=setting["oov"],
        received_by=setting["smd"],
        received_on=dt.date(2026, 7, 3),
    )
    assert registered.state == Request.State.OUTSIDE_FUNNEL and registered.side_steering
    assert registered.half_year == "2026H2"
    decided = services.request_decide(
        request_obj=registered,
        expected_version=1,
        decision="redirect",
        reasoning="Hoort bij OOV zelf.",
        redirected_to="Team Handhaving",
        body=setting["body"],
    )
    assert decided.side_steering  # deciding it does not erase that it came in sideways


@pytest.mark.parametrize(
    ("decision", "reasoning", "redirected_to", "field"),
    [
        ("decline", "  ", "", "decision_reasoning"),
        ("redirect", "Elders", "", "redirected_to"),
        ("nonsense", "x", "", "decision"),
    ],
)
def test_decisions_need_their_reasoning(setting, decision, reasoning, redirected_to, field):
    filed = services.request_submit(
        commission=setting["commission"],
        title="X",
        description="...",
        requesting_department=setting["wi"],
    )
    with pytest.raises(ValidationError) as error:
        services.request_decide(
            request_obj=filed,
            expected_version=1,
            decision=decision,
            reasoning=reasoning,
            redirected_to=redirected_to,
            body=setting["body"],
        )
    assert field in error.value.message_dict
    assert Request.objects.get(pk=filed.pk).state == Request.State.SUBMITTED


def test_two_people_deciding_at_once_do_not_overwrite(setting):
    filed = services.request_submit(
        commission=setting["commission"],
        title="Y",
        description="...",
        requesting_department=setting["wi"],
    )
    services.request_decide(
        request_obj=filed,
        expected_version=1,
        decision="decline",
        reasoning="Nee.",
        body=setting["body"],
    )
    with pytest.raises(ConcurrentEditError):
        services.request_decide(
            request_obj=filed,
            expected_version=1,
            decision="main_commission",
            reasoning="Ja.",
            body=setting["body"],
        )


def test_transition_table():
    workflow.check_transition(None, "submitted")
    workflow.check_transition(None, "outside_funnel")
    workflow.check_transition("outside_funnel", "decided")
    for illegal in [
        (None, "decided"),
        ("decided", "submitted"),
        ("submitted", "outside_funnel"),
        ("decided", "decided"),
    ]:
        with pytest.raises(workflow.IllegalTransition):
            workflow.check_transition(*illegal)


def test_side_steering_counts_per_department_and_half_year(setting):
    manager = setting["manager"]
    table = selectors.side_steering_counts(user=manager, commission=setting["commission"])
    # The demo: OOV 2025H1, 2025H2, 2026H1, 2026H2; W&I 2025H2, 2026H1; Beleid 2026H1.
    rows = {department.code: (counts, total) for department, counts, total in table.rows}
    assert table.half_years == ["2025H1", "2025H2", "2026H1", "2026H2"]
    assert rows["openbare-orde-en-veiligheid"] == ([1, 1, 1, 1], 4)
    assert rows["werk-en-inkomen"] == ([0, 1, 1, 0], 2)
    assert rows["beleid-sociaal-domein"] == ([0, 0, 1, 0], 1)
    assert table.totals == [1, 2, 3, 1]


def test_team_sees_only_requests_it_received(setting):
    dock_manager = User.objects.get(username="dock-manager")
    received = {r.received_by.code for r in selectors.request_list(user=dock_manager)}
    assert received == {"dock"}
