"""Pages of the collaboration survey: the surveys, and per survey each statement with both
groups side by side over the waves."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.surveys import selectors, xlsform
from wijkregie.surveys.models import Survey


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
