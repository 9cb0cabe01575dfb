from django.urls import path

from wijkregie.publication import views

app_name = "publication"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("open-data.csv", views.OpenDataView.as_view(fmt="csv"), name="open_data_csv"),
    path("open-data.json", views.OpenDataView.as_view(fmt="json"), name="open_data_json"),
]
