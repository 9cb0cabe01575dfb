"""NL Design System (Utrecht) classes on every form widget, and one field template."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from wijkregie.common.xlsx import CellError, parse_decimal

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class WijkregieFormRenderer(DjangoTemplates):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


def apply_widget_classes(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect | forms.FileInput):
            continue  # radio and checkbox groups render as a fieldset; files keep the default
        css = next(
            (classes for kind, classes in WIDGET_CLASSES.items() if isinstance(widget, kind)),
            TEXTBOX,
        )
        existing = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{existing} {css}".strip()


class UtrechtFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_widget_classes(self)


class QuickSelect(forms.Select):
    """A select that renders its options in Python instead of one template include per option.

    Same HTML as Django's template, but a list of hundreds of wijken or buurten renders in a
    fraction of the time (measured in ``bench/dashboard.py``)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        option["value"],
                        flatatt(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


# --- primitives every app's forms use ---------------------------------------------------------
class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DutchDecimalField(forms.DecimalField):
    """Accepts 12.500,00 and € 12.500 as well as 12500.00. A text input (not type=number,
    which browsers refuse for a decimal comma) with a numeric keyboard on phones."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)  # show 4100000,00 in Dutch, not 4100000.00
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {}  # no min/max/step attributes: validation is server-side, in Dutch

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(value)
        except CellError as exc:
            raise forms.ValidationError(
                _("Enter an amount such as 12.500,00."), code="invalid"
            ) from exc


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)


class Form(UtrechtFormMixin, forms.Form):
    pass


class FilterForm(UtrechtFormMixin, forms.Form):
    hide_optional_marker = True


class StatusChoices:
    """Mixin for a form with a ``status`` field: ``choices=workflow.choices(state)`` offers
    only the current status and the steps the workflow allows from it."""

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["status"].choices = choices


class VersionedForm(UtrechtFormMixin, forms.ModelForm):
    """A model form that carries the version it was loaded at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if not self.instance.pk:
            self.fields.pop("version")

    def changed_data_dict(self) -> dict:
        return {field: self.cleaned_data[field] for field in self._meta.fields}
