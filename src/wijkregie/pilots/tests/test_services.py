"""Pilot writes: the running rule, the reason recorded by name, bad input refused in words,
arrows that point forward, appended revisions and concurrent edits refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from tests.factories import IndicatorFactory, OrganisationFactory, ThemeFactory, UserFactory

from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.pilots import services
from wijkregie.pilots.models import Element, Expectation, Goal, Link, Pilot, Revision

# These tests build their own few objects: an empty database, not the session's demo.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]


@pytest.fixture
def adviser():
    return UserFactory(username="adviseur", first_name="Sanne", last_name="Bos")


@pytest.fixture
def indicator():
    return IndicatorFactory(code="IB-INDICATIES", name="Afgegeven IB-indicaties")


@pytest.fixture
def pilot(adviser):
    return services.pilot_save(
        Pilot(name="Pilot IB", first_period="2020H1", last_period="2023H2"), user=adviser
    )


def goal(pilot, user, links=(), reason=""):
    return services.goal_save(
        Goal(pilot=pilot, title="Minder indicaties", no_indicator_reason=reason),
        user=user,
        links=links,
    )


def test_a_pilot_runs_only_with_every_goal_monitored_or_a_reason_on_record(pilot, adviser):
    unmonitored = goal(pilot, adviser)
    with pytest.raises(ValidationError) as refused:
        services.pilot_set_status(
            pilot, Pilot.Status.RUNNING, user=adviser, expected_version=pilot.version
        )
    assert "Minder indicaties" in refused.value.messages[0]
    pilot.refresh_from_db()
    assert pilot.status == Pilot.Status.PREPARING

    unmonitored.no_indicator_reason = "Cijfers volgen na de nulmeting."
    services.goal_save(unmonitored, user=adviser, links=[])
    unmonitored.refresh_from_db()
    assert unmonitored.no_indicator_by == adviser and unmonitored.no_indicator_at is not None
    services.pilot_set_status(
        pilot, Pilot.Status.RUNNING, user=adviser, expected_version=pilot.version
    )
    assert Pilot.objects.get(pk=pilot.pk).status == Pilot.Status.RUNNING


def test_linking_an_indicator_clears_the_reason(pilot, adviser, indicator):
    item = goal(pilot, adviser, reason="Nog geen bron.")
    assert item.no_indicator_reason
    item.no_indicator_reason = "Nog geen bron."
    services.goal_save(item, user=adviser, links=[(indicator, Decimal(190), "")])
    item.refresh_from_db()
    assert item.no_indicator_reason == "" and item.no_indicator_by is None
    assert item.links.get().target == Decimal(190)
    assert services.unmonitored_goals(pilot) == []


def test_periods_and_budget_are_checked(adviser):
    with pytest.raises(ValidationError) as backwards:
        services.pilot_save(
            Pilot(name="Omgekeerd", first_period="2024H1", last_period="2023H2"), user=adviser
        )
    assert "last_period" in backwards.value.message_dict
    with pytest.raises(ValidationError) as negative:
        services.pilot_save(
            Pilot(name="Negatief", first_period="2024H1", budget=Decimal(-1)), user=adviser
        )
    assert "budget" in negative.value.message_dict
    with pytest.raises(ValidationError) as theme:
        services.pilot_save(
            Pilot(name="Thema", kind=Pilot.Kind.THEME, first_period="2024H1"), user=adviser
        )
    assert "theme" in theme.value.message_dict
    ok = services.pilot_save(
        Pilot(
            name="Thema",
            kind=Pilot.Kind.THEME,
            first_period="2024H1",
            theme=ThemeFactory(code="armoede", name="Armoede"),
        ),
        user=adviser,
    )
    assert ok.pk


def test_concurrent_edits_of_a_pilot_are_refused(pilot, adviser):
    first = Pilot.objects.get(pk=pilot.pk)
    second = Pilot.objects.get(pk=pilot.pk)
    first.name = "Pilot IB (eerste)"
    services.pilot_save(first, user=adviser, expected_version=first.version)
    second.name = "Pilot IB (tweede)"
    with pytest.raises(ConcurrentEditError):
        services.pilot_save(second, user=adviser, expected_version=second.version)
    assert Pilot.objects.get(pk=pilot.pk).name == "Pilot IB (eerste)"


BASELINE = {"2018H1": Decimal(10), "2018H2": Decimal(13), "2019H1": Decimal(14)}


def expectation(pilot, indicator, **changes):
    data = {
        "pilot": pilot,
        "indicator": indicator,
        "method": Expectation.Method.TREND,
        "baseline_first": "2018H1",
        "baseline_last": "2019H1",
        "first_period": "2020H1",
        "last_period": "2020H2",
        "assumptions": "Zonder pilot groeit het aantal door.",
        "unit_cost": Decimal(5800),
        "unit_cost_label": "jaarkosten van een IB-indicatie",
    }
    data.update(changes)
    return Expectation(**data)


@pytest.mark.parametrize(
    ("changes", "actual", "field", "words"),
    [
        ({"unit_cost": Decimal(0)}, BASELINE, "unit_cost", "meer dan nul"),
        ({"unit_cost": Decimal(-5800)}, BASELINE, "unit_cost", "meer dan nul"),
        ({"unit_cost_label": ""}, BASELINE, "unit_cost_label", "Zeg wat"),
        ({"assumptions": " "}, BASELINE, "assumptions", "aannames"),
        ({"baseline_first": "2018H2"}, BASELINE, "method", "minstens 3"),
        ({}, {**BASELINE, "2018H2": None}, "method", "2018H2"),
        ({"band_width": Decimal(0)}, BASELINE, "band_width", "breedte"),
    ],
)
def test_bad_expected_series_are_refused_in_dutch(
    pilot, adviser, indicator, changes, actual, field, words
):
    with pytest.raises(ValidationError) as refused:
        services.expectation_save(
            expectation(pilot, indicator, **changes), user=adviser, reason="", actual=actual
        )
    assert field in refused.value.message_dict
    assert words in " ".join(refused.value.message_dict[field])
    assert not Expectation.objects.exists()


def test_every_change_of_an_expected_series_is_a_revision_with_a_reason(pilot, adviser, indicator):
    item = services.expectation_save(
        expectation(pilot, indicator), user=adviser, reason="", actual=BASELINE
    )
    item.unit_cost = Decimal(6200)
    with pytest.raises(ValidationError) as no_reason:
        services.expectation_save(item, user=adviser, reason=" ", actual=BASELINE)
    assert "reason" in no_reason.value.message_dict
    item = Expectation.objects.get(pk=item.pk)
    item.unit_cost = Decimal(6200)
    services.expectation_save(item, user=adviser, reason="Indexatie 2024.", actual=BASELINE)
    revisions = list(Revision.objects.filter(subject=f"expectation:{item.pk}"))
    assert [r.number for r in revisions] == [2, 1]
    assert revisions[0].snapshot["unit_cost"] == "6200"
    assert revisions[1].snapshot["unit_cost"] == "5800"
    with pytest.raises(PermissionError):
        revisions[0].save()


def test_arrows_point_forward_and_carry_a_because(pilot, adviser):
    def element(kind, title):
        return services.element_save(
            Element(pilot=pilot, kind=kind, title=title), user=adviser, indicators=[], reason=""
        )

    activity = element(Element.Kind.ACTIVITY, "Team geeft IB")
    outcome = element(Element.Kind.OUTCOME, "Minder indicaties")
    with pytest.raises(ValidationError, match=r"vooruit|forward"):
        services.link_save(
            Link(pilot=pilot, source=outcome, target=activity, rationale="omdat"),
            user=adviser,
            indicators=[],
            reason="r",
        )
    with pytest.raises(ValidationError):
        services.link_save(
            Link(pilot=pilot, source=activity, target=activity, rationale="omdat"),
            user=adviser,
            indicators=[],
            reason="r",
        )
    with pytest.raises(ValidationError, match=r"omdat|because"):
        services.link_save(
            Link(pilot=pilot, source=activity, target=outcome, rationale=" "),
            user=adviser,
            indicators=[],
            reason="r",
        )
    other = services.pilot_save(Pilot(name="Ander", first_period="2024H1"), user=adviser)
    foreign = services.element_save(
        Element(pilot=other, kind=Element.Kind.RESULT, title="Elders"),
        user=adviser,
        indicators=[],
        reason="",
    )
    with pytest.raises(ValidationError):
        services.link_save(
            Link(pilot=pilot, source=activity, target=foreign, rationale="omdat"),
            user=adviser,
            indicators=[],
            reason="r",
        )
    arrow = services.link_save(
        Link(pilot=pilot, source=activity, target=outcome, rationale="geen indicatie nodig"),
        user=adviser,
        indicators=[],
        reason="Pijl toegevoegd.",
    )
    services.theory_delete(arrow, user=adviser, reason="Dubbel.")
    history = Revision.objects.filter(pilot=pilot, subject="theory")
    assert history.count() == 4  # two elements, the arrow, its removal
    assert history.first().snapshot["links"] == []
    assert history.first().reason == "Dubbel."


def test_comparison_groups_must_differ(pilot, adviser, indicator):
    from wijkregie.pilots.models import Comparison

    incluzio = OrganisationFactory(code="incluzio", name="Incluzio")
    dock = OrganisationFactory(code="dock", name="DOCK")
    comparison = Comparison(
        pilot=pilot,
        title="Gespreide start",
        indicator=indicator,
        before_first="2019H1",
        start_period="2020H1",
        after_last="2020H2",
    )
    groups = {"treated_organisations": [incluzio], "control_organisations": [incluzio]}
    with pytest.raises(ValidationError) as both:
        services.comparison_save(comparison, user=adviser, groups=groups, context=[])
    assert "control_organisations" in both.value.message_dict
    comparison.start_period = "2018H1"
    groups = {"treated_organisations": [incluzio], "control_organisations": [dock]}
    with pytest.raises(ValidationError) as order:
        services.comparison_save(comparison, user=adviser, groups=groups, context=[])
    assert "start_period" in order.value.message_dict
    comparison.start_period = "2020H1"
    saved = services.comparison_save(comparison, user=adviser, groups=groups, context=[])
    assert list(saved.control_organisations.all()) == [dock]
