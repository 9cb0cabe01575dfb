from django.urls import path

from wijkregie.commission import views

app_name = "commission"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("overzicht.xlsx", views.OverviewExportView.as_view(), name="overview_export"),
    path("<int:pk>/", views.CommissionDetailView.as_view(), name="commission_detail"),
    path("<int:pk>/bewerken/", views.CommissionEditView.as_view(), name="commission_edit"),
    path("<int:pk>/eisen/nieuw/", views.RequirementCreateView.as_view(), name="requirement_create"),
    path("eisen/<int:pk>/", views.RequirementDetailView.as_view(), name="requirement_detail"),
    path(
        "eisen/<int:pk>/wijzigen/", views.RequirementChangeView.as_view(), name="requirement_change"
    ),
    path("aanvullend/", views.AssignmentListView.as_view(), name="assignment_list"),
    path("aanvullend.xlsx", views.AssignmentExportView.as_view(), name="assignment_export"),
    path(
        "aanvullend/tijdlijn/", views.AssignmentTimelineView.as_view(), name="assignment_timeline"
    ),
    path("aanvullend/importeren/", views.AssignmentImportView.as_view(), name="assignment_import"),
    path("aanvullend/nieuw/", views.AssignmentEditView.as_view(), name="assignment_create"),
    path("aanvullend/<int:pk>/", views.AssignmentDetailView.as_view(), name="assignment_detail"),
    path(
        "aanvullend/<int:pk>/bewerken/", views.AssignmentEditView.as_view(), name="assignment_edit"
    ),
    path("verzoeken/", views.RequestListView.as_view(), name="request_list"),
    path("verzoeken/nieuw/", views.RequestCreateView.as_view(), name="request_create"),
    path(
        "verzoeken/buiten-de-lijn/",
        views.RequestOutsideFunnelView.as_view(),
        name="request_outside_funnel",
    ),
    path("verzoeken/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path(
        "verzoeken/<int:pk>/beoordelen/", views.RequestDecideView.as_view(), name="request_decide"
    ),
    path("budget/", views.BudgetMonitorView.as_view(), name="budget_monitor"),
    path("budget/nieuw/", views.AgreementEditView.as_view(), name="agreement_create"),
    path("budget/<int:pk>/bewerken/", views.AgreementEditView.as_view(), name="agreement_edit"),
]
