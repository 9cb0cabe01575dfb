"""Indicator definitions: few, well defined, each with a question it answers and an owner."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import AppendOnly
from wijkregie.common.periods import period_help, validate_period
from wijkregie.common.versioning import VersionedModel

indicator_code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens only, e.g. IB-TEAM.")
)


class Indicator(VersionedModel):
    class Question(models.TextChoices):
        HOW_MUCH = "how_much", _("How much did we do?")
        HOW_WELL = "how_well", _("How well did we do it?")
        BETTER_OFF = "better_off", _("Is anyone better off?")

    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons (count)")
        COUNT = "count", _("number")
        PERCENTAGE = "percentage", _("percentage")
        EUROS = "euros", _("euros")
        SCORE = "score", _("score")
        DAYS = "days", _("days")

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")
        NEUTRAL = "neutral", _("neither: context")

    class Source(models.TextChoices):
        DELIVERED = "delivered", _("delivered by the teams")
        COMPUTED = "computed", _("computed from registrations")
        MUNICIPAL = "municipal", _("municipal registration (BRP, Wmo desk)")
        SURVEY = "survey", _("survey")
        SIGNALS = "signals", _("signals from practice")

    class Counts(models.TextChoices):
        """What a figure counts. Anything about residents is a person count under disclosure
        control, whatever its unit label says (an indication is a decision about a resident)."""

        RESIDENTS = "residents", _("residents")
        CLIENTS = "clients", _("clients")
        TRAJECTORIES = "trajectories", _("trajectories (support of a resident)")
        INDICATIONS = "indications", _("indications (decisions about a resident)")
        HANDOVERS = "handovers", _("handovers of a resident")
        OTHER = "other", _("something else (activities, money, scores, organisations)")

    class Formula(models.TextChoices):
        NONE = "none", _("the value itself")
        RATIO = "ratio", _("numerator / denominator × factor, delivered together")
        DERIVED = "derived", _("computed from two other indicators")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("add up (counts, amounts)")
        MEAN = "mean", _("average (scores)")

    class Tier(models.TextChoices):
        HEADLINE = "headline", _("headline")
        SECONDARY = "secondary", _("secondary")
        DEVELOPMENT = "development", _("development agenda (wanted, not yet measurable)")

    class Granularity(models.TextChoices):
        AREA = "area", _("per area (wijk)")
        ORGANISATION = "organisation", _("per organisation")

    code = models.CharField(
        _("code"), max_length=30, unique=True, validators=[indicator_code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition in plain language"), blank=True)
    technical_definition = models.TextField(
        _("technical definition"),
        blank=True,
        help_text=_("What exactly is counted, from which registration, with which exclusions."),
    )
    question = models.CharField(
        _("RBA question"), max_length=16, choices=Question.choices, default=Question.HOW_MUCH
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.PERSONS)
    polarity = models.CharField(
        _("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.HIGHER
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, blank=True, default=Source.DELIVERED
    )
    counts = models.CharField(
        _("what it counts"),
        max_length=14,
        choices=Counts.choices,
        default=Counts.OTHER,
        help_text=_(
            "Counts of residents, clients, trajectories, indications or handovers are person "
            "counts: outside the delivering organisation, numbers below the disclosure "
            "threshold are hidden."
        ),
    )
    reconciles_with = models.ForeignKey(
        "self",
        verbose_name=_("answers the same question as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "A delivered and a computed indicator that answer the same question: the indicator "
            "page shows both side by side, and the lint reports where they differ."
        ),
    )
    reconciliation_note = models.TextField(
        _("why the two can differ"),
        blank=True,
        help_text=_("What each of the two counts, and which difference is to be expected."),
    )
    formula = models.CharField(
        _("formula"), max_length=10, choices=Formula.choices, default=Formula.NONE
    )
    aggregation = models.CharField(
        _("aggregation over areas"),
        max_length=8,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("numerator indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    factor = models.DecimalField(
        _("factor"),
        max_digits=12,
        decimal_places=4,
        default=1,
        help_text=_("For example 100 to express a ratio as a percentage."),
    )
    numerator_label = models.CharField(_("what the numerator counts"), max_length=200, blank=True)
    denominator_label = models.CharField(
        _("what the denominator counts"), max_length=200, blank=True
    )
    denominator_is_persons = models.BooleanField(
        _("denominator counts persons"),
        default=True,
        help_text=_("Ratios over fewer persons than the disclosure threshold are hidden."),
    )
    themes = models.ManyToManyField(
        "organisations.Theme", verbose_name=_("themes"), blank=True, related_name="indicators"
    )
    requirements = models.ManyToManyField(
        "commission.Requirement",
        verbose_name=_("requirements it evidences"),
        blank=True,
        related_name="indicators",
    )
    tier = models.CharField(_("tier"), max_length=12, choices=Tier.choices, default=Tier.SECONDARY)
    granularity = models.CharField(
        _("delivered"), max_length=12, choices=Granularity.choices, default=Granularity.AREA
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_indicators",
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_period = models.CharField(
        _("baseline period"),
        max_length=6,
        blank=True,
        validators=[validate_period],
        help_text=period_help,
    )
    minimum = models.DecimalField(
        _("lowest valid value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("highest valid value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def counts_persons(self) -> bool:
        """Whether the figure (or a ratio's numerator) is a count about residents."""
        return self.counts != self.Counts.OTHER

    @property
    def is_ratio(self) -> bool:
        return self.formula == self.Formula.RATIO

    @property
    def is_derived(self) -> bool:
        return self.formula == self.Formula.DERIVED


class IndicatorRevision(AppendOnly):
    """An appended, never changed, snapshot of a definition at one version, with its reason."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("definition"))
    reason = models.TextField(_("reason for the change"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} v{self.number}"


class Target(models.Model):
    """A target for one period, for the whole municipality or one contractor or area."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(
        _("period"), max_length=6, validators=[validate_period], help_text=period_help
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("contractor"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "organisations.Area",
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period"]
        # One target per indicator, period, contractor and area: the service keeps it so
        # (a unique constraint cannot cover the empty contractor/area on every database).

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.value}"


def worse(polarity: str, new, old) -> bool:
    """Whether going from ``old`` to ``new`` is worse, by an indicator's polarity."""
    if polarity == Indicator.Polarity.HIGHER:
        return new < old
    if polarity == Indicator.Polarity.LOWER:
        return new > old
    return False
