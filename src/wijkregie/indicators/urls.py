from django.urls import path

from wijkregie.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="list"),
    path("nieuw/", views.IndicatorEditView.as_view(), name="create"),
    path("meetbaarheid/", views.LintView.as_view(), name="lint"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.IndicatorEditView.as_view(), name="edit"),
    path("<int:pk>/streefwaarde/", views.TargetSetView.as_view(), name="target"),
]
