from django.urls import path

from wijkregie.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.TwoFactorView.as_view(), name="two_factor"),
    path("auditlog/", views.AuditLogView.as_view(), name="audit_log"),
]
