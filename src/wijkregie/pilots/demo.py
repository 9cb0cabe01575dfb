"""Demo: the IB pilot 2020–2023 (merged into the commission in 2024) with its three goals, an
expected series for IB indications with a unit cost, the staggered start as a comparison, and
its theory of change; and a running pilot on early debt signalling with a blind spot.

Figures before 2023 did not pass through half-year deliveries: the municipality kept IB
indications in its own Wmo registration. They are loaded as published values with source
"municipal" (fictional, plausible: a rising trend before the pilot, a fall after each
organisation's start; Incluzio started in 2020, DOCK and SMD a year later). Idempotent."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from wijkregie.accounts.models import User
from wijkregie.commission.models import AdditionalAssignment
from wijkregie.common import demodata
from wijkregie.common.periods import Period, period_range
from wijkregie.indicators import services as indicator_services
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.pilots import selectors, services
from wijkregie.pilots.models import (
    Comparison,
    CompassBlock,
    Element,
    Expectation,
    Goal,
    GoalIndicator,
    Link,
    Pilot,
)
from wijkregie.reporting import services as reporting_services
from wijkregie.reporting.models import Value

I = Indicator  # noqa: E741
IB_PILOT = "Pilot individuele begeleiding (IB)"
DEBT_PILOT = "Pilot vroegsignalering schulden Krommenie en Nieuw West"
THEME = "Thema maatschappelijke ondersteuning"
PILOT_START = {"incluzio": Period(2020, 1), "dock": Period(2021, 1), "smd": Period(2021, 1)}

CONTEXT_INDICATORS = [
    {
        "code": "WMO-IB-LOKET",
        "counts": I.Counts.INDICATIONS,
        "name": "Wmo-indicaties IB via het Wmo-loket",
        "definition": "Aantal inwoners dat in het halfjaar een indicatie individuele begeleiding "
        "kreeg via de Wmo-consulenten van de gemeente (niet via een wijkteam).",
        "question": I.Question.HOW_MUCH,
        "polarity": I.Polarity.NEUTRAL,
        "source": I.Source.MUNICIPAL,
        "tier": I.Tier.SECONDARY,
        "granularity": I.Granularity.ORGANISATION,
    },
    {
        "code": "INWONERS-18PLUS",
        "counts": I.Counts.RESIDENTS,
        "name": "Inwoners van 18 jaar en ouder",
        "definition": "Aantal inwoners van Zaanstad van 18 jaar en ouder op de eerste dag van "
        "het halfjaar (Basisregistratie Personen).",
        "question": I.Question.HOW_MUCH,
        "unit": I.Unit.COUNT,
        "polarity": I.Polarity.NEUTRAL,
        "source": I.Source.MUNICIPAL,
        "tier": I.Tier.SECONDARY,
        "granularity": I.Granularity.ORGANISATION,
    },
    {
        "code": "IB-REGIE",
        "counts": I.Counts.OTHER,
        "name": "Ervaren regie van inwoners met IB van het team",
        "definition": "Gemiddelde score (1–10) op de vraag 'Ik heb weer zelf de regie' in de "
        "cliëntenpeiling onder inwoners met IB van het wijkteam.",
        "question": I.Question.BETTER_OFF,
        "unit": I.Unit.SCORE,
        "aggregation": I.Aggregation.MEAN,
        "source": I.Source.SURVEY,
        "tier": I.Tier.SECONDARY,
        "granularity": I.Granularity.ORGANISATION,
        "minimum": Decimal(1),
        "maximum": Decimal(10),
    },
    {
        "code": "IB-HULPVERLENERS",
        "counts": I.Counts.OTHER,
        "name": "Hulpverleners per inwoner met IB",
        "definition": "Gemiddeld aantal hulpverleners dat bij een inwoner met IB betrokken is.",
        "question": I.Question.BETTER_OFF,
        "unit": I.Unit.COUNT,
        "polarity": I.Polarity.LOWER,
        "aggregation": I.Aggregation.MEAN,
        "source": I.Source.SURVEY,
        "tier": I.Tier.DEVELOPMENT,
    },
    {
        "code": "IB-EERDER-IN-BEELD",
        "counts": I.Counts.OTHER,
        "name": "Inwoners met IB eerder in beeld",
        "definition": "Mediane tijd tussen het ontstaan van de vraag en het eerste contact met "
        "het wijkteam, voor inwoners met IB.",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.DAYS,
        "polarity": I.Polarity.LOWER,
        "aggregation": I.Aggregation.MEAN,
        "source": I.Source.DELIVERED,
        "tier": I.Tier.DEVELOPMENT,
    },
]


def _indicators(user) -> dict[str, Indicator]:
    by_code = {i.code: i for i in Indicator.objects.all()}
    theme = Theme.objects.filter(code="maatschappelijke-ondersteuning").first()
    for spec in CONTEXT_INDICATORS:
        if spec["code"] in by_code:
            continue
        indicator = Indicator(owner=user, **spec)
        indicator_services.save_indicator(
            indicator,
            user=user,
            reason="Vastgesteld voor de monitoring van de pilot IB (demo).",
            themes=[theme] if theme else [],
        )
        by_code[indicator.code] = indicator
    return by_code


def _history(indicators: dict[str, Indicator]) -> None:
    """IB indications per wijk 2018–2022, the Wmo desk's own IB indications and the
    population 2018–2026H1, and the client survey on control 2022H1–2026H1."""
    if Value.objects.filter(source="municipal").exists():
        return
    rng = random.Random(2020)  # noqa: S311 - demo data, not security
    values = []
    ib = indicators["IB-INDICATIES"]
    for area in Area.objects.select_related("responsible_organisation").order_by("code"):
        organisation = area.responsible_organisation
        if organisation is None or organisation.code not in PILOT_START:
            continue
        weight = demodata.load("wijken")["weights"].get(area.code, 1.0)
        for t, period in enumerate(period_range("2018H1", "2022H2")):
            mean = 36 * weight * 1.02**t
            started = PILOT_START[organisation.code]
            if period >= started:
                halves = (period.year - started.year) * 2 + period.half - started.half + 1
                mean *= 1 - min(0.35, 0.12 * halves)
            value = Decimal(max(0, round(rng.gauss(mean, mean * 0.05))))
            values.append(
                Value(
                    indicator=ib,
                    organisation=organisation,
                    area=area,
                    period=str(period),
                    source="municipal",
                    state=Value.State.APPROVED,
                    value=value,
                )
            )
    desk = Organisation.objects.get(code="afdeling-wmo")
    municipality = Organisation.objects.get(code="gemeente-zaanstad")
    for t, period in enumerate(period_range("2018H1", "2026H1")):
        values.append(
            Value(
                indicator=indicators["WMO-IB-LOKET"],
                organisation=desk,
                period=str(period),
                source="municipal",
                state=Value.State.APPROVED,
                value=Decimal(round(rng.gauss(150 * 0.995**t, 4))),
            )
        )
        values.append(
            Value(
                indicator=indicators["INWONERS-18PLUS"],
                organisation=municipality,
                period=str(period),
                source="municipal",
                state=Value.State.APPROVED,
                value=Decimal(round(124800 * 1.003**t)),
            )
        )
    for organisation in Organisation.objects.filter(code__in=PILOT_START):
        for t, period in enumerate(period_range("2022H1", "2026H1")):
            values.append(
                Value(
                    indicator=indicators["IB-REGIE"],
                    organisation=organisation,
                    period=str(period),
                    source="municipal",
                    state=Value.State.APPROVED,
                    value=Decimal(str(round(rng.gauss(7.0 + 0.05 * t, 0.15), 1))),
                )
            )
    # Through the fact grain's one write path, per organisation (the values above only carry
    # the figures; they are not saved themselves).
    by_organisation: dict[Organisation, list[Value]] = defaultdict(list)
    for value in values:
        by_organisation[value.organisation].append(value)
    for organisation, facts in by_organisation.items():
        reporting_services.values_replace(
            source=Value.Source.MUNICIPAL,
            organisation=organisation,
            periods={v.period for v in facts},
            indicators={v.indicator for v in facts},
            rows=[
                reporting_services.Fact(
                    v.indicator.pk, v.period, v.area_id, None, v.value, v.numerator, v.denominator
                )
                for v in facts
            ],
        )


def _goal(pilot, user, order, title, beneficiary, question, links, *, description="", reason=""):
    goal = Goal(
        pilot=pilot,
        title=title,
        beneficiary=beneficiary,
        question=question,
        order=order,
        description=description,
        no_indicator_reason=reason,
    )
    return services.goal_save(goal, user=user, links=links)


def _ib_pilot(users, indicators) -> Pilot:
    manager = users["contractmanager"]
    pilot = Pilot(
        name=IB_PILOT,
        kind=Pilot.Kind.PILOT,
        description="Teams bieden lichte individuele begeleiding zelf, zonder indicatie, in "
        "plaats van te indiceren bij een Wmo-aanbieder. Per 2024 onderdeel van de brede "
        "opdracht (thema maatschappelijke ondersteuning).",
        theme=Theme.objects.get(code="maatschappelijke-ondersteuning"),
        assignment=AdditionalAssignment.objects.filter(title=IB_PILOT).first(),
        first_period="2020H1",
        last_period="2023H2",
        budget=Decimal(500000),
        owner=manager,
    )
    services.pilot_save(
        pilot,
        user=manager,
        organisations=Organisation.objects.filter(code__in=PILOT_START),
    )
    for status in (Pilot.Status.RUNNING, Pilot.Status.MERGED):  # 2020–2023, then the commission
        services.pilot_set_status(pilot, status, user=manager, expected_version=pilot.version)
    _goal(
        pilot,
        manager,
        1,
        "Besparing op het Wmo-budget: minder indicaties lichte IB",
        Goal.Beneficiary.MUNICIPALITY,
        Goal.Question.HOW_MUCH,
        [(indicators["IB-INDICATIES"], None, "")],
        description="Minder indicaties voor lichte IB bij Wmo-aanbieders, doordat het team de "
        "lichte profielen zelf begeleidt.",
    )
    _goal(
        pilot,
        manager,
        2,
        "Betere ondersteuning voor inwoners",
        Goal.Beneficiary.RESIDENTS,
        Goal.Question.BETTER_OFF,
        [
            (indicators["IB-TEAM"], None, CompassBlock.ACTIVITIES),
            (indicators["IB-REGIE"], None, ""),
            (indicators["IB-HULPVERLENERS"], None, ""),
            (indicators["IB-EERDER-IN-BEELD"], None, ""),
        ],
        description="Minder hulpverleners, meer regie, geen eigen bijdrage en eerder in beeld.",
    )
    _goal(
        pilot,
        manager,
        3,
        "Meer werkplezier voor medewerkers van de wijkteams",
        Goal.Beneficiary.STAFF,
        Goal.Question.HOW_WELL,
        [(indicators["WERKPLEZIER"], Decimal("7.5"), "")],
        description="IB geven verrijkt het werk van de professionals.",
    )
    expectation = Expectation(
        pilot=pilot,
        goal=pilot.goals.get(order=1),
        indicator=indicators["IB-INDICATIES"],
        method=Expectation.Method.TREND,
        baseline_first="2018H1",
        baseline_last="2019H2",
        first_period="2020H1",
        last_period="2023H2",
        assumptions="Zonder pilot was het aantal indicaties lichte IB doorgegroeid zoals in "
        "2018–2019 (vergrijzing, langer thuis wonen).\nEen indicatie die niet nodig was, "
        "bespaart gemiddeld een jaar begeleiding bij een Wmo-aanbieder.\nDe kosten van de IB "
        "door het team zelf (het pilotbudget) zijn hier niet afgetrokken.",
        unit_cost=Decimal(5400),
        unit_cost_label="gemiddelde jaarkosten van een indicatie lichte IB (peiljaar 2020)",
    )
    services.expectation_save(
        expectation,
        user=manager,
        reason="",
        actual=selectors.expectation_actuals(manager, expectation),
    )
    expectation.unit_cost = Decimal(5800)
    expectation.unit_cost_label = (
        "gemiddelde jaarkosten van een indicatie lichte IB (peiljaar 2022)"
    )
    services.expectation_save(
        expectation,
        user=manager,
        reason="Tarieven van de Wmo-aanbieders geïndexeerd per 2022 (+7,4%).",
        actual=selectors.expectation_actuals(manager, expectation),
    )
    comparison = Comparison(
        pilot=pilot,
        title="Gespreide start: Incluzio een jaar eerder dan DOCK en SMD",
        indicator=indicators["IB-INDICATIES"],
        level=Comparison.Level.ORGANISATIONS,
        before_first="2018H1",
        start_period="2020H1",
        after_last="2020H2",
        assumptions="DOCK en SMD begonnen pas in 2021; in 2020 zijn zij de vergelijkingsgroep. "
        "Corona raakte alle drie organisaties in 2020 even hard.",
    )
    services.comparison_save(
        comparison,
        user=manager,
        groups={
            "treated_organisations": Organisation.objects.filter(code="incluzio"),
            "control_organisations": Organisation.objects.filter(code__in=["dock", "smd"]),
            "treated_areas": [],
            "control_areas": [],
        },
        context=[indicators["WMO-IB-LOKET"], indicators["INWONERS-18PLUS"]],
    )
    _theory(pilot, users, indicators)
    return pilot


def _theory(pilot, users, indicators) -> None:
    adviser = users.get("beleidsadviseur") or users["contractmanager"]
    reason = "Verandertheorie opgesteld met de drie wijkteamorganisaties (demo)."
    specs = [
        ("a1", Element.Kind.ACTIVITY, "Team biedt zelf lichte IB zonder indicatie", ["IB-TEAM"]),
        ("a2", Element.Kind.ACTIVITY, "Triage bij aanmelding: licht of zwaar profiel", []),
        ("o1", Element.Kind.OUTPUT, "Inwoners met een lichte vraag krijgen IB van het team", []),
        ("u1", Element.Kind.OUTCOME, "Minder indicaties lichte IB", ["IB-INDICATIES"]),
        (
            "u2",
            Element.Kind.OUTCOME,
            "Inwoners houden de regie, met minder hulpverleners",
            ["IB-REGIE", "IB-HULPVERLENERS"],
        ),
        ("u3", Element.Kind.OUTCOME, "Meer werkplezier in de teams", ["WERKPLEZIER"]),
        ("r1", Element.Kind.RESULT, "Zelfredzame inwoners en houdbare Wmo-uitgaven", []),
    ]
    made = {}
    for order, (key, kind, title, codes) in enumerate(specs):
        made[key] = services.element_save(
            Element(pilot=pilot, kind=kind, title=title, order=order),
            user=adviser,
            indicators=[indicators[c] for c in codes],
            reason=reason,
        )
    arrows = [
        ("a2", "a1", "alleen lichte profielen passen bij wat het team zelf kan", "", []),
        (
            "a1",
            "o1",
            "het team is dichtbij en kent de inwoner al",
            "Het team heeft genoeg capaciteit voor IB naast het gewone werk.",
            ["IB-TEAM"],
        ),
        (
            "o1",
            "u1",
            "wie IB van het team krijgt, heeft geen indicatie meer nodig",
            "Zwaardere vragen worden niet te laat doorverwezen.",
            ["HERAANMELDING"],
        ),
        ("o1", "u2", "één vertrouwd gezicht in plaats van een extra aanbieder", "", []),
        ("a1", "u3", "begeleiden verrijkt het werk van de professional", "", []),
        ("u1", "r1", "minder dure maatwerkvoorzieningen", "", []),
        ("u2", "r1", "inwoners lossen meer zelf op", "", []),
    ]
    for source, target, because, assumption, codes in arrows:
        services.link_save(
            Link(
                pilot=pilot,
                source=made[source],
                target=made[target],
                rationale=because,
                assumption=assumption,
            ),
            user=adviser,
            indicators=[indicators[c] for c in codes],
            reason=reason,
        )


def _debt_pilot(users, indicators) -> Pilot:
    manager = users["contractmanager"]
    pilot = Pilot(
        name=DEBT_PILOT,
        kind=Pilot.Kind.PILOT,
        description="Signalen van betalingsachterstanden (huur, energie, zorgverzekering) gaan "
        "binnen vijf werkdagen naar het wijkteam, dat de inwoner thuis opzoekt.",
        theme=Theme.objects.get(code="armoede"),
        first_period="2026H1",
        last_period="2027H2",
        budget=Decimal(180000),
        owner=manager,
    )
    services.pilot_save(
        pilot,
        user=manager,
        organisations=Organisation.objects.filter(code__in=["incluzio", "smd"]),
        areas=Area.objects.filter(code__in=["krommenie", "nieuw-west"]),
    )
    _goal(
        pilot,
        manager,
        1,
        "Inwoners met geldzorgen eerder in beeld",
        Goal.Beneficiary.RESIDENTS,
        Goal.Question.HOW_MUCH,
        [(indicators["GELDZORGEN"], None, "")],
    )
    _goal(
        pilot,
        manager,
        2,
        "Minder huisuitzettingen",
        Goal.Beneficiary.RESIDENTS,
        Goal.Question.BETTER_OFF,
        [],
        reason="De corporaties leveren cijfers na het nieuwe convenant (verwacht 2027); "
        "afgesproken in het ontwikkeloverleg van maart 2026.",
    )
    _goal(
        pilot,
        manager,
        3,
        "Betere samenwerking met schuldhulpverlening",
        Goal.Beneficiary.PARTNERS,
        Goal.Question.HOW_WELL,
        [(indicators["KETENPARTNERS-TEVREDEN"], None, CompassBlock.IMPROVEMENT)],
    )
    reason = "Verandertheorie uit het pilotplan (demo)."
    signal = services.element_save(
        Element(pilot=pilot, kind=Element.Kind.ACTIVITY, title="Huisbezoek na een signaal"),
        user=manager,
        indicators=[indicators["GELDZORGEN"]],
        reason=reason,
    )
    stable = services.element_save(
        Element(
            pilot=pilot, kind=Element.Kind.OUTCOME, title="Huishouden financieel stabiel", order=1
        ),
        user=manager,
        indicators=[indicators["FINANCIEEL-STABIEL"]],
        reason=reason,
    )
    services.link_save(
        Link(
            pilot=pilot,
            source=signal,
            target=stable,
            rationale="een achterstand van een maand is nog op te lossen, een van zes niet",
            assumption="Inwoners doen open als het wijkteam onaangekondigd aanbelt.",
        ),
        user=manager,
        indicators=[],
        reason=reason,
    )
    services.pilot_set_status(
        pilot, Pilot.Status.RUNNING, user=manager, expected_version=pilot.version
    )
    return pilot


def _theme(users, indicators) -> Pilot:
    """The commission's own theme has a theory of change too (P4), not only pilots."""
    manager = users["contractmanager"]
    theme = Pilot(
        name=THEME,
        kind=Pilot.Kind.THEME,
        theme=Theme.objects.get(code="maatschappelijke-ondersteuning"),
        description="Hoe de brede opdracht bijdraagt aan zelfredzame inwoners: de "
        "veranderingstheorie van het thema, vastgesteld in het ontwikkeloverleg.",
        first_period="2024H1",
        owner=manager,
    )
    services.pilot_save(
        theme, user=manager, organisations=Organisation.objects.filter(code__in=PILOT_START)
    )
    _goal(
        theme,
        manager,
        1,
        "Inwoners krijgen snel passende ondersteuning dichtbij",
        Goal.Beneficiary.RESIDENTS,
        Goal.Question.HOW_WELL,
        [(indicators["WACHTTIJD"], None, ""), (indicators["ONDERSTEUND"], None, "")],
    )
    _goal(
        theme,
        manager,
        2,
        "Inwoners zijn er na de ondersteuning op vooruitgegaan",
        Goal.Beneficiary.RESIDENTS,
        Goal.Question.BETTER_OFF,
        [(indicators["DOEL-BEREIKT"], None, ""), (indicators["HERAANMELDING"], None, "")],
    )
    services.pilot_set_status(
        theme, Pilot.Status.RUNNING, user=manager, expected_version=theme.version
    )
    reason = "Veranderingstheorie van het thema (demo)."
    steps = [
        (Element.Kind.ACTIVITY, "Inloop en outreach in elke wijk", ["WACHTTIJD"]),
        (Element.Kind.OUTPUT, "Trajecten met een gezamenlijk plan", ["ONDERSTEUND"]),
        (Element.Kind.OUTCOME, "Doel van het traject bereikt", ["DOEL-BEREIKT"]),
        (Element.Kind.RESULT, "Inwoners redden het zelf, ook na een jaar", ["HERAANMELDING"]),
    ]
    made = [
        services.element_save(
            Element(pilot=theme, kind=kind, title=title, order=order),
            user=manager,
            indicators=[indicators[c] for c in codes],
            reason=reason,
        )
        for order, (kind, title, codes) in enumerate(steps)
    ]
    because = [
        "wie snel een gesprek heeft, komt niet eerst in de problemen",
        "een plan met eigen doelen houdt de inwoner aan het stuur",
        "een bereikt doel maakt terugval minder waarschijnlijk",
    ]
    for source, target, rationale in zip(made[:-1], made[1:], because, strict=True):
        services.link_save(
            Link(pilot=theme, source=source, target=target, rationale=rationale),
            user=manager,
            indicators=[],
            reason=reason,
        )
    return theme


def load() -> dict[str, int]:
    # Texts the services write (agenda items, history notes) in the demo's language, also when
    # loaded from the command line, where Django switches translation off.
    with translation.override(settings.LANGUAGE_CODE):
        return _load()


def _load() -> dict[str, int]:
    users = {u.username: u for u in User.objects.filter(is_active=True)}
    indicators = _indicators(users.get("contractmanager"))
    _history(indicators)
    if not Pilot.objects.filter(name=IB_PILOT).exists():
        _ib_pilot(users, indicators)
    if not Pilot.objects.filter(name=DEBT_PILOT).exists():
        _debt_pilot(users, indicators)
    if not Pilot.objects.filter(name=THEME).exists():
        _theme(users, indicators)
    return {
        "pilots": Pilot.objects.count(),
        "pilot goals": Goal.objects.count(),
        "goal indicators": GoalIndicator.objects.count(),
        "indicators": Indicator.objects.count(),
        "indicator values": Value.objects.count(),
    }
