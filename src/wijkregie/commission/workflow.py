"""The request funnel's state machine, in one place.

    (new) ──submit──────────────▶ submitted ──────┐
    (new) ──register outside────▶ outside_funnel ─┴─decide──▶ decided

A request filed by a municipal department goes to the assessment body (``submitted``). A
request a team organisation received outside the agreed lines is registered as
``outside_funnel`` (side-steering) and is assessed afterwards all the same. Decided requests
are final: a new request is filed to revisit one. Every step goes through :data:`WORKFLOW`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.commission.models import Request, RequestEvent
from wijkregie.common.workflow import IllegalTransition, Transition, Workflow

__all__ = ["WORKFLOW", "IllegalTransition", "State", "can_decide", "check_transition"]

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


def check_transition(from_state: str | None, to_state: str) -> None:
    WORKFLOW.check(from_state, to_state)


def can_decide(request: Request) -> bool:
    return WORKFLOW.allowed(request, State.DECIDED)
