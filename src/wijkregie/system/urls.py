from django.urls import path

from wijkregie.system import views

app_name = "system"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("postvak/", views.outbox, name="outbox"),
]
