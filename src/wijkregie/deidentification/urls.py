from django.urls import path

from wijkregie.deidentification import views

app_name = "deidentification"

urlpatterns = [
    path("voorbeeld/", views.PreviewView.as_view(), name="preview"),
    path("voorbeeld/<uuid:preview_id>/", views.PreviewResultView.as_view(), name="preview_result"),
]
