from django.urls import path

from wijkregie.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisaties/nieuw/", views.OrganisationEditView.as_view(), name="organisation_create"),
    path(
        "organisaties/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"
    ),
    path(
        "organisaties/<int:pk>/bewerken/",
        views.OrganisationEditView.as_view(),
        name="organisation_edit",
    ),
    path(
        "organisaties/<int:organisation>/contactpersonen/nieuw/",
        views.ContactEditView.as_view(),
        name="contact_create",
    ),
    path(
        "contactpersonen/<int:pk>/bewerken/", views.ContactEditView.as_view(), name="contact_edit"
    ),
    path("wijken/", views.AreaListView.as_view(), name="area_list"),
    path("wijken/nieuw/", views.AreaEditView.as_view(), name="area_create"),
    path("wijken/<int:pk>/", views.AreaDetailView.as_view(), name="area_detail"),
    path("wijken/<int:pk>/bewerken/", views.AreaEditView.as_view(), name="area_edit"),
    path("themas/", views.ThemeListView.as_view(), name="theme_list"),
    path("themas/nieuw/", views.ThemeEditView.as_view(), name="theme_create"),
    path("themas/<int:pk>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("themas/<int:pk>/bewerken/", views.ThemeEditView.as_view(), name="theme_edit"),
]
