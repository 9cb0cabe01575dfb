"""The request funnel's state machine, in one place.

    (new) ──submit──────────────▶ submitted ──────┐
    (new) ──register outside────▶ outside_funnel ─┴─decide──▶ decided

A request filed by a municipal department goes to the assessment body (``submitted``). A
request a team organisation received outside the agreed lines is registered as
``outside_funnel`` (side-steering) and is assessed afterwards all the same. Decided requests
are final: a new request is filed to revisit one.
"""

from __future__ import annotations

from wijkregie.commission.models import Request

State = Request.State

TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({State.SUBMITTED, State.OUTSIDE_FUNNEL}),
    State.SUBMITTED: frozenset({State.DECIDED}),
    State.OUTSIDE_FUNNEL: frozenset({State.DECIDED}),
    State.DECIDED: frozenset(),
}


class IllegalTransition(Exception):
    def __init__(self, from_state: str | None, to_state: str):
        super().__init__(f"A request cannot go from {from_state or 'new'} to {to_state}.")
        self.from_state = from_state
        self.to_state = to_state


def check_transition(from_state: str | None, to_state: str) -> None:
    if to_state not in TRANSITIONS.get(from_state, frozenset()):
        raise IllegalTransition(from_state, to_state)


def can_decide(request: Request) -> bool:
    return State.DECIDED in TRANSITIONS[request.state]
