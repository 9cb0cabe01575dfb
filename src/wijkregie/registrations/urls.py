from django.urls import path

from wijkregie.registrations import views

app_name = "registrations"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("aanleveren/", views.UploadView.as_view(), name="upload"),
    path("aanleveringen/<int:pk>/", views.RunView.as_view(), name="run"),
    path("aanleveringen/<int:pk>/bevestigen/", views.ConfirmView.as_view(), name="confirm"),
    path("profielen/nieuw/", views.ProfileCreateView.as_view(), name="profile_create"),
    path("trajecten/", views.RecordsView.as_view(), name="records"),
]
