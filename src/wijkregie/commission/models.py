"""The commission register: main commission, requirements (versioned), execution agreements,
additional assignments with yearly budgets, and the request funnel with its history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.common.history import AppendOnly, HistoryEvent
from wijkregie.common.versioning import VersionedModel

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {
    "max_digits": 6,
    "decimal_places": 3,
    "validators": [MinValueValidator(Decimal("-50")), MaxValueValidator(Decimal("100"))],
}


class Commission(VersionedModel):
    """The main commission (hoofdopdracht) for a contract period."""

    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    intent = models.TextField(
        _("intent"), help_text=_("In a few sentences: what the commission is for and why.")
    )
    contractors = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors"),
        related_name="commissions",
        limit_choices_to={"kind": "team_organisation"},
    )

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end lies before the start.")})

    def is_current(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.period_start <= day <= self.period_end


class Requirement(models.Model):
    """One item of the Programma van Eisen. Its current text lives here; every change is
    appended to :class:`RequirementVersion` with a reason."""

    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="requirements"
    )
    code = models.CharField(_("code"), max_length=30)
    text = models.TextField(_("text"))
    theme = models.ForeignKey(
        "organisations.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="requirements",
        null=True,
        blank=True,
    )
    contractors = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors"),
        blank=True,
        related_name="requirements",
        help_text=_("Leave empty when the requirement applies to every contractor."),
    )
    source_document = models.CharField(_("source document"), max_length=200)
    source_version = models.CharField(_("version of the source document"), max_length=50)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["commission", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "code"], name="unique_requirement_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class RequirementVersion(AppendOnly):
    """An appended, never changed, record of a requirement as it was at one version."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    theme_name = models.CharField(_("theme"), max_length=200, blank=True)
    contractor_names = models.CharField(_("contractors"), max_length=500, blank=True)
    source_document = models.CharField(_("source document"), max_length=200)
    source_version = models.CharField(_("version of the source document"), max_length=50)
    reason = models.TextField(_("reason for the change"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("requirement version")
        verbose_name_plural = _("requirement versions")
        ordering = ["requirement", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "number"], name="unique_requirement_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement.code} v{self.number}"


class ExecutionAgreement(VersionedModel):
    """The yearly execution agreement (uitvoeringsovereenkomst) with one contractor."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="agreements")
    contractor = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("contractor"),
        on_delete=models.PROTECT,
        related_name="agreements",
        limit_choices_to={"kind": "team_organisation"},
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    integral_budget = models.DecimalField(
        _("integral budget (€)"), validators=[MinValueValidator(0)], **MONEY
    )
    indexation_pct = models.DecimalField(
        _("indexation (%)"),
        help_text=_("The indexation the municipality applied to the budget for this year."),
        **PERCENT,
    )
    cao_wage_growth_pct = models.DecimalField(
        _("assumed CAO wage growth (%)"),
        help_text=_("The wage growth under the collective labour agreement for this year."),
        **PERCENT,
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("execution agreement")
        verbose_name_plural = _("execution agreements")
        ordering = ["contractor__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "contractor", "year"], name="unique_agreement_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contractor} {self.year}"


class FundingSource(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal budget")
    NATIONAL_PROGRAMME = "national_programme", _("National programme")
    WMO_BUDGET = "wmo_budget", _("Wmo budget")
    SPECIFIC_GRANT = "specific_grant", _("Specific grant (SPUK)")
    OTHER = "other", _("Other")


class Fit(models.TextChoices):
    FITS = "fits", _("Fits the intent")
    PARTLY = "partly", _("Partly fits")
    NO = "no", _("Does not fit")


class ReportingFrequency(models.TextChoices):
    NONE = "", _("No accountability agreed")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")
    AT_END = "at_end", _("Once, at the end")


class AdditionalAssignment(VersionedModel):
    """An additional assignment (aanvullende opdracht) beside the main commission."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ASSESSED = "assessed", _("Assessed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        MERGED = "merged", _("Merged into the main commission")

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="assignments")
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    themes = models.ManyToManyField(
        "organisations.Theme", verbose_name=_("themes"), related_name="assignments"
    )
    contractors = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("contractors"),
        related_name="assignments",
        limit_choices_to={"kind": "team_organisation"},
    )
    commissioning_department = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("commissioning department"),
        on_delete=models.PROTECT,
        related_name="commissioned_assignments",
        limit_choices_to={"kind__in": ["municipal_department", "municipality"]},
    )
    funding_source = models.CharField(
        _("funding source"), max_length=32, choices=FundingSource.choices
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    accountability_what = models.TextField(
        _("what is reported"),
        blank=True,
        help_text=_("Leave empty when no accountability has been agreed."),
    )
    accountability_frequency = models.CharField(
        _("how often"), max_length=16, choices=ReportingFrequency.choices, blank=True
    )
    accountability_to = models.CharField(_("reported to"), max_length=200, blank=True)
    fit = models.CharField(_("fit with the main commission"), max_length=8, choices=Fit.choices)
    fit_reasoning = models.TextField(_("reasoning about the fit"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    merged_on = models.DateField(_("merged into the main commission on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_assignments",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("additional assignment")
        verbose_name_plural = _("additional assignments")
        ordering = ["start_date", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end lies before the start.")
        if self.status == self.Status.MERGED and not self.merged_on:
            errors["merged_on"] = _("Give the date the assignment was merged.")
        if self.accountability_what.strip() and not self.accountability_frequency:
            errors["accountability_frequency"] = _("Say how often is reported.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_accountability(self) -> bool:
        return bool(self.accountability_what.strip())

    def budget_for(self, year: int) -> Decimal:
        return sum((b.amount for b in self.budgets.all() if b.year == year), Decimal("0"))


class AssignmentBudget(models.Model):
    assignment = models.ForeignKey(
        AdditionalAssignment, on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(_("amount (€)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        verbose_name = _("budget of an additional assignment")
        verbose_name_plural = _("budgets of additional assignments")
        ordering = ["assignment", "year"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "year"], name="unique_assignment_year")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.year}"


class AssessmentBody(models.Model):
    """The joint body that assesses requests against the commission ("met één mond")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("member organisations"), blank=True
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("assessment body")
        verbose_name_plural = _("assessment bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Request(models.Model):
    """A request for the teams. Filed through the funnel by a department, or registered by a
    team organisation that received it outside the funnel (side-steering)."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted to the assessment body")
        OUTSIDE_FUNNEL = "outside_funnel", _("Received outside the funnel")
        DECIDED = "decided", _("Decided")

    class Decision(models.TextChoices):
        MAIN_COMMISSION = "main_commission", _("Part of the main commission")
        NEW_ASSIGNMENT = "new_assignment", _("New additional assignment")
        REDIRECT = "redirect", _("Redirected elsewhere")
        DECLINE = "decline", _("Declined")

    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="requests")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    requesting_department = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("requesting department"),
        on_delete=models.PROTECT,
        related_name="requests_made",
        limit_choices_to={"kind__in": ["municipal_department", "municipality"]},
    )
    received_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("received by (team organisation)"),
        on_delete=models.PROTECT,
        related_name="requests_received",
        null=True,
        blank=True,
        limit_choices_to={"kind": "team_organisation"},
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    side_steering = models.BooleanField(_("outside the funnel (side-steering)"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reasoning = models.TextField(_("reasoning"), blank=True)
    decided_by = models.ForeignKey(
        AssessmentBody,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    redirected_to = models.CharField(_("redirected to"), max_length=200, blank=True)
    resulting_assignment = models.ForeignKey(
        AdditionalAssignment,
        verbose_name=_("resulting additional assignment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def half_year(self) -> str:
        return f"{self.received_on.year}H{1 if self.received_on.month <= 6 else 2}"


class RequestEvent(HistoryEvent):
    """Append-only history of a request: every state change, who and when."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryEvent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.request} → {self.to_state}"


class AssignmentEvent(HistoryEvent):
    """Append-only history of an additional assignment's status."""

    assignment = models.ForeignKey(
        AdditionalAssignment, on_delete=models.CASCADE, related_name="events"
    )

    class Meta(HistoryEvent.Meta):
        pass
