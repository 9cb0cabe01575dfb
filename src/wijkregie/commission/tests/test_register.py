"""Requirements, agreements, assignments: services and the overview's signals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from wijkregie.accounts.models import User
from wijkregie.commission import selectors, services
from wijkregie.commission.models import AdditionalAssignment, Requirement
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Organisation, Theme

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def commission(demo):
    return selectors.current_commission(TODAY)


def org(code):
    return Organisation.objects.get(code=code)


def test_requirement_changes_append_versions_with_reason(commission):
    requirement = Requirement.objects.get(code="PvE-9.1")
    manager = User.objects.get(username="contractmanager")
    changed = services.requirement_change(
        requirement=requirement,
        expected_version=1,
        text="Nieuwe tekst.",
        theme=requirement.theme,
        contractors=[org("dock")],
        source_document="PvE 2027",
        source_version="2027 v0.9",
        reason="Aangescherpt voor de nieuwe opdracht.",
        actor=manager,
    )
    assert changed.version == 2
    versions = list(changed.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].text.startswith("Het jongerenwerk is zichtbaar")  # the old text is kept
    assert versions[1].reason == "Aangescherpt voor de nieuwe opdracht."
    assert versions[1].contractor_names == "DOCK"
    with pytest.raises(ConcurrentEditError):
        services.requirement_change(
            requirement=changed,
            expected_version=1,
            text="Oud.",
            theme=None,
            contractors=[],
            source_document="x",
            source_version="y",
            reason="Te laat.",
        )


def test_requirement_change_needs_a_reason(commission):
    requirement = Requirement.objects.get(code="PvE-9.1")
    with pytest.raises(ValidationError) as error:
        services.requirement_change(
            requirement=requirement,
            expected_version=1,
            text="x",
            theme=None,
            contractors=[],
            source_document="x",
            source_version="y",
            reason="   ",
        )
    assert "reason" in error.value.message_dict
    assert Requirement.objects.get(pk=requirement.pk).version == 1


def test_demo_ib_requirement_shows_its_history(commission):
    ib = Requirement.objects.get(code="PvE-1.4")
    assert ib.version == 2
    assert "indiceert" in ib.versions.get(number=1).text
    assert "2024" in ib.versions.get(number=2).reason


def _assignment_data(**overrides):
    data = {
        "title": "Proef",
        "purpose": "Iets proberen.",
        "commissioning_department": Organisation.objects.get(code="afdeling-wmo"),
        "funding_source": "municipal",
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2026, 12, 31),
        "accountability_what": "",
        "fit": "fits",
        "fit_reasoning": "Past.",
        "status": "active",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "themes", "contractors", "budgets", "field"),
    [
        ({}, [], ["dock"], {}, "themes"),
        ({}, ["armoede"], [], {}, "contractors"),
        ({}, ["armoede"], ["bibliotheek-zaanstad"], {}, "contractors"),
        ({}, ["armoede"], ["dock"], {2025: Decimal(1)}, "budgets"),
        ({"end_date": dt.date(2025, 1, 1)}, ["armoede"], ["dock"], {}, "end_date"),
        ({"status": "merged"}, ["armoede"], ["dock"], {}, "merged_on"),
        ({"accountability_what": "Cijfers"}, ["armoede"], ["dock"], {}, "accountability_frequency"),
    ],
)
def test_assignment_validation(commission, overrides, themes, contractors, budgets, field):
    before = AdditionalAssignment.objects.count()
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            commission=commission,
            data=_assignment_data(**overrides),
            themes=Theme.objects.filter(code__in=themes),
            contractors=Organisation.objects.filter(code__in=contractors),
            budgets=budgets,
        )
    assert field in error.value.message_dict
    assert AdditionalAssignment.objects.count() == before


def test_overview_signals_on_the_demo(commission):
    manager = User.objects.get(username="contractmanager")
    overview = selectors.overview(user=manager, commission=commission, year=2026, today=TODAY)
    signals = overview.signals
    assert {a.title for a in signals.ending_soon} == {
        "Energiecoaches",
        "Aanpak huiselijk geweld: Zorgen voor elkaar",
    }
    assert {a.title for a in signals.without_accountability} == {
        "Jonge mantelzorgers",
        "Outreach Participatiefonds",
    }
    mantelzorg = next(b for b in signals.bundle_candidates if b.theme.code == "mantelzorg")
    # 40,000 + 25,000 + 18,000 — all below the 50,000 threshold.
    assert mantelzorg.total == Decimal("83000")
    assert len(mantelzorg.assignments) == 3
    dock = next(t for t in overview.totals if t.contractor.code == "dock")
    assert dock.integral_budget and dock.additional_budget > 0


@override_settings(WIJKREGIE_SMALL_BUDGET_EUR=20000)
def test_bundle_threshold_is_a_setting(commission):
    manager = User.objects.get(username="contractmanager")
    signals = selectors.signals(user=manager, commission=commission, year=2026, today=TODAY)
    assert signals.bundle_candidates == []  # only one assignment (18,000) stays below 20,000


def test_flexible_amount_is_the_yearly_average(commission):
    manager = User.objects.get(username="contractmanager")
    amount, years = selectors.flexible_amount(user=manager, commission=commission, before_year=2021)
    # Only 2020 counts: IB 500,000 + Wijkaanpak Poelenburg 150,000 = 650,000.
    assert (amount, years) == (Decimal("650000"), [2020])


def test_team_sees_only_its_own_assignments_and_column(commission):
    smd = User.objects.get(username="smd-manager")
    titles = {a.title for a in selectors.assignment_list(user=smd, commission=commission)}
    assert "Valpreventie ouderen" in titles and "Zomeraanpak jongerenwerk" not in titles
    overview = selectors.overview(user=smd, commission=commission, year=2026, today=TODAY)
    assert [c.code for c in overview.contractors] == ["smd"]
    assert {
        s.contractor.code for s in selectors.budget_monitor(user=smd, commission=commission)
    } == {"smd"}


def test_budget_monitor_on_the_demo(commission):
    manager = User.objects.get(username="contractmanager")
    series = {
        s.contractor.code: s for s in selectors.budget_monitor(user=manager, commission=commission)
    }
    dock = series["dock"]
    assert [y.year for y in dock.years] == list(range(2019, 2027))
    # 2020: budget 2019 4,100,000 × (3.0 % − 2.0 %) = 41,000.
    assert dock.years[1].gap_eur == Decimal("41000.00")
    assert dock.latest.gap_eur > 0  # wage growth outran indexation over the period
