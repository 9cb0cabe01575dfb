"""Chains (ketens), their parties, and change notices that every affected party is consulted
on before a decision, informed of after it, and acknowledges. State changes are appended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import HistoryEvent
from wijkregie.common.versioning import VersionedModel


class Chain(VersionedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        "organisations.Theme", verbose_name=_("themes"), related_name="chains", blank=True
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chain director"),
        on_delete=models.PROTECT,
        related_name="directed_chains",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("chain")
        verbose_name_plural = _("chains")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChainParty(models.Model):
    class Role(models.TextChoices):
        COMMISSIONER = "commissioner", _("Commissioner")
        EXECUTOR = "executor", _("Carries out the work")
        REFERRER = "referrer", _("Refers and indicates")
        PROVIDER = "provider", _("Provides specialised support")
        PARTNER = "partner", _("Partner in the community")

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="chain_parties",
    )
    role = models.CharField(_("role in the chain"), max_length=16, choices=Role.choices)
    contacts = models.ManyToManyField(
        "organisations.ContactPerson", verbose_name=_("contact persons"), blank=True
    )

    class Meta:
        verbose_name = _("party in a chain")
        verbose_name_plural = _("parties in chains")
        ordering = ["chain", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "organisation"], name="unique_chain_party")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ChangeNotice(VersionedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        DECIDED = "decided", _("Decided")
        PUBLISHED = "published", _("Published")

    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="notices")
    title = models.CharField(_("title"), max_length=200)
    what_changes = models.TextField(_("what changes"))
    why = models.TextField(_("why"))
    effective_from = models.DateField(_("in effect from"))
    requirements = models.ManyToManyField(
        "commission.Requirement", verbose_name=_("requirements concerned"), blank=True
    )
    assignments = models.ManyToManyField(
        "commission.AdditionalAssignment",
        verbose_name=_("additional assignments concerned"),
        blank=True,
    )
    agreements = models.ManyToManyField(
        "commission.ExecutionAgreement", verbose_name=_("budgets concerned"), blank=True
    )
    state = models.CharField(_("phase"), max_length=16, choices=State.choices, default=State.DRAFT)
    consultation_deadline = models.DateField(_("respond before"), null=True, blank=True)
    skip_consultation_reason = models.TextField(_("why there was no consultation"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by_body = models.CharField(_("decided by"), max_length=200, blank=True)
    summary = models.TextField(
        _("plain summary"),
        blank=True,
        help_text=_("What changes, in plain words, as every party receives it."),
    )
    published_on = models.DateTimeField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("change notice")
        verbose_name_plural = _("change notices")
        ordering = ["-effective_from", "title"]

    def __str__(self) -> str:
        return self.title


class AffectedParty(models.Model):
    """An organisation a notice is addressed to. Never deleted: a removal is recorded."""

    notice = models.ForeignKey(
        ChangeNotice, on_delete=models.CASCADE, related_name="affected_parties"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="notices_received",
    )
    suggested = models.BooleanField(_("suggested by Wijkregie"), default=False)
    suggestion_reason = models.CharField(_("why suggested"), max_length=200, blank=True)
    included = models.BooleanField(_("addressed"), default=True)
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    consulted = models.BooleanField(_("consulted"), default=False)
    notified_at = models.DateTimeField(_("informed at"), null=True, blank=True)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("affected party")
        verbose_name_plural = _("affected parties")
        ordering = ["notice", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "organisation"], name="unique_affected_party")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.notice}"

    @property
    def acknowledgement(self):
        return self.acknowledgements.first()

    @property
    def latest_response(self):
        return self.responses.order_by("-responded_at", "-id").first()


class ConsultationResponse(models.Model):
    class Position(models.TextChoices):
        AGREES = "agrees", _("Agrees")
        CONCERNS = "concerns", _("Has concerns")
        OBJECTS = "objects", _("Objects")

    party = models.ForeignKey(AffectedParty, on_delete=models.CASCADE, related_name="responses")
    position = models.CharField(_("position"), max_length=16, choices=Position.choices)
    text = models.TextField(_("response"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer of the chain director"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        ordering = ["responded_at", "id"]

    def __str__(self) -> str:
        return f"{self.party.organisation}: {self.get_position_display()}"

    @property
    def needs_answer(self) -> bool:
        return self.position != self.Position.AGREES and not self.answer


class Acknowledgement(models.Model):
    """A named person confirms, for their organisation, that it has read the notice."""

    party = models.ForeignKey(
        AffectedParty, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["party"], name="one_acknowledgement_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party.organisation}: {self.name}"


class NoticeEvent(HistoryEvent):
    """Append-only history of a notice: phases, removals, reminders, who and when."""

    notice = models.ForeignKey(ChangeNotice, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.notice}: {self.note}"


class Notification(models.Model):
    """An in-app message to one user (the same text also goes out by e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    notice = models.ForeignKey(
        ChangeNotice, on_delete=models.CASCADE, related_name="notifications", null=True
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
