"""API errors: readable JSON for every client error, denials in the audit log, never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    if response.status_code == status.HTTP_403_FORBIDDEN and request is not None:
        audit_event_create(action=AuditEvent.Action.PERMISSION_DENIED, request=request)
    if (isinstance(response.data, dict) and "detail" not in response.data) or isinstance(
        response.data, list
    ):
        response.data = {"detail": _summary(response.status_code), "errors": response.data}
    return response


def _summary(status_code: int) -> str:
    if status_code == status.HTTP_400_BAD_REQUEST:
        return _("The request is not valid; see 'errors' for each field.")
    return _("The request could not be handled.")
