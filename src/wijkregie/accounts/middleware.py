"""Login required by default, two-factor for administrators, and denials in the audit log."""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.selectors import second_factor_pending
from wijkregie.accounts.services import audit_event_create


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's middleware: every view needs a login unless marked ``login_not_required``.
    Such a view is let through before the session's user is loaded (Django asks for the user
    first): ``/health/`` and the public pages then read no session, user or device."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class AdministratorTwoFactorMiddleware:
    """Accounts that need a second factor (administrators, and anyone with a confirmed TOTP
    device) must pass a TOTP check (django-otp) before any other page. The API refuses such a
    session through its own authentication classes (``accounts.authentication``).

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
        # The pages open to everyone first: they need not load the session's user at all
        # (``/health/`` under load: no session, user, membership or device query).
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in self.ALLOWED_URL_NAMES or not getattr(view_func, "login_required", True):
            return None
        if not second_factor_pending(getattr(request, "user", None)):
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
