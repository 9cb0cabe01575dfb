"""Zaanstad demo data: the municipality, the three team organisations with their twelve wijken
(as in the Dimensus survey of 2024), the survey's sub-themes, partners and Wmo providers.

Loading is idempotent: records are matched on their code and updated in place.
Wmo providers are fictional and labelled as such.
"""

from __future__ import annotations

from wijkregie.organisations.models import Area, Organisation, Theme

MUNICIPALITY_CODE = "GM0479"

Kind = Organisation.Kind

ORGANISATIONS: list[dict] = [
    {
        "code": "gemeente-zaanstad",
        "name": "Gemeente Zaanstad",
        "kind": Kind.MUNICIPALITY,
        "website": "https://www.zaanstad.nl",
        "description": "Opdrachtgever van de Sociale Wijkteams, partner en regiehouder op ketens.",
    },
    {
        "code": "contractmanagement-sociaal-domein",
        "name": "Contractmanagement Sociaal Domein",
        "kind": Kind.MUNICIPAL_DEPARTMENT,
        "parent": "gemeente-zaanstad",
        "description": "Contractmanagement van de opdracht Sociale Wijkteams.",
    },
    {
        "code": "afdeling-wmo",
        "name": "Afdeling Wmo",
        "kind": Kind.MUNICIPAL_DEPARTMENT,
        "parent": "gemeente-zaanstad",
        "description": "Beleid en inkoop van maatwerkvoorzieningen in de Wmo.",
    },
    {
        "code": "beleid-sociaal-domein",
        "name": "Beleid Sociaal Domein",
        "kind": Kind.MUNICIPAL_DEPARTMENT,
        "parent": "gemeente-zaanstad",
        "description": "Beleidsadvies over participatie, armoede, gezondheid en jeugd.",
    },
    {
        "code": "openbare-orde-en-veiligheid",
        "name": "Openbare Orde en Veiligheid",
        "kind": Kind.MUNICIPAL_DEPARTMENT,
        "parent": "gemeente-zaanstad",
        "description": "Veiligheid in de wijken; ondersteunt de burgemeester.",
    },
    {
        "code": "werk-en-inkomen",
        "name": "Werk en Inkomen",
        "kind": Kind.MUNICIPAL_DEPARTMENT,
        "parent": "gemeente-zaanstad",
        "description": "Participatiewet, inburgering en schuldhulpverlening.",
    },
    {
        "code": "dock",
        "name": "DOCK",
        "kind": Kind.TEAM_ORGANISATION,
        "description": "Sociaal Wijkteam in Poelenburg, Pelders-Hoornseveld, Zaandam Zuid en "
        "Rosmolenwijk.",
    },
    {
        "code": "incluzio",
        "name": "Incluzio",
        "kind": Kind.TEAM_ORGANISATION,
        "description": "Sociaal Wijkteam in Krommenie, Wormerveer, Zaandam Noord-Kogerveld en "
        "West-Oudehaven.",
    },
    {
        "code": "smd",
        "name": "SMD",
        "kind": Kind.TEAM_ORGANISATION,
        "description": "Sociaal Wijkteam in Assendelft-Westzaan, Nieuw West, Westerkoog en "
        "Rooswijk en Oud Koog/Oud Zaandijk.",
    },
    {
        "code": "buurtcentra-zaanstad",
        "name": "Buurtcentra Zaanstad",
        "kind": Kind.PARTNER,
        "description": "Ontmoeting en groepsactiviteiten in de buurtcentra.",
    },
    {
        "code": "zaankanters-voor-elkaar",
        "name": "Zaankanters voor Elkaar (ZVE)",
        "kind": Kind.PARTNER,
        "description": "Vrijwillige inzet en burenhulp.",
    },
    {
        "code": "bibliotheek-zaanstad",
        "name": "Bibliotheek Zaanstad",
        "kind": Kind.PARTNER,
        "description": "Taal, digitale vaardigheden en informatiepunt.",
    },
    {
        "code": "humanitas-zaanstreek",
        "name": "Humanitas Zaanstreek",
        "kind": Kind.PARTNER,
        "description": "Thuisadministratie, maatjes en lotgenotencontact.",
    },
    {
        "code": "ggz-in-de-wijk",
        "name": "GGZ in de wijk",
        "kind": Kind.PARTNER,
        "description": "Laagdrempelige ondersteuning bij psychische kwetsbaarheid.",
    },
    {
        "code": "leger-des-heils",
        "name": "Leger des Heils",
        "kind": Kind.PARTNER,
        "description": "Ondersteuning bij dak- en thuisloosheid en meervoudige problematiek.",
    },
    {
        "code": "schuldhulpmaatje-zaanstad",
        "name": "SchuldHulpMaatje Zaanstad",
        "kind": Kind.PARTNER,
        "description": "Vrijwillige maatjes bij geldzorgen.",
    },
    {
        "code": "woningcorporatie-zvh",
        "name": "Zaandams Volkshuisvesting (ZVH)",
        "kind": Kind.PARTNER,
        "description": "Woningcorporatie.",
    },
    {
        "code": "woningcorporatie-rochdale",
        "name": "Rochdale",
        "kind": Kind.PARTNER,
        "description": "Woningcorporatie.",
    },
    {
        "code": "zaanse-begeleiding",
        "name": "Zaanse Begeleiding (fictief)",
        "kind": Kind.WMO_PROVIDER,
        "description": "Fictieve Wmo-aanbieder: individuele begeleiding (demo).",
    },
    {
        "code": "dagbesteding-de-werf",
        "name": "Dagbesteding De Werf (fictief)",
        "kind": Kind.WMO_PROVIDER,
        "description": "Fictieve Wmo-aanbieder: dagbesteding (demo).",
    },
    {
        "code": "thuis-in-de-zaanstreek",
        "name": "Thuis in de Zaanstreek (fictief)",
        "kind": Kind.WMO_PROVIDER,
        "description": "Fictieve Wmo-aanbieder: begeleiding en huishoudelijke "
        "ondersteuning (demo).",
    },
    {
        "code": "stichting-oude-molen",
        "name": "Stichting Oude Molen (fictief, opgeheven)",
        "kind": Kind.WMO_PROVIDER,
        "active": False,
        "description": "Fictieve Wmo-aanbieder waarvan het contract in 2024 is beëindigd (demo).",
    },
]

