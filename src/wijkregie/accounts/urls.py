from django.urls import path

from wijkregie.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.TwoFactorView.as_view(), name="two_factor"),
    path("auditlog/", views.AuditLogView.as_view(), name="audit_log"),
    path("beheer/gebruikers/", views.UserListView.as_view(), name="user_list"),
    path("beheer/gebruikers/nieuw/", views.UserCreateView.as_view(), name="user_create"),
    path("beheer/gebruikers/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path(
        "beheer/gebruikers/<int:pk>/rol/", views.MembershipAddView.as_view(), name="membership_add"
    ),
    path(
        "beheer/rollen/<int:pk>/beeindigen/",
        views.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path("beheer/gebruikers/<int:pk>/actief/", views.UserActiveView.as_view(), name="user_active"),
    path(
        "beheer/gebruikers/<int:pk>/tweestap-herstellen/",
        views.SecondFactorResetView.as_view(),
        name="second_factor_reset",
    ),
]
