from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("wijkregie.ui.urls")),
    path("", include("wijkregie.system.urls")),
    path("account/", include("wijkregie.accounts.urls")),
    path("", include("wijkregie.organisations.urls")),
    path("opdracht/", include("wijkregie.commission.urls")),
    path("", include("wijkregie.chains.urls")),
    path("indicatoren/", include("wijkregie.indicators.urls")),
    path("leveringen/", include("wijkregie.reporting.urls")),
    path("dashboard/", include("wijkregie.insights.urls")),
    path("delen/", include("wijkregie.deidentification.urls")),
    path("registraties/", include("wijkregie.registrations.urls")),
    path("pilots/", include("wijkregie.pilots.urls")),
    path("overleg/", include("wijkregie.conversations.urls")),
    path("sociale-kaart/", include("wijkregie.socialmap.urls")),
    path("hsds/", include("wijkregie.socialmap.hsds_urls")),
    path("enquetes/", include("wijkregie.surveys.urls")),
    path("signalen/", include("wijkregie.signals.urls")),
    path("openbaar/", include("wijkregie.publication.urls")),
    path("raad/", include("wijkregie.council.urls")),
    path("taken/", include("wijkregie.worklist.urls")),
    path("api/v1/", include("wijkregie.api.urls")),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    from mozilla_django_oidc import views as oidc_views

    urlpatterns += [
        path(
            "oidc/authenticate/",
            login_not_required(oidc_views.OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "oidc/callback/",
            login_not_required(oidc_views.OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]

handler403 = "wijkregie.ui.views.permission_denied"
handler404 = "wijkregie.ui.views.page_not_found"
handler500 = "wijkregie.ui.views.server_error"
