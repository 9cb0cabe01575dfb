from django.urls import path

from wijkregie.signals import views

app_name = "signals"

urlpatterns = [
    path("", views.MineView.as_view(), name="mine"),
    path("nieuw/", views.ReportView.as_view(), name="report"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/reactie/", views.ReactView.as_view(), name="react"),
    path("<int:pk>/oppakken/", views.TakeView.as_view(), name="take"),
    path(
        "<int:pk>/niet-oppakken/",
        views.SignalActionView.as_view(action="decline"),
        name="decline",
    ),
    path(
        "<int:pk>/beantwoorden/",
        views.SignalActionView.as_view(action="resolve"),
        name="resolve",
    ),
    path("wachtrij/", views.QueueView.as_view(), name="queue"),
    path("knelpunten/", views.IssueListView.as_view(), name="issues"),
    path("knelpunten/nieuw/", views.IssueCreateView.as_view(), name="issue_create"),
    path("knelpunten/<int:pk>/", views.IssueView.as_view(), name="issue"),
    path(
        "knelpunten/<int:pk>/signalen-toevoegen/",
        views.IssueActionView.as_view(action="add"),
        name="issue_add",
    ),
    path(
        "knelpunten/<int:pk>/agenderen/",
        views.IssueActionView.as_view(action="schedule"),
        name="issue_schedule",
    ),
    path(
        "knelpunten/<int:pk>/besluiten/",
        views.IssueActionView.as_view(action="decide"),
        name="issue_decide",
    ),
    path(
        "knelpunten/<int:pk>/niet-oppakken/",
        views.IssueActionView.as_view(action="decline"),
        name="issue_decline",
    ),
    path("cijfers/", views.FiguresView.as_view(), name="figures"),
]
