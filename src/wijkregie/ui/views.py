from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkregie.ui.start import ROLE_INTRODUCTIONS, tasks_for
from wijkregie.worklist import selectors as worklist


def start(request):
    """The start page: what waits for the user (from every app), then per role what the user
    can do, and where."""
    user = request.user
    roles = [
        {
            "label": membership.get_role_display(),
            "organisation": membership.organisation,
            "introduction": ROLE_INTRODUCTIONS.get(membership.role, ""),
        }
        for membership in user.active_memberships
    ]
    open_tasks = worklist.tasks_for(user) if roles else []
    return render(
        request,
        "ui/start.html",
        {
            "roles": roles,
            "tasks": tasks_for(user),
            "open_tasks": [task for task in open_tasks if task.count],
            "quiet_tasks": [task for task in open_tasks if not task.count],
            "watched": worklist.watched_for(user) if roles else [],
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
