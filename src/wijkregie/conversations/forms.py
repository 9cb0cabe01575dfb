from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.models import User
from wijkregie.chains.models import Chain
from wijkregie.common.forms import DateInput, FilterForm, Form, StatusChoices, VersionField
from wijkregie.common.periods import period_help, validate_period
from wijkregie.conversations.models import (
    Agreement,
    Body,
    Decision,
    RoleAgreement,
    Topic,
)
from wijkregie.organisations.models import Organisation
from wijkregie.organisations.selectors import team_organisations
from wijkregie.surveys import selectors as survey_selectors


def people():
    return User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_display_name()


class PeopleField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.get_display_name()


def organisations():
    return Organisation.objects.filter(active=True).order_by("name")


class BodyForm(Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=Body.Kind.choices)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    chain = forms.ModelChoiceField(
        label=_("chain"), queryset=Chain.objects.filter(active=True), required=False
    )
    contractor = forms.ModelChoiceField(
        label=_("contractor"), queryset=team_organisations(), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("member organisations"),
        queryset=organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    members = PeopleField(label=_("members"), queryset=people(), required=False)
    active = forms.BooleanField(label=_("active"), required=False, initial=True)
    version = VersionField(required=False)


class MeetingForm(Form):
    date = forms.DateField(label=_("date"), widget=DateInput)
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    period = forms.CharField(
        label=_("half-year discussed"),
        max_length=6,
        required=False,
        validators=[validate_period],
        help_text=period_help,
    )
    attendees = PeopleField(label=_("attendees"), queryset=people(), required=False)
    minutes = forms.CharField(
        label=_("minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("Markdown: **bold**, lists with -, headings with #."),
    )
    version = VersionField(required=False)

    def clean_period(self):
        return (self.cleaned_data["period"] or "").strip().upper()


class TipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.answer.response.wave.code}: {obj.quote[:120]}"


class AgendaItemForm(Form):
    title = forms.CharField(label=_("title"), max_length=300)
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    survey_tip = TipChoiceField(
        label=_("tip from the collaboration survey"),
        queryset=survey_selectors.tips_open(),
        required=False,
        help_text=_("Takes up this tip; the survey's list of tips shows the meeting."),
    )
    order = forms.IntegerField(label=_("order"), min_value=0, required=False)
    version = VersionField(required=False)

    def __init__(self, *args, current_tip=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current_tip is not None:
            queryset = survey_selectors.tips_open() | survey_selectors.tips_with(current_tip.pk)
            self.fields["survey_tip"].queryset = queryset.distinct()


class DecisionForm(Form):
    text = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 3}))
    rationale = forms.CharField(
        label=_("rationale"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    affected = forms.ModelMultipleChoiceField(
        label=_("affected parties"),
        queryset=organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = VersionField(required=False)


class AgreementForm(Form):
    what = forms.CharField(label=_("what"), widget=forms.Textarea(attrs={"rows": 2}))
    decision = forms.ModelChoiceField(
        label=_("decision"), queryset=Decision.objects.none(), required=False
    )
    owner = PersonChoiceField(label=_("owner (person)"), queryset=people(), required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("owner (organisation)"), queryset=organisations()
    )
    due_date = forms.DateField(label=_("due date"), widget=DateInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = meeting.decisions.all()


class AgreementStatusForm(StatusChoices, Form):
    status = forms.ChoiceField(
        label=_("status"), choices=Agreement.Status.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed for done (what was delivered) and dropped (why)."),
    )
    version = VersionField()


class TopicForm(StatusChoices, Form):
    year = forms.IntegerField(label=_("year"), min_value=2015, max_value=2100)
    title = forms.CharField(label=_("topic"), max_length=200)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = PersonChoiceField(label=_("owner (person)"), queryset=people(), required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("owner (organisation)"), queryset=organisations()
    )
    status = forms.ChoiceField(label=_("status"), choices=Topic.Status.choices)
    decisions = forms.ModelMultipleChoiceField(
        label=_("decisions"), queryset=Decision.objects.select_related("meeting"), required=False
    )
    agreements = forms.ModelMultipleChoiceField(
        label=_("agreements"), queryset=Agreement.objects.all(), required=False
    )
    version = VersionField(required=False)


class RoleAgreementForm(Form):
    title = forms.CharField(label=_("title"), max_length=200)
    agreement = forms.CharField(
        label=_("what was agreed"), widget=forms.Textarea(attrs={"rows": 4})
    )
    role = forms.ChoiceField(label=_("role"), choices=RoleAgreement.Role.choices)
    holder = PersonChoiceField(label=_("who holds the role"), queryset=people())
    organisations = forms.ModelMultipleChoiceField(
        label=_("with whom"),
        queryset=organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    risks = forms.CharField(
        label=_("risks noted"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    review_date = forms.DateField(label=_("review date"), widget=DateInput)
    decision = forms.ModelChoiceField(
        label=_("decided in"), queryset=Decision.objects.select_related("meeting"), required=False
    )
    version = VersionField(required=False)


class SearchForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.all(), required=False, empty_label=_("all")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
