from django.urls import path

from wijkregie.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.SurveyListView.as_view(), name="list"),
    path("invullen/<str:token>/", views.AnswerView.as_view(), name="answer"),
    path("<slug:code>/", views.SurveyDetailView.as_view(), name="detail"),
    path("<slug:code>/vragenlijst.xlsx", views.FormExportView.as_view(), name="form_export"),
    path("<slug:code>/rapport.pdf", views.ReportView.as_view(fmt="pdf"), name="report_pdf"),
    path("<slug:code>/rapport.xlsx", views.ReportView.as_view(fmt="xlsx"), name="report_xlsx"),
    path("<slug:code>/tips/", views.TipsView.as_view(), name="tips"),
    path("<slug:code>/open-antwoorden/", views.OpenAnswersView.as_view(), name="open_answers"),
    path("<slug:code>/indicator/", views.IndicatorLinkView.as_view(), name="indicator_link"),
]
