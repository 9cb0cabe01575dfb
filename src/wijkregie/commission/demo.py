"""Zaanstad demo data for the commission register.

The commission, its intent and the IB story follow the seed documents (Rekenkamer 2025,
Verwey-Jonker evaluation). Budgets, percentages, assignments and requests are FICTIONAL: plausible
orders of magnitude for a demo, not Zaanstad's figures. Loading is idempotent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wijkregie.accounts.models import User
from wijkregie.commission import services
from wijkregie.commission.models import (
    AdditionalAssignment,
    AssessmentBody,
    Commission,
    ExecutionAgreement,
    Request,
    RequestEvent,
    Requirement,
)
from wijkregie.organisations.models import Organisation, Theme

D = dt.date
PVE = ("Programma van Eisen Sociale Wijkteams Zaanstad", "2018 v1.0")
UOK = ("Uitvoeringsovereenkomst 2024", "2024")
FICTIONAL = "Fictieve bedragen en percentages voor de demo; niet de werkelijke cijfers."

INTENT = (
    "Inwoners van Zaanstad kunnen dichtbij, in hun eigen wijk, terecht met hun vragen over "
    "meedoen, zorg en ondersteuning. Het Sociaal Wijkteam versterkt de eigen kracht en het "
    "netwerk, ondersteunt zo licht als mogelijk en zo zwaar als nodig, werkt samen met het "
    "voorveld en indiceert maatwerk waar dat nodig is. Zo verschuift ondersteuning van de tweede "
    "naar de eerste en nulde lijn en blijft zij betaalbaar."
)

# (code, theme code, text, contractor codes (empty = all), source)
REQUIREMENTS = [
    (
        "PvE-1.1",
        "maatschappelijke-ondersteuning",
        "Het wijkteam is het herkenbare, laagdrempelige "
        "aanspreekpunt voor vragen over zelfredzaamheid en meedoen in elke wijk.",
        [],
        PVE,
    ),
    (
        "PvE-1.2",
        "maatschappelijke-ondersteuning",
        "Het wijkteam voert het onderzoek naar de "
        "ondersteuningsvraag (keukentafelgesprek) en geeft indicaties voor maatwerkvoorzieningen.",
        [],
        PVE,
    ),
    (
        "PvE-1.3",
        "maatschappelijke-ondersteuning",
        "Het wijkteam biedt lichte ondersteuning zelf "
        "wanneer dat passend is, voordat een maatwerkvoorziening wordt overwogen.",
        [],
        PVE,
    ),
    (
        "PvE-1.4",
        "maatschappelijke-ondersteuning",
        "Het wijkteam biedt zelf lichte individuele begeleiding (IB) zonder indicatie.",
        [],
        UOK,
    ),
    (
        "PvE-1.5",
        "maatschappelijke-ondersteuning",
        "Het wijkteam werkt met één plan per huishouden en één vaste contactpersoon.",
        [],
        PVE,
    ),
    (
        "PvE-2.1",
        "participatie",
        "Het wijkteam leidt inwoners toe naar vrijwilligerswerk, "
        "dagbesteding in het voorveld en werk, samen met Werk en Inkomen.",
        [],
        PVE,
    ),
    (
        "PvE-2.2",
        "participatie",
        "Het wijkteam ondersteunt statushouders bij meedoen in de wijk.",
        [],
        PVE,
    ),
    (
        "PvE-3.1",
        "armoede",
        "Het wijkteam signaleert geldzorgen vroeg en verwijst warm door naar "
        "schuldhulpverlening en vrijwillige maatjes.",
        [],
        PVE,
    ),
    (
        "PvE-3.2",
        "armoede",
        "Het wijkteam kent de regelingen voor minima en helpt inwoners ze te gebruiken.",
        [],
        PVE,
    ),
    (
        "PvE-4.1",
        "opbouwwerk",
        "Het wijkteam versterkt samen met bewoners de sociale basis: "
        "ontmoeting, burenhulp en bewonersinitiatieven.",
        [],
        PVE,
    ),
    (
        "PvE-4.2",
        "opbouwwerk",
        "Het wijkteam kent de partners in het voorveld en houdt de sociale "
        "kaart van de wijk actueel.",
        [],
        PVE,
    ),
    (
        "PvE-4.3",
        "opbouwwerk",
        "In Poelenburg en Pelders-Hoornseveld werkt het opbouwwerk mee aan "
        "de integrale wijkaanpak.",
        ["dock"],
        PVE,
    ),
    (
        "PvE-5.1",
        "gezondheid",
        "Het wijkteam werkt samen met huisartsen en de GGD aan gezondheid en preventie in de wijk.",
        [],
        PVE,
    ),
    (
        "PvE-5.2",
        "gezondheid",
        "Het wijkteam herkent psychische kwetsbaarheid en werkt samen met GGZ in de wijk.",
        [],
        PVE,
    ),
    (
        "PvE-6.1",
        "mantelzorg",
        "Het wijkteam ondersteunt mantelzorgers en voorkomt overbelasting.",
        [],
        PVE,
    ),
    (
        "PvE-6.2",
        "mantelzorg",
        "Het wijkteam organiseert de jaarlijkse mantelzorgwaardering in de eigen wijken.",
        [],
        PVE,
    ),
    (
        "PvE-7.1",
        "huiselijk-geweld",
        "Het wijkteam signaleert huiselijk geweld en kindermishandeling "
        "en werkt volgens de meldcode met Veilig Thuis.",
        [],
        PVE,
    ),
    (
        "PvE-7.2",
        "huiselijk-geweld",
        "Het wijkteam biedt nazorg na een melding bij Veilig Thuis.",
        [],
        PVE,
    ),
    (
        "PvE-8.1",
        "gezinsaanpak",
        "Het wijkteam werkt in gezinnen met meervoudige problematiek "
        "volgens één gezin, één plan, één regisseur.",
        [],
        PVE,
    ),
    (
        "PvE-8.2",
        "gezinsaanpak",
        "Het wijkteam werkt samen met het Centrum voor Jeugd en Gezin.",
        [],
        PVE,
    ),
    (
        "PvE-9.1",
        "jongerenwerk",
        "Het jongerenwerk is zichtbaar op straat en in de buurthuizen en "
        "bereikt jongeren die elders niet worden bereikt.",
        [],
        PVE,
    ),
    (
        "PvE-9.2",
        "jongerenwerk",
        "Het jongerenwerk werkt samen met scholen en Openbare Orde en Veiligheid bij overlast.",
        ["dock", "incluzio"],
        PVE,
    ),
    (
        "PvE-10.1",
        None,
        "De teamorganisatie levert elk half jaar een verantwoording van cijfers en "
        "het verhaal daarachter.",
        [],
        PVE,
    ),
    (
        "PvE-10.2",
        None,
        "De teamorganisatie registreert in MensCentraal volgens de afgesproken werkinstructie.",
        [],
        PVE,
    ),
    (
        "PvE-10.3",
        None,
        "De teamorganisatie neemt deel aan het resultaatgesprek, de ketenoverleggen "
        "en het ontwikkeloverleg.",
        [],
        PVE,
    ),
]

# Yearly (indexation %, CAO wage growth %) — fictional but of a plausible order.
PERCENTAGES = {
    2019: ("1.8", "2.5"), 2020: ("2.0", "3.0"), 2021: ("1.4", "1.5"), 2022: ("2.1", "3.5"),
    2023: ("4.9", "7.5"), 2024: ("5.2", "6.5"), 2025: ("3.1", "3.5"), 2026: ("2.6", "3.0"),
}  # fmt: skip
FIRST_BUDGET = {
    "dock": Decimal("4100000"),
    "incluzio": Decimal("5250000"),
    "smd": Decimal("3600000"),
}
IB_MERGED_2024 = {
    "dock": Decimal("230000"),
    "incluzio": Decimal("250000"),
    "smd": Decimal("170000"),
}

# title, purpose, themes, contractors, department, funding, start, end, budget/yr,
# accountability (what, frequency, to), fit, reasoning, status, merged_on, owner
ASSIGNMENTS = [
    (
        "Pilot individuele begeleiding (IB)",
        "Teams bieden lichte IB zelf, zonder indicatie, in plaats van te indiceren bij een "
        "Wmo-aanbieder: minder indicaties, minder hulpverleners per inwoner, meer werkplezier.",
        ["maatschappelijke-ondersteuning"],
        ["dock", "incluzio", "smd"],
        "afdeling-wmo",
        "wmo_budget",
        D(2020, 1, 1),
        D(2023, 12, 31),
        500000,
        ("Aantal trajecten en kosten van IB door het team", "half_yearly", "Afdeling Wmo"),
        "fits",
        "Lichte ondersteuning dichtbij is de kern van de hoofdopdracht (PvE-1.3).",
        "merged",
        D(2024, 1, 1),
        "contractmanager",
    ),
    (
        "Vroegsignalering geldzorgen (Vroeg Eropaf)",
        "Bij betalingsachterstanden van huur, energie en zorgverzekering binnen vier weken op "
        "huisbezoek.",
        ["armoede"],
        ["dock", "incluzio"],
        "werk-en-inkomen",
        "municipal",
        D(2022, 1, 1),
        D(2027, 12, 31),
        85000,
        ("Aantal signalen, bereikte huishoudens, doorverwijzingen", "quarterly", "Werk en Inkomen"),
        "fits",
        "Past bij PvE-3.1: vroeg signaleren en warm doorverwijzen.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Energiecoaches",
        "Huishoudens met een hoge energierekening helpen besparen en regelingen aanvragen.",
        ["armoede"],
        ["dock", "incluzio", "smd"],
        "beleid-sociaal-domein",
        "national_programme",
        D(2023, 1, 1),
        D(2026, 12, 31),
        35000,
        ("Aantal huisbezoeken en besparingsadviezen", "yearly", "Beleid Sociaal Domein"),
        "partly",
        "Raakt PvE-3.2, maar is een tijdelijk landelijk programma met eigen eisen.",
        "active",
        None,
        "ketenregisseur",
    ),
    (
        "Mantelzorgwaardering en respijt",
        "Jaarlijkse waardering en respijtmogelijkheden voor overbelaste mantelzorgers.",
        ["mantelzorg"],
        ["incluzio", "smd"],
        "beleid-sociaal-domein",
        "municipal",
        D(2021, 1, 1),
        D(2027, 12, 31),
        40000,
        ("Bereik van mantelzorgers en gebruik van respijt", "yearly", "Beleid Sociaal Domein"),
        "fits",
        "Uitwerking van PvE-6.1 en PvE-6.2.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Jonge mantelzorgers",
        "Jongeren die zorgen voor een ouder, broer of zus herkennen en ondersteunen.",
        ["mantelzorg"],
        ["dock"],
        "beleid-sociaal-domein",
        "municipal",
        D(2024, 3, 1),
        D(2027, 6, 30),
        25000,
        ("", "", ""),
        "fits",
        "Past bij PvE-6.1; een kleine aanvulling voor een specifieke groep.",
        "active",
        None,
        "ketenregisseur",
    ),
    (
        "Mantelzorgcafés in de wijk",
        "Maandelijkse ontmoeting voor mantelzorgers in de buurthuizen.",
        ["mantelzorg", "opbouwwerk"],
        ["smd"],
        "beleid-sociaal-domein",
        "municipal",
        D(2025, 1, 1),
        D(2027, 12, 31),
        18000,
        ("Aantal bijeenkomsten en bezoekers", "yearly", "Beleid Sociaal Domein"),
        "fits",
        "Past bij PvE-6.1 en PvE-4.1.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Zomeraanpak jongerenwerk",
        "Extra inzet van jongerenwerkers in de zomer op plekken met overlast.",
        ["jongerenwerk"],
        ["dock"],
        "openbare-orde-en-veiligheid",
        "municipal",
        D(2022, 6, 1),
        D(2026, 9, 30),
        60000,
        ("Inzet en meldingen van overlast", "yearly", "Openbare Orde en Veiligheid"),
        "partly",
        "Jongerenwerk is hoofdopdracht (PvE-9.1); de sturing op overlast komt van OOV.",
        "active",
        None,
        "ketenregisseur",
    ),
    (
        "Gezond in de wijk (GALA)",
        "Preventieakkoord lokaal: bewegen, gezonde leefstijl en mentale gezondheid in de wijk.",
        ["gezondheid"],
        ["dock", "incluzio", "smd"],
        "beleid-sociaal-domein",
        "specific_grant",
        D(2023, 1, 1),
        D(2027, 12, 31),
        120000,
        (
            "Activiteiten en bereik volgens de SPUK-verantwoording",
            "yearly",
            "Rijk (SiSa) via Beleid Sociaal Domein",
        ),
        "fits",
        "Versterkt PvE-5.1.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Welzijn op recept",
        "Huisartsen verwijzen inwoners met psychosociale klachten naar welzijnsactiviteiten.",
        ["gezondheid"],
        ["incluzio"],
        "beleid-sociaal-domein",
        "municipal",
        D(2024, 1, 1),
        D(2027, 12, 31),
        30000,
        ("Aantal verwijzingen en deelnemers", "half_yearly", "Beleid Sociaal Domein"),
        "fits",
        "Past bij PvE-5.1 en PvE-5.2.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Valpreventie ouderen",
        "Valpreventietrainingen voor thuiswonende ouderen in samenwerking met fysiotherapeuten.",
        ["gezondheid"],
        ["smd"],
        "beleid-sociaal-domein",
        "national_programme",
        D(2025, 1, 1),
        D(2027, 6, 30),
        22000,
        ("Aantal deelnemers", "yearly", "Beleid Sociaal Domein"),
        "fits",
        "Preventie past bij PvE-5.1.",
        "active",
        None,
        "ketenregisseur",
    ),
    (
        "Aanpak huiselijk geweld: Zorgen voor elkaar",
        "Vroegtijdig signaleren en begeleiden van gezinnen waar spanningen oplopen.",
        ["huiselijk-geweld", "gezinsaanpak"],
        ["dock", "incluzio", "smd"],
        "beleid-sociaal-domein",
        "municipal",
        D(2022, 1, 1),
        D(2027, 1, 31),
        70000,
        ("Aantal trajecten en meldingen Veilig Thuis", "half_yearly", "Beleid Sociaal Domein"),
        "fits",
        "Uitwerking van PvE-7.1 en PvE-7.2.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Taal en digitale vaardigheden",
        "Samen met de Bibliotheek inwoners helpen met taal en digitale zaken.",
        ["participatie"],
        ["incluzio"],
        "werk-en-inkomen",
        "national_programme",
        D(2023, 1, 1),
        D(2025, 12, 31),
        45000,
        ("Aantal deelnemers", "yearly", "Werk en Inkomen"),
        "partly",
        "Past bij PvE-2.1; de Bibliotheek is de eerste partner.",
        "ended",
        None,
        "contractmanager",
    ),
    (
        "Wijkaanpak Poelenburg en Pelders-Hoornseveld",
        "Opbouwwerk in de integrale wijkaanpak met woningcorporaties en OOV.",
        ["opbouwwerk"],
        ["dock"],
        "beleid-sociaal-domein",
        "national_programme",
        D(2020, 1, 1),
        D(2028, 12, 31),
        150000,
        ("Voortgang wijkaanpak", "half_yearly", "Stuurgroep wijkaanpak"),
        "fits",
        "Uitwerking van PvE-4.3.",
        "active",
        None,
        "ketenregisseur",
    ),
    (
        "Buurtgezinscoaches",
        "Laagdrempelige ondersteuning van gezinnen door coaches uit de buurt.",
        ["gezinsaanpak"],
        ["dock", "smd"],
        "beleid-sociaal-domein",
        "municipal",
        D(2023, 1, 1),
        D(2026, 6, 30),
        55000,
        ("Aantal gezinnen en uitkomsten", "half_yearly", "Beleid Sociaal Domein"),
        "fits",
        "Past bij PvE-8.1.",
        "ended",
        None,
        "contractmanager",
    ),
    (
        "Begeleiding statushouders (Wet inburgering)",
        "Maatschappelijke begeleiding van statushouders in het eerste jaar.",
        ["participatie"],
        ["dock", "incluzio", "smd"],
        "werk-en-inkomen",
        "national_programme",
        D(2022, 1, 1),
        D(2028, 12, 31),
        180000,
        ("Aantal statushouders en voortgang PIP", "quarterly", "Werk en Inkomen"),
        "partly",
        "Raakt PvE-2.2; de wet stelt eigen eisen aan de begeleiding.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Kansrijke Start",
        "Kwetsbare zwangeren en jonge ouders vroeg ondersteunen.",
        ["gezinsaanpak", "gezondheid"],
        ["incluzio"],
        "beleid-sociaal-domein",
        "specific_grant",
        D(2024, 1, 1),
        D(2027, 12, 31),
        45000,
        ("Aantal bereikte gezinnen", "yearly", "Beleid Sociaal Domein"),
        "fits",
        "Past bij PvE-8.1 en PvE-5.1.",
        "active",
        None,
        "ketenregisseur",
    ),
    (
        "Eén tegen eenzaamheid",
        "Lokale coalitie tegen eenzaamheid onder ouderen.",
        ["opbouwwerk"],
        ["dock", "incluzio", "smd"],
        "beleid-sociaal-domein",
        "national_programme",
        D(2023, 1, 1),
        D(2027, 12, 31),
        48000,
        ("Activiteiten en bereik", "yearly", "Beleid Sociaal Domein"),
        "fits",
        "Versterkt de sociale basis (PvE-4.1).",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Wijkcoördinatie sociale basis",
        "Een coördinator per wijk die de partners in het voorveld verbindt.",
        ["opbouwwerk"],
        ["dock", "incluzio", "smd"],
        "beleid-sociaal-domein",
        "municipal",
        D(2025, 1, 1),
        D(2027, 6, 30),
        90000,
        ("Overzicht van partners per wijk", "yearly", "Beleid Sociaal Domein"),
        "no",
        "Overlapt met PvE-4.2: het actueel houden van de sociale kaart is al hoofdopdracht.",
        "active",
        None,
        "contractmanager",
    ),
    (
        "Outreach Participatiefonds",
        "Minima actief benaderen om het Participatiefonds te gebruiken.",
        ["armoede"],
        ["dock", "incluzio", "smd"],
        "werk-en-inkomen",
        "municipal",
        D(2027, 1, 1),
        D(2027, 12, 31),
        40000,
        ("", "", ""),
        "partly",
        "Past bij PvE-3.2; nog te bepalen of dit binnen de nieuwe opdracht valt.",
        "proposed",
        None,
        "contractmanager",
    ),
    (
        "Buurtbemiddeling uitbreiding",
        "Meer buurtbemiddelaars bij burenruzies.",
        ["opbouwwerk"],
        ["smd"],
        "openbare-orde-en-veiligheid",
        "municipal",
        D(2024, 1, 1),
        D(2027, 12, 31),
        28000,
        ("Aantal zaken", "yearly", "Openbare Orde en Veiligheid"),
        "partly",
        "Raakt PvE-4.1; buurtbemiddeling is een eigen voorziening.",
        "active",
        None,
        "ketenregisseur",
    ),
]

# title, description, department, date, outside funnel (received by) or None,
# decision, reasoning, redirected_to, resulting assignment title
REQUESTS = [
    (
        "Extra inzet jongerenwerk rond jaarwisseling",
        "De burgemeester vraagt extra jongerenwerkers in Poelenburg rond de jaarwisseling.",
        "openbare-orde-en-veiligheid",
        D(2025, 12, 2),
        "dock",
        None,
        "",
        "",
        None,
    ),
    (
        "Huisbezoeken na brand Rosmolenwijk",
        "Direct huisbezoeken bij bewoners na de brand in de flat.",
        "openbare-orde-en-veiligheid",
        D(2025, 3, 14),
        "dock",
        "main_commission",
        "Acute ondersteuning van inwoners in de wijk is hoofdopdracht (PvE-1.1).",
        "",
        None,
    ),
    (
        "Voorlichting nieuwe energietoeslag",
        "Teams vragen de energietoeslag te promoten op spreekuren.",
        "werk-en-inkomen",
        D(2025, 9, 8),
        "incluzio",
        "main_commission",
        "Valt onder PvE-3.2 (regelingen voor minima).",
        "",
        None,
    ),
    (
        "Screening statushouders op schulden",
        "Werk en Inkomen vraagt het team elke nieuwe statushouder op schulden te screenen.",
        "werk-en-inkomen",
        D(2026, 2, 20),
        "smd",
        None,
        "",
        "",
        None,
    ),
    (
        "Wijkteam aanwezig bij huisartsenoverleg",
        "Vraag om maandelijkse aanwezigheid bij het huisartsenoverleg.",
        "beleid-sociaal-domein",
        D(2026, 4, 2),
        "incluzio",
        "main_commission",
        "Samenwerking met huisartsen is PvE-5.1.",
        "",
        None,
    ),
    (
        "Cameratoezicht-overleg bijwonen",
        "OOV vraagt een jongerenwerker bij het wekelijkse cameratoezicht-overleg.",
        "openbare-orde-en-veiligheid",
        D(2026, 8, 19),
        "dock",
        None,
        "",
        "",
        None,
    ),
    (
        "Mantelzorgcafés in Westerkoog",
        "Beleid vraagt SMD om mantelzorgcafés te starten.",
        "beleid-sociaal-domein",
        D(2024, 10, 1),
        None,
        "new_assignment",
        "Past bij PvE-6.1; klein budget, afgesproken als aanvullende opdracht voor 2025–2026.",
        "",
        "Mantelzorgcafés in de wijk",
    ),
    (
        "Valpreventie voor ouderen",
        "Landelijk programma valpreventie lokaal uitvoeren.",
        "beleid-sociaal-domein",
        D(2024, 11, 5),
        None,
        "new_assignment",
        "Preventie past bij PvE-5.1; eigen landelijke middelen.",
        "",
        "Valpreventie ouderen",
    ),
    (
        "Schuldhulp aan ondernemers",
        "Wijkteams ook inzetten voor zzp'ers met schulden.",
        "werk-en-inkomen",
        D(2025, 2, 10),
        None,
        "redirect",
        "Hoort bij de gemeentelijke schuldhulpverlening (Werk en Inkomen) en het IMK.",
        "Schuldhulpverlening Werk en Inkomen",
        None,
    ),
    (
        "Wijkteam als meldpunt zwerfafval",
        "Bewoners melden zwerfafval bij het wijkteam.",
        "beleid-sociaal-domein",
        D(2025, 5, 12),
        None,
        "decline",
        "Past niet bij de opdracht; meldingen openbare ruimte gaan via de Fixi-app.",
        "",
        None,
    ),
    (
        "Outreach Participatiefonds",
        "Minima actief benaderen voor het Participatiefonds.",
        "werk-en-inkomen",
        D(2026, 9, 15),
        None,
        None,
        "",
        "",
        None,
    ),
    (
        "Extra taalcafés",
        "Meer taalcafés in Wormerveer.",
        "werk-en-inkomen",
        D(2026, 10, 6),
        None,
        None,
        "",
        "",
        None,
    ),
    (
        "Buurtbemiddeling in Assendelft",
        "Uitbreiding van buurtbemiddeling naar Assendelft.",
        "openbare-orde-en-veiligheid",
        D(2023, 11, 20),
        None,
        "new_assignment",
        "Raakt de sociale basis; tijdelijk als aanvullende opdracht.",
        "",
        "Buurtbemiddeling uitbreiding",
    ),
    (
        "Spreekuur in de moskee",
        "OOV vraagt het team om een spreekuur in de moskee te houden.",
        "openbare-orde-en-veiligheid",
        D(2026, 5, 27),
        "dock",
        None,
        "",
        "",
        None,
    ),
    (
        "Wijkcoördinator per wijk",
        "Beleid vraagt een coördinator sociale basis per wijk.",
        "beleid-sociaal-domein",
        D(2024, 9, 2),
        None,
        "new_assignment",
        "Tijdelijk als aanvullende opdracht; in de nieuwe opdracht opnemen (overlap met PvE-4.2).",
        "",
        "Wijkcoördinatie sociale basis",
    ),
]


def _orgs(codes):
    return list(Organisation.objects.filter(code__in=codes))


def load() -> dict[str, int]:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["contractmanager", "ketenregisseur"])
    }
    contractors = _orgs(["dock", "incluzio", "smd"])
    commission = Commission.objects.filter(
        name__startswith="Opdracht Sociale Wijkteams 2019"
    ).first()
    if commission is None:
        commission = services.commission_create(
            name="Opdracht Sociale Wijkteams 2019–2026",
            period_start=D(2019, 1, 1),
            period_end=D(2026, 12, 31),
            intent=INTENT,
            contractors=contractors,
        )
    if not Commission.objects.filter(name__startswith="Opdracht Sociale Wijkteams 2027").exists():
        services.commission_create(
            name="Opdracht Sociale Wijkteams 2027–2034",
            period_start=D(2027, 1, 1),
            period_end=D(2034, 12, 31),
            intent=INTENT + " De nieuwe opdracht bundelt kleine aanvullende opdrachten en kent een "
            "jaarlijks flexibel bedrag.",
            contractors=contractors,
        )
    themes = {t.code: t for t in Theme.objects.all()}
    for code, theme, text, codes, (document, version) in REQUIREMENTS:
        if commission.requirements.filter(code=code).exists():
            continue
        if code == "PvE-1.4":
            requirement = services.requirement_create(
                commission=commission,
                code=code,
                theme=themes[theme],
                text="Het wijkteam indiceert individuele begeleiding bij een Wmo-aanbieder.",
                source_document=PVE[0],
                source_version=PVE[1],
                actor=users.get("contractmanager"),
            )
            services.requirement_change(
                requirement=requirement,
                expected_version=1,
                text=text,
                theme=themes[theme],
                contractors=[],
                source_document=document,
                source_version=version,
                reason="IB per 1 januari 2024 opgenomen in de hoofdopdracht (na de pilot "
                "2020–2023); budget ca. € 650.000 toegevoegd aan het integraal budget.",
                actor=users.get("contractmanager"),
            )
            continue
        services.requirement_create(
            commission=commission,
            code=code,
            text=text,
            theme=themes.get(theme) if theme else None,
            contractors=_orgs(codes),
            source_document=document,
            source_version=version,
            actor=users.get("contractmanager"),
        )
    for contractor in contractors:
        budget = FIRST_BUDGET[contractor.code]
        for year, (indexation, cao) in sorted(PERCENTAGES.items()):
            if year > 2019:
                budget = (budget * (1 + Decimal(indexation) / 100)).quantize(Decimal("1E3"))
            if year == 2024:
                budget += IB_MERGED_2024[contractor.code]
            if not ExecutionAgreement.objects.filter(
                commission=commission, contractor=contractor, year=year
            ).exists():
                notes = FICTIONAL
                if year == 2024:
                    notes += " Inclusief IB, per 2024 opgenomen in de hoofdopdracht."
                services.agreement_create(
                    commission=commission,
                    contractor=contractor,
                    year=year,
                    integral_budget=budget,
                    indexation_pct=Decimal(indexation),
                    cao_wage_growth_pct=Decimal(cao),
                    notes=notes,
                )
    by_title = {}
    for title, purpose, theme_codes, contractor_codes, department, funding, start, end, amount, (
        what,
        frequency,
        to,
    ), fit, reasoning, status, merged_on, owner in ASSIGNMENTS:
        existing = AdditionalAssignment.objects.filter(commission=commission, title=title).first()
        if existing is None:
            existing = services.assignment_create(
                commission=commission,
                data={
                    "title": title,
                    "purpose": purpose,
                    "commissioning_department": Organisation.objects.get(code=department),
                    "funding_source": funding,
                    "start_date": start,
                    "end_date": end,
                    "accountability_what": what,
                    "accountability_frequency": frequency,
                    "accountability_to": to,
                    "fit": fit,
                    "fit_reasoning": reasoning,
                    "status": status,
                    "merged_on": merged_on,
                    "owner": users.get(owner),
                },
                themes=[themes[c] for c in theme_codes],
                contractors=_orgs(contractor_codes),
                budgets={year: Decimal(amount) for year in range(start.year, end.year + 1)},
            )
        by_title[title] = existing
    body, _ = AssessmentBody.objects.get_or_create(
        name="Toetsingsoverleg opdracht Sociale Wijkteams",
        defaults={
            "description": "Gemeente en de drie teamorganisaties toetsen samen elk nieuw "
            "verzoek aan de bedoeling van de hoofdopdracht: met één mond naar de teams."
        },
    )
    body.members.set(
        _orgs(
            [
                "contractmanagement-sociaal-domein",
                "beleid-sociaal-domein",
                "dock",
                "incluzio",
                "smd",
            ]
        )
    )
    for (
        title,
        description,
        department,
        day,
        received_by,
        decision,
        reasoning,
        redirected,
        assignment_title,
    ) in REQUESTS:
        if Request.objects.filter(commission=commission, title=title).exists():
            continue
        department_org = Organisation.objects.get(code=department)
        if received_by:
            created = services.request_register_outside_funnel(
                commission=commission,
                title=title,
                description=description,
                requesting_department=department_org,
                received_by=Organisation.objects.get(code=received_by),
                received_on=day,
            )
        else:
            created = services.request_submit(
                commission=commission,
                title=title,
                description=description,
                requesting_department=department_org,
                received_on=day,
                actor=users.get("ketenregisseur"),
            )
        if decision:
            services.request_decide(
                request_obj=created,
                expected_version=created.version,
                decision=decision,
                reasoning=reasoning,
                body=body,
                decided_on=day + dt.timedelta(days=21),
                redirected_to=redirected,
                resulting_assignment=by_title.get(assignment_title),
                actor=users.get("contractmanager"),
            )
    return {
        "commissions": Commission.objects.count(),
        "requirements": Requirement.objects.count(),
        "agreements": ExecutionAgreement.objects.count(),
        "assignments": AdditionalAssignment.objects.count(),
        "requests": Request.objects.count(),
        "request events": RequestEvent.objects.count(),
    }
