"""What a locked-out login attempt gets: JSON for the API, a Dutch page in the browser."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_OUT_STATUS = 429


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Too many failed attempts: this account is temporarily locked.")},
            status=LOCKED_OUT_STATUS,
        )
    return render(request, "accounts/locked_out.html", status=LOCKED_OUT_STATUS)
