from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.commission.models import AdditionalAssignment
from wijkregie.common.forms import DutchDecimalField, Form, StatusChoices, VersionField
from wijkregie.common.periods import period_help, validate_period
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Theme
from wijkregie.organisations.selectors import team_organisations
from wijkregie.pilots.models import Comparison, Element, Expectation, Goal, Pilot


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 6)
        kwargs.setdefault("help_text", period_help)
        super().__init__(validators=[validate_period], **kwargs)

    def to_python(self, value):
        return (super().to_python(value) or "").strip().upper()


def indicators():
    return Indicator.objects.filter(active=True).order_by("code")


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("reason for the change"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Needed for every change after the first version; kept in the history.")
        )
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)


class PilotForm(Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Pilot.Kind.choices)
    theme = forms.ModelChoiceField(
        label=_("theme"), queryset=Theme.objects.filter(active=True), required=False
    )
    assignment = forms.ModelChoiceField(
        label=_("additional assignment"),
        queryset=AdditionalAssignment.objects.all(),
        required=False,
    )
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    first_period = PeriodField(label=_("first half-year"))
    last_period = PeriodField(label=_("last half-year"), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("contractors involved"),
        queryset=team_organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("areas involved"),
        queryset=Area.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    budget = DutchDecimalField(label=_("budget per year (€)"), required=False)
    version = VersionField(required=False)


class StatusForm(StatusChoices, Form):
    status = forms.ChoiceField(label=_("new status"), choices=Pilot.Status.choices)
    version = VersionField()


class GoalForm(Form):
    title = forms.CharField(label=_("goal"), max_length=200)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    beneficiary = forms.ChoiceField(label=_("for whom"), choices=Goal.Beneficiary.choices)
    question = forms.ChoiceField(label=_("RBA question"), choices=Goal.Question.choices)
    order = forms.IntegerField(label=_("order"), min_value=0, initial=0)
    indicators = forms.ModelMultipleChoiceField(
        label=_("indicators"), queryset=indicators(), required=False
    )
    targets = forms.CharField(
        label=_("targets"),
        required=False,
        help_text=_("Optional, one per line: CODE = value, e.g. IB-INDICATIES = 190."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    no_indicator_reason = forms.CharField(
        label=_("why there is no indicator (yet)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when no indicator is linked. Recorded with your name."),
    )
    version = VersionField(required=False)

    def clean_targets(self):
        from wijkregie.common.xlsx import CellError, parse_decimal

        found = {}
        for number, line in enumerate(self.cleaned_data["targets"].splitlines(), start=1):
            if not line.strip():
                continue
            code, _sep, value = line.partition("=")
            try:
                found[code.strip().upper()] = parse_decimal(value.strip())
            except CellError as exc:
                raise forms.ValidationError(
                    _("Line %(line)d: write CODE = value, e.g. IB-INDICATIES = 190.")
                    % {"line": number}
                ) from exc
        return found

    def clean(self):
        data = super().clean()
        chosen = {i.code for i in data.get("indicators") or []}
        unknown = set(data.get("targets") or {}) - chosen
        if unknown:
            self.add_error(
                "targets",
                _("Targets for indicators that are not linked: %(codes)s.")
                % {"codes": ", ".join(sorted(unknown))},
            )
        return data


class ExpectationForm(Form):
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=indicators())
    goal = forms.ModelChoiceField(label=_("goal"), queryset=Goal.objects.none(), required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("contractors counted"),
        queryset=team_organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty for the municipality as a whole."),
    )
    method = forms.ChoiceField(
        label=_("method"), choices=Expectation.Method.choices, widget=forms.RadioSelect
    )
    baseline_first = PeriodField(label=_("first baseline half-year"))
    baseline_last = PeriodField(label=_("last baseline half-year"))
    first_period = PeriodField(label=_("first half-year compared"))
    last_period = PeriodField(label=_("last half-year compared"))
    manual_values = forms.CharField(
        label=_("expected values (by hand)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only for the method 'by hand': one per line, half-year = value, e.g. 2020H1 = 410. "
            "Values for the baseline half-years as well give the band."
        ),
    )
    assumptions = forms.CharField(label=_("assumptions"), widget=forms.Textarea(attrs={"rows": 4}))
    unit_cost = DutchDecimalField(label=_("cost per unit (€)"), required=False)
    unit_cost_label = forms.CharField(
        label=_("what the cost per unit is"), max_length=200, required=False
    )
    band_width = DutchDecimalField(label=_("width of the band"), initial=2)
    reason = ReasonField()
    version = VersionField(required=False)

    def __init__(self, *args, pilot: Pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = pilot.goals.all()

    def clean_manual_values(self):
        from wijkregie.common.periods import Period
        from wijkregie.common.xlsx import CellError, parse_decimal

        found = {}
        for number, line in enumerate(self.cleaned_data["manual_values"].splitlines(), start=1):
            if not line.strip():
                continue
            period, _sep, value = line.partition("=")
            try:
                key = str(Period.parse(period.strip().upper()))
                found[key] = format(parse_decimal(value.strip()), "f")
            except (ValueError, CellError) as exc:
                raise forms.ValidationError(
                    _("Line %(line)d: write half-year = value, e.g. 2020H1 = 410.")
                    % {"line": number}
                ) from exc
        return found


class ComparisonForm(Form):
    title = forms.CharField(label=_("title"), max_length=200)
    indicator = forms.ModelChoiceField(label=_("indicator"), queryset=indicators())
    level = forms.ChoiceField(
        label=_("compare"), choices=Comparison.Level.choices, widget=forms.RadioSelect
    )
    treated_organisations = forms.ModelMultipleChoiceField(
        label=_("contractors with the pilot"),
        queryset=team_organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    control_organisations = forms.ModelMultipleChoiceField(
        label=_("contractors without the pilot (yet)"),
        queryset=team_organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    treated_areas = forms.ModelMultipleChoiceField(
        label=_("areas with the pilot"),
        queryset=Area.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    control_areas = forms.ModelMultipleChoiceField(
        label=_("areas without the pilot (yet)"),
        queryset=Area.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    before_first = PeriodField(label=_("first half-year before the start"))
    start_period = PeriodField(label=_("first half-year with the pilot"))
    after_last = PeriodField(label=_("last half-year compared"))
    context_indicators = forms.ModelMultipleChoiceField(
        label=_("context series"), queryset=indicators(), required=False
    )
    assumptions = forms.CharField(
        label=_("assumptions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField(required=False)


class ElementForm(Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Element.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    order = forms.IntegerField(label=_("order"), min_value=0, initial=0)
    indicators = forms.ModelMultipleChoiceField(
        label=_("indicators"), queryset=indicators(), required=False
    )
    reason = ReasonField()
    version = VersionField(required=False)


class LinkForm(Form):
    source = forms.ModelChoiceField(label=_("from"), queryset=Element.objects.none())
    target = forms.ModelChoiceField(label=_("to"), queryset=Element.objects.none())
    rationale = forms.CharField(
        label=_("because"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("If we do A, this way, it contributes to B, because …"),
    )
    assumption = forms.CharField(
        label=_("assumption"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("indicators that test the assumption"), queryset=indicators(), required=False
    )
    reason = ReasonField()
    version = VersionField(required=False)

    def __init__(self, *args, pilot: Pilot, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            self.fields[name].queryset = pilot.elements.all()


class DeleteForm(Form):
    reason = ReasonField(required=True)
    version = VersionField(required=False)
