"""The change notice lifecycle, in one place.

    draft ──start consultation──▶ consultation ──decide──▶ decided ──publish──▶ published
      └──────────decide (with a recorded reason for skipping consultation)──▶ decided

Conditions (checked by :func:`check`, raised as :class:`IllegalTransition` with a Dutch reason):

- consultation needs at least one addressed party and a deadline that has not passed;
- deciding from draft needs a recorded justification for skipping consultation;
- deciding after consultation needs every concern and objection answered, and either the
  deadline passed or every addressed party responded;
- publishing needs the decision and a plain summary.

Acknowledgements follow publication, one per party, by a named person.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkregie.chains.models import ChangeNotice, ConsultationResponse, NoticeEvent
from wijkregie.common.workflow import IllegalTransition, Transition, Workflow

__all__ = ["WORKFLOW", "IllegalTransition", "State", "check"]

State = ChangeNotice.State

WORKFLOW = Workflow(
    ChangeNotice,
    field="state",
    history=NoticeEvent,
    subject="notice",
    description=gettext_lazy("A change notice of a chain."),
    transitions=[
        Transition("create", (None,), State.DRAFT, gettext_lazy("The chain director drafts it.")),
        Transition(
            "consult",
            (State.DRAFT,),
            State.CONSULTATION,
            gettext_lazy(
                "At least one party is addressed and the consultation deadline has not passed."
            ),
        ),
        Transition(
            "decide",
            (State.DRAFT, State.CONSULTATION),
            State.DECIDED,
            gettext_lazy(
                "From a draft only with a recorded reason for skipping consultation; after "
                "consultation when every concern is answered and the deadline passed or every "
                "party responded."
            ),
        ),
        Transition(
            "publish",
            (State.DECIDED,),
            State.PUBLISHED,
            gettext_lazy("The decision and a plain summary for the parties are recorded."),
        ),
    ],
)


def _addressed(notice: ChangeNotice):
    return notice.affected_parties.filter(included=True)


def check(
    notice: ChangeNotice,
    to_state: str,
    *,
    today: dt.date,
    skip_reason: str = "",
    summary: str = "",
    deadline: dt.date | None = None,
) -> None:
    """The conditions of a step, for :meth:`Workflow.move`'s ``condition`` (``deadline``: the
    consultation deadline being set with the step)."""
    deadline = deadline or notice.consultation_deadline
    if not WORKFLOW.allowed(notice, to_state):
        raise IllegalTransition(
            _("A notice in phase '%(from)s' cannot go to '%(to)s'.")
            % {"from": notice.get_state_display(), "to": State(to_state).label}
        )
    if to_state == State.CONSULTATION:
        if not _addressed(notice).exists():
            raise IllegalTransition(_("Address at least one party before consulting."))
        if deadline is None or deadline < today:
            raise IllegalTransition(_("Set a consultation deadline that has not passed."))
    if to_state == State.DECIDED and notice.state == State.DRAFT and not skip_reason.strip():
        raise IllegalTransition(
            _("Deciding without consultation requires a recorded justification.")
        )
    if to_state == State.DECIDED and notice.state == State.CONSULTATION:
        open_concerns = ConsultationResponse.objects.filter(
            party__notice=notice, party__included=True, answer=""
        ).exclude(position=ConsultationResponse.Position.AGREES)
        if open_concerns.exists():
            raise IllegalTransition(_("Answer every concern and objection before deciding."))
        silent = _addressed(notice).filter(responses__isnull=True)
        if silent.exists() and notice.consultation_deadline >= today:
            raise IllegalTransition(
                _("Wait for the deadline or for every party to respond before deciding.")
            )
    if to_state == State.PUBLISHED and not summary.strip():
        raise IllegalTransition(_("Write the plain summary the parties will receive."))
