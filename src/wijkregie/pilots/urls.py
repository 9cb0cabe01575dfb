from django.urls import path

from wijkregie.pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.PilotListView.as_view(), name="list"),
    path("nieuw/", views.PilotEditView.as_view(), name="create"),
    path("<int:pk>/", views.PilotDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.PilotEditView.as_view(), name="edit"),
    path("<int:pk>/status/", views.PilotStatusView.as_view(), name="status"),
    path("<int:pk>/doelen/nieuw/", views.GoalEditView.as_view(), name="goal_create"),
    path("<int:pk>/doelen/<int:goal>/", views.GoalEditView.as_view(), name="goal_edit"),
    path(
        "<int:pk>/verwachting/nieuw/",
        views.ExpectationEditView.as_view(),
        name="expectation_create",
    ),
    path(
        "<int:pk>/verwachting/<int:expectation>/",
        views.ExpectationView.as_view(),
        name="expectation",
    ),
    path(
        "<int:pk>/verwachting/<int:expectation>/bewerken/",
        views.ExpectationEditView.as_view(),
        name="expectation_edit",
    ),
    path(
        "<int:pk>/vergelijking/nieuw/",
        views.ComparisonEditView.as_view(),
        name="comparison_create",
    ),
    path(
        "<int:pk>/vergelijking/<int:comparison>/",
        views.ComparisonView.as_view(),
        name="comparison",
    ),
    path(
        "<int:pk>/vergelijking/<int:comparison>/bewerken/",
        views.ComparisonEditView.as_view(),
        name="comparison_edit",
    ),
    path("<int:pk>/verandertheorie/", views.TheoryView.as_view(), name="theory"),
    path(
        "<int:pk>/verandertheorie/element/nieuw/",
        views.TheoryEditView.as_view(),
        name="element_create",
    ),
    path(
        "<int:pk>/verandertheorie/element/<int:element>/",
        views.TheoryEditView.as_view(),
        name="element_edit",
    ),
    path(
        "<int:pk>/verandertheorie/element/<int:element>/verwijderen/",
        views.TheoryDeleteView.as_view(),
        name="element_delete",
    ),
    path("<int:pk>/verandertheorie/pijl/nieuw/", views.LinkEditView.as_view(), name="link_create"),
    path(
        "<int:pk>/verandertheorie/pijl/<int:link>/", views.LinkEditView.as_view(), name="link_edit"
    ),
    path(
        "<int:pk>/verandertheorie/pijl/<int:link>/verwijderen/",
        views.LinkDeleteView.as_view(),
        name="link_delete",
    ),
    path("<int:pk>/kwaliteitskompas/", views.CompassView.as_view(), name="compass"),
]
