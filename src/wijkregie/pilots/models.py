"""Pilots and other interventions: goals with indicators, expected series, comparisons with
other explanations and a theory of change. The figures themselves stay in the fact grain
(``reporting.Value``); this app only says what to look at and what was expected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import AppendOnly, HistoryEvent
from wijkregie.common.periods import period_help, validate_period
from wijkregie.common.versioning import VersionedModel


class CompassBlock(models.TextChoices):
    """The blocks of the Kwaliteitskompas (Movisie)."""

    RESULT = "result", _("Societal result")
    ACTIVITIES = "activities", _("Activities")
    QUALITY = "quality", _("Quality of the activities")
    OUTCOMES = "outcomes", _("Outcomes")
    IMPROVEMENT = "improvement", _("Improvement cycle")


class Pilot(VersionedModel):
    class Kind(models.TextChoices):
        PILOT = "pilot", _("pilot")
        THEME = "theme", _("theme of the commission")
        INTERVENTION = "intervention", _("other intervention")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("in preparation")
        RUNNING = "running", _("running")
        ENDED = "ended", _("ended")
        MERGED = "merged", _("merged into the commission")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PILOT)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREPARING
    )
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        "organisations.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
    )
    assignment = models.ForeignKey(
        "commission.AdditionalAssignment",
        verbose_name=_("additional assignment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pilots",
    )
    first_period = models.CharField(
        _("first half-year"), max_length=6, validators=[validate_period], help_text=period_help
    )
    last_period = models.CharField(
        _("last half-year"),
        max_length=6,
        blank=True,
        validators=[validate_period],
        help_text=_("Leave empty while the end is open."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors involved"),
        blank=True,
        related_name="pilots",
    )
    areas = models.ManyToManyField(
        "organisations.Area", verbose_name=_("areas involved"), blank=True, related_name="pilots"
    )
    budget = models.DecimalField(
        _("budget per year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_pilots",
    )

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-first_period", "name"]

    def __str__(self) -> str:
        return self.name


class Goal(VersionedModel):
    class Beneficiary(models.TextChoices):
        RESIDENTS = "residents", _("residents")
        STAFF = "staff", _("staff")
        MUNICIPALITY = "municipality", _("municipality")
        PARTNERS = "partners", _("partners")

    class Question(models.TextChoices):
        HOW_MUCH = "how_much", _("How much did we do?")
        HOW_WELL = "how_well", _("How well did we do it?")
        BETTER_OFF = "better_off", _("Is anyone better off?")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    beneficiary = models.CharField(
        _("for whom"), max_length=16, choices=Beneficiary.choices, default=Beneficiary.RESIDENTS
    )
    question = models.CharField(
        _("RBA question"), max_length=16, choices=Question.choices, default=Question.BETTER_OFF
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    indicators = models.ManyToManyField(
        "indicators.Indicator", through="GoalIndicator", related_name="pilot_goals", blank=True
    )
    #: Why the goal has no indicator (yet), and who said so: a pilot only runs with every goal
    #: monitored, or with this on record.
    no_indicator_reason = models.TextField(_("why there is no indicator (yet)"), blank=True)
    no_indicator_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    no_indicator_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pilot", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class GoalIndicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="links")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="goal_links"
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    block = models.CharField(
        _("Kwaliteitskompas block"),
        max_length=12,
        choices=CompassBlock.choices,
        blank=True,
        help_text=_("Leave empty to derive it from the indicator's RBA question."),
    )

    class Meta:
        ordering = ["goal", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="unique_goal_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.indicator_id}"


class Expectation(VersionedModel):
    """What an indicator would have done without the pilot, by a stated method."""

    class Method(models.TextChoices):
        MEAN = "mean", _("mean of the baseline half-years")
        TREND = "trend", _("linear trend over the baseline half-years")
        MANUAL = "manual", _("expected values entered by hand")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="expectations")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expectations",
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors counted"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the municipality as a whole."),
    )
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    baseline_first = models.CharField(
        _("first baseline half-year"), max_length=6, validators=[validate_period]
    )
    baseline_last = models.CharField(
        _("last baseline half-year"), max_length=6, validators=[validate_period]
    )
    first_period = models.CharField(
        _("first half-year compared"), max_length=6, validators=[validate_period]
    )
    last_period = models.CharField(
        _("last half-year compared"), max_length=6, validators=[validate_period]
    )
    #: Half-year → expected value as text ("123.5"), for the hand-entered method.
    manual_values = models.JSONField(_("expected values"), default=dict, blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    unit_cost = models.DecimalField(
        _("cost per unit"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit_cost_label = models.CharField(_("what the cost per unit is"), max_length=200, blank=True)
    band_width = models.DecimalField(
        _("width of the band"),
        max_digits=4,
        decimal_places=2,
        default=2,
        help_text=_("How many standard deviations of the baseline residuals; 2 is about 95%."),
    )

    class Meta:
        verbose_name = _("expected series")
        verbose_name_plural = _("expected series")
        ordering = ["pilot", "pk"]

    def __str__(self) -> str:
        return f"{self.pilot_id}: {self.indicator_id} ({self.method})"


class Comparison(VersionedModel):
    """Other explanations: the same indicator where the pilot did not (yet) run, and context."""

    class Level(models.TextChoices):
        ORGANISATIONS = "organisations", _("contractors")
        AREAS = "areas", _("areas")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="comparisons")
    title = models.CharField(_("title"), max_length=200)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(
        _("compare"), max_length=16, choices=Level.choices, default=Level.ORGANISATIONS
    )
    treated_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors with the pilot"),
        blank=True,
        related_name="+",
    )
    control_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors without the pilot (yet)"),
        blank=True,
        related_name="+",
    )
    treated_areas = models.ManyToManyField(
        "organisations.Area", verbose_name=_("areas with the pilot"), blank=True, related_name="+"
    )
    control_areas = models.ManyToManyField(
        "organisations.Area",
        verbose_name=_("areas without the pilot (yet)"),
        blank=True,
        related_name="+",
    )
    before_first = models.CharField(
        _("first half-year before the start"), max_length=6, validators=[validate_period]
    )
    start_period = models.CharField(
        _("first half-year with the pilot"), max_length=6, validators=[validate_period]
    )
    after_last = models.CharField(
        _("last half-year compared"),
        max_length=6,
        validators=[validate_period],
        help_text=_("At the latest the half-year before the comparison group starts as well."),
    )
    context_indicators = models.ManyToManyField(
        "indicators.Indicator",
        verbose_name=_("context series"),
        blank=True,
        related_name="+",
        help_text=_("Series that could explain the change as well, e.g. all Wmo indications."),
    )
    assumptions = models.TextField(_("assumptions"), blank=True)

    class Meta:
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")
        ordering = ["pilot", "pk"]

    def __str__(self) -> str:
        return self.title


class Element(VersionedModel):
    """A box in the theory of change."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("activity")
        OUTPUT = "output", _("output")
        OUTCOME = "outcome", _("outcome")
        RESULT = "result", _("societal result")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="elements")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name=_("indicators"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        ordering = ["pilot", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Link(VersionedModel):
    """An arrow: doing ``source`` contributes to ``target`` because …, assuming …"""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(
        Element, verbose_name=_("from"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        Element, verbose_name=_("to"), on_delete=models.CASCADE, related_name="incoming"
    )
    rationale = models.TextField(_("because"))
    assumption = models.TextField(_("assumption"), blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        verbose_name=_("indicators that test the assumption"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("arrow")
        verbose_name_plural = _("arrows")
        ordering = ["pilot", "source__order", "target__order", "pk"]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"


class Revision(AppendOnly):
    """An appended, never changed, snapshot of part of a pilot (its expected series, its
    theory of change) with the reason for the change."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="revisions")
    subject = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    reason = models.TextField(_("reason for the change"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pilot", "subject", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "subject", "number"], name="unique_pilot_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pilot_id} {self.subject} v{self.number}"


class PilotEvent(HistoryEvent):
    """Append-only history of a pilot's status."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        pass
