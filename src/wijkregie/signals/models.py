"""Signals from practice to policy (seed 003 §2.8): what professionals, providers and partners
run into, bundled into policy issues ("knelpunten"), put on the agenda of the body that can
decide, decided — and the answer fed back to everyone whose signal is in it.

A signal's own text is read only inside the writer's organisation and by the municipality's
handlers; everyone else reads the de-identified versions (``shared_*``), which the
de-identification worker makes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import HistoryEvent
from wijkregie.common.versioning import VersionedModel


class Signal(VersionedModel):
    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ANALYSIS = "analysis", _("in analysis")
        BUNDLED = "bundled", _("bundled")
        AGENDA = "agenda", _("on the agenda")
        DECIDED = "decided", _("decided")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        DECLINED = "declined", _("not taken up")

    class Category(models.TextChoices):
        RULE = "rule", _("a rule or procedure")
        GAP = "gap", _("a gap in provision")
        WAITING = "waiting_list", _("a waiting list")
        BOTTLENECK = "bottleneck", _("a bottleneck between organisations")
        OTHER = "other", _("something else")

    class Frequency(models.TextChoices):
        ONCE = "once", _("once")
        SOMETIMES = "sometimes", _("now and then")
        OFTEN = "often", _("often")
        ALWAYS = "always", _("structurally")

    #: States in which the handler still owes the writer an answer.
    OPEN_STATES = (Status.RECEIVED, Status.ANALYSIS, Status.BUNDLED, Status.AGENDA, Status.DECIDED)
    #: States in which the writer has had an answer.
    ANSWERED_STATES = (Status.ANSWERED, Status.CLOSED, Status.DECLINED)

    title = models.CharField(_("what did you run into?"), max_length=200)
    description = models.TextField(_("description"))
    shared_description = models.TextField(blank=True)
    category = models.CharField(
        _("kind"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    theme = models.ForeignKey(
        "organisations.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        "organisations.Area",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    chain = models.ForeignKey(
        "chains.Chain",
        verbose_name=_("chain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, blank=True
    )
    example = models.TextField(_("an example case (optional)"), blank=True)
    shared_example = models.TextField(blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reported_signals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation of the writer"),
        on_delete=models.PROTECT,
        related_name="signals",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_signals",
    )
    issue = models.ForeignKey(
        "Issue",
        verbose_name=_("policy issue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
    )
    #: Why it is not taken up (status declined).
    decline_reason = models.TextField(_("why not taken up"), blank=True)
    #: The answer to a signal answered on its own, without a policy issue.
    answer = models.TextField(_("answer"), blank=True)
    #: A tip from the collaboration survey this signal takes up.
    survey_tip = models.ForeignKey(
        "surveys.Coding",
        verbose_name=_("tip from the collaboration survey"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    created_at = models.DateTimeField(_("reported on"))
    due_date = models.DateField(_("first response due"))
    first_response_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES


class SignalEvent(HistoryEvent):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")


class Issue(VersionedModel):
    """A policy issue (knelpunt): the signals it bundles, the body that can decide it, the
    decision, and the answer that goes back to everyone whose signal is in it."""

    class Status(models.TextChoices):
        OPEN = "open", _("being analysed")
        AGENDA = "agenda", _("on the agenda")
        DECIDED = "decided", _("decided")
        DECLINED = "declined", _("not taken up")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("analysis"), blank=True)
    theme = models.ForeignKey(
        "organisations.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    chain = models.ForeignKey(
        "chains.Chain",
        verbose_name=_("chain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="signal_issues",
    )
    agenda_item = models.ForeignKey(
        "conversations.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signal_issues",
    )
    decision = models.ForeignKey(
        "conversations.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signal_issues",
    )
    #: The answer fed back to every writer: what was decided, in plain words.
    answer = models.TextField(_("answer to the writers"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("policy issue")
        verbose_name_plural = _("policy issues")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class IssueEvent(HistoryEvent):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")


class Reaction(models.Model):
    """The writer's reaction to the answer: does it answer the signal, or should it be
    reopened (and why)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answers_signal = models.BooleanField(_("this answers my signal"))
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal}: {self.answers_signal}"


class Notice(models.Model):
    """An answer in the app: what a writer is told about their signal (also e-mailed after the
    commit). Read when the writer has opened it."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]
