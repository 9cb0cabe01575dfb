"""The computed figures (set-wise, in DuckDB) against the format's rules written out row by row
in plain Python, on random trajectories."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkregie.common.periods import Period, period_range
from wijkregie.registrations import computed
from wijkregie.registrations.models import Trajectory

K = Trajectory.Kind


def by_the_rules(trajectories: list[tuple], periods: list[Period]) -> dict:
    """Each rule of ``docs/registrations.md`` as a scan over all trajectories: slow and plain."""
    out: dict = {}
    members: dict = defaultdict(set)

    def add(key, value=Decimal(0), numerator=None, denominator=None):
        slot = out.setdefault(key, [Decimal(0), None, None])
        slot[0] += value
        if numerator is not None:
            slot[1] = (slot[1] or Decimal(0)) + numerator
            slot[2] = (slot[2] or Decimal(0)) + denominator

    for _id, client, area, theme, kind, start, end, outflow, cost in trajectories:
        cell = (area, theme)
        for period in periods:
            label, first, last = str(period), period.start, period.end
            if start > last or (end is not None and end < first):
                continue
            members[("REG-CLIENTEN", label, cell)].add(client)
            if kind == K.IB_TEAM:
                members[("REG-IB-TEAM", label, cell)].add(client)
            if first <= start <= last:
                add(("REG-GESTART", label, cell), Decimal(1))
                if kind == K.INDICATION_IB:
                    add(("REG-IB-INDICATIES", label, cell), Decimal(1))
                    add(("REG-IB-KOSTEN", label, cell), cost or Decimal(0))
                if kind == K.HANDOVER and any(
                    other[1] == client
                    and other[4] == K.IB_TEAM
                    and 0 <= (start - other[5]).days <= computed.HANDOVER_WINDOW_DAYS
                    for other in trajectories
                ):
                    members[("REG-OVERDRACHT", label, cell)].add(client)
                if any(
                    other[1] == client
                    and other[6] is not None
                    and 1 <= (start - other[6]).days <= computed.REENTRY_WINDOW_DAYS
                    for other in trajectories
                ):
                    members[("REG-TERUGKEER", label, cell)].add(client)
            if end is not None and first <= end <= last:
                reached = outflow == Trajectory.Outflow.GOAL_REACHED
                add(("REG-DUUR", label, cell), Decimal(0), Decimal((end - start).days), Decimal(1))
                add(("REG-DOEL-BEREIKT", label, cell), Decimal(0), Decimal(reached), Decimal(1))
    for key, clients in members.items():
        out[key] = [Decimal(len(clients)), None, None]
    return out


@st.composite
def trajectory_sets(draw) -> list[tuple]:
    rows = []
    for number in range(draw(st.integers(0, 25))):
        start = draw(st.dates(dt.date(2023, 1, 1), dt.date(2026, 6, 30)))
        end = draw(st.none() | st.integers(0, 500).map(lambda d, s=start: s + dt.timedelta(d)))
        cost = draw(st.none() | st.decimals(0, 20000, places=2))
        rows.append(
            (
                f"T-{number}",
                draw(st.sampled_from(["a", "b", "c"])),
                draw(st.sampled_from([1, 2])),
                draw(st.sampled_from([7, 8])),
                draw(st.sampled_from(K.values)),
                start,
                end,
                draw(st.sampled_from(["", *Trajectory.Outflow.values])),
                cost,
            )
        )
    return rows


@settings(max_examples=100, deadline=None)
@given(trajectories=trajectory_sets())
def test_the_set_wise_figures_follow_the_rules(trajectories):
    periods = period_range(Period.parse("2024H1"), Period.parse("2026H1"))
    database = duckdb.connect()
    try:
        computed.load(database, "t", trajectories)
        assert computed.compute(database, "t", periods) == by_the_rules(trajectories, periods)
    finally:
        database.close()


def test_a_handover_counts_only_within_six_months_of_the_ib_start():
    ib = ("T-1", "a", 1, 7, K.IB_TEAM, dt.date(2025, 1, 1), None, "", None)
    soon = ("T-2", "a", 1, 7, K.HANDOVER, dt.date(2025, 7, 3), None, "", None)  # day 183
    late = ("T-3", "b", 1, 7, K.HANDOVER, dt.date(2025, 7, 4), None, "", None)
    ib_b = ("T-4", "b", 1, 7, K.IB_TEAM, dt.date(2025, 1, 1), None, "", None)  # day 184
    database = duckdb.connect()
    computed.load(database, "t", [ib, soon, late, ib_b])
    figures = computed.compute(database, "t", [Period.parse("2025H2")])
    assert figures[("REG-OVERDRACHT", "2025H2", (1, 7))][0] == 1
