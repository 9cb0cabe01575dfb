from django.urls import path

from wijkregie.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.DeliveryListView.as_view(), name="list"),
    path("nieuw/<int:organisation>/", views.DeliveryCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DeliveryDetailView.as_view(), name="detail"),
    path("<int:pk>/waarden/", views.ValuesEditView.as_view(), name="values"),
    path("<int:pk>/sjabloon.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("<int:pk>/uploaden/", views.UploadView.as_view(), name="upload"),
    path("<int:pk>/indienen/", views.SubmitView.as_view(), name="submit"),
    path("<int:pk>/beoordelen/", views.ReviewView.as_view(), name="review"),
    path("<int:pk>/correctie/", views.CorrectionView.as_view(), name="correct"),
    path("<int:pk>/verhaal/nieuw/", views.NarrativeEditView.as_view(), name="narrative_create"),
    path("<int:pk>/verhaal/<int:item>/", views.NarrativeEditView.as_view(), name="narrative_edit"),
    path("<int:pk>/casus/nieuw/", views.CaseStoryEditView.as_view(), name="story_create"),
    path("<int:pk>/casus/<int:item>/", views.CaseStoryEditView.as_view(), name="story_edit"),
]
