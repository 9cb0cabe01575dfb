from django.urls import path

from wijkregie.chains import views

app_name = "chains"

urlpatterns = [
    path("ketens/", views.ChainListView.as_view(), name="chain_list"),
    path("ketens/nieuw/", views.ChainEditView.as_view(), name="chain_create"),
    path("ketens/<int:pk>/", views.ChainDetailView.as_view(), name="chain_detail"),
    path("ketens/<int:pk>/bewerken/", views.ChainEditView.as_view(), name="chain_edit"),
    path("ketens/<int:pk>/partijen/", views.PartyEditView.as_view(), name="party_edit"),
    path("wijzigingen/", views.NoticeOverviewView.as_view(), name="notice_overview"),
    path("wijzigingen/nieuw/", views.NoticeEditView.as_view(), name="notice_create"),
    path("wijzigingen/<int:pk>/", views.NoticeDetailView.as_view(), name="notice_detail"),
    path("wijzigingen/<int:pk>/bewerken/", views.NoticeEditView.as_view(), name="notice_edit"),
    path(
        "wijzigingen/<int:pk>/partijen/", views.NoticePartiesView.as_view(), name="notice_parties"
    ),
    path(
        "wijzigingen/<int:pk>/consultatie/",
        views.NoticeConsultView.as_view(),
        name="notice_consult",
    ),
    path("wijzigingen/<int:pk>/besluit/", views.NoticeDecideView.as_view(), name="notice_decide"),
    path(
        "wijzigingen/<int:pk>/publiceren/", views.NoticePublishView.as_view(), name="notice_publish"
    ),
    path(
        "wijzigingen/reacties/<int:pk>/beantwoorden/",
        views.ResponseAnswerView.as_view(),
        name="response_answer",
    ),
    path("wijzigingen-voor-u/", views.InboxView.as_view(), name="inbox"),
    path("wijzigingen-voor-u/<int:pk>/", views.InboxDetailView.as_view(), name="inbox_detail"),
    path("meldingen/", views.NotificationListView.as_view(), name="notifications"),
]
