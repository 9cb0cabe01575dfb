"""Demo half-year deliveries 2023H1–2026H2 for DOCK, Incluzio and SMD: plausible values per
wijk (some small counts), narratives and a dozen fictional case stories. Team IB rises and IB
indications fall, as in the seeds. SMD's 2026H1 delivery was sent back with feedback; DOCK is
filling in 2026H2; everything else is approved. Idempotent: skipped when deliveries exist."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.common import demodata
from wijkregie.common.periods import Period, period_range
from wijkregie.deidentification.services import deidentifier
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.reporting import rollups, validation
from wijkregie.reporting.models import CaseStory, Delivery, Narrative, Value
from wijkregie.reporting.workflow import WORKFLOW

FIRST, LAST = "2023H1", "2026H2"
SENT_BACK = ("smd", "2026H1")
#: Delivered indicators that answer the question of a computed one: the demo delivers what the
#: registrations tell (within a few percent), so the two agree — apart from DISCREPANCY.
COMPUTED_STORY = {"IB-TEAM": "REG-IB-TEAM", "IB-INDICATIES": "REG-IB-INDICATIES"}
#: The one deliberate, explained difference between delivered and computed IB of the team.
DISCREPANCY = ("dock", "2024H2")
HALFWAY_NOTE = (
    "Halverwege het halfjaar: nog niet alle trajecten van dit halfjaar staan in de registratie."
)
DISCREPANCY_NOTE = (
    "In dit halfjaar telden we ook de inwoners in de groepsbegeleiding 'Samen sterk' mee als "
    "individuele begeleiding; in de registratie staan zij als ondersteuning. Vanaf 2025 tellen "
    "we hen apart, zoals de definitie vraagt."
)
DRAFT = ("dock", "2026H2")
FEEDBACK = (
    "Dank voor de levering. Bij 'Inwoners die weer meedoen' ontbreekt voor Nieuw West de "
    "toelichting op de daling, en werkplezier staat voor de tweede keer op 'niet meetbaar'. "
    "Kunnen jullie aangeven wanneer het medewerkersonderzoek wel beschikbaar is?"
)

#: How busy each wijk is, relative to the average.
#: How much need each wijk has (demo data file ``wijken.yaml``).
WEIGHTS: dict[str, float] = demodata.load("wijken")["weights"]


def _count(rng: random.Random, base: float, weight: float, t: int, growth: float) -> Decimal:
    mean = base * weight * (1 + growth) ** t
    return Decimal(max(0, round(rng.gauss(mean, max(1.0, mean * 0.08)))))


def _ratio(rng, base_den, weight, share, spread=0.05):
    denominator = max(1, round(rng.gauss(base_den * weight, base_den * weight * 0.1)))
    numerator = min(denominator, max(0, round(denominator * rng.gauss(share, spread))))
    return Decimal(numerator), Decimal(denominator)


def area_values(rng: random.Random, code: str, weight: float, t: int) -> dict:
    """Value (or (numerator, denominator)) per indicator code for one wijk and period index."""
    ib_team = _count(rng, 12, weight, t, 0.13)  # team IB rising after the pilot
    ib_indications = _count(rng, 26, weight, t, -0.06)  # light IB indications falling
    return {
        "ONDERSTEUND": _count(rng, 190, weight, t, 0.02),
        "IB-TEAM": ib_team,
        "IB-INDICATIES": ib_indications,
        "DOEL-BEREIKT": _ratio(rng, 60, weight, 0.6 + 0.01 * t),
        "WACHTTIJD": Decimal(str(round(max(3.0, rng.gauss(15 - 0.6 * t, 1.5)), 1))),
        "HERAANMELDING": _ratio(rng, 60, weight, 0.12 - 0.003 * t, 0.02),
        "VRIJWILLIGERS": _count(rng, 9, weight, t, 0.01),
        "MEEDOEN": _count(rng, 9, weight, t, 0.03),
        "GELDZORGEN": _count(rng, 12, weight, t, 0.04),
        "FINANCIEEL-STABIEL": _ratio(rng, 9, weight, 0.58 + 0.01 * t, 0.08),
        "INITIATIEVEN": _count(rng, 5, weight, t, 0.02),
        "MANTELZORGERS": _count(rng, 33, weight, t, 0.03),
        "HG-SNEL": _ratio(rng, 7, weight, 0.85, 0.06),
        "GEZINNEN": _count(rng, 7.5, weight, t, 0.01),
        "JONGEREN": _count(rng, 72, weight, t, 0.02),
    }


ORG_SCORES = {"dock": (7.4, 7.0), "incluzio": (7.7, 7.3), "smd": (7.2, 6.9)}

NARRATIVES = {
    "maatschappelijke-ondersteuning": (
        "In {period} zagen we in {area} meer inwoners met meervoudige vragen. Het team bood "
        "vaker zelf lichte begeleiding: {ib} inwoners kregen IB van het team zelf, zodat een "
        "indicatie niet nodig was. De wachttijd liep terug doordat de inloop op dinsdag en "
        "donderdag nu door twee professionals wordt gedaan."
    ),
    "participatie": (
        "Samen met het Participatiebedrijf zijn we in {area} gestart met een wekelijkse "
        "'meedoen-tafel'. Inwoners die lang thuis zaten, vinden daar een eerste stap: "
        "vrijwilligerswerk bij de buurtkamer of dagbesteding."
    ),
    "armoede": (
        "Het aantal inwoners met geldzorgen blijft stijgen. Door de vroegsignalering van de "
        "woningcorporaties bereiken we huishoudens eerder; de doorverwijzing naar "
        "schuldhulp gaat warm, met een gezamenlijk eerste gesprek."
    ),
    "mantelzorg": (
        "Mantelzorgers in {area} vonden de weg naar de respijtzorg beter sinds de "
        "informatieavond in het buurthuis. Wel zien we lange wachttijden bij de "
        "dagbesteding, waardoor de druk op mantelzorgers hoog blijft."
    ),
    "jongerenwerk": (
        "Het jongerenwerk was deze zomer elke avond op straat in {area}. Overlast daalde; "
        "drie jongeren zijn doorverwezen naar het wijkteam voor schulden en thuissituatie."
    ),
}
ROTATION = ["participatie", "armoede", "mantelzorg", "jongerenwerk"]

#: (organisation, period, title, theme, indicator codes, text). Fictional; the names, streets
#: and dates are there on purpose: the shared version shows them replaced.
STORIES = [
    (
        "dock",
        "2026H2",
        "Wachten op dagbesteding",
        "mantelzorg",
        ["MANTELZORGERS"],
        "Meneer Koster (74) uit de Zilverschoonstraat zorgt voor zijn vrouw. Zij staat sinds "
        "augustus 2026 op de wachtlijst voor dagbesteding. Tot er plek is, komt een vrijwilliger "
        "van de buurtkamer elke woensdag bij haar, zodat hij naar zijn biljartclub kan.",
    ),
    (
        "dock",
        "2026H1",
        "Mevrouw Bakker weer de regie",
        "maatschappelijke-ondersteuning",
        ["IB-TEAM", "DOEL-BEREIKT"],
        "Mevrouw Bakker (81) uit de Plataanstraat belde op 3 februari 2026 omdat haar post zich "
        "opstapelde. Onze collega Joyce ging dezelfde week langs. In plaats van een indicatie "
        "voor begeleiding kwam Joyce acht weken lang elke dinsdag. Nu doet mevrouw Bakker haar "
        "administratie weer zelf, met haar buurman Henk als steun.",
    ),
    (
        "dock",
        "2026H1",
        "Van schulden naar een baan",
        "armoede",
        ["GELDZORGEN", "FINANCIEEL-STABIEL", "MEEDOEN"],
        "Peter de Groot (44) had een huurachterstand van vier maanden toen de corporatie ons "
        "belde. We gingen samen naar Schuldhulpmaatje. Een half jaar later is er een "
        "betalingsregeling en werkt Peter 24 uur per week bij de kringloop in Poelenburg.",
    ),
    (
        "dock",
        "2026H1",
        "Een gezin, één plan",
        "gezinsaanpak",
        ["GEZINNEN"],
        "Bij het gezin Yilmaz waren zes hulpverleners betrokken. Sinds maart is Sevda "
        "Yilmaz' vaste regisseur onze collega Mark. Er is één plan; drie trajecten zijn "
        "afgesloten en de kinderen gaan weer elke dag naar school.",
    ),
    (
        "incluzio",
        "2026H1",
        "Mantelzorger kan weer even op adem komen",
        "mantelzorg",
        ["MANTELZORGERS"],
        "Meneer Visser zorgt al zes jaar voor zijn vrouw met dementie in Krommenie. Via het "
        "wijkteam gaat zij nu twee dagen per week naar dagbesteding aan de Padlaan. Meneer "
        "Visser: 'Ik ben weer een echtgenoot, niet alleen een verzorger.'",
    ),
    (
        "incluzio",
        "2026H1",
        "Lichte begeleiding in plaats van een indicatie",
        "maatschappelijke-ondersteuning",
        ["IB-TEAM", "IB-INDICATIES"],
        "Sanne (27) woont sinds kort zelfstandig in Wormerveer en liep vast met post en "
        "afspraken. Vroeger hadden we een indicatie aangevraagd; nu begeleidde onze "
        "collega haar drie maanden zelf. Sanne belt ons nu alleen nog als het nodig is.",
    ),
    (
        "incluzio",
        "2025H2",
        "Signaal van de school",
        "huiselijk-geweld",
        ["HG-SNEL"],
        "Op 14 oktober 2025 meldde de intern begeleider van De Rank zorgen over een leerling. "
        "Binnen twee dagen spraken we moeder. Met Veilig Thuis is een veiligheidsplan gemaakt; "
        "het gezin krijgt nu ondersteuning via de gezinsaanpak.",
    ),
    (
        "smd",
        "2026H1",
        "Weer meedoen in Nieuw West",
        "participatie",
        ["MEEDOEN", "VRIJWILLIGERS"],
        "Ahmed El Idrissi (58) zat na zijn ontslag twee jaar thuis. Via de meedoen-tafel helpt "
        "hij nu drie ochtenden per week in de buurtmoestuin aan de Vurehout. Hij zegt: 'Ik "
        "heb weer een reden om op te staan.'",
    ),
    (
        "smd",
        "2025H2",
        "Jongeren en de skatebaan",
        "jongerenwerk",
        ["JONGEREN"],
        "Na klachten over overlast bij de skatebaan in Westerkoog organiseerden jongerenwerkers "
        "Lisa en Tim samen met de jongeren een opknapdag. Inmiddels beheren vijf jongeren de "
        "baan zelf en is de overlast verdwenen.",
    ),
    (
        "dock",
        "2025H2",
        "Snel bij het eerste gesprek",
        "maatschappelijke-ondersteuning",
        ["WACHTTIJD", "ONDERSTEUND"],
        "Mevrouw Jansen meldde zich op maandag 8 september 2025 bij de inloop in het "
        "Poelenburgse buurthuis. Diezelfde middag had ze een eerste gesprek, dankzij de "
        "nieuwe dubbele bezetting van de inloop.",
    ),
    (
        "incluzio",
        "2026H1",
        "Financieel stabiel na een scheiding",
        "armoede",
        ["GELDZORGEN", "FINANCIEEL-STABIEL"],
        "Na haar scheiding kreeg Linda Smit (39) uit Zaandam Noord de vaste lasten niet meer "
        "rond. Met de vrijwillige thuisadministratie en een aanvraag voor de "
        "energietoeslag heeft ze sinds zes maanden geen nieuwe achterstanden.",
    ),
    (
        "smd",
        "2026H1",
        "Huisbezoek na een signaal van de buren",
        "huiselijk-geweld",
        ["HG-SNEL"],
        "Buren in Assendelft belden op 2 april 2026 over geschreeuw. Binnen drie werkdagen "
        "gingen we samen met de wijkagent langs. Er is nu contact met beide partners.",
    ),
    (
        "dock",
        "2025H1",
        "Bewoners maken de buurtkamer",
        "opbouwwerk",
        ["INITIATIEVEN"],
        "In Pelders-Hoornseveld openden bewoners de buurtkamer aan de Hoornseveldstraat. Het "
        "opbouwwerk hielp met de subsidieaanvraag; nu draaien twaalf vrijwilligers de "
        "openingstijden zelf.",
    ),
]


def _stamp(period: Period, days: int) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(period.end + dt.timedelta(days=days), dt.time(10))
    )


def counts() -> dict[str, int]:
    return {
        "deliveries": Delivery.objects.count(),
        "indicator values": Value.objects.count(),
        "case stories": CaseStory.objects.count(),
    }


def computed_story() -> dict[tuple[str, int, str], Decimal]:
    """(computed indicator code, wijk, half-year) → the figure computed from the registrations,
    summed over themes (the registrations are loaded first)."""
    rows = (
        Value.objects.filter(
            indicator__code__in=list(COMPUTED_STORY.values()),
            source=Value.Source.COMPUTED,
            area__isnull=False,
        )
        .values("indicator__code", "area_id", "period")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return {(r["indicator__code"], r["area_id"], r["period"]): r["total"] or 0 for r in rows}


def load() -> dict[str, int]:
    if Delivery.objects.exists():
        return counts()
    engine = deidentifier()  # the demo loads in the command line's process, not a web worker

    def deidentify(text: str) -> str:
        return engine.run(text).text

    users = {u.username: u for u in User.objects.all()}
    reviewer = users.get("contractmanager")
    managers = {
        "dock": users.get("dock-manager"),
        "incluzio": users.get("incluzio-manager"),
        "smd": users.get("smd-manager"),
    }
    indicators = {i.code: i for i in Indicator.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    rng = random.Random(479)  # noqa: S311 - demo data, not security. Zaanstad's municipality code: the demo is the same every time
    organisations = Organisation.objects.filter(code__in=["dock", "incluzio", "smd"]).order_by(
        "code"
    )
    due_days = settings.WIJKREGIE_DELIVERY_DUE_DAYS
    story = computed_story()
    past: dict[tuple[str, int], list[Decimal]] = {}  # approved values so far, per wijk
    values: list[Value] = []
    deliveries = 0
    for t, period in enumerate(period_range(FIRST, LAST)):
        for organisation in organisations:
            key = (organisation.code, str(period))
            if period.year == 2026 and period.half == 2 and key != DRAFT:
                continue  # not started yet: the half-year has not ended
            state = (
                Delivery.State.SENT_BACK
                if key == SENT_BACK
                else Delivery.State.DRAFT
                if key == DRAFT
                else Delivery.State.APPROVED
            )
            manager = managers[organisation.code]
            # Through the workflow, at the dates of the story: opened, submitted, reviewed.
            delivery = WORKFLOW.start(
                Delivery(
                    organisation=organisation,
                    period=str(period),
                    due_date=period.due_date(due_days),
                ),
                Delivery.State.DRAFT,
                actor=manager,
                now=_stamp(period, 5),
            )
            deliveries += 1
            if state != Delivery.State.DRAFT:
                WORKFLOW.move(
                    delivery,
                    Delivery.State.SUBMITTED,
                    actor=manager,
                    fields={"submitted_at": _stamp(period, 40), "submitted_by": manager},
                    now=_stamp(period, 40),
                )
                WORKFLOW.move(
                    delivery,
                    state,
                    actor=reviewer,
                    note=FEEDBACK if state == Delivery.State.SENT_BACK else "",
                    fields={
                        "reviewed_at": _stamp(period, 55),
                        "reviewed_by": reviewer,
                        "feedback": FEEDBACK if state == Delivery.State.SENT_BACK else "",
                    },
                    now=_stamp(period, 55),
                )
            value_state = Value.State(state)
            areas = list(
                Area.objects.filter(responsible_organisation=organisation).order_by("code")
            )
            ib_total = 0
            for area in areas:
                generated = area_values(rng, area.code, WEIGHTS.get(area.code, 1.0), t)
                for code, computed_code in COMPUTED_STORY.items():
                    told = story.get((computed_code, area.pk, str(period)), Decimal(0))
                    scale = (
                        1.3 if key == DISCREPANCY and code == "IB-TEAM" else rng.uniform(0.98, 1.02)
                    )
                    generated[code] = Decimal(round(told * Decimal(str(scale))))
                ib_total += int(generated["IB-TEAM"])
                if state == Delivery.State.DRAFT:
                    # Halfway: only the first indicators are filled in.
                    generated = {
                        k: generated[k] for k in ("ONDERSTEUND", "IB-TEAM", "IB-INDICATIES")
                    }
                for code, generated_value in generated.items():
                    indicator = indicators[code]
                    value = Value(
                        indicator=indicator,
                        organisation=organisation,
                        area=area,
                        period=str(period),
                        source=Indicator.Source.DELIVERED,
                        state=value_state,
                        delivery=delivery,
                    )
                    if indicator.is_ratio:
                        value.numerator, value.denominator = generated_value
                        value.value = (
                            value.numerator / value.denominator * indicator.factor
                        ).quantize(Decimal("0.0001"))
                    else:
                        value.value = generated_value
                    if code == "MEEDOEN" and key == SENT_BACK and area.code == "nieuw-west":
                        value.value = Decimal(2)  # the drop the municipality asks about
                    if code == "IB-TEAM" and key == DISCREPANCY:
                        value.explanation = DISCREPANCY_NOTE
                    earlier = past.get((code, area.pk), [])
                    if (
                        state == Delivery.State.DRAFT
                        and value.value is not None
                        and validation.outlier(value.value, earlier[-validation.HISTORY_PERIODS :])
                    ):
                        value.explanation = HALFWAY_NOTE
                    if value.value is not None and value_state == Value.State.APPROVED:
                        past.setdefault((code, area.pk), []).append(value.value)
                    values.append(value)
            if state != Delivery.State.DRAFT:
                satisfied, staff = ORG_SCORES[organisation.code]
                values.append(
                    Value(
                        indicator=indicators["TEVREDENHEID"],
                        organisation=organisation,
                        period=str(period),
                        source=Indicator.Source.DELIVERED,
                        state=value_state,
                        delivery=delivery,
                        value=Decimal(str(round(rng.gauss(satisfied + 0.04 * t, 0.1), 1))),
                    )
                )
                no_survey = organisation.code == "smd" and str(period) in ("2025H2", "2026H1")
                values.append(
                    Value(
                        indicator=indicators["WERKPLEZIER"],
                        organisation=organisation,
                        period=str(period),
                        source=Indicator.Source.DELIVERED,
                        state=value_state,
                        delivery=delivery,
                        value=None if no_survey else Decimal(str(round(rng.gauss(staff, 0.15), 1))),
                        not_measurable=no_survey,
                        reason="Het medewerkersonderzoek is uitgesteld door de reorganisatie."
                        if no_survey
                        else "",
                    )
                )
                first_area = areas[0].name if areas else organisation.name
                for theme_code in ("maatschappelijke-ondersteuning", ROTATION[t % len(ROTATION)]):
                    text = NARRATIVES[theme_code].format(
                        period=period.label, area=first_area, ib=ib_total
                    )
                    Narrative.objects.create(
                        delivery=delivery,
                        theme=themes[theme_code],
                        text=text,
                        shared_text=deidentify(text),
                    )
    Value.objects.bulk_create(values, batch_size=1000)
    for value in Value.objects.exclude(reason="", explanation=""):
        value.shared_note = deidentify(Value.note_of(value))
        value.save(update_fields=["shared_note"])
    draft = Delivery.objects.get(organisation__code=DRAFT[0], period=DRAFT[1])
    text = (
        "Halverwege het halfjaar: de inloop in Poelenburg is drukker dan ooit. Meer inwoners "
        "vragen om lichte begeleiding; het team vangt dat op zonder indicaties."
    )
    Narrative.objects.create(
        delivery=draft,
        theme=themes["maatschappelijke-ondersteuning"],
        text=text,
        shared_text=deidentify(text),
    )
    stories = 0
    for org_code, period, title, theme_code, codes, text in STORIES:
        delivery = Delivery.objects.filter(organisation__code=org_code, period=period).first()
        if delivery is None:
            continue
        story = CaseStory.objects.create(
            delivery=delivery,
            title=title,
            text=text,
            shared_title=deidentify(title),
            shared_text=deidentify(text),
            theme=themes.get(theme_code),
        )
        story.indicators.set([indicators[c] for c in codes])
        stories += 1
    rollups.refresh_all()
    return counts()
