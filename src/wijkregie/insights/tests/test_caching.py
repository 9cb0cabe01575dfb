"""The dashboard's read path: the figures of a page are rendered once per facts generation and
per set of memberships, never shared between viewers who may see different numbers, and new
facts show at once."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors
from wijkregie.reporting import services as reporting
from wijkregie.reporting.models import Value


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response.content.decode()


def test_a_warm_page_reads_far_less(demo, login_as):
    client = login_as("contractmanager")
    indicator = Indicator.objects.filter(tier="headline", active=True).first()
    for url in ("/dashboard/", f"/dashboard/indicator/{indicator.pk}/", "/api/v1/values/"):
        cold, first = _queries(client, url)
        warm, second = _queries(client, url)
        assert warm < cold / 2, (url, cold, warm)
        # The same page (but for the per-request CSRF token of the page around the figures).
        token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
        assert token.sub("", first) == token.sub("", second)


def test_viewers_with_other_memberships_do_not_share_a_cached_page(demo, client):
    from conftest import login

    login(client, "contractmanager")
    municipal = client.get("/api/v1/values/?level=areas&organisation=dock").json()
    client.logout()
    login(client, "dock-manager")
    own = client.get("/api/v1/values/?level=areas&organisation=dock").json()
    # DOCK's manager sees DOCK's own small counts; the municipality sees them suppressed.
    assert municipal != own
    assert any(r["suppressed"] for r in municipal["results"])
    hidden = {
        (r["indicator"], r["period"], r["area"]) for r in municipal["results"] if r["suppressed"]
    }
    shown = {
        (r["indicator"], r["period"], r["area"])
        for r in own["results"]
        if not r["suppressed"] and r["value"] is not None
    }
    assert hidden & shown


def test_new_facts_show_at_once(demo, login_as):
    client = login_as("contractmanager")
    indicator = (
        Indicator.objects.filter(tier="headline", active=True, formula=Indicator.Formula.NONE)
        .order_by("code")
        .first()
    )
    url = f"/dashboard/indicator/{indicator.pk}/?per=wijk"
    page = client.get(url).content.decode()
    assert "987" not in page and "Hernoemd" not in client.get("/dashboard/").content.decode()
    value = Value.objects.filter(
        indicator=indicator,
        state__in=Value.PUBLISHED,
        area__isnull=False,
        theme__isnull=True,
        period__in=selectors.default_periods(),
    ).first()
    indicator.name = "Hernoemd voor de cachetoets"
    indicator.save()
    assert "Hernoemd voor de cachetoets" in client.get("/dashboard/").content.decode()
    # A rebuilt rollup makes a new generation: the indicator page is built again.
    Value.objects.filter(pk=value.pk).update(value=987654)
    reporting.rollups_refresh([(indicator.pk, value.period)])
    assert "987" in client.get(url).content.decode()
