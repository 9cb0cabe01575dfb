"""Django admin for administrators only (role + verified two-factor code)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.roles import Role


class WijkregieAdminSite(admin.AdminSite):
    site_header = _("Wijkregie administration")
    site_title = _("Wijkregie administration")
    index_title = _("Accounts, memberships and registers")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and user.has_role(Role.ADMINISTRATOR)
            and user.is_verified()
        )

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return redirect("admin:index")
        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")


class WijkregieAdminConfig(AdminConfig):
    default_site = "wijkregie.accounts.admin_site.WijkregieAdminSite"
