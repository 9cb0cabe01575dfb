from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.common.forms import UtrechtFormMixin, VersionedForm
from wijkregie.organisations import services
from wijkregie.organisations.models import Area, ContactPerson, Organisation, Theme


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class SearchForm(UtrechtFormMixin, forms.Form):
    hide_optional_marker = True
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class OrganisationSearchForm(SearchForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )


class OrganisationForm(VersionedForm):
    class Meta:
        model = Organisation
        fields = services.ORGANISATION_FIELDS
        formfield_callback = _formfield


class OrganisationSelfServiceForm(VersionedForm):
    class Meta:
        model = Organisation
        fields = services.ORGANISATION_SELF_SERVICE_FIELDS
        formfield_callback = _formfield


class AreaForm(VersionedForm):
    class Meta:
        model = Area
        fields = services.AREA_FIELDS


class ThemeForm(VersionedForm):
    class Meta:
        model = Theme
        fields = services.THEME_FIELDS


class ContactForm(VersionedForm):
    class Meta:
        model = ContactPerson
        fields = services.CONTACT_FIELDS
