from django.urls import path

from wijkregie.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("dashboard.xlsx", views.OverviewExportView.as_view(), {"fmt": "xlsx"}, name="export_xlsx"),
    path("dashboard.csv", views.OverviewExportView.as_view(), {"fmt": "csv"}, name="export_csv"),
    path("indicator/<int:pk>/", views.IndicatorPageView.as_view(), name="indicator"),
    path("eigen-cijfers/", views.OwnFiguresView.as_view(), name="own"),
]
