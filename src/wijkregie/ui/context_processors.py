from django.urls import reverse
from django.utils.translation import gettext

from wijkregie.ui.start import tasks_for


def navigation(request) -> dict:
    """The navigation items this user may use, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.roles:
        return {"nav_items": []}
    path = request.path
    items = [{"title": gettext("Start"), "url": reverse("ui:start"), "current": path == "/"}]
    for task in tasks_for(user):
        if task.in_navigation:
            items.append(
                {
                    "title": task.nav_title or task.title,
                    "url": task.url,
                    "current": path.startswith(task.url),
                }
            )
    return {"nav_items": items}