AREAS: dict[str, list[str]] = {
    "incluzio": ["Krommenie", "Wormerveer", "Zaandam Noord-Kogerveld", "West-Oudehaven"],
    "smd": ["Assendelft-Westzaan", "Nieuw West", "Westerkoog en Rooswijk", "Oud Koog/Oud Zaandijk"],
    "dock": ["Poelenburg", "Pelders-Hoornseveld", "Zaandam Zuid", "Rosmolenwijk"],
}

THEMES: list[tuple[str, str, str]] = [
    (
        "maatschappelijke-ondersteuning",
        "Maatschappelijke ondersteuning",
        "Ondersteuning van inwoners bij zelfredzaamheid en meedoen (Wmo).",
    ),
    ("participatie", "Participatie", "Meedoen in de samenleving, werk en vrijwillige inzet."),
    ("armoede", "Armoede", "Bestaanszekerheid, geldzorgen en schulden."),
    ("opbouwwerk", "Opbouwwerk", "Samen met bewoners de buurt versterken; de sociale basis."),
    ("gezondheid", "Gezondheid", "Gezondheid en preventie in de wijk."),
    ("mantelzorg", "Mantelzorg", "Ondersteuning van mantelzorgers."),
    ("huiselijk-geweld", "Huiselijk geweld", "Signaleren en aanpakken van huiselijk geweld."),
    ("gezinsaanpak", "Gezinsaanpak", "Integrale ondersteuning van gezinnen."),
    ("jongerenwerk", "Jongerenwerk", "Jongerenwerk en ontmoeting voor jongeren."),
]

#: The short theme codes the teams' registration exports use.
REGISTRATION_CODES = {
    "maatschappelijke-ondersteuning": "MO",
    "participatie": "PAR",
    "armoede": "ARM",
    "opbouwwerk": "OPB",
    "gezondheid": "GEZ",
    "mantelzorg": "MZ",
    "huiselijk-geweld": "HG",
    "gezinsaanpak": "GA",
    "jongerenwerk": "JW",
}


def _slug(name: str) -> str:
    return (
        name.lower().replace("/", "-").replace(" en ", "-en-").replace(" ", "-").replace("--", "-")
    )


def load() -> dict[str, int]:
    by_code: dict[str, Organisation] = {}
    for row in ORGANISATIONS:
        data = dict(row)
        parent = data.pop("parent", None)
        data["parent"] = by_code[parent] if parent else None
        data.setdefault("active", True)
        organisation, _ = Organisation.objects.update_or_create(
            code=data.pop("code"), defaults=data
        )
        by_code[organisation.code] = organisation
    for organisation_code, names in AREAS.items():
        for name in names:
            Area.objects.update_or_create(
                code=_slug(name),
                defaults={
                    "name": name,
                    "municipality_code": MUNICIPALITY_CODE,
                    "responsible_organisation": by_code[organisation_code],
                },
            )
    for order, (code, name, description) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "order": order,
                "registration_code": REGISTRATION_CODES[code],
            },
        )
    return {
        "organisations": Organisation.objects.count(),
        "areas": Area.objects.count(),
        "themes": Theme.objects.count(),
    }


def load_people() -> dict[str, int]:
    """The demo logins (``demodata/users.yaml``), each a member of its organisation."""
    from wijkregie.accounts.models import Membership
    from wijkregie.accounts.services import demo_login_ensure, demo_logins

    users = demo_logins()
    for demo in users:
        Membership.objects.get_or_create(
            user=demo_login_ensure(demo),
            organisation=Organisation.objects.get(code=demo.organisation),
            role=demo.role,
        )
    return {"users": len(users)}
