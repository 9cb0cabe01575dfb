from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext

from wijkregie.accounts.selectors import viewer_key
from wijkregie.ui.start import tasks_for

# The navigation of each viewer key and language, as (title, url) pairs. What a user may do
# follows from their active memberships alone (``accounts.permissions``), and those are the
# viewer key: a changed membership is another key, so nothing needs to be invalidated. Per
# process and bounded; a page of a logged-in user spent about a millisecond on it under load.
_NAVIGATION: dict[tuple[str, str], list[tuple[str, str]]] = {}
_NAVIGATION_MAX = 512


def _navigation_of(user) -> list[tuple[str, str]]:
    key = (viewer_key(user), get_language() or "")
    items = _NAVIGATION.get(key)
    if items is None:
        items = [(gettext("Start"), reverse("ui:start"))] + [
            (str(task.nav_title or task.title), task.url)
            for task in tasks_for(user)
            if task.in_navigation
        ]
        if len(_NAVIGATION) >= _NAVIGATION_MAX:
            _NAVIGATION.clear()
        _NAVIGATION[key] = items
    return items


def navigation(request) -> dict:
    """The navigation items this user may use, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.roles:
        return {"nav_items": []}
    path = request.path
    start = reverse("ui:start")
    items = [
        {
            "title": title,
            "url": url,
            "current": path == url if url == start else path.startswith(url),
        }
        for title, url in _navigation_of(user)
    ]
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
