"""Half-year deliveries and the one fact grain every page, export and the API reads.

A :class:`Value` is (indicator, contractor, area or whole organisation, theme where relevant,
period, source, review state). Delivered values belong to a :class:`Delivery`; computed values
(from registrations) have none. :class:`Rollup` holds the sums the dashboard reads, refreshed
whenever the values of an indicator and period change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import HistoryEvent
from wijkregie.common.periods import Period, period_help, validate_period
from wijkregie.common.versioning import VersionedModel


class Delivery(VersionedModel):
    """One team organisation's halfjaarlevering for one half-year (and its corrections)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        SENT_BACK = "sent_back", _("sent back")
        APPROVED = "approved", _("approved")
        SUPERSEDED = "superseded", _("replaced by a correction")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    period = models.CharField(
        _("period"), max_length=6, validators=[validate_period], help_text=period_help
    )
    number = models.PositiveSmallIntegerField(
        _("version"), default=1, help_text=_("1 for the delivery, 2 and up for corrections.")
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    feedback = models.TextField(_("feedback from the municipality"), blank=True)
    due_date = models.DateField(_("due date"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("half-year delivery")
        verbose_name_plural = _("half-year deliveries")
        ordering = ["-period", "organisation__name", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "number"], name="unique_delivery_version"
            )
        ]

    def __str__(self) -> str:
        label = f"{self.organisation} {self.period}"
        return label if self.number == 1 else f"{label} (v{self.number})"

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.SENT_BACK)


class DeliveryEvent(HistoryEvent):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        abstract = False

    @property
    def from_label(self) -> str:
        return Delivery.State(self.from_state).label if self.from_state else ""

    @property
    def to_label(self) -> str:
        return Delivery.State(self.to_state).label if self.to_state else ""


class Value(models.Model):
    """One fact: an indicator's value for a contractor, area (or the whole organisation),
    theme (where relevant) and half-year."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        SENT_BACK = "sent_back", _("sent back")
        APPROVED = "approved", _("approved")
        SUPERSEDED = "superseded", _("replaced by a correction")
        COMPUTED = "computed", _("computed")

    class Source(models.TextChoices):
        """Where a fact comes from; each source has one writer (see docs/adr/0004)."""

        DELIVERED = "delivered", _("delivered by the teams")
        COMPUTED = "computed", _("computed from registrations")
        MUNICIPAL = "municipal", _("municipal registration")
        SURVEY = "survey", _("survey")
        SIGNALS = "signals", _("signals from practice")

    #: States the municipality and others see: reviewed or computed, never work in progress.
    PUBLISHED = (State.APPROVED, State.COMPUTED)

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="values"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="indicator_values"
    )
    area = models.ForeignKey(
        "organisations.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    theme = models.ForeignKey(
        "organisations.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    period = models.CharField(max_length=6, validators=[validate_period])
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.DELIVERED
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, null=True, blank=True, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(
        _("numerator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    not_measurable = models.BooleanField(_("not measurable"), default=False)
    reason = models.TextField(_("why not measurable"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    #: The de-identified version of the reason (not measurable) or the explanation.
    shared_note = models.TextField(_("shared note (de-identified)"), blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        indexes = [
            models.Index(fields=["indicator", "period", "state"], name="value_grain_idx"),
            models.Index(fields=["organisation", "period"], name="value_org_period_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "indicator", "area", "theme"],
                name="unique_value_per_delivery",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.organisation_id} {self.area_id} {self.period}"

    @staticmethod
    def note_of(value: Value) -> str:
        """The reason (not measurable) or the explanation: the note that others read."""
        return (value.reason if value.not_measurable else value.explanation) or ""


class Rollup(models.Model):
    """Published values summed per (contractor or all) × (area or all) × (theme or all) ×
    indicator × period; what the dashboard reads. Rebuilt by ``services.refresh_rollups``."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    area = models.ForeignKey(
        "organisations.Area", on_delete=models.CASCADE, null=True, related_name="+"
    )
    theme = models.ForeignKey(
        "organisations.Theme", on_delete=models.CASCADE, null=True, related_name="+"
    )
    period = models.CharField(max_length=6)
    total = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    rows = models.PositiveIntegerField(default=0)
    measured = models.PositiveIntegerField(default=0)
    not_measurable = models.PositiveIntegerField(default=0)
    #: Disclosure control for outsiders, decided when the rollup is built (see insights).
    suppression = models.CharField(max_length=16, blank=True)
    #: For totals over organisations: the organisations expected to contribute in this period
    #: that did not (ids). Empty: complete.
    missing = models.JSONField(default=list, blank=True)
    #: Where the summed facts come from and their state (``Value.Source``/``Value.State``), or
    #: "mixed" when the facts of one cell differ.
    source = models.CharField(max_length=12, blank=True)
    state = models.CharField(max_length=12, blank=True)

    class Meta:
        indexes = [
            # Leading (indicator, period) serves refreshes; theme and area let the dashboard seek
            # the contractor level (theme and area empty) without scanning the wijk rows.
            models.Index(fields=["indicator", "period", "theme", "area"], name="rollup_grain_idx"),
            models.Index(fields=["period", "organisation"], name="rollup_period_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.organisation_id}/{self.area_id}"


class Narrative(VersionedModel):
    """The story per theme or per requirement that goes with the figures."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="narratives")
    theme = models.ForeignKey(
        "organisations.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requirement = models.ForeignKey(
        "commission.Requirement",
        verbose_name=_("requirement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="narratives",
    )
    text = models.TextField(_("text"))
    shared_text = models.TextField(_("shared version (de-identified)"), blank=True)

    class Meta:
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        ordering = ["theme__order", "requirement__code", "id"]

    def __str__(self) -> str:
        return self.about

    @property
    def about(self) -> str:
        if self.theme_id:
            return str(self.theme)
        return self.requirement.code if self.requirement_id else ""


class CaseStory(VersionedModel):
    """A casus: one fictionalised or de-identified story of a resident, linked to indicators."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="case_stories")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("story"))
    shared_title = models.CharField(_("shared title"), max_length=200, blank=True)
    shared_text = models.TextField(_("shared version (de-identified)"), blank=True)
    theme = models.ForeignKey(
        "organisations.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "organisations.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name=_("indicators"), blank=True, related_name="stories"
    )

    class Meta:
        verbose_name = _("case story")
        verbose_name_plural = _("case stories")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class FactsGeneration(models.Model):
    """One row whose number grows whenever what the figures are read from changes: the
    rollups, the deliveries' states (provisional marks), the indicators and the areas. Caches of
    figures (the public release, the dashboards) are keyed on it, so a change anywhere, in any
    process, makes every cached figure stale at once; a read costs one primary-key lookup."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("facts generation")
        verbose_name_plural = _("facts generations")

    def __str__(self) -> str:
        return str(self.value)
