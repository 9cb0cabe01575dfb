"""``GET /api/v1/surveys/{code}/results/?wave=WAVE``: the results object of the format file."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.common.api_permissions import HasRulePermission
from wijkregie.surveys import selectors
from wijkregie.surveys.models import Survey


class SurveyResultsAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "surveys.view_survey"

    @extend_schema(
        tags=["surveys"],
        parameters=[OpenApiParameter("wave", str, description="one wave, e.g. 2024")],
        responses={200: dict},
        description=(
            "Per wave the respondents per group and per question and group the valid n, count "
            "and percent (rounded half up) per option, and for Likert questions the share "
            'agreeing. Groups below the survey threshold are {"suppressed": true} for anyone '
            "but the survey's owners."
        ),
    )
    def get(self, request, code: str):
        survey = get_object_or_404(Survey, code=code)
        return Response(selectors.survey_results(request.user, survey, request.GET.get("wave")))
