from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.commission.models import (
    AdditionalAssignment,
    AssessmentBody,
    Commission,
    Request,
    Requirement,
)
from wijkregie.commission.workflow import ASSIGNMENT
from wijkregie.common.forms import (
    DateInput,
    DutchDecimalField,
    FilterForm,
    Form,
    UtrechtFormMixin,
    VersionField,
)
from wijkregie.organisations.models import Organisation, Theme
from wijkregie.organisations.selectors import team_organisations


def departments():
    return Organisation.objects.filter(
        kind__in=[Organisation.Kind.MUNICIPAL_DEPARTMENT, Organisation.Kind.MUNICIPALITY],
        active=True,
    )


class CommissionForm(Form):
    name = forms.CharField(label=_("name"), max_length=200)
    period_start = forms.DateField(label=_("start of the period"), widget=DateInput)
    period_end = forms.DateField(label=_("end of the period"), widget=DateInput)
    intent = forms.CharField(
        label=_("intent"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=Commission._meta.get_field("intent").help_text,
    )
    contractors = forms.ModelMultipleChoiceField(
        label=_("contractors"),
        queryset=team_organisations(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField()


class RequirementForm(Form):
    code = forms.CharField(label=_("code"), max_length=30)
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 4}))
    theme = forms.ModelChoiceField(label=_("theme"), queryset=Theme.objects.all(), required=False)
    contractors = forms.ModelMultipleChoiceField(
        label=_("contractors"),
        queryset=team_organisations(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Requirement._meta.get_field("contractors").help_text,
    )
    source_document = forms.CharField(label=_("source document"), max_length=200)
    source_version = forms.CharField(label=_("version of the source document"), max_length=50)


class RequirementChangeForm(RequirementForm):
    reason = forms.CharField(
        label=_("reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the new version; everyone sees why the requirement changed."),
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("code")


class AgreementForm(Form):
    contractor = forms.ModelChoiceField(label=_("contractor"), queryset=team_organisations())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    integral_budget = DutchDecimalField(label=_("integral budget (€)"), min_value=0)
    indexation_pct = DutchDecimalField(label=_("indexation (%)"), min_value=-50, max_value=100)
    cao_wage_growth_pct = DutchDecimalField(
        label=_("assumed CAO wage growth (%)"), min_value=-50, max_value=100
    )
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AgreementEditForm(AgreementForm):
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("contractor")
        self.fields.pop("year")


class AssignmentForm(UtrechtFormMixin, forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("themes"),
        queryset=Theme.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    contractors = forms.ModelMultipleChoiceField(
        label=_("contractors"),
        queryset=team_organisations(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField(required=False)

    class Meta:
        model = AdditionalAssignment
        fields = [
            "title", "purpose", "themes", "contractors", "commissioning_department",
            "funding_source", "start_date", "end_date", "accountability_what",
            "accountability_frequency", "accountability_to", "fit", "fit_reasoning", "status",
            "merged_on", "owner",
        ]  # fmt: skip
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "merged_on": DateInput,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "accountability_what": forms.Textarea(attrs={"rows": 2}),
            "fit_reasoning": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, budget_years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commissioning_department"].queryset = departments()
        self.budget_years = budget_years
        existing = {}
        if self.instance.pk:
            existing = {b.year: b.amount for b in self.instance.budgets.all()}
            self.fields["themes"].initial = list(self.instance.themes.all())
            self.fields["contractors"].initial = list(self.instance.contractors.all())
            # Only the steps the workflow allows from the stored status.
            self.fields["status"].choices = ASSIGNMENT.choices(self.instance.status)
            if not self.is_bound:
                self.initial["version"] = self.instance.version
        for year in budget_years:
            name = f"budget_{year}"
            self.fields[name] = DutchDecimalField(
                label=_("Budget %(year)s (€)") % {"year": year},
                required=False,
                min_value=0,
                initial=existing.get(year),
            )
        from wijkregie.common.forms import apply_widget_classes

        apply_widget_classes(self)

    def budgets(self) -> dict[int, Decimal]:
        return {
            year: self.cleaned_data[f"budget_{year}"]
            for year in self.budget_years
            if self.cleaned_data.get(f"budget_{year}") is not None
        }

    def data_fields(self) -> dict:
        skip = {"themes", "contractors"}
        return {k: self.cleaned_data[k] for k in self.Meta.fields if k not in skip}


class AssignmentFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    contractor = forms.ModelChoiceField(
        label=_("Contractor"),
        queryset=team_organisations(),
        required=False,
        empty_label=_("All contractors"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("All themes"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *AdditionalAssignment.Status.choices],
    )


class YearForm(FilterForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)


class ImportForm(Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_(
            "The format of the export: sheet 'Aanvullende opdrachten', one row per "
            "assignment. Nothing is saved unless every row is correct."
        ),
    )


class RequestForm(Form):
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 4}))
    requesting_department = forms.ModelChoiceField(
        label=_("requesting department"), queryset=departments()
    )
    received_on = forms.DateField(
        label=_("date of the request"), widget=DateInput, initial=timezone.localdate
    )


class OutsideFunnelForm(RequestForm):
    received_by = forms.ModelChoiceField(
        label=_("received by (team organisation)"), queryset=team_organisations()
    )

    def __init__(self, *args, team_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].label = _("received on")
        self.fields["received_by"].queryset = team_organisations().filter(pk__in=team_ids)


class DecideForm(Form):
    decision = forms.ChoiceField(
        label=_("decision"), choices=Request.Decision.choices, widget=forms.RadioSelect
    )
    decision_reasoning = forms.CharField(
        label=_("reasoning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this decision, measured against the intent of the main commission."),
    )
    decided_by = forms.ModelChoiceField(
        label=_("decided by"),
        queryset=AssessmentBody.objects.filter(active=True),
        initial=lambda: AssessmentBody.objects.filter(active=True).first(),
    )
    decided_on = forms.DateField(
        label=_("decided on"), widget=DateInput, initial=timezone.localdate
    )
    redirected_to = forms.CharField(label=_("redirected to"), max_length=200, required=False)
    resulting_assignment = forms.ModelChoiceField(
        label=_("resulting additional assignment"),
        queryset=AdditionalAssignment.objects.all(),
        required=False,
    )
    version = VersionField()
