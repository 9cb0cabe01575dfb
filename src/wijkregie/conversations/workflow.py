"""The status rules of agreements and of the development agenda's topics, in one place.

Agreements::

    (new) ──▶ open ──▶ in_progress ──▶ done
                │           │      └─▶ dropped
                └───────────┴──▶ done / dropped;   done, dropped ──reopen──▶ in_progress

Topics::

    (new) ──▶ planned | in_progress;  planned ──▶ in_progress ──▶ done
    planned, in_progress ──▶ postponed ──▶ planned | in_progress;   done ──reopen──▶ in_progress

Every step goes through :data:`AGREEMENT` or :data:`TOPIC` (``wijkregie.common.workflow``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.common.workflow import IllegalTransition, Transition, Workflow
from wijkregie.conversations.models import Agreement, AgreementEvent, Topic, TopicEvent

__all__ = ["AGREEMENT", "TOPIC", "IllegalTransition"]

A = Agreement.Status
T = Topic.Status

AGREEMENT = Workflow(
    Agreement,
    field="status",
    history=AgreementEvent,
    subject="agreement",
    description=_("An agreement made in a meeting."),
    transitions=[
        Transition("agree", (None,), A.OPEN, _("Made in a meeting, with an owner and a due date.")),
        Transition("start", (A.OPEN,), A.IN_PROGRESS, _("The owner has started on it.")),
        Transition(
            "finish",
            (A.OPEN, A.IN_PROGRESS),
            A.DONE,
            _("A note says what was delivered."),
        ),
        Transition(
            "drop",
            (A.OPEN, A.IN_PROGRESS),
            A.DROPPED,
            _("A note says why it was dropped."),
        ),
        Transition(
            "reopen",
            (A.DONE, A.DROPPED),
            A.IN_PROGRESS,
            _("A note says why it is taken up again."),
        ),
        Transition("pause", (A.IN_PROGRESS,), A.OPEN, _("Work on it has stopped for now.")),
    ],
)

TOPIC = Workflow(
    Topic,
    field="status",
    history=TopicEvent,
    subject="topic",
    description=_("A topic of the development agenda."),
    transitions=[
        Transition(
            "plan",
            (None, T.POSTPONED),
            T.PLANNED,
            _("Put on the development agenda of a year."),
        ),
        Transition(
            "start",
            (None, T.PLANNED, T.POSTPONED, T.DONE),
            T.IN_PROGRESS,
            _("Work has started (or started again)."),
        ),
        Transition("finish", (T.IN_PROGRESS,), T.DONE, _("The topic is completed.")),
        Transition(
            "postpone",
            (T.PLANNED, T.IN_PROGRESS),
            T.POSTPONED,
            _("Moved to a later moment."),
        ),
    ],
)
