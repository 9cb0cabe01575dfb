"""The half-year delivery's state machine, in one place.

    draft ──submit──▶ submitted ──approve──▶ approved (locked) ──correct──▶ new version (draft)
                        │  ▲                      │
              send back │  │ submit               └──▶ superseded, once the correction is approved
                        ▼  │
                      sent_back

Only a draft or a delivery sent back can be edited. A correction after approval is a new
version with a reason; the approved version stays visible until the correction is approved.
"""

from __future__ import annotations

from wijkregie.reporting.models import Delivery

State = Delivery.State

TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.SUBMITTED}),
    State.SUBMITTED: frozenset({State.SENT_BACK, State.APPROVED}),
    State.SENT_BACK: frozenset({State.SUBMITTED}),
    State.APPROVED: frozenset({State.SUPERSEDED}),
    State.SUPERSEDED: frozenset(),
}


class IllegalTransition(Exception):
    def __init__(self, from_state: str, to_state: str):
        super().__init__(f"A delivery cannot go from {from_state} to {to_state}.")
        self.from_state = from_state
        self.to_state = to_state

    @property
    def message(self) -> str:
        from django.utils.translation import gettext as _

        return _(
            "This delivery is '%(state)s' now, so that step is no longer possible. Reload the "
            "page to see its current state."
        ) % {"state": State(self.from_state).label}


def check_transition(from_state: str, to_state: str) -> None:
    if to_state not in TRANSITIONS.get(from_state, frozenset()):
        raise IllegalTransition(from_state, to_state)


def allowed(delivery: Delivery, to_state: str) -> bool:
    return to_state in TRANSITIONS[delivery.state]
