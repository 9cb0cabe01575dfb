from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkregie.signals import selectors as signal_selectors
from wijkregie.socialmap import selectors as socialmap_selectors
from wijkregie.ui.start import ROLE_INTRODUCTIONS, tasks_for


def start(request):
    """The start page: per role what the user can do, and where."""
    user = request.user
    roles = [
        {
            "label": membership.get_role_display(),
            "organisation": membership.organisation,
            "introduction": ROLE_INTRODUCTIONS.get(membership.role, ""),
        }
        for membership in user.active_memberships
    ]
    attention = (
        socialmap_selectors.attention_for(user)
        if user.has_perm("socialmap.view_freshness")
        else None
    )
    return render(
        request,
        "ui/start.html",
        {
            "roles": roles,
            "tasks": tasks_for(user),
            "socialmap_attention": attention,
            "signals_attention": signal_selectors.attention_for(user),
        },
    )


def _api_error(request, status: int, detail: str):
    """Under ``/api/`` every error is JSON, in production too (not an HTML page)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return None


def permission_denied(request, exception=None):
    return _api_error(
        request, 403, _("You do not have permission to perform this action.")
    ) or render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return _api_error(request, 404, _("Not found.")) or render(request, "404.html", status=404)


def server_error(request):
    return _api_error(request, 500, _("Something went wrong on our side.")) or render(
        request, "500.html", status=500
    )
