"""The half-years with published figures, found by index seeks (gaps included)."""

import pytest
from tests.factories import IndicatorFactory

from wijkregie.insights.selectors import periods_with_data
from wijkregie.reporting.models import Rollup
from wijkregie.reporting.rollups import generation_bump

# These tests build their own few objects: an empty database, not the session's demo.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]


def test_periods_with_data_skips_gaps_and_orders_half_years():
    indicator = IndicatorFactory(code="T-1", name="Test")
    assert periods_with_data() == []
    for period in ("2025H2", "2023H2", "2024H1", "2023H2"):
        Rollup.objects.create(indicator=indicator, period=period)
    assert periods_with_data() == [], "read once per facts generation"
    generation_bump()  # as every write of rollups does (``refresh_rollups``)
    assert periods_with_data() == ["2023H2", "2024H1", "2025H2"]
