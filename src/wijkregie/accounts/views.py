from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rules.contrib.views import PermissionRequiredMixin

from wijkregie.accounts import selectors, services
from wijkregie.accounts.forms import (
    AuditFilterForm,
    LoginForm,
    MembershipForm,
    TokenForm,
    UserForm,
)
from wijkregie.accounts.models import AuditEvent, Membership, User
from wijkregie.accounts.services import audit_event_create


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    extra_context = {"oidc_enabled": settings.OIDC_ENABLED}


class LogoutView(auth_views.LogoutView):
    pass


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


class TwoFactorView(View):
    """Set up (first time) or verify the TOTP code that administrators need."""

    template_name = "accounts/two_factor.html"

    def _device(self, request) -> tuple[TOTPDevice, bool]:
        confirmed = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
        if confirmed:
            return confirmed, False
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Wijkregie", confirmed=False)
        return device, True

    def _context(self, request, device, setting_up, form):
        context = {"form": form, "setting_up": setting_up, "next": _safe_next(request)}
        if setting_up:
            image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
            buffer = BytesIO()
            image.save(buffer)
            context["qr_data_uri"] = "data:image/svg+xml;base64," + base64.b64encode(
                buffer.getvalue()
            ).decode("ascii")
            context["secret"] = base64.b32encode(device.bin_key).decode("ascii")
        return context

    def get(self, request):
        if request.user.is_verified():
            return redirect(_safe_next(request))
        device, setting_up = self._device(request)
        return render(
            request, self.template_name, self._context(request, device, setting_up, TokenForm())
        )

    def post(self, request):
        device, setting_up = self._device(request)
        form = TokenForm(request.POST)
        allowed, _throttle = device.verify_is_allowed()
        if form.is_valid() and not allowed:
            form.add_error(
                "token", _("Too many wrong codes in a row. Wait a few seconds and try again.")
            )
        elif form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_event_create(action=AuditEvent.Action.TWO_FACTOR_VERIFIED, request=request)
            messages.success(request, _("Two-factor check passed."))
            return redirect(_safe_next(request))
        elif form.is_valid():
            audit_event_create(action=AuditEvent.Action.TWO_FACTOR_FAILED, request=request)
            form.add_error("token", _("This code is not valid. Check the time on your device."))
        return render(
            request,
            self.template_name,
            self._context(request, device, setting_up, form),
            status=400,
        )


class AuditLogView(PermissionRequiredMixin, View):
    permission_required = "accounts.view_auditevent"
    raise_exception = True

    def get(self, request):
        form = AuditFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        events = selectors.audit_event_list(
            action=filters.get("action") or None,
            query=filters.get("q") or None,
            since=filters.get("since"),
            until=filters.get("until"),
        ).select_related("actor")
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        status = 400 if form.is_bound and not form.is_valid() else 200
        return render(
            request, "accounts/audit_log.html", {"form": form, "page": page}, status=status
        )


# --- user administration ----------------------------------------------------------------------
class _Administration(PermissionRequiredMixin, View):
    permission_required = "accounts.change_user"
    raise_exception = True

    def _user(self, pk: int) -> User:
        return get_object_or_404(User, pk=pk)


class UserListView(_Administration):
    """Every account with its roles; search by name, user name or e-mail address."""

    def get(self, request):
        query = request.GET.get("q", "").strip()
        show = request.GET.get("status", "active")
        users = selectors.user_list(query=query, status=show)
        page = Paginator(users, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "accounts/user_list.html",
            {"page": page, "query": query, "status": show, "today": timezone.localdate()},
        )


class UserCreateView(_Administration):
    permission_required = "accounts.add_user"

    def get(self, request):
        return self._render(request, UserForm(creating=True))

    def _render(self, request, form, status=200):
        return render(request, "accounts/user_create.html", {"form": form}, status=status)

    def post(self, request):
        form = UserForm(request.POST, creating=True)
        if not form.is_valid():
            return self._render(request, form, status=400)
        user = services.user_save(actor=request.user, fields=form.cleaned_data, request=request)
        messages.success(
            request, _("Account %(name)s created. Now give it a role.") % {"name": user}
        )
        return redirect("accounts:user_detail", pk=user.pk)


class UserDetailView(_Administration):
    """One account: name and e-mail, roles per organisation, deactivate, reset the second
    factor, and its recent audit events."""

    def get(self, request, pk: int, form=None, membership_form=None, status=200):
        user = self._user(pk)
        form = form or UserForm(
            instance=user, initial={"fingerprint": services.user_fingerprint(user)}
        )
        return render(
            request,
            "accounts/user_detail.html",
            {
                "subject": user,
                "form": form,
                "membership_form": membership_form or MembershipForm(),
                "memberships": user.memberships.select_related("organisation").order_by(
                    "organisation__name", "role"
                ),
                "today": timezone.localdate(),
                "has_second_factor": TOTPDevice.objects.filter(user=user).exists(),
                "events": [
                    (event, selectors.change_label(event))
                    for event in selectors.user_events(user)[:10]
                ],
            },
            status=status,
        )

    def post(self, request, pk: int):
        user = self._user(pk)
        form = UserForm(request.POST, instance=User.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.user_save(
                    actor=request.user,
                    user=user,
                    fields=form.cleaned_data,
                    fingerprint=form.cleaned_data["fingerprint"],
                    request=request,
                )
            except services.AdministrationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("accounts:user_detail", pk=pk)
        return self.get(request, pk, form=form, status=400)


class MembershipAddView(_Administration):
    permission_required = "accounts.add_membership"

    def post(self, request, pk: int):
        user = self._user(pk)
        form = MembershipForm(request.POST)
        if form.is_valid():
            try:
                services.membership_add(
                    user=user, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Role added."))
                return redirect("accounts:user_detail", pk=pk)
        return UserDetailView().get(request, pk, membership_form=form, status=400)


class MembershipEndView(_Administration):
    permission_required = "accounts.change_membership"

    def post(self, request, pk: int):
        membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
        services.membership_end(
            membership=membership, actor=request.user, today=timezone.localdate(), request=request
        )
        messages.success(request, _("The role has ended."))
        return redirect("accounts:user_detail", pk=membership.user_id)


class UserActiveView(_Administration):
    def post(self, request, pk: int):
        user = self._user(pk)
        active = request.POST.get("active") == "1"
        try:
            services.user_set_active(user=user, active=active, actor=request.user, request=request)
        except services.AdministrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The account is active again.")
                if active
                else _("The account is deactivated: this person can no longer log in."),
            )
        return redirect("accounts:user_detail", pk=pk)


class SecondFactorResetView(_Administration):
    def post(self, request, pk: int):
        user = self._user(pk)
        services.second_factor_reset(user=user, actor=request.user, request=request)
        messages.success(
            request,
            _(
                "The second factor is reset: at the next login this person sets up a new "
                "authenticator app."
            ),
        )
        return redirect("accounts:user_detail", pk=pk)
