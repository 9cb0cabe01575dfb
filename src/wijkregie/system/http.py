"""HTTP at the edge: the client's address behind a trusted proxy, and upload limits that refuse
a too-large request before its body is read."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

#: URL names whose uploads are registration exports (the larger limit).
REGISTRATION_UPLOADS = frozenset({"registrations:upload", "registrations:profile_create"})


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: from the header the trusted proxy sets (``X-Forwarded-For``: the
    entry appended by the outermost trusted proxy), else the connection's address."""
    header = settings.WIJKREGIE_CLIENT_IP_HEADER
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        raw = request.META.get(key, "")
        entries = [e for e in (part.strip() for part in raw.split(",")) if e]
        count = max(1, settings.WIJKREGIE_TRUSTED_PROXY_COUNT)
        if len(entries) >= count:
            address = _valid(entries[-count])
            if address:
                return address
    return _valid(request.META.get("REMOTE_ADDR", "") or "")


def upload_limit(request) -> int:
    """Bytes the request's body may hold for this URL."""
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        name = ""
    megabytes = (
        settings.WIJKREGIE_MAX_REGISTRATION_UPLOAD_MB
        if name in REGISTRATION_UPLOADS
        else settings.WIJKREGIE_MAX_UPLOAD_MB
    )
    return megabytes * 1024 * 1024


def too_large(request, limit: int) -> HttpResponse:
    message = _("The file is too large: at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    body = render_to_string("413.html", {"message": message}, request=None)
    return HttpResponse(body, status=413)


class UploadLimitMiddleware:
    """Refuses (413) a request whose declared length exceeds the URL's limit before anything
    reads its body; ``LimitedTemporaryFileUploadHandler`` stops a body that lied about it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            limit = upload_limit(request)
            request.wijkregie_upload_limit = limit
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return too_large(request, limit)
        return self.get_response(request)


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Counts the bytes of every uploaded file as they stream in and stops at the limit."""

    def new_file(self, *args, **kwargs):
        self._received = 0
        return super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        limit = getattr(self.request, "wijkregie_upload_limit", None)
        if limit is not None and self._received > limit:
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)

    def upload_complete(self):
        limit = getattr(self.request, "wijkregie_upload_limit", None)
        if limit is not None and getattr(self, "_received", 0) > limit:
            raise RequestDataTooBig(_("The file is too large."))
        return super().upload_complete()
