"""The status rules of signals and of the policy issues that bundle them, in one place.

Signals::

    (new) ──▶ received ──take──▶ analysis
    received, analysis ──bundle──▶ bundled ──schedule──▶ agenda
    bundled, agenda ──decide──▶ decided ──answer──▶ answered, declined ──close──▶ closed
    received, analysis ──resolve──▶ answered (answered on its own)
    received, analysis, bundled, agenda ──decline──▶ declined (a reason)
    answered, declined, closed ──reopen──▶ analysis (the writer asks, with a reason)
    bundled, agenda ──unbundle──▶ analysis

Policy issues::

    (new) ──▶ open ──▶ agenda ──▶ decided;   open, agenda ──▶ declined;
    decided, declined ──reopen──▶ open

Every step goes through :data:`SIGNAL` or :data:`ISSUE` (``wijkregie.common.workflow``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkregie.common.workflow import IllegalTransition, Transition, Workflow
from wijkregie.signals.models import Issue, IssueEvent, Signal, SignalEvent

__all__ = ["ISSUE", "SIGNAL", "IllegalTransition"]

S = Signal.Status
I = Issue.Status  # noqa: E741

SIGNAL = Workflow(
    Signal,
    field="status",
    history=SignalEvent,
    subject="signal",
    description=_("A signal from practice, from report to answer."),
    transitions=[
        Transition("report", (None,), S.RECEIVED, _("Reported by a professional or partner.")),
        Transition(
            "take", (S.RECEIVED,), S.ANALYSIS, _("A handler has read it: the first response.")
        ),
        Transition("bundle", (S.RECEIVED, S.ANALYSIS), S.BUNDLED, _("Added to a policy issue.")),
        Transition("schedule", (S.BUNDLED,), S.AGENDA, _("Its issue is on a meeting's agenda.")),
        Transition("decide", (S.BUNDLED, S.AGENDA), S.DECIDED, _("Its issue is decided.")),
        Transition("answer", (S.DECIDED,), S.ANSWERED, _("The writer has been told the answer.")),
        Transition(
            "resolve",
            (S.RECEIVED, S.ANALYSIS),
            S.ANSWERED,
            _("Answered on its own, without a policy issue."),
        ),
        Transition(
            "decline",
            (S.RECEIVED, S.ANALYSIS, S.BUNDLED, S.AGENDA),
            S.DECLINED,
            _("Not taken up; the writer is told why."),
        ),
        Transition(
            "close",
            (S.ANSWERED, S.DECLINED),
            S.CLOSED,
            _("The writer says the answer answers it."),
        ),
        Transition(
            "reopen",
            (S.ANSWERED, S.DECLINED, S.CLOSED),
            S.ANALYSIS,
            _("The writer asks to reopen it, with a reason."),
        ),
        Transition(
            "unbundle", (S.BUNDLED, S.AGENDA), S.ANALYSIS, _("Taken out of its policy issue.")
        ),
    ],
)

ISSUE = Workflow(
    Issue,
    field="status",
    history=IssueEvent,
    subject="issue",
    description=_("A policy issue that bundles signals."),
    transitions=[
        Transition("open", (None,), I.OPEN, _("Made from one or more signals.")),
        Transition("schedule", (I.OPEN,), I.AGENDA, _("Put on the agenda of a meeting.")),
        Transition(
            "decide", (I.OPEN, I.AGENDA), I.DECIDED, _("A decision of the body, and an answer.")
        ),
        Transition("decline", (I.OPEN, I.AGENDA), I.DECLINED, _("Not taken up, with a reason.")),
        Transition("reopen", (I.DECIDED, I.DECLINED), I.OPEN, _("Taken up again.")),
    ],
)
