"""Benchmark: the contract manager's pages under load.

On the demo (SQLite in a temporary data directory) against the production server (``wijkregie
serve``: gunicorn, ``--workers``), logged in as the contract manager, ``--clients`` concurrent
clients (coroutines in one thread) on loopback load, back to back in the same run:

* ``/health/`` — the trivial view (the reference; it gets the same session cookie, which it
  does not read);
* ``/dashboard/`` — the municipal overview;
* ``/dashboard/indicator/<pk>/`` — an indicator page (the first headline indicator);
* ``/api/v1/values/`` — the values list of the API;

and prints requests per second, p95 and errors, and each page's ratio to ``/health/``
(targets: at least 50 %, p95 at most 300 ms, 0 errors). A benchmark, not a test: it prints
figures and never fails on them.

    python bench/load.py
    python bench/load.py --clients 32 --seconds 10 --workers 3
"""

from __future__ import annotations

import loadtools

SESSION = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from wijkregie.accounts.models import User
from wijkregie.indicators.models import Indicator
user = User.objects.get(username="contractmanager")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "wijkregie.accounts.backends.PasswordBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
first = Indicator.objects.filter(tier="headline", active=True).order_by("code").first()
print(settings.SESSION_COOKIE_NAME, session.session_key, first.pk)
"""


def main() -> None:
    args = loadtools.arguments(__doc__)
    data_dir = loadtools.demo_data_dir()
    # A session of the contract manager, made as the login makes it (production settings:
    # the session hash depends on the secret key).
    name, key, indicator = loadtools.run(data_dir, SESSION, **loadtools.PRODUCTION).split()[-3:]
    cookie = {"Cookie": f"{name}={key}"}
    pages = ["/health/", "/dashboard/", f"/dashboard/indicator/{indicator}/", "/api/v1/values/"]
    with loadtools.production_server(data_dir, args.workers) as port:
        print(
            f"contract manager; {args.clients} clients, {args.seconds:g} s each, "
            f"gunicorn {args.workers} workers"
        )
        loadtools.measure(port, pages, args.clients, args.seconds, cookie)


if __name__ == "__main__":
    main()
