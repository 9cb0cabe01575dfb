"""Forms of the signals app. Reporting asks three things (what, a description, the theme);
the rest is optional, so it is done in a minute on a phone."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.chains.models import Chain
from wijkregie.common.forms import Form
from wijkregie.conversations.models import Decision, Meeting
from wijkregie.organisations.models import Area, Theme
from wijkregie.signals import selectors
from wijkregie.signals.models import Issue, Signal
from wijkregie.surveys.models import Coding


class SignalForm(Form):
    title = forms.CharField(label=_("What did you run into?"), max_length=200)
    description = forms.CharField(
        label=_("Describe it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("No names or other details of residents: describe the situation."),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.filter(active=True).order_by("order", "name")
    )
    category = forms.ChoiceField(
        label=_("What kind of signal is it?"),
        choices=Signal.Category.choices,
        initial=Signal.Category.OTHER,
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Area.objects.order_by("name"), required=False
    )
    chain = forms.ModelChoiceField(
        label=_("Chain"), queryset=Chain.objects.filter(active=True), required=False
    )
    frequency = forms.ChoiceField(
        label=_("How often do you run into it?"),
        choices=[("", "—"), *Signal.Frequency.choices],
        required=False,
    )
    example = forms.CharField(
        label=_("An example case"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Optional. Leave out names; others read it only without identifying details."),
    )
    survey_tip = forms.ModelChoiceField(
        queryset=Coding.objects.filter(kind=Coding.Kind.TIP),
        required=False,
        widget=forms.HiddenInput,
    )


class DeclineForm(Form):
    reason = forms.CharField(
        label=_("Why is it not taken up?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("Answer to the writer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: what is done with the signal."),
    )


class ReactionForm(Form):
    answers_signal = forms.TypedChoiceField(
        label=_("Does this answer your signal?"),
        choices=[("1", _("Yes, this answers it")), ("0", _("No, please reopen it"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed when you ask to reopen it."),
    )


class SignalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.organisation}, {obj.created_at:%d-%m-%Y})"


class IssueForm(Form):
    title = forms.CharField(label=_("Title of the policy issue"), max_length=200)
    description = forms.CharField(
        label=_("Analysis"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.filter(active=True).order_by("order", "name")
    )
    chain = forms.ModelChoiceField(
        label=_("Chain"), queryset=Chain.objects.filter(active=True), required=False
    )
    signals = SignalChoiceField(
        label=_("Signals to bundle"),
        queryset=Signal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = selectors.awaiting_bundling()


class AddSignalsForm(Form):
    signals = SignalChoiceField(
        label=_("Signals to add"),
        queryset=Signal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = selectors.awaiting_bundling()


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.body.name}, {obj.date:%d-%m-%Y}"


class ScheduleForm(Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(date__gte=timezone.localdate())
            .select_related("body")
            .order_by("date")
        )


class DecideForm(Form):
    decision = forms.ModelChoiceField(
        label=_("Decision in the decisions register"),
        queryset=Decision.objects.none(),
        required=False,
    )
    answer = forms.CharField(
        label=_("Answer to the writers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: what was decided and what it means for their work."),
    )

    def __init__(self, *args, issue: Issue, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.select_related("meeting")
        if issue.agenda_item_id:
            decisions = decisions.filter(meeting_id=issue.agenda_item.meeting_id)
        self.fields["decision"].queryset = decisions
