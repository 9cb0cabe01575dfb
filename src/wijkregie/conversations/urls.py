from django.urls import path

from wijkregie.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.BodyListView.as_view(), name="bodies"),
    path("organen/nieuw/", views.BodyEditView.as_view(), name="body_create"),
    path("organen/<int:pk>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("organen/<int:pk>/bewerken/", views.BodyEditView.as_view(), name="body_edit"),
    path(
        "organen/<int:body>/vergadering/nieuw/",
        views.MeetingEditView.as_view(),
        name="meeting_create",
    ),
    path("vergaderingen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("vergaderingen/<int:pk>/bewerken/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path(
        "vergaderingen/<int:pk>/agenda/voorstellen/",
        views.ProposeAgendaView.as_view(),
        name="agenda_propose",
    ),
    path(
        "vergaderingen/<int:pk>/agenda/nieuw/",
        views.AgendaItemEditView.as_view(),
        name="agenda_item_create",
    ),
    path(
        "vergaderingen/<int:pk>/agenda/<int:item>/",
        views.AgendaItemEditView.as_view(),
        name="agenda_item_edit",
    ),
    path(
        "vergaderingen/<int:pk>/agenda/<int:item>/verwijderen/",
        views.AgendaItemDeleteView.as_view(),
        name="agenda_item_delete",
    ),
    path(
        "vergaderingen/<int:pk>/besluit/nieuw/",
        views.DecisionEditView.as_view(),
        name="decision_create",
    ),
    path(
        "vergaderingen/<int:pk>/besluit/<int:decision>/",
        views.DecisionEditView.as_view(),
        name="decision_edit",
    ),
    path(
        "vergaderingen/<int:pk>/afspraak/nieuw/",
        views.AgreementCreateView.as_view(),
        name="agreement_create",
    ),
    path(
        "vergaderingen/<int:pk>/dossier.pdf",
        views.DossierExportView.as_view(fmt="pdf"),
        name="export_pdf",
    ),
    path(
        "vergaderingen/<int:pk>/dossier.docx",
        views.DossierExportView.as_view(fmt="docx"),
        name="export_docx",
    ),
    path("afspraken/<int:pk>/", views.AgreementStatusView.as_view(), name="agreement_status"),
    path("besluiten/", views.RegisterView.as_view(), name="register"),
    path("ontwikkelagenda/", views.TopicListView.as_view(), name="topics"),
    path("ontwikkelagenda/nieuw/", views.TopicEditView.as_view(), name="topic_create"),
    path("ontwikkelagenda/<int:pk>/", views.TopicEditView.as_view(), name="topic_edit"),
    path("rolafspraken/", views.RoleAgreementListView.as_view(), name="roles"),
    path("rolafspraken/nieuw/", views.RoleAgreementEditView.as_view(), name="role_create"),
    path("rolafspraken/<int:pk>/", views.RoleAgreementEditView.as_view(), name="role_edit"),
]
