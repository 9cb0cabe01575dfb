"""Forms of the survey's owners: coding an open answer, and the link to an indicator."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.common.forms import Form
from wijkregie.indicators.models import Indicator
from wijkregie.surveys import results
from wijkregie.surveys.models import Coding, Question, Survey


class CodingForm(Form):
    kind = forms.ChoiceField(label=_("code"), choices=[("", "—"), *Coding.Kind.choices])
    statement = forms.ModelChoiceField(
        label=_("about the statement"), queryset=Question.objects.none(), required=False
    )
    theme = forms.CharField(label=_("theme"), max_length=100, required=False)
    follow_up = forms.CharField(label=_("follow-up"), max_length=300, required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].queryset = Question.objects.filter(
            pk__in=[q.pk for q in results.likert_questions(survey)]
        )
        self.fields["statement"].label_from_instance = lambda q: q.label


class IndicatorLinkForm(Form):
    indicator = forms.ModelChoiceField(
        label=_("indicator"),
        queryset=Indicator.objects.order_by("code"),
        required=False,
        help_text=_("Empty: the survey feeds no indicator."),
    )
    group = forms.ChoiceField(label=_("respondent group whose answers count"), required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        groups = sorted(
            set(survey.waves.values_list("responses__group", flat=True).exclude(responses=None))
        )
        self.fields["group"].choices = [("", "—"), *((g, g) for g in groups)]
        self.waves = list(survey.waves.all())
        for wave in self.waves:
            self.fields[f"period_{wave.code}"] = forms.CharField(
                label=_("Half-year of wave %(wave)s") % {"wave": wave.code},
                max_length=6,
                required=False,
                help_text=_("e.g. 2024H2; empty: the wave gives no figure"),
            )

    def periods(self) -> dict[str, str]:
        return {w.code: self.cleaned_data.get(f"period_{w.code}", "").strip() for w in self.waves}
