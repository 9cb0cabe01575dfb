"""Login required by default, two-factor for administrators, and denials in the audit log."""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.roles import Role
from wijkregie.accounts.services import audit_event_create


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's middleware: every view needs a login unless marked ``login_not_required``."""


class AdministratorTwoFactorMiddleware:
    """Administrators must pass a TOTP check (django-otp) before any other page.

    Until they have verified a code in this session, every page except the two-factor page,
    logout, the language switch and public pages redirects to the two-factor page.
    """

    ALLOWED_URL_NAMES = frozenset(
        {"accounts:two_factor", "accounts:logout", "set_language", "system:health"}
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.has_role(Role.ADMINISTRATOR):
            return None
        if user.is_verified():
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in self.ALLOWED_URL_NAMES or not getattr(view_func, "login_required", True):
            return None
        return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")


class PermissionDeniedAuditMiddleware:
    """Write every ``PermissionDenied`` raised by a view to the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            audit_event_create(action=AuditEvent.Action.PERMISSION_DENIED, request=request)
        return None
