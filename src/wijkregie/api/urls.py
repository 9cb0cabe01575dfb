"""``/api/v1/``: every endpoint, the OpenAPI 3 schema and its browsable documentation."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wijkregie.accounts import api as accounts_api
from wijkregie.organisations import api as organisations_api

app_name = "api"


def _api(view):
    """API views authenticate themselves (session or token) and answer 401/403 in JSON."""
    return login_not_required(view)


urlpatterns = [
    path("auth/token/", _api(accounts_api.TokenObtainAPI.as_view()), name="token"),
    path("me/", _api(accounts_api.MeAPI.as_view()), name="me"),
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
    path("schema/", _api(SpectacularAPIView.as_view()), name="schema"),
    # Swagger UI sets inline styles; only this page relaxes style-src (scripts stay strict).
    path(
        "docs/",
        _api(
            csp_update({"style-src": [UNSAFE_INLINE]})(
                SpectacularSwaggerSplitView.as_view(url_name="api:schema")
            )
        ),
        name="docs",
    ),
]
