"""The status rules of pilots (and of the commission's themes and other interventions).

    (new) ──▶ preparing ──start──▶ running ──end──▶ ended
                  │                   │               │
                  └──────end──────────┘    running, ended ──merge──▶ merged into the commission

A pilot only starts running with every goal monitored (an indicator, or a recorded reason).
Every step goes through :data:`WORKFLOW` (``wijkregie.common.workflow``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.common.workflow import IllegalTransition, Transition, Workflow
from wijkregie.pilots.models import Pilot, PilotEvent

__all__ = ["WORKFLOW", "IllegalTransition"]

S = Pilot.Status

WORKFLOW = Workflow(
    Pilot,
    field="status",
    history=PilotEvent,
    subject="pilot",
    description=_("A pilot, a theme of the commission or another intervention."),
    transitions=[
        Transition("prepare", (None,), S.PREPARING, _("Registered with its goals to come.")),
        Transition(
            "start",
            (S.PREPARING, S.ENDED),
            S.RUNNING,
            _("Every goal has an indicator or a recorded reason why not (yet)."),
        ),
        Transition("end", (S.PREPARING, S.RUNNING), S.ENDED, _("It stopped or ran its course.")),
        Transition(
            "merge",
            (S.RUNNING, S.ENDED),
            S.MERGED,
            _("Its way of working became part of the commission."),
        ),
    ],
)
