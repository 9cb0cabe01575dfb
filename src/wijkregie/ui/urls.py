from django.urls import path

from wijkregie.ui import views

app_name = "ui"

urlpatterns = [path("", views.start, name="start")]
