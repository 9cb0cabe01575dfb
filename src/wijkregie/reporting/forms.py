from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.commission.models import Requirement
from wijkregie.common.forms import DutchDecimalField, UtrechtFormMixin
from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Theme
from wijkregie.reporting.validation import Entry


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ValuesForm(UtrechtFormMixin, forms.Form):
    """One row of fields per delivery line; names are ``<indicator>-<area or 0>-<field>``."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, lines, **kwargs):
        self.lines = lines
        super().__init__(*args, **kwargs)
        for indicator, area in lines:
            key = self.key(indicator, area)
            where = area.name if area else _("whole organisation")
            label = f"{indicator.code} {indicator.name} — {where}"
            if indicator.is_ratio:
                self.fields[f"{key}-numerator"] = DutchDecimalField(
                    label=_("Numerator: %(label)s") % {"label": label}, required=False
                )
                self.fields[f"{key}-denominator"] = DutchDecimalField(
                    label=_("Denominator: %(label)s") % {"label": label}, required=False
                )
            else:
                self.fields[f"{key}-value"] = DutchDecimalField(
                    label=_("Value: %(label)s") % {"label": label}, required=False
                )
            self.fields[f"{key}-not_measurable"] = forms.BooleanField(
                label=_("Not measurable: %(label)s") % {"label": label}, required=False
            )
            self.fields[f"{key}-reason"] = forms.CharField(
                label=_("Why not measurable: %(label)s") % {"label": label}, required=False
            )
            self.fields[f"{key}-explanation"] = forms.CharField(
                label=_("Explanation: %(label)s") % {"label": label}, required=False
            )

    @staticmethod
    def key(indicator: Indicator, area: Area | None) -> str:
        return f"{indicator.pk}-{area.pk if area else 0}"

    def entries(self) -> list[Entry]:
        data = self.cleaned_data
        found = []
        for indicator, area in self.lines:
            key = self.key(indicator, area)
            found.append(
                Entry(
                    indicator=indicator,
                    area_id=area.pk if area else None,
                    value=data.get(f"{key}-value"),
                    numerator=data.get(f"{key}-numerator"),
                    denominator=data.get(f"{key}-denominator"),
                    not_measurable=bool(data.get(f"{key}-not_measurable")),
                    reason=data.get(f"{key}-reason") or "",
                    explanation=data.get(f"{key}-explanation") or "",
                )
            )
        return found

    def add_entry_errors(self, entries: list[Entry]) -> None:
        for entry in entries:
            for name, messages in entry.errors.items():
                field = f"{entry.key}-{name}"
                if field not in self.fields:
                    field = f"{entry.key}-numerator" if entry.indicator.is_ratio else None
                self.add_error(field, messages)

    def rows(self):
        """(indicator, [(area, {name: bound field})]) groups for the template."""
        groups: list[tuple[Indicator, list]] = []
        for indicator, area in self.lines:
            key = self.key(indicator, area)
            fields = {
                name: self[f"{key}-{name}"]
                for name in (
                    "value",
                    "numerator",
                    "denominator",
                    "not_measurable",
                    "reason",
                    "explanation",
                )
                if f"{key}-{name}" in self.fields
            }
            if not groups or groups[-1][0] != indicator:
                groups.append((indicator, []))
            groups[-1][1].append((area, fields))
        return groups


class CreateDeliveryForm(UtrechtFormMixin, forms.Form):
    period = forms.CharField(label=_("Half-year"), help_text=_("For example 2026H2."))

    def clean_period(self):
        return str(Period.parse(self.cleaned_data["period"]))


class UploadForm(UtrechtFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (XLSX)"),
        help_text=_("The template you downloaded for this delivery, filled in."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(UtrechtFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("approve", _("Approve")), ("send_back", _("Send back with feedback"))],
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required when you send the delivery back: say what has to change."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionForm(UtrechtFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is corrected, and why"), widget=forms.Textarea(attrs={"rows": 3})
    )


MARKED_FIELD = forms.CharField(
    label=_("Details that must also be removed"),
    required=False,
    max_length=4000,
    widget=forms.Textarea(attrs={"rows": 2}),
    help_text=_(
        "One per line: a name, street, school or number that the shared version still shows. "
        "It is removed wherever it occurs in this text."
    ),
)


def marked_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class NarrativeForm(UtrechtFormMixin, forms.Form):
    theme = forms.ModelChoiceField(
        Theme.objects.filter(active=True), label=_("Theme"), required=False
    )
    requirement = forms.ModelChoiceField(
        Requirement.objects.all(), label=_("Requirement"), required=False
    )
    text = forms.CharField(
        label=_("Narrative"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Names, addresses, dates and other details that could identify a resident are "
            "removed before anyone outside your organisation reads it. 'Show what others will "
            "read' shows the shared version before you save."
        ),
    )
    marked = MARKED_FIELD
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CaseStoryForm(UtrechtFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Story"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=NarrativeForm.base_fields["text"].help_text,
    )
    theme = forms.ModelChoiceField(
        Theme.objects.filter(active=True), label=_("Theme"), required=False
    )
    area = forms.ModelChoiceField(Area.objects.all(), label=_("Area"), required=False)
    indicators = forms.ModelMultipleChoiceField(
        Indicator.objects.filter(active=True), label=_("Indicators it tells about")
    )
    marked = MARKED_FIELD
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
