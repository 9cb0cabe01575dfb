"""The online questionnaire as a Django form, built from the survey's questions in the wording
of the respondent's group."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkregie.common.forms import UtrechtFormMixin
from wijkregie.surveys.models import Question


class AnswerForm(UtrechtFormMixin, forms.Form):
    hide_optional_marker = True

    def __init__(self, *args, questions, choices, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = question.label_for(group)
            help_text = _("Only if this applies to you.") if question.relevant else ""
            options = choices.get(question.list_name, [])
            if question.type == Question.Type.SELECT_ONE:
                field = forms.ChoiceField(
                    label=label, choices=options, widget=forms.RadioSelect, required=False
                )
            elif question.type == Question.Type.SELECT_MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=options,
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            elif question.type in (Question.Type.INTEGER, Question.Type.DECIMAL):
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=20,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.help_text = help_text
            self.fields[question.code] = field

    def answers(self) -> dict[str, list[str]]:
        data = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.code)
            if isinstance(value, list):
                data[question.code] = [str(v) for v in value]
            elif value not in (None, ""):
                data[question.code] = [str(value)]
        return data

    @staticmethod
    def initial_from(draft: dict[str, list[str]], questions) -> dict:
        initial = {}
        for question in questions:
            values = draft.get(question.code, [])
            if question.type == Question.Type.SELECT_MULTIPLE:
                initial[question.code] = values
            elif values:
                initial[question.code] = values[0]
        return initial
