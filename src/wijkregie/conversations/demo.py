"""Demo: two years of meetings of Zaanstad's bodies with their decisions and agreements —
including the 2021–2022 kerngroep on IB collaboration whose agreements stay partly
unrealised — a result conversation per contractor per half-year with an agenda proposed from
the data, the development agenda and the role agreements. Fictional; idempotent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation

from wijkregie.accounts.models import User
from wijkregie.chains.models import Chain
from wijkregie.conversations import services
from wijkregie.conversations.models import (
    Agreement,
    Body,
    Decision,
    Meeting,
    RoleAgreement,
    Topic,
)
from wijkregie.organisations.models import Organisation

D = dt.date
TEAMS = ["dock", "incluzio", "smd"]
PROVIDERS = ["zaanse-begeleiding", "thuis-in-de-zaanstreek", "dagbesteding-de-werf"]
MUNICIPAL = ["contractmanagement-sociaal-domein", "afdeling-wmo", "beleid-sociaal-domein"]


def _orgs(codes):
    return list(Organisation.objects.filter(code__in=codes))


def _users(names):
    return list(User.objects.filter(username__in=names))


# (what, owner username or None, owner organisation, due, status, note)
Agreed = tuple[str, str | None, str, dt.date, str, str]

#: body key → (name, kind, description, organisations, members, chain name, contractor)
BODIES = {
    "stuurgroep": (
        "Stuurgroep Sociale Wijkteams",
        Body.Kind.STEERING,
        "Bestuurlijk overleg van gemeente en de drie wijkteamorganisaties; twee keer per jaar.",
        MUNICIPAL + TEAMS,
        ["contractmanager", "beleidsadviseur", "dock-manager", "incluzio-manager", "smd-manager"],
        None,
        None,
    ),
    "ontwikkel": (
        "Ontwikkeloverleg",
        Body.Kind.DEVELOPMENT,
        "Werkt de ontwikkelagenda uit: indicatoren, monitoring en de opdracht 2027.",
        MUNICIPAL + TEAMS,
        ["contractmanager", "beleidsadviseur", "dock-manager", "incluzio-manager", "smd-manager"],
        None,
        None,
    ),
    "keten": (
        "Ketenoverleg Wmo",
        Body.Kind.CHAIN,
        "Ketenpartners in de Wmo-keten: toegang, overdracht en wachttijden.",
        ["afdeling-wmo", *TEAMS, *PROVIDERS],
        ["ketenregisseur", "aanbieder"],
        "Keten Wmo en maatschappelijke ondersteuning",
        None,
    ),
    "keten-armoede": (
        "Ketenoverleg armoede en schulden",
        Body.Kind.CHAIN,
        "Vroegsignalering, schuldhulp en de warme overdracht vanuit de wijkteams.",
        ["werk-en-inkomen", *TEAMS, "schuldhulpmaatje-zaanstad"],
        ["ketenregisseur"],
        "Keten armoede en schulden",
        None,
    ),
    "keten-mantelzorg": (
        "Ketenoverleg mantelzorg en sociale basis",
        Body.Kind.CHAIN,
        "Respijtzorg, dagbesteding en de rol van de sociale basis.",
        ["afdeling-wmo", *TEAMS, "buurtcentra-zaanstad", "dagbesteding-de-werf"],
        ["ketenregisseur"],
        "Keten mantelzorg en sociale basis",
        None,
    ),
    "driehoek": (
        "Driehoeksoverleg gemeente – wijkteams – Wmo-aanbieders",
        Body.Kind.TRIANGLE,
        "Samenwerking rond individuele begeleiding na de pilot: wie doet wat, en hoe dragen we "
        "over.",
        ["contractmanagement-sociaal-domein", "afdeling-wmo", *TEAMS, *PROVIDERS],
        ["contractmanager", "ketenregisseur", "aanbieder"],
        None,
        None,
    ),
    "kerngroep": (
        "Kerngroep samenwerking IB (2021–2022)",
        Body.Kind.CORE,
        "Tijdelijke kerngroep na de onrust over de pilot IB: besluiten en "
        "samenwerkingsafspraken op regionaal, lokaal en wijkniveau, daarna opheffen.",
        ["afdeling-wmo", *TEAMS, *PROVIDERS],
        ["ketenregisseur", "aanbieder"],
        None,
        None,
    ),
}

#: body key → [(date, title, minutes, [(decision, rationale, affected, [agreements])])]
MEETINGS: dict[str, list] = {
    "kerngroep": [
        (
            D(2021, 3, 9),
            "Start kerngroep",
            "De Wmo-aanbieders hoorden pas van de pilot toen die liep. Afgesproken is dat de "
            "kerngroep zich na **vier bijeenkomsten** opheft.\n\n- zorgen over te late "
            "doorverwijzing\n- wens tot gezamenlijke evaluatie",
            [
                (
                    "Wijkteams en aanbieders maken een gezamenlijk overdrachtsprotocol voor IB.",
                    "Overdrachten verlopen nu per casus en soms moeizaam.",
                    TEAMS + PROVIDERS,
                    [
                        (
                            "Concept overdrachtsprotocol IB opstellen",
                            "dock-manager",
                            "dock",
                            D(2021, 6, 1),
                            "done",
                            "Protocol vastgesteld in de kerngroep van 8 juni 2021.",
                        ),
                        (
                            "Protocol bespreken in alle twaalf wijkteams",
                            "smd-manager",
                            "smd",
                            D(2021, 10, 1),
                            "dropped",
                            "Vervallen: opgenomen in de werkinstructie van de teams in plaats "
                            "van aparte bespreking.",
                        ),
                    ],
                ),
                (
                    "De pilot wordt ketenbreed geëvalueerd, met de Wmo-aanbieders.",
                    "Voorstel van een Wmo-aanbieder (brief van 6 september 2021).",
                    [*PROVIDERS, "afdeling-wmo"],
                    [
                        (
                            "Opzet gezamenlijke evaluatie pilot IB",
                            "ketenregisseur",
                            "afdeling-wmo",
                            D(2021, 12, 1),
                            "open",
                            "",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2021, 6, 8),
            "Overdrachtsprotocol",
            "Het protocol is besproken en vastgesteld. Aanbieders vragen om **vaste "
            "contactpersonen** per wijkteam.",
            [
                (
                    "Elk wijkteam heeft een vaste contactpersoon voor de Wmo-aanbieders.",
                    "Wisselingen van personeel maken contact persoonsafhankelijk.",
                    TEAMS + PROVIDERS,
                    [
                        (
                            "Lijst met contactpersonen per wijkteam publiceren",
                            "incluzio-manager",
                            "incluzio",
                            D(2021, 9, 1),
                            "done",
                            "Lijst gepubliceerd; sinds 2025 in de sociale kaart van Wijkregie.",
                        ),
                        (
                            "Contactpersonen halfjaarlijks actualiseren",
                            None,
                            "afdeling-wmo",
                            D(2022, 3, 1),
                            "open",
                            "",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2022, 2, 15),
            "Regionale afspraken",
            "Regionale afspraken blijken niet haalbaar zonder de regiogemeenten.",
            [
                (
                    "Er komen regionale samenwerkingsafspraken over lichte IB.",
                    "Aanbieders werken in meerdere gemeenten.",
                    PROVIDERS,
                    [
                        (
                            "Regionale afspraken agenderen bij de regio Zaanstreek-Waterland",
                            "ketenregisseur",
                            "afdeling-wmo",
                            D(2022, 6, 1),
                            "dropped",
                            "Geen draagvlak in de regio; niet verder opgepakt.",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2022, 9, 20),
            "Laatste bijeenkomst",
            "De kerngroep heft zich op. Openstaande afspraken gaan naar het nieuwe "
            "driehoeksoverleg.",
            [],
        ),
    ],
    "stuurgroep": [
        (
            D(2025, 3, 18),
            "Voorjaar 2025",
            "Besproken: het rekenkameronderzoek en de voorbereiding van de opdracht 2027.",
            [
                (
                    "De sturing verschuift naar weinig, meetbare indicatoren met een "
                    "halfjaarlijkse levering.",
                    "Rekenkamer: te veel onmeetbare KPI's en verhalende rapportages.",
                    TEAMS,
                    [
                        (
                            "Voorstel kernset indicatoren",
                            "beleidsadviseur",
                            "beleid-sociaal-domein",
                            D(2025, 6, 30),
                            "done",
                            "Kernset van zestien indicatoren vastgesteld in het ontwikkeloverleg.",
                        ),
                        (
                            "Eerste halfjaarlevering in het nieuwe format",
                            "dock-manager",
                            "dock",
                            D(2025, 9, 1),
                            "done",
                            "Geleverd via Wijkregie.",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2025, 10, 7),
            "Najaar 2025",
            "Eerste ervaringen met de nieuwe levering. Werkplezier ontbreekt bij SMD door de "
            "reorganisatie.",
            [
                (
                    "Werkplezier wordt in alle drie organisaties met dezelfde vraag gemeten.",
                    "Nu drie verschillende medewerkersonderzoeken.",
                    TEAMS,
                    [
                        (
                            "Gezamenlijke vraag werkplezier in de medewerkersonderzoeken",
                            "smd-manager",
                            "smd",
                            D(2026, 3, 1),
                            "in_progress",
                            "",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2026, 3, 24),
            "Voorjaar 2026",
            "Opdracht 2027: uitgangspunten besproken.",
            [
                (
                    "De opdracht 2027 bevat een veranderingstheorie per thema.",
                    "Verwey-Jonker: maak zichtbaar welke aanname niet klopt als resultaten "
                    "achterblijven.",
                    TEAMS,
                    [
                        (
                            "Veranderingstheorie maatschappelijke ondersteuning in Wijkregie",
                            "beleidsadviseur",
                            "beleid-sociaal-domein",
                            D(2026, 6, 1),
                            "done",
                            "Staat in Wijkregie onder Pilots.",
                        ),
                        (
                            "Veranderingstheorieën overige thema's",
                            "beleidsadviseur",
                            "beleid-sociaal-domein",
                            D(2026, 12, 15),
                            "open",
                            "",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "driehoek": [
        (
            D(2025, 5, 13),
            "IB na de pilot",
            "Aanbieders zijn niet gehoord voor het besluit om IB per 2024 in de opdracht op te "
            "nemen. Afgesproken: voortaan eerst consultatie via Wijkregie.",
            [
                (
                    "Wijzigingen die aanbieders raken gaan eerst in consultatie.",
                    "Aanbieders hoorden van de pilot en van de overheveling achteraf.",
                    PROVIDERS,
                    [
                        (
                            "Wijzigingsberichten via Wijkregie met consultatietermijn",
                            "ketenregisseur",
                            "afdeling-wmo",
                            D(2025, 9, 1),
                            "done",
                            "Eerste wijzigingsbericht (IB in de hoofdopdracht) met consultatie.",
                        ),
                        (
                            "Verkennen of aanbieders lichte IB onder dezelfde voorwaarden "
                            "kunnen bieden",
                            "aanbieder",
                            "zaanse-begeleiding",
                            D(2025, 12, 1),
                            "open",
                            "",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2026, 2, 10),
            "Overdracht en wachttijden",
            "Wachttijden bij dagbesteding lopen op.",
            [
                (
                    "Wijkteams melden wachttijden bij dagbesteding maandelijks aan de "
                    "ketenregisseur.",
                    "Mantelzorgers lopen vast.",
                    ["afdeling-wmo", *TEAMS],
                    [
                        (
                            "Maandelijkse melding wachttijden dagbesteding",
                            "incluzio-manager",
                            "incluzio",
                            D(2026, 4, 1),
                            "in_progress",
                            "",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "ontwikkel": [
        (
            D(2025, 5, 20),
            "Kernset indicatoren",
            "De meetbaarheidstoets van Wijkregie liet zien welke indicatoren geen bron hebben.",
            [
                (
                    "De kernset telt zestien indicatoren; ontwikkelindicatoren staan apart.",
                    "Weinig en goed gedefinieerd gaat voor volledig.",
                    TEAMS,
                    [
                        (
                            "Definities van ontwikkelindicatoren uitwerken",
                            "beleidsadviseur",
                            "beleid-sociaal-domein",
                            D(2025, 12, 1),
                            "in_progress",
                            "",
                        ),
                    ],
                ),
            ],
        ),
        (
            D(2026, 5, 19),
            "Monitoring pilots",
            "Nieuwe pilots krijgen vóór de start een monitoringsplan in Wijkregie.",
            [
                (
                    "Een pilot start pas als elk doel een indicator heeft of een vastgelegde "
                    "reden waarom niet.",
                    "Rekenkamer: de monitoring van de pilot IB kwam anderhalf jaar te laat.",
                    TEAMS,
                    [],
                ),
            ],
        ),
    ],
    "keten-armoede": [
        (
            D(2026, 3, 3),
            "Vroegsignalering",
            "De pilot vroegsignalering in Krommenie en Nieuw West is gestart. Corporaties leveren "
            "signalen binnen vijf werkdagen.",
            [
                (
                    "Huisuitzettingen worden per kwartaal gemeld aan de ketenregisseur.",
                    "Zonder dit cijfer blijft het doel van de pilot een blinde vlek.",
                    ["werk-en-inkomen", "incluzio", "smd"],
                    [
                        (
                            "Afspraak met de corporaties over levering van cijfers",
                            "ketenregisseur",
                            "afdeling-wmo",
                            D(2026, 12, 31),
                            "in_progress",
                            "",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "keten-mantelzorg": [
        (
            D(2026, 6, 2),
            "Wachtlijst dagbesteding",
            "Mantelzorgers wachten gemiddeld elf weken op dagbesteding.",
            [
                (
                    "Buurtcentra bieden een tijdelijke ontmoetingsplek tot er plek is.",
                    "De wachttijd is voor mantelzorgers te lang om te overbruggen.",
                    ["buurtcentra-zaanstad", "dagbesteding-de-werf"],
                    [
                        (
                            "Ontmoetingsplek op woensdag in drie buurtcentra",
                            None,
                            "buurtcentra-zaanstad",
                            D(2026, 9, 1),
                            "done",
                            "Gestart in Poelenburg, Krommenie en Westerkoog.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    "keten": [
        (
            D(2025, 11, 4),
            "Keten Wmo najaar",
            "Toegang tot IB: het aandeel lichte profielen dat het wijkteam zelf begeleidt stijgt.",
            [
                (
                    "Aanbieders krijgen elk halfjaar de cijfers over IB-indicaties per wijk.",
                    "Transparantie over de verschuiving van tweede naar eerste lijn.",
                    PROVIDERS,
                    [
                        (
                            "Halfjaarlijks overzicht IB-indicaties delen met aanbieders",
                            "ketenregisseur",
                            "afdeling-wmo",
                            D(2026, 3, 1),
                            "done",
                            "Gedeeld via het dashboard (geaggregeerd, kleine aantallen verborgen).",
                        ),
                    ],
                ),
            ],
        ),
    ],
}

RESULT_CONVERSATIONS = [
    ("2025H1", D(2025, 10, 14)),
    ("2025H2", D(2026, 4, 14)),
    ("2026H1", D(2026, 10, 13)),
]


def _meeting(body, user, date, title, minutes, decisions, people, *, period="") -> Meeting:
    meeting = services.meeting_save(
        Meeting(body=body, date=date, title=title, minutes=minutes, period=period),
        user=user,
        attendees=people,
        today=timezone.localdate(),
    )
    for text, rationale, affected, agreements in decisions:
        decision = services.decision_save(
            Decision(meeting=meeting, text=text, rationale=rationale),
            user=user,
            affected=_orgs(affected),
        )
        for what, owner, organisation, due, status, note in agreements:
            agreement = services.agreement_create(
                Agreement(
                    meeting=meeting,
                    decision=decision,
                    what=what,
                    owner=User.objects.filter(username=owner).first() if owner else None,
                    owner_organisation=Organisation.objects.get(code=organisation),
                    due_date=due,
                ),
                user=user,
            )
            if status != "open":
                services.agreement_set_status(
                    agreement,
                    status=status,
                    note=note,
                    user=user,
                    expected_version=agreement.version,
                )
    return meeting


def load() -> dict[str, int]:
    # Texts the services write (agenda items, history notes) in the demo's language, also when
    # loaded from the command line, where Django switches translation off.
    with translation.override(settings.LANGUAGE_CODE):
        return _load()


def _load() -> dict[str, int]:
    if Body.objects.exists():
        return _counts()
    manager = User.objects.get(username="contractmanager")
    bodies = {}
    for key, (name, kind, description, organisations, members, chain, contractor) in BODIES.items():
        bodies[key] = services.body_save(
            Body(
                name=name,
                kind=kind,
                description=description,
                chain=Chain.objects.filter(name=chain).first() if chain else None,
                contractor=contractor,
                active=key != "kerngroep",
            ),
            user=manager,
            organisations=_orgs(organisations),
            members=_users(members),
        )
    for key, meetings in MEETINGS.items():
        body = bodies[key]
        people = list(body.members.all())
        for date, title, minutes, decisions in meetings:
            _meeting(body, manager, date, title, minutes, decisions, people)

    managers = {"dock": "dock-manager", "incluzio": "incluzio-manager", "smd": "smd-manager"}
    for code in TEAMS:
        contractor = Organisation.objects.get(code=code)
        body = services.body_save(
            Body(
                name=f"Resultaatgesprek {contractor.name}",
                kind=Body.Kind.RESULT,
                description="Halfjaarlijks gesprek over de levering: sturen op cijfers, praten "
                "over verhalen.",
                contractor=contractor,
            ),
            user=manager,
            organisations=_orgs(["contractmanagement-sociaal-domein"]),
            members=_users(["contractmanager", managers[code]]),
        )
        people = list(body.members.all())
        for period, date in RESULT_CONVERSATIONS:
            decisions = []
            if period == "2025H2":
                decisions = [
                    (
                        f"{contractor.name} licht bij de volgende levering elke daling van meer "
                        "dan tien procent toe.",
                        "Cijfers zonder verhaal leiden tot verkeerde conclusies.",
                        [code],
                        [
                            (
                                "Toelichting bij dalingen in de levering 2026H1",
                                managers[code],
                                code,
                                D(2026, 8, 31),
                                "done" if code != "smd" else "open",
                                "Toegelicht in de levering." if code != "smd" else "",
                            )
                        ],
                    )
                ]
            _meeting(
                body,
                manager,
                date,
                f"Resultaatgesprek {period}",
                "" if period == "2026H1" else "Besproken volgens de agenda; zie besluiten.",
                decisions,
                people,
                period=period,
            )

    topics = [
        (
            2025,
            "Kernset indicatoren en halfjaarlevering",
            "beleidsadviseur",
            "beleid-sociaal-domein",
            Topic.Status.DONE,
            "Voorstel kernset indicatoren",
        ),
        (
            2025,
            "Gezamenlijke meting werkplezier",
            "smd-manager",
            "smd",
            Topic.Status.IN_PROGRESS,
            "Gezamenlijke vraag werkplezier",
        ),
        (
            2026,
            "Veranderingstheorie per thema",
            "beleidsadviseur",
            "beleid-sociaal-domein",
            Topic.Status.IN_PROGRESS,
            "Veranderingstheorieën overige",
        ),
        (
            2026,
            "Lichte IB door aanbieders onder dezelfde voorwaarden",
            "ketenregisseur",
            "afdeling-wmo",
            Topic.Status.PLANNED,
            "Verkennen of aanbieders",
        ),
    ]
    for year, title, owner, organisation, status, agreement_start in topics:
        agreements = Agreement.objects.filter(what__startswith=agreement_start)
        decisions = Decision.objects.filter(agreements__in=agreements).distinct()
        # Through the workflow: a topic starts planned or in progress, and is then moved on.
        topic = services.topic_save(
            Topic(
                year=year,
                title=title,
                owner=User.objects.get(username=owner),
                owner_organisation=Organisation.objects.get(code=organisation),
                status=status if status == Topic.Status.PLANNED else Topic.Status.IN_PROGRESS,
            ),
            user=manager,
            decisions=decisions,
            agreements=agreements,
        )
        if topic.status != status:
            topic.status = status
            services.topic_save(topic, user=manager, decisions=decisions, agreements=agreements)

    services.role_agreement_save(
        RoleAgreement(
            title="Contractmanager als opdrachtgever én partner",
            agreement="De contractmanager voert de resultaatgesprekken (opdrachtgever) en zit "
            "het ontwikkeloverleg voor (partner). In het resultaatgesprek staan de cijfers en "
            "afspraken centraal; ontwikkelvragen gaan naar het ontwikkeloverleg.",
            role=RoleAgreement.Role.COMBINED,
            holder=manager,
            risks="Eén persoon in twee rollen: kritiek in het resultaatgesprek kan de "
            "samenwerking in het ontwikkeloverleg kleuren, en omgekeerd.",
            review_date=D(2026, 9, 1),
            decision=Decision.objects.filter(text__startswith="De sturing verschuift").first(),
        ),
        user=manager,
        organisations=_orgs(TEAMS),
    )
    services.role_agreement_save(
        RoleAgreement(
            title="Ketenregisseur Wmo als regiehouder",
            agreement="De ketenregisseur zit het ketenoverleg en het driehoeksoverleg voor en "
            "zorgt dat wijzigingen die aanbieders raken eerst in consultatie gaan.",
            role=RoleAgreement.Role.CHAIN_DIRECTOR,
            holder=User.objects.get(username="ketenregisseur"),
            risks="Aanbieders zien de gemeente vooral als financier.",
            review_date=D(2027, 3, 1),
        ),
        user=manager,
        organisations=_orgs(PROVIDERS + TEAMS),
    )
    return _counts()


def _counts() -> dict[str, int]:
    return {
        "bodies": Body.objects.count(),
        "meetings": Meeting.objects.count(),
        "decisions": Decision.objects.count(),
        "meeting agreements": Agreement.objects.count(),
    }
