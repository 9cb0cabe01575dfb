"""Demo indicators for Zaanstad: few, plainly defined, some deliberately weak (the lint finds
them). Idempotent: matched on code."""

from __future__ import annotations

from decimal import Decimal

from wijkregie.accounts.models import User
from wijkregie.commission.models import Requirement
from wijkregie.common.periods import period_range
from wijkregie.indicators import services
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Theme

I = Indicator  # noqa: E741

# code, name, definition, question, unit, polarity, formula/aggregation, tier, themes,
# requirements, owner, granularity, extra fields
INDICATORS: list[dict] = [
    {
        "code": "ONDERSTEUND",
        "counts": I.Counts.RESIDENTS,
        "name": "Inwoners ondersteund door het wijkteam",
        "definition": "Aantal unieke inwoners met een lopend of in het halfjaar afgesloten "
        "ondersteuningstraject van het wijkteam.",
        "technical_definition": "Unieke pseudoniemen met een traject dat in het halfjaar "
        "liep; informatie en advies zonder traject tellen niet mee.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.HEADLINE,
        "themes": ["maatschappelijke-ondersteuning"],
        "requirements": ["PvE-1.1", "PvE-1.3"],
        "owner": "contractmanager",
    },
    {
        "code": "IB-TEAM",
        "counts": I.Counts.RESIDENTS,
        "name": "Inwoners met individuele begeleiding door het wijkteam",
        "definition": "Aantal inwoners dat in het halfjaar lichte individuele begeleiding "
        "kreeg van het wijkteam zelf, zonder Wmo-indicatie.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.HEADLINE,
        "themes": ["maatschappelijke-ondersteuning"],
        "requirements": ["PvE-1.4"],
        "owner": "contractmanager",
    },
    {
        "code": "IB-INDICATIES",
        "counts": I.Counts.INDICATIONS,
        "name": "Afgegeven indicaties individuele begeleiding",
        "definition": "Aantal inwoners voor wie het wijkteam in het halfjaar een Wmo-indicatie "
        "voor individuele begeleiding bij een aanbieder afgaf.",
        "question": I.Question.HOW_MUCH,
        "polarity": I.Polarity.LOWER,
        "tier": I.Tier.HEADLINE,
        "themes": ["maatschappelijke-ondersteuning"],
        "requirements": ["PvE-1.2"],
        "owner": "ketenregisseur",
    },
    {
        "code": "DOEL-BEREIKT",
        "counts": I.Counts.TRAJECTORIES,
        "name": "Trajecten afgesloten met doel bereikt",
        "definition": "Van de in het halfjaar afgesloten trajecten: het deel waarin de inwoner "
        "en de professional vinden dat het doel (grotendeels) is bereikt.",
        "question": I.Question.BETTER_OFF,
        "unit": I.Unit.PERCENTAGE,
        "formula": I.Formula.RATIO,
        "numerator_label": "afgesloten met doel bereikt",
        "denominator_label": "afgesloten trajecten",
        "factor": Decimal(100),
        "tier": I.Tier.HEADLINE,
        "themes": ["maatschappelijke-ondersteuning"],
        "requirements": ["PvE-1.5"],
        "owner": "contractmanager",
    },
    {
        "code": "WACHTTIJD",
        "counts": I.Counts.OTHER,
        "name": "Wachttijd tot het eerste gesprek",
        "definition": "Gemiddeld aantal werkdagen tussen aanmelding en eerste gesprek.",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.DAYS,
        "polarity": I.Polarity.LOWER,
        "aggregation": I.Aggregation.MEAN,
        "tier": I.Tier.SECONDARY,
        "themes": ["maatschappelijke-ondersteuning"],
        "owner": "beleidsadviseur",
        "minimum": Decimal(0),
        "maximum": Decimal(120),
    },
    {
        "code": "HERAANMELDING",
        "counts": I.Counts.RESIDENTS,
        "name": "Heraanmelding binnen twaalf maanden",
        "definition": "Van de trajecten die een jaar eerder werden afgesloten: het deel waarvan "
        "de inwoner zich binnen twaalf maanden opnieuw meldde.",
        "question": I.Question.BETTER_OFF,
        "unit": I.Unit.PERCENTAGE,
        "polarity": I.Polarity.LOWER,
        "formula": I.Formula.RATIO,
        "numerator_label": "opnieuw aangemeld",
        "denominator_label": "afgesloten trajecten een jaar eerder",
        "factor": Decimal(100),
        "tier": I.Tier.SECONDARY,
        "themes": ["maatschappelijke-ondersteuning"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "IB-AANDEEL",
        "counts": I.Counts.RESIDENTS,
        "name": "Aandeel ondersteunde inwoners met IB van het team",
        "definition": "Inwoners met IB door het team, als percentage van alle ondersteunde "
        "inwoners. Berekend uit twee andere indicatoren.",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.PERCENTAGE,
        "polarity": I.Polarity.NEUTRAL,
        "formula": I.Formula.DERIVED,
        "numerator": "IB-TEAM",
        "denominator": "ONDERSTEUND",
        "factor": Decimal(100),
        "source": I.Source.COMPUTED,
        "tier": I.Tier.SECONDARY,
        "themes": ["maatschappelijke-ondersteuning"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "VRIJWILLIGERS",
        "counts": I.Counts.RESIDENTS,
        "name": "Inwoners toegeleid naar vrijwilligerswerk",
        "definition": "Aantal inwoners dat via het wijkteam met vrijwilligerswerk begon.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.SECONDARY,
        "themes": ["participatie"],
        "requirements": ["PvE-2.1"],
        "owner": None,
    },
    {
        "code": "MEEDOEN",
        "counts": I.Counts.RESIDENTS,
        "name": "Inwoners die weer meedoen",
        "definition": "Aantal inwoners dat na ondersteuning werk, dagbesteding, een opleiding of "
        "vrijwilligerswerk heeft en dat na drie maanden nog heeft.",
        "question": I.Question.BETTER_OFF,
        "tier": I.Tier.HEADLINE,
        "themes": ["participatie"],
        "requirements": ["PvE-2.1", "PvE-2.2"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "GELDZORGEN",
        "counts": I.Counts.RESIDENTS,
        "name": "Inwoners met geldzorgen warm doorverwezen",
        "definition": "Aantal inwoners met geldzorgen dat het wijkteam warm doorverwees naar "
        "schuldhulpverlening of een vrijwillige thuisadministratie.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.HEADLINE,
        "themes": ["armoede"],
        "requirements": ["PvE-3.1"],
        "owner": "contractmanager",
    },
    {
        "code": "FINANCIEEL-STABIEL",
        "counts": I.Counts.RESIDENTS,
        "name": "Huishoudens financieel stabiel na zes maanden",
        "definition": "Van de doorverwezen huishoudens: het deel zonder nieuwe achterstanden "
        "zes maanden na de doorverwijzing.",
        "question": I.Question.BETTER_OFF,
        "unit": I.Unit.PERCENTAGE,
        "formula": I.Formula.RATIO,
        "numerator_label": "zonder nieuwe achterstanden",
        "denominator_label": "doorverwezen huishoudens",
        "factor": Decimal(100),
        "tier": I.Tier.HEADLINE,
        "themes": ["armoede"],
        "requirements": ["PvE-3.1"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "INITIATIEVEN",
        "counts": I.Counts.OTHER,
        "name": "Ondersteunde bewonersinitiatieven",
        "definition": "Aantal bewonersinitiatieven dat het opbouwwerk in het halfjaar "
        "ondersteunde.",
        "question": I.Question.HOW_MUCH,
        "unit": I.Unit.COUNT,
        "tier": I.Tier.HEADLINE,
        "themes": ["opbouwwerk"],
        "requirements": ["PvE-4.1"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "SOCIALE-COHESIE",
        "counts": I.Counts.OTHER,
        "name": "Ervaren sociale samenhang in de buurt",
        "definition": "Gemiddelde score op de schaal sociale samenhang uit de buurtenquête.",
        "question": I.Question.BETTER_OFF,
        "unit": I.Unit.SCORE,
        "aggregation": I.Aggregation.MEAN,
        "source": I.Source.SURVEY,
        "tier": I.Tier.SECONDARY,
        "themes": ["opbouwwerk"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "MANTELZORGERS",
        "counts": I.Counts.RESIDENTS,
        "name": "Mantelzorgers ondersteund",
        "definition": "Aantal mantelzorgers met ondersteuning of respijtzorg via het wijkteam.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.HEADLINE,
        "themes": ["mantelzorg"],
        "owner": "contractmanager",
    },
    {
        "code": "HG-SNEL",
        "counts": I.Counts.RESIDENTS,
        "name": "Signalen huiselijk geweld binnen vijf werkdagen opgepakt",
        "definition": "Van de signalen van huiselijk geweld: het deel waarop het wijkteam "
        "binnen vijf werkdagen contact had met het huishouden.",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.PERCENTAGE,
        "formula": I.Formula.RATIO,
        "numerator_label": "binnen vijf werkdagen opgepakt",
        "denominator_label": "signalen",
        "factor": Decimal(100),
        "tier": I.Tier.HEADLINE,
        "themes": ["huiselijk-geweld"],
        "owner": "ketenregisseur",
    },
    {
        "code": "GEZINNEN",
        "counts": I.Counts.RESIDENTS,
        "name": "Gezinnen met een gezinsaanpak",
        "definition": "Aantal gezinnen met één plan en één vaste regisseur vanuit het wijkteam.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.HEADLINE,
        "themes": ["gezinsaanpak"],
        "requirements": ["PvE-1.5"],
        "owner": "contractmanager",
    },
    {
        "code": "JONGEREN",
        "counts": I.Counts.RESIDENTS,
        "name": "Jongeren bereikt door het jongerenwerk",
        "definition": "Aantal unieke jongeren (12–23 jaar) met wie het jongerenwerk in het "
        "halfjaar minstens drie keer contact had.",
        "question": I.Question.HOW_MUCH,
        "tier": I.Tier.HEADLINE,
        "themes": ["jongerenwerk"],
        "owner": "beleidsadviseur",
    },
    {
        "code": "TEVREDENHEID",
        "counts": I.Counts.OTHER,
        "name": "Tevredenheid van inwoners over het wijkteam",
        "definition": "Gemiddeld rapportcijfer van inwoners bij afsluiting van het traject.",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.SCORE,
        "aggregation": I.Aggregation.MEAN,
        "granularity": I.Granularity.ORGANISATION,
        "tier": I.Tier.HEADLINE,
        "themes": ["maatschappelijke-ondersteuning"],
        "owner": "contractmanager",
        "minimum": Decimal(1),
        "maximum": Decimal(10),
    },
    {
        "code": "WERKPLEZIER",
        "counts": I.Counts.OTHER,
        "name": "Werkplezier van de professionals",
        "definition": "Gemiddelde score op werkplezier in het medewerkersonderzoek van de "
        "organisatie.",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.SCORE,
        "aggregation": I.Aggregation.MEAN,
        "granularity": I.Granularity.ORGANISATION,
        "tier": I.Tier.SECONDARY,
        "themes": ["maatschappelijke-ondersteuning"],
        "owner": "contractmanager",
        "minimum": Decimal(1),
        "maximum": Decimal(10),
    },
    # Deliberately weak: the measurability lint lists these.
    {
        "code": "PREVENTIE-BEREIK",
        "counts": I.Counts.RESIDENTS,
        "name": "Bereik van preventieve activiteiten",
        "definition": "",
        "question": I.Question.HOW_MUCH,
        "source": "",
        "tier": I.Tier.DEVELOPMENT,
        "themes": ["gezondheid"],
        "owner": None,
    },
    {
        "code": "KETENPARTNERS-TEVREDEN",
        "counts": I.Counts.OTHER,
        "name": "Tevredenheid ketenpartners over samenwerking",
        "definition": "",
        "question": I.Question.HOW_WELL,
        "unit": I.Unit.SCORE,
        "source": "",
        "tier": I.Tier.SECONDARY,
        "themes": ["maatschappelijke-ondersteuning"],
        "owner": None,
    },
]

#: Municipal targets per half-year from 2024H1 (code → value).
TARGETS = {
    "DOEL-BEREIKT": Decimal(65),
    "IB-INDICATIES": Decimal(190),
    "IB-TEAM": Decimal(300),
    "WACHTTIJD": Decimal(10),
    "TEVREDENHEID": Decimal("7.5"),
    "MEEDOEN": Decimal(120),
    "GELDZORGEN": Decimal(150),
    "FINANCIEEL-STABIEL": Decimal(60),
    "HG-SNEL": Decimal(90),
    "MANTELZORGERS": Decimal(400),
    "GEZINNEN": Decimal(90),
    "JONGEREN": Decimal(900),
    "ONDERSTEUND": Decimal(2400),
    "INITIATIEVEN": Decimal(60),
    "HERAANMELDING": Decimal(10),
    "WERKPLEZIER": Decimal("7.5"),
}


def load() -> dict[str, int]:
    users = {u.username: u for u in User.objects.filter(is_active=True)}
    themes = {t.code: t for t in Theme.objects.all()}
    requirements = {r.code: r for r in Requirement.objects.all()}
    created = 0
    by_code = {i.code: i for i in Indicator.objects.all()}
    for spec in INDICATORS:
        if spec["code"] in by_code:
            continue
        data = dict(spec)
        theme_codes = data.pop("themes", [])
        requirement_codes = data.pop("requirements", [])
        owner = data.pop("owner", None)
        for part in ("numerator", "denominator"):
            if part in data:
                data[part] = by_code[data[part]]
        indicator = Indicator(owner=users.get(owner) if owner else None, **data)
        services.save_indicator(
            indicator,
            user=users.get("contractmanager"),
            reason="Vastgesteld in het ontwikkeloverleg (demo).",
            themes=[themes[c] for c in theme_codes if c in themes],
            requirements=[requirements[c] for c in requirement_codes if c in requirements],
        )
        by_code[indicator.code] = indicator
        created += 1
    for code, value in TARGETS.items():
        for period in period_range("2024H1", "2026H2"):
            services.set_target(by_code[code], period=str(period), value=value)
    return {"indicators": Indicator.objects.count()}
