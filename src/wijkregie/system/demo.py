"""Load all demo data, app by app, in one transaction. Idempotent."""

from __future__ import annotations

from django.db import transaction

from wijkregie.chains import demo as chains_demo
from wijkregie.commission import demo as commission_demo
from wijkregie.conversations import demo as conversations_demo
from wijkregie.indicators import demo as indicators_demo
from wijkregie.organisations import demo as organisations_demo
from wijkregie.pilots import demo as pilots_demo
from wijkregie.registrations import demo as registrations_demo
from wijkregie.reporting import demo as reporting_demo
from wijkregie.signals import demo as signals_demo
from wijkregie.socialmap import demo as socialmap_demo
from wijkregie.surveys import demo as surveys_demo

#: Each app's loader, in dependency order. Later apps add theirs here.
LOADERS = (
    organisations_demo.load,
    organisations_demo.load_people,
    commission_demo.load,
    chains_demo.load,
    indicators_demo.load,
    # Registrations first: the teams' delivered IB figures follow the same story as the
    # figures computed from their registrations (see reporting.demo.COMPUTED_STORY).
    registrations_demo.load,
    reporting_demo.load,
    pilots_demo.load,
    conversations_demo.load,
    socialmap_demo.load,
    surveys_demo.load,
    signals_demo.load,
)


@transaction.atomic
def load_demo() -> dict[str, int]:
    counts: dict[str, int] = {}
    for loader in LOADERS:
        counts.update(loader())
    return counts
