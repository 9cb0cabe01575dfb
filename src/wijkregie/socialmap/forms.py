from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.forms import UtrechtFormMixin, VersionedForm
from wijkregie.organisations.models import Area, ContactPerson
from wijkregie.socialmap import services
from wijkregie.socialmap.models import ContactRole, Service, TaxonomyTerm


class SearchForm(UtrechtFormMixin, forms.Form):
    hide_optional_marker = True
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        required=False,
        queryset=Area.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All wijken"),
    )
    thema = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=TaxonomyTerm.objects.filter(taxonomy__code="themas").order_by("order", "name"),
        to_field_name="code",
        empty_label=_("All themes"),
    )
    doelgroep = forms.ModelChoiceField(
        label=_("Target group"),
        required=False,
        queryset=TaxonomyTerm.objects.filter(taxonomy__code="doelgroepen").order_by(
            "order", "name"
        ),
        to_field_name="code",
        empty_label=_("All target groups"),
    )
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Service.Kind.choices]
    )

    def has_filters(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class ServiceForm(VersionedForm):
    class Meta:
        model = Service
        formfield_callback = _formfield
        fields = [*services.SERVICE_FIELDS, *services.SERVICE_RELATIONS]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "terms": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 2}),
            "eligibility_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by(
            "taxonomy__code", "order", "name"
        )


class ContactRoleForm(VersionedForm):
    class Meta:
        model = ContactRole
        fields = services.ROLE_FIELDS
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = owner or self.instance.owner
        self.fields["holder"].queryset = ContactPerson.objects.filter(
            organisation=owner, active=True
        ).order_by("name")


class FlagForm(UtrechtFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What is not right?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the phone number has changed, or the activity has stopped."),
    )


class AssureForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class ResolveForm(UtrechtFormMixin, forms.Form):
    resolution = forms.CharField(label=_("What was done"), max_length=2000, required=False)


class ImportForm(UtrechtFormMixin, forms.Form):
    file = forms.FileField(
        label=_("HSDS 3.0 file (.json)"),
        help_text=_(
            "Organisations with their services, as a list, one organisation or an API page. "
            "Nothing is saved unless the whole file is correct."
        ),
    )
