"""The public figures: no person count below the threshold, every shown person count a
multiple of 5, the same protected value for the same cell on the dashboard, in the open data and
in the API, a disclosure record of every suppressed or rounded cell, and a new release only when
the facts change."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkregie.indicators.models import Indicator
from wijkregie.publication import public
from wijkregie.publication.models import PublicRelease
from wijkregie.reporting import services as reporting
from wijkregie.reporting.models import Value


@given(st.integers(min_value=0, max_value=10**6))
def test_rounding_to_a_multiple_of_five_half_up(n):
    rounded = public.round_count(Decimal(n), 5)
    assert rounded % 5 == 0 and abs(rounded - n) <= Decimal("2.5")
    assert public.round_count(Decimal(12), 5) == 10
    assert public.round_count(Decimal("12.5"), 5) == 15


def test_public_rows_are_protected(demo):
    release = public.current()
    counts = [r for r in release.rows if r["person_count"] and not r["suppressed"]]
    assert counts, "the demo publishes person counts"
    for row in counts:
        value = Decimal(row["value"])
        assert value == 0 or value >= 10, row
        assert value % 5 == 0, row
    assert any(r["suppressed"] for r in release.rows)
    assert all(r["value"] is None for r in release.rows if r["suppressed"])
    # The record names every suppressed or rounded cell and its rule, never a true value.
    rules = {entry["rule"] for entry in release.record}
    assert {"primary", "rounded"} <= rules
    suppressed = {(r["indicator"], r["period"], r["area"]) for r in release.rows if r["suppressed"]}
    recorded = {
        (e["indicator"], e["period"], e["area"]) for e in release.record if e["rule"] != "rounded"
    }
    assert suppressed == recorded
    assert all(set(entry) == {"indicator", "period", "area", "rule"} for entry in release.record)
    published = {i.code for i in public.indicators()}
    assert {r["indicator"] for r in release.rows} <= published


def test_the_dashboard_the_open_data_and_the_api_agree_cell_by_cell(demo, client):
    api = client.get("/api/v1/public/values/")
    assert api.status_code == 200  # no login
    api_rows = {(r["indicator"], r["period"], r["area"]): r for r in api.json()}
    data = client.get("/openbaar/open-data.json").json()
    json_rows = {(r["indicator"], r["period"], r["area"]): r for r in data["rows"]}
    text = client.get("/openbaar/open-data.csv").content.decode("utf-8-sig")
    csv_rows = {
        (r["indicator"], r["period"], r["area"]): r
        for r in csv.DictReader(io.StringIO(text), delimiter=";")
    }
    assert api_rows.keys() == json_rows.keys() == csv_rows.keys()
    for key, row in api_rows.items():
        assert row["value"] == json_rows[key]["value"]
        in_csv = csv_rows[key]["value"]
        if row["value"] is None:
            assert in_csv == ""
        else:
            assert Decimal(in_csv.replace(",", ".")) == Decimal(str(row["value"]))
        assert row["suppressed"] == json_rows[key]["suppressed"]
    assert data["metadata"]["disclosure"]["rounding"] == 5
    # The dashboard of a wijk shows the same cells.
    wijk_row = next(r for r in api.json() if r["area"] == "poelenburg" and r["value"] is not None)
    page = client.get("/openbaar/?wijk=poelenburg").content.decode()
    shown = f"{wijk_row['value']:g}"
    assert shown in page
    assert client.get("/openbaar/?wijk=bestaat-niet").status_code == 404


def test_a_new_release_only_when_the_facts_change(demo, django_assert_max_num_queries):
    first = public.current()
    with django_assert_max_num_queries(1):  # the stamp; the release comes from the cache
        assert public.current().pk == first.pk
    indicator = Indicator.objects.filter(tier="headline").first()
    value = Value.objects.filter(indicator=indicator, state__in=Value.PUBLISHED).first()
    reporting.rollups_refresh([(indicator.pk, value.period)])
    second = public.current()
    assert second.stamp != first.stamp
    assert second.checksum == first.checksum  # the same facts: the same figures
    assert PublicRelease.objects.count() == 2


@pytest.mark.parametrize("url", ["/openbaar/", "/openbaar/open-data.csv", "/api/v1/public/values/"])
def test_public_without_login(demo, client, url):
    assert client.get(url).status_code == 200


def test_the_public_pages_are_served_from_the_cache_until_the_facts_change(
    demo, client, django_assert_max_num_queries
):
    indicator = Indicator.objects.filter(tier="headline", active=True).order_by("code").first()
    assert indicator.name in client.get("/openbaar/").content.decode()
    client.get("/api/v1/public/values/")
    client.get("/openbaar/open-data.csv")
    for url in ["/openbaar/", "/api/v1/public/values/", "/openbaar/open-data.csv"]:
        with django_assert_max_num_queries(1):  # the facts generation, nothing else
            assert client.get(url).status_code == 200
    # A renamed indicator (no rollup rebuilt) shows at once: the generation grew.
    indicator.name = "Hernoemde indicator voor de cachetoets"
    indicator.save()
    assert "Hernoemde indicator voor de cachetoets" in client.get("/openbaar/").content.decode()


def test_the_facts_generation_grows_with_what_the_figures_are_read_from(demo):
    from wijkregie.reporting import selectors as reporting_selectors
    from wijkregie.reporting.models import Delivery

    before = reporting_selectors.generation()
    delivery = Delivery.objects.first()
    delivery.save()  # a delivery's state sets the provisional marks
    after_delivery = reporting_selectors.generation()
    assert after_delivery > before
    value = Value.objects.first()
    reporting.rollups_refresh([(value.indicator_id, value.period)])
    assert reporting_selectors.generation() > after_delivery
