"""``/api/v1/``: every endpoint, the OpenAPI 3 schema and its browsable documentation."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wijkregie.accounts import api as accounts_api
from wijkregie.chains import api as chains_api
from wijkregie.commission import api as commission_api
from wijkregie.conversations import api as conversations_api
from wijkregie.indicators import api as indicators_api
from wijkregie.insights import api as insights_api
from wijkregie.organisations import api as organisations_api
from wijkregie.pilots import api as pilots_api
from wijkregie.publication import api as publication_api
from wijkregie.reporting import api as reporting_api
from wijkregie.signals import api as signals_api
from wijkregie.surveys import api as surveys_api
from wijkregie.worklist import api as worklist_api

app_name = "api"


def _api(view):
    """API views authenticate themselves (session or token) and answer 401/403 in JSON."""
    return login_not_required(view)


urlpatterns = [
    path("auth/token/", _api(accounts_api.TokenObtainAPI.as_view()), name="token"),
    path("me/", _api(accounts_api.MeAPI.as_view()), name="me"),
    path("me/tasks/", _api(worklist_api.MyTasksAPI.as_view()), name="my_tasks"),
    path(
        "surveys/<slug:code>/results/",
        _api(surveys_api.SurveyResultsAPI.as_view()),
        name="survey_results",
    ),
    path(
        "organisations/",
        _api(organisations_api.OrganisationListAPI.as_view()),
        name="organisation_list",
    ),
    path(
        "organisations/<int:pk>/",
        _api(organisations_api.OrganisationDetailAPI.as_view()),
        name="organisation_detail",
    ),
    path("areas/", _api(organisations_api.AreaListAPI.as_view()), name="area_list"),
    path("areas/<int:pk>/", _api(organisations_api.AreaDetailAPI.as_view()), name="area_detail"),
    path("themes/", _api(organisations_api.ThemeListAPI.as_view()), name="theme_list"),
    path("themes/<int:pk>/", _api(organisations_api.ThemeDetailAPI.as_view()), name="theme_detail"),
    path(
        "commission/commissions/",
        _api(commission_api.CommissionListAPI.as_view()),
        name="commission_list",
    ),
    path(
        "commission/commissions/<int:pk>/",
        _api(commission_api.CommissionDetailAPI.as_view()),
        name="commission_detail",
    ),
    path(
        "commission/requirements/",
        _api(commission_api.RequirementListAPI.as_view()),
        name="requirement_list",
    ),
    path(
        "commission/requirements/<int:pk>/",
        _api(commission_api.RequirementDetailAPI.as_view()),
        name="requirement_detail",
    ),
    path(
        "commission/assignments/",
        _api(commission_api.AssignmentListAPI.as_view()),
        name="assignment_list",
    ),
    path(
        "commission/assignments/<int:pk>/",
        _api(commission_api.AssignmentDetailAPI.as_view()),
        name="assignment_detail",
    ),
    path(
        "commission/requests/", _api(commission_api.RequestListAPI.as_view()), name="request_list"
    ),
    path(
        "commission/requests/<int:pk>/",
        _api(commission_api.RequestDetailAPI.as_view()),
        name="request_detail",
    ),
    path(
        "commission/requests/<int:pk>/decide/",
        _api(commission_api.RequestDecideAPI.as_view()),
        name="request_decide",
    ),
    path(
        "commission/agreements/",
        _api(commission_api.AgreementListAPI.as_view()),
        name="agreement_list",
    ),
    path(
        "commission/agreements/<int:pk>/",
        _api(commission_api.AgreementDetailAPI.as_view()),
        name="agreement_detail",
    ),
    path(
        "commission/budget-monitor/",
        _api(commission_api.BudgetMonitorAPI.as_view()),
        name="budget_monitor",
    ),
    path("chains/", _api(chains_api.ChainListAPI.as_view()), name="chain_list"),
    path("chains/<int:pk>/", _api(chains_api.ChainDetailAPI.as_view()), name="chain_detail"),
    path("notices/", _api(chains_api.NoticeListAPI.as_view()), name="notice_list"),
    path("notices/<int:pk>/", _api(chains_api.NoticeDetailAPI.as_view()), name="notice_detail"),
    path("inbox/", _api(chains_api.InboxAPI.as_view()), name="inbox"),
    path("inbox/<int:pk>/respond/", _api(chains_api.RespondAPI.as_view()), name="inbox_respond"),
    path(
        "inbox/<int:pk>/acknowledge/",
        _api(chains_api.AcknowledgeAPI.as_view()),
        name="inbox_acknowledge",
    ),
    path("indicators/", _api(indicators_api.IndicatorListAPI.as_view()), name="indicator_list"),
    path(
        "indicators/<int:pk>/",
        _api(indicators_api.IndicatorDetailAPI.as_view()),
        name="indicator_detail",
    ),
    path("indicators/lint/", _api(indicators_api.LintAPI.as_view()), name="indicator_lint"),
    path("values/", _api(insights_api.ValueListAPI.as_view()), name="value_list"),
    path("signals/", _api(signals_api.SignalListAPI.as_view()), name="signal_list"),
    path(
        "public/values/",
        _api(publication_api.PublicValuesAPI.as_view()),
        name="public_values",
    ),
    path("signals/<int:pk>/", _api(signals_api.SignalDetailAPI.as_view()), name="signal_detail"),
    path("deliveries/", _api(reporting_api.DeliveryListAPI.as_view()), name="delivery_list"),
    path(
        "deliveries/<int:pk>/",
        _api(reporting_api.DeliveryDetailAPI.as_view()),
        name="delivery_detail",
    ),
    path(
        "deliveries/<int:pk>/values/",
        _api(reporting_api.DeliveryValuesAPI.as_view()),
        name="delivery_values",
    ),
    path(
        "deliveries/<int:pk>/submit/",
        _api(reporting_api.DeliverySubmitAPI.as_view()),
        name="delivery_submit",
    ),
    path(
        "deliveries/<int:pk>/review/",
        _api(reporting_api.DeliveryReviewAPI.as_view()),
        name="delivery_review",
    ),
    path("schema/", _api(SpectacularAPIView.as_view()), name="schema"),
    # Swagger UI sets inline styles; only this page relaxes style-src (scripts stay strict).
    path(
        "docs/",
        _api(
            csp_update({"style-src": [UNSAFE_INLINE]})(
                SpectacularSwaggerSplitView.as_view(
                    url_name="api:schema", template_name="ui/api_docs.html"
                )
            )
        ),
        name="docs",
    ),
    path("pilots/", _api(pilots_api.PilotListAPI.as_view()), name="pilot_list"),
    path("pilots/<int:pk>/", _api(pilots_api.PilotDetailAPI.as_view()), name="pilot_detail"),
    path(
        "pilots/<int:pk>/expectations/<int:expectation>/",
        _api(pilots_api.ExpectationAPI.as_view()),
        name="pilot_expectation",
    ),
    path("pilots/<int:pk>/theory/", _api(pilots_api.TheoryAPI.as_view()), name="pilot_theory"),
    path(
        "pilots/<int:pk>/theory/elements/",
        _api(pilots_api.ElementCreateAPI.as_view()),
        name="pilot_element_create",
    ),
    path("bodies/", _api(conversations_api.BodyListAPI.as_view()), name="body_list"),
    path(
        "bodies/<int:pk>/meetings/",
        _api(conversations_api.MeetingListAPI.as_view()),
        name="body_meetings",
    ),
    path("meetings/<int:pk>/", _api(conversations_api.MeetingDetailAPI.as_view()), name="meeting"),
    path("decisions/", _api(conversations_api.DecisionListAPI.as_view()), name="decision_list"),
    path("agreements/", _api(conversations_api.AgreementListAPI.as_view()), name="agreement_list"),
    path(
        "agreements/<int:pk>/status/",
        _api(conversations_api.AgreementStatusAPI.as_view()),
        name="agreement_status",
    ),
]
