"""The half-year delivery's state machine, in one place.

    draft ──submit──▶ submitted ──approve──▶ approved (locked) ──correct──▶ new version (draft)
                        │  ▲                      │
              send back │  │ submit               └──▶ superseded, once the correction is approved
                        ▼  │
                      sent_back

Only a draft or a delivery sent back can be edited. A correction after approval is a new
version with a reason; the approved version stays visible until the correction is approved.
Every step goes through :data:`WORKFLOW` (``wijkregie.common.workflow``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.common.workflow import IllegalTransition, Transition, Workflow
from wijkregie.reporting.models import Delivery, DeliveryEvent

__all__ = ["WORKFLOW", "IllegalTransition", "State", "allowed"]

State = Delivery.State

WORKFLOW = Workflow(
    Delivery,
    field="state",
    history=DeliveryEvent,
    subject="delivery",
    description=_("A team organisation's half-year delivery."),
    transitions=[
        Transition(
            "create",
            (None,),
            State.DRAFT,
            _("A team organisation opens a half-year's delivery, or corrects an approved one."),
        ),
        Transition(
            "submit",
            (State.DRAFT, State.SENT_BACK),
            State.SUBMITTED,
            _("Every expected line has a value or is marked not measurable with a reason."),
        ),
        Transition(
            "send_back",
            (State.SUBMITTED,),
            State.SENT_BACK,
            _("The municipality says what has to change."),
        ),
        Transition(
            "approve", (State.SUBMITTED,), State.APPROVED, _("The municipality approves it.")
        ),
        Transition(
            "supersede",
            (State.APPROVED,),
            State.SUPERSEDED,
            _("Its correction is approved."),
        ),
    ],
)


def allowed(delivery: Delivery, to_state: str) -> bool:
    return WORKFLOW.allowed(delivery, to_state)
