from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.common.forms import UtrechtFormMixin


class LoginForm(UtrechtFormMixin, AuthenticationForm):
    pass


class TokenForm(UtrechtFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of six digits."))
        return token


class AuditFilterForm(UtrechtFormMixin, forms.Form):
    hide_optional_marker = True
    q = forms.CharField(label=_("Search"), required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditEvent.Action.choices],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class UserForm(UtrechtFormMixin, forms.ModelForm):
    """Name and e-mail address of an account (the user name only when it is created)."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        from wijkregie.accounts.models import User

        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["username"]
        self.fields["email"].required = True


class MembershipForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        from wijkregie.accounts.models import Membership

        model = Membership
        fields = ["organisation", "role", "valid_from", "valid_until"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            self.fields["organisation"].queryset.filter(active=True).order_by("name")
        )
