from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijkregie import __version__


@login_not_required
@never_cache
@require_GET
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "version": __version__},
        status=200 if healthy else 503,
    )


def outbox(request):
    """The demo's outbox: the e-mails Wijkregie would have sent to the logged-in user."""
    from django.http import Http404
    from django.shortcuts import render

    from wijkregie.system import outbox as mail

    if not mail.enabled():
        raise Http404
    return render(
        request, "system/outbox.html", {"messages_": mail.messages_for(request.user)[:200]}
    )
