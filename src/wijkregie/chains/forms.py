from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.models import User
from wijkregie.accounts.roles import Role
from wijkregie.chains.models import ChainParty, ConsultationResponse
from wijkregie.commission.models import AdditionalAssignment, ExecutionAgreement, Requirement
from wijkregie.common.forms import DateInput, Form, VersionField
from wijkregie.organisations.models import ContactPerson, Organisation, Theme


def directors():
    return User.objects.filter(
        is_active=True,
        memberships__role__in=[Role.CHAIN_DIRECTOR, Role.CONTRACT_MANAGER],
    ).distinct()


class ChainForm(Form):
    name = forms.CharField(label=_("name"), max_length=200)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("themes"),
        queryset=Theme.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    director = forms.ModelChoiceField(label=_("chain director"), queryset=directors())
    version = VersionField(required=False)


class PartyForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.filter(active=True)
    )
    role = forms.ChoiceField(label=_("role in the chain"), choices=ChainParty.Role.choices)
    contacts = forms.ModelMultipleChoiceField(
        label=_("contact persons"),
        queryset=ContactPerson.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only contact persons of the chosen organisation can be linked."),
    )


class NoticeForm(Form):
    title = forms.CharField(label=_("title"), max_length=200)
    what_changes = forms.CharField(
        label=_("what changes"), widget=forms.Textarea(attrs={"rows": 4})
    )
    why = forms.CharField(label=_("why"), widget=forms.Textarea(attrs={"rows": 3}))
    effective_from = forms.DateField(label=_("in effect from"), widget=DateInput)
    consultation_deadline = forms.DateField(
        label=_("respond before"), widget=DateInput, required=False
    )
    requirements = forms.ModelMultipleChoiceField(
        label=_("requirements concerned"), queryset=Requirement.objects.all(), required=False
    )
    assignments = forms.ModelMultipleChoiceField(
        label=_("additional assignments concerned"),
        queryset=AdditionalAssignment.objects.all(),
        required=False,
    )
    agreements = forms.ModelMultipleChoiceField(
        label=_("budgets concerned"),
        queryset=ExecutionAgreement.objects.select_related("contractor"),
        required=False,
    )
    version = VersionField(required=False)


class AddPartyForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.filter(active=True)
    )


class RemovePartyForm(Form):
    reason = forms.CharField(
        label=_("reason for removal"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsultationForm(Form):
    deadline = forms.DateField(label=_("respond before"), widget=DateInput)
    version = VersionField()


class DecideForm(Form):
    decision = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("decided on"), widget=DateInput)
    decided_by_body = forms.CharField(
        label=_("decided by"), max_length=200, help_text=_("The body or person that decided.")
    )
    skip_reason = forms.CharField(
        label=_("why there was no consultation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the notice is decided without consulting the parties."),
    )
    version = VersionField()


class PublishForm(Form):
    summary = forms.CharField(
        label=_("plain summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changes, in plain words, as every party receives it."),
    )
    version = VersionField()


class ResponseForm(Form):
    position = forms.ChoiceField(
        label=_("position"), choices=ConsultationResponse.Position.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("response"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("answer of the chain director"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AcknowledgeForm(Form):
    name = forms.CharField(
        label=_("your name"),
        max_length=200,
        help_text=_("You confirm, for your organisation, that it has read this change."),
    )
