from django.conf import settings
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
    unread = 0
    if user.has_perm("chains.use_inbox"):
        from wijkregie.chains.selectors import unread_count

        unread = unread_count(user)
    return {
        "nav_items": items,
        "unread_notifications": unread,
        # (wijkregie.system.outbox: the demo keeps its e-mail in the app)
        "outbox_enabled": settings.EMAIL_BACKEND.endswith(".outbox.OutboxBackend"),
    }
