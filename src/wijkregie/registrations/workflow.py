"""The life of one delivered registration file (an import run), in one place.

    upload ──▶ pending ──start──▶ running ──▶ imported ──▶ replaced (by a later delivery)
    (command line) ─────────────▶ running ──▶ rejected (the report names every error)
    pending, running ──▶ failed (interrupted or an unexpected error; nothing stored)

Every step goes through :data:`WORKFLOW` (``wijkregie.common.workflow``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.common.workflow import IllegalTransition, Transition, Workflow
from wijkregie.registrations.models import ImportRun, ImportRunEvent

__all__ = ["WORKFLOW", "IllegalTransition"]

S = ImportRun.Status

WORKFLOW = Workflow(
    ImportRun,
    field="status",
    history=ImportRunEvent,
    subject="run",
    description=_("One delivered registration file."),
    transitions=[
        Transition(
            "receive", (None,), S.PENDING, _("Uploaded; waits for confirmation and a worker.")
        ),
        Transition(
            "start",
            (None, S.PENDING),
            S.RUNNING,
            _("The file is being checked (and, if it passes, stored)."),
        ),
        Transition(
            "reject",
            (S.RUNNING,),
            S.REJECTED,
            _("At least one row breaks a rule of the format; nothing is stored."),
        ),
        Transition(
            "store",
            (S.RUNNING,),
            S.IMPORTED,
            _("Every row passed; the trajectories and computed figures are stored."),
        ),
        Transition(
            "replace",
            (S.IMPORTED,),
            S.REPLACED,
            _("A later delivery of the same organisation replaced every trajectory of it."),
        ),
        Transition(
            "fail",
            (S.PENDING, S.RUNNING),
            S.FAILED,
            _("Interrupted or stopped by an unexpected error; nothing is stored."),
        ),
    ],
)
