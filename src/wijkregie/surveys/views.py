"""Pages of the collaboration survey: the surveys, and per survey each statement with both
groups side by side over the waves."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.surveys import answer_forms, online, selectors, xlsform
from wijkregie.surveys.models import Invitation, Survey


class SurveyListView(PermissionRequiredMixin, View):
    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request):
        return render(request, "surveys/list.html", {"surveys": selectors.surveys()})


class SurveyDetailView(PermissionRequiredMixin, View):
    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        waves, groups, rows = selectors.comparison(request.user, survey)
        data = selectors.survey_results(request.user, survey)
        context = {
            "survey": survey,
            "waves": waves,
            "groups": groups,
            "rows": rows,
            "respondents": {w["wave"]: w["groups"] for w in data["waves"]},
            "likert_labels": selectors.likert_labels(survey),
            "threshold": settings.WIJKREGIE_SURVEY_THRESHOLD,
            "running": [
                (wave, sorted(online.response_rate(wave).items()))
                for wave in survey.waves.filter(open_until__isnull=False)
            ]
            if selectors.is_owner(request.user)
            else [],
        }
        return render(request, "surveys/detail.html", context)


class FormExportView(PermissionRequiredMixin, View):
    """The questionnaire as XLSForm, for the next wave or another survey tool."""

    permission_required = "surveys.view_survey"
    raise_exception = True

    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        response = HttpResponse(
            xlsform.write_form(survey),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{survey.code}-vragenlijst.xlsx"'
        return response


@method_decorator(login_not_required, name="dispatch")
class AnswerView(View):
    """Answering a wave online through a one-time invitation link: no login, no name."""

    def _context(self, token: str):
        try:
            invitation = online.invitation_for(token)
        except Invitation.DoesNotExist as exc:
            raise Http404 from exc
        survey = invitation.wave.survey
        questions = list(survey.questions.all())
        choices: dict[str, list[tuple[str, str]]] = {}
        for choice in survey.choices.order_by("list_name", "order"):
            choices.setdefault(choice.list_name, []).append((choice.name, choice.label))
        return invitation, questions, choices

    def _render(self, request, invitation, form, status=200):
        context = {"invitation": invitation, "survey": invitation.wave.survey, "form": form}
        return render(request, "surveys/answer.html", context, status=status)

    def get(self, request, token: str):
        try:
            invitation, questions, choices = self._context(token)
        except online.InvitationClosed:
            return render(request, "surveys/answer_closed.html", status=410)
        form = answer_forms.AnswerForm(
            initial=answer_forms.AnswerForm.initial_from(invitation.draft, questions),
            questions=questions,
            choices=choices,
            group=invitation.group,
        )
        return self._render(request, invitation, form)

    def post(self, request, token: str):
        try:
            invitation, questions, choices = self._context(token)
        except online.InvitationClosed:
            return render(request, "surveys/answer_closed.html", status=410)
        form = answer_forms.AnswerForm(
            request.POST, questions=questions, choices=choices, group=invitation.group
        )
        if not form.is_valid():
            return self._render(request, invitation, form, status=400)
        names = {name: {c for c, _ in items} for name, items in choices.items()}
        answers, errors = online.clean(questions, names, form.answers())
        for code, message in errors.items():
            form.add_error(code, message)
        if errors:
            return self._render(request, invitation, form, status=400)
        if "opslaan" in request.POST:
            online.draft_save(token=token, answers=answers)
            messages.success(request, _("Saved. You can close this page and carry on later."))
            return redirect(request.path)
        try:
            online.submit(token=token, answers=answers)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self._render(request, invitation, form, status=400)
        except online.InvitationClosed:
            return render(request, "surveys/answer_closed.html", status=410)
        return render(request, "surveys/answer_thanks.html", {"survey": invitation.wave.survey})
