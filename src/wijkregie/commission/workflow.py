"""The request funnel's and the additional assignments' state machines, in one place.

    (new) ──submit──────────────▶ submitted ──────┐
    (new) ──register outside────▶ outside_funnel ─┴─decide──▶ decided

A request filed by a municipal department goes to the assessment body (``submitted``). A
request a team organisation received outside the agreed lines is registered as
``outside_funnel`` (side-steering) and is assessed afterwards all the same. Decided requests
are final: a new request is filed to revisit one. Every step goes through :data:`WORKFLOW`.

Additional assignments (:data:`ASSIGNMENT`)::

    (new) ──▶ any status (the register records assignments that already exist)
    proposed ──▶ assessed ──▶ active ──▶ ended ──▶ merged;  active ──▶ merged;  ended ──▶ active
    proposed, assessed ──▶ ended (not started)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.commission.models import AdditionalAssignment, AssignmentEvent, Request, RequestEvent
from wijkregie.common.workflow import IllegalTransition, Transition, Workflow

__all__ = ["ASSIGNMENT", "WORKFLOW", "IllegalTransition", "State", "can_decide", "check_transition"]

State = Request.State

WORKFLOW = Workflow(
    Request,
    field="state",
    history=RequestEvent,
    subject="request",
    description=_("A request for additional work on the commission."),
    transitions=[
        Transition(
            "submit",
            (None,),
            State.SUBMITTED,
            _("A municipal department files it with the assessment body."),
        ),
        Transition(
            "register_outside_funnel",
            (None,),
            State.OUTSIDE_FUNNEL,
            _("A team organisation registers a request it received outside the funnel."),
        ),
        Transition(
            "decide",
            (State.SUBMITTED, State.OUTSIDE_FUNNEL),
            State.DECIDED,
            _("An active assessment body decides, with its reasoning; the decision is final."),
        ),
    ],
)


A = AdditionalAssignment.Status

ASSIGNMENT = Workflow(
    AdditionalAssignment,
    field="status",
    history=AssignmentEvent,
    subject="assignment",
    description=_("An additional assignment beside the main commission."),
    transitions=[
        Transition(
            "register",
            (None,),
            A.PROPOSED,
            _("A new assignment is proposed."),
        ),
        Transition(
            "register_existing",
            (None,),
            A.ASSESSED,
            _("An assignment that already exists is registered as it stands."),
        ),
        Transition(
            "register_running",
            (None, A.ASSESSED, A.ENDED),
            A.ACTIVE,
            _("Assessed against the main commission and started (or extended after its end)."),
        ),
        Transition("assess", (A.PROPOSED,), A.ASSESSED, _("Assessed against the main commission.")),
        Transition(
            "end",
            (None, A.PROPOSED, A.ASSESSED, A.ACTIVE),
            A.ENDED,
            _("It ended, or was not started."),
        ),
        Transition(
            "merge",
            (None, A.ACTIVE, A.ENDED),
            A.MERGED,
            _("Its work became part of the main commission, on a recorded date."),
        ),
    ],
)


def check_transition(from_state: str | None, to_state: str) -> None:
    WORKFLOW.check(from_state, to_state)


def can_decide(request: Request) -> bool:
    return WORKFLOW.allowed(request, State.DECIDED)
