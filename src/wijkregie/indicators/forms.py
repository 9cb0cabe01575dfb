from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.models import User
from wijkregie.commission.models import Requirement
from wijkregie.common.forms import DutchDecimalField, UtrechtFormMixin
from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Organisation, Theme


class IndicatorForm(UtrechtFormMixin, forms.ModelForm):
    factor = DutchDecimalField(label=_("factor"), required=True)
    baseline_value = DutchDecimalField(label=_("baseline"), required=False)
    minimum = DutchDecimalField(label=_("lowest valid value"), required=False)
    maximum = DutchDecimalField(label=_("highest valid value"), required=False)
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.filter(active=True), label=_("themes"), required=False
    )
    requirements = forms.ModelMultipleChoiceField(
        Requirement.objects.all(), label=_("requirements it evidences"), required=False
    )
    reason = forms.CharField(
        label=_("reason for the change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when you change an existing definition; kept with the version."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "technical_definition",
            "question",
            "unit",
            "polarity",
            "source",
            "formula",
            "aggregation",
            "numerator_label",
            "denominator_label",
            "denominator_is_persons",
            "numerator",
            "denominator",
            "factor",
            "tier",
            "granularity",
            "owner",
            "baseline_value",
            "baseline_period",
            "minimum",
            "maximum",
            "active",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "technical_definition": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name"
        )


class TargetForm(UtrechtFormMixin, forms.Form):
    period = forms.CharField(label=_("period"), help_text=_("A half-year, e.g. 2026H1."))
    value = DutchDecimalField(label=_("target"))
    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION, active=True),
        label=_("contractor"),
        required=False,
        empty_label=_("Whole municipality"),
    )

    def clean_period(self):
        return str(Period.parse(self.cleaned_data["period"]))
