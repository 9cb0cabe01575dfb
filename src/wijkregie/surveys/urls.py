from django.urls import path

from wijkregie.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.SurveyListView.as_view(), name="list"),
    path("invullen/<str:token>/", views.AnswerView.as_view(), name="answer"),
    path("<slug:code>/", views.SurveyDetailView.as_view(), name="detail"),
    path("<slug:code>/vragenlijst.xlsx", views.FormExportView.as_view(), name="form_export"),
]
