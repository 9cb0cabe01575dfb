from django.shortcuts import render

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
    return render(request, "ui/start.html", {"roles": roles, "tasks": tasks_for(user)})


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
