"""Authentication events go to the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_event_create(action=AuditEvent.Action.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_event_create(action=AuditEvent.Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    audit_event_create(
        action=AuditEvent.Action.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit_event_create(
        action=AuditEvent.Action.LOCKED_OUT, request=request, username=str(username or "")[:150]
    )
