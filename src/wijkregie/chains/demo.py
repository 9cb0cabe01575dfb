"""Zaanstad demo data for chains and change notices.

The centre piece reconstructs the 2024 decision to take IB into the main commission *as it
should have gone* (Rekenkamer 2025: the Wmo providers were not consulted beforehand nor informed
afterwards): consultation of the providers with their concerns answered, the decision,
publication, and acknowledgements — with one provider still missing. Contact persons are
fictional. The chains, contacts and staff are data (``demodata/chains.yaml``); the story of
the notices is told below, through the services. Loading is idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.chains import services
from wijkregie.chains.models import AffectedParty, Chain, ChangeNotice, Notification
from wijkregie.commission.models import AdditionalAssignment, ExecutionAgreement, Requirement
from wijkregie.common import demodata
from wijkregie.organisations.models import ContactPerson, Organisation, Theme

DATA = demodata.load("chains")
# organisation code: [(name, function, topics, e-mail)] — fictional people
CONTACTS = {
    code: [(p["name"], p["function"], p["topics"], p["email"]) for p in people]
    for code, people in DATA["contacts"].items()
}
# name, description, themes, director, [(organisation code, role)]
CHAINS = [
    (c["name"], c["description"], c["themes"], c["director"], list(c["parties"].items()))
    for c in DATA["chains"]
]


def at(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def _org(code):
    return Organisation.objects.get(code=code)


def _party(notice, code) -> AffectedParty:
    return notice.affected_parties.get(organisation__code=code)


def _user(username):
    return User.objects.get(username=username)


# Staff of partner organisations who respond in the story. They have accounts without a
# password (their organisations would log in through their own accounts); not demo logins.
STAFF = [(p["username"], p["first_name"], p["last_name"], p["organisation"]) for p in DATA["staff"]]


def _staff() -> None:
    from wijkregie.accounts.models import Membership
    from wijkregie.accounts.roles import Role

    for username, first, last, code in STAFF:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, organisation=_org(code), role=Role.PARTNER_USER)


def _ib_decision(chain: Chain) -> None:
    director = _user("ketenregisseur")
    notice = services.notice_create(
        chain=chain,
        data={
            "title": "IB wordt onderdeel van de hoofdopdracht per 1 januari 2024",
            "what_changes": "De wijkteams bieden lichte individuele begeleiding (IB) voortaan "
            "zelf, zonder indicatie, als onderdeel van de hoofdopdracht. Lichte IB-profielen "
            "worden niet meer geïndiceerd bij een Wmo-aanbieder; zwaardere begeleiding wel. "
            "Het budget van de pilot (ca. € 650.000) gaat naar het integraal budget.",
            "why": "De pilot 2020–2023 liet minder hulpverleners per inwoner en meer werkplezier "
            "zien. De besparing op de Wmo is nog onzeker; de monitoring loopt door.",
            "effective_from": dt.date(2024, 1, 1),
        },
        requirements=Requirement.objects.filter(code="PvE-1.4"),
        assignments=AdditionalAssignment.objects.filter(title="Pilot individuele begeleiding (IB)"),
        agreements=ExecutionAgreement.objects.filter(year=2024),
        actor=director,
        now=at(2023, 8, 28),
    )
    services.notice_start_consultation(
        notice=notice,
        expected_version=notice.version,
        deadline=dt.date(2023, 9, 29),
        actor=director,
        now=at(2023, 9, 1),
    )
    responses = [
        (
            "zaanse-begeleiding",
            "aanbieder",
            "concerns",
            "Wij verliezen een deel van onze lichte trajecten en daarmee werk voor ons personeel. "
            "Hoe houden we zicht op inwoners die toch zwaardere begeleiding nodig blijken te "
            "hebben?",
            at(2023, 9, 18),
        ),
        (
            "thuis-in-de-zaanstreek",
            "s.ouali",
            "objects",
            "De overdracht van lopende trajecten is niet geregeld; cliënten krijgen een nieuwe "
            "begeleider midden in hun traject.",
            at(2023, 9, 26),
        ),
        (
            "dagbesteding-de-werf",
            "p.visser",
            "agrees",
            "Geen gevolgen voor dagbesteding; wel graag betrokken bij de evaluatie.",
            at(2023, 9, 12),
        ),
        (
            "dock",
            "dock-manager",
            "agrees",
            "Sluit aan bij onze werkwijze in de pilot.",
            at(2023, 9, 8),
        ),
        ("incluzio", "incluzio-manager", "agrees", "Akkoord.", at(2023, 9, 11)),
        (
            "smd",
            "smd-manager",
            "concerns",
            "Graag afspraken over de caseload per professional.",
            at(2023, 9, 20),
        ),
        ("afdeling-wmo", "ketenregisseur", "agrees", "Akkoord.", at(2023, 9, 4)),
        ("ggz-in-de-wijk", "n.vandijk", "agrees", "Geen bezwaar.", at(2023, 9, 14)),
    ]
    for code, username, position, text, when in responses:
        services.response_submit(
            party=_party(notice, code),
            position=position,
            text=text,
            actor=_user(username),
            now=when,
        )
    answers = {
        "zaanse-begeleiding": "Het wijkteam indiceert zwaardere begeleiding zoals nu; we volgen "
        "per halfjaar het aantal indicaties en overdrachten naar aanbieders en bespreken die in "
        "het ketenoverleg.",
        "thuis-in-de-zaanstreek": "Lopende trajecten lopen door tot hun einddatum; nieuwe lichte "
        "vragen gaan vanaf 1 januari naar het wijkteam. De overdracht wordt per cliënt afgestemd.",
        "smd": "De caseload wordt onderdeel van het resultaatgesprek; het integraal budget "
        "stijgt met het pilotbudget.",
    }
    for code, answer in answers.items():
        response = _party(notice, code).responses.get()
        services.response_answer(
            response=response, answer=answer, actor=director, now=at(2023, 10, 5)
        )
    notice.refresh_from_db()
    services.notice_decide(
        notice=notice,
        expected_version=notice.version,
        decision="IB wordt per 1 januari 2024 onderdeel van de hoofdopdracht; het pilotbudget "
        "wordt toegevoegd aan het integraal budget; indicaties en overdrachten worden "
        "halfjaarlijks gevolgd.",
        decided_on=dt.date(2023, 11, 14),
        decided_by_body="College van B en W",
        actor=_user("contractmanager"),
        now=at(2023, 11, 14),
    )
    notice.refresh_from_db()
    services.notice_publish(
        notice=notice,
        expected_version=notice.version,
        summary="Vanaf 1 januari 2024 bieden de wijkteams lichte begeleiding zelf. Voor "
        "aanbieders: lichte IB-profielen worden niet meer bij u geïndiceerd; lopende trajecten "
        "lopen door tot hun einddatum; zwaardere begeleiding wordt geïndiceerd zoals nu.",
        actor=director,
        now=at(2023, 11, 20),
    )
    acknowledgements = [
        ("zaanse-begeleiding", "aanbieder", "Anton Smit", at(2023, 11, 22)),
        ("dagbesteding-de-werf", "p.visser", "Pieter Visser", at(2023, 11, 23)),
        ("dock", "dock-manager", "Dewi Pranoto", at(2023, 11, 21)),
        ("incluzio", "incluzio-manager", "Ingrid Kok", at(2023, 11, 24)),
        ("smd", "smd-manager", "Sander Meijer", at(2023, 11, 27)),
        ("afdeling-wmo", "ketenregisseur", "Karim Bouzid", at(2023, 11, 20)),
        ("ggz-in-de-wijk", "n.vandijk", "Noor van Dijk", at(2023, 12, 1)),
        # Thuis in de Zaanstreek has not acknowledged: the overview shows it as overdue.
    ]
    for code, username, name, when in acknowledgements:
        services.acknowledge(party=_party(notice, code), name=name, actor=_user(username), now=when)


def _other_notices(chains: dict[str, Chain]) -> None:
    director = _user("ketenregisseur")
    armoede = chains["Keten armoede en schulden"]
    now = timezone.now()
    vroeg = services.notice_create(
        chain=armoede,
        data={
            "title": "Vroeg Eropaf in alle twaalf wijken",
            "what_changes": "Vroegsignalering van betalingsachterstanden gaat van twee naar "
            "alle drie teamorganisaties; huisbezoeken binnen vier weken na een signaal.",
            "why": "Het bereik in de wijken van SMD blijft achter.",
            "effective_from": dt.date(2027, 1, 1),
        },
        assignments=AdditionalAssignment.objects.filter(title__startswith="Vroegsignalering"),
        actor=director,
        now=now - dt.timedelta(days=12),
    )
    services.notice_start_consultation(
        notice=vroeg,
        expected_version=vroeg.version,
        deadline=timezone.localdate() + dt.timedelta(days=17),
        actor=director,
        now=now - dt.timedelta(days=10),
    )
    services.response_submit(
        party=_party(vroeg, "dock"),
        position="agrees",
        text="Akkoord; wij delen onze werkwijze.",
        actor=_user("dock-manager"),
        now=now - dt.timedelta(days=6),
    )
    services.response_submit(
        party=_party(vroeg, "smd"),
        position="concerns",
        text="Wij hebben hiervoor extra formatie nodig; die staat niet in het voorstel.",
        actor=_user("smd-manager"),
        now=now - dt.timedelta(days=3),
    )
    energie = services.notice_create(
        chain=armoede,
        data={
            "title": "Energiecoaches verlengd tot eind 2026",
            "what_changes": "De inzet van energiecoaches loopt door tot 31 december 2026.",
            "why": "Het landelijke programma is verlengd.",
            "effective_from": dt.date(2026, 1, 1),
        },
        assignments=AdditionalAssignment.objects.filter(title="Energiecoaches"),
        actor=director,
        now=now - dt.timedelta(days=40),
    )
    services.notice_decide(
        notice=energie,
        expected_version=energie.version,
        decision="Verlenging tot 31 december 2026 binnen het bestaande budget.",
        decided_on=(now - dt.timedelta(days=30)).date(),
        decided_by_body="Ketenregisseur",
        skip_reason="Alleen de looptijd wordt verlengd; inhoud en budget blijven gelijk.",
        actor=director,
        now=now - dt.timedelta(days=30),
    )
    energie.refresh_from_db()
    services.notice_publish(
        notice=energie,
        expected_version=energie.version,
        summary="De energiecoaches blijven tot eind 2026; voor u verandert er niets.",
        actor=director,
        now=now - dt.timedelta(days=28),
    )
    for code, username, name in (
        ("dock", "dock-manager", "Dewi Pranoto"),
        ("incluzio", "incluzio-manager", "Ingrid Kok"),
    ):
        party = energie.affected_parties.filter(organisation__code=code).first()
        if party:
            services.acknowledge(
                party=party, name=name, actor=_user(username), now=now - dt.timedelta(days=25)
            )
    services.notice_create(
        chain=chains["Keten mantelzorg en sociale basis"],
        data={
            "title": "Mantelzorgbudgetten gebundeld vanaf 2027",
            "what_changes": "De drie kleine mantelzorgopdrachten worden één budget voor "
            "mantelzorgondersteuning in alle wijken.",
            "why": "Kleine budgetten bundelen geeft samenhang en minder verantwoordingslast "
            "(evaluatie 2024, aanbeveling 2.3).",
            "effective_from": dt.date(2027, 1, 1),
        },
        assignments=AdditionalAssignment.objects.filter(
            title__in=[
                "Mantelzorgwaardering en respijt",
                "Jonge mantelzorgers",
                "Mantelzorgcafés in de wijk",
            ]
        ),
        actor=_user("contractmanager"),
    )


def load() -> dict[str, int]:
    _staff()
    for code, people in CONTACTS.items():
        organisation = _org(code)
        for name, function, topics, email in people:
            ContactPerson.objects.update_or_create(
                organisation=organisation,
                name=name,
                defaults={"function": function, "topics": topics, "email": email},
            )
    chains = {}
    for name, description, themes, director, parties in CHAINS:
        chain = Chain.objects.filter(name=name).first()
        if chain is None:
            chain = services.chain_create(
                name=name,
                description=description,
                director=_user(director),
                themes=Theme.objects.filter(code__in=themes),
            )
        for code, role in parties:
            organisation = _org(code)
            services.party_set(
                chain=chain,
                organisation=organisation,
                role=role,
                contacts=organisation.contacts.all(),
            )
        chains[name] = chain
    if not ChangeNotice.objects.exists():
        _ib_decision(chains["Keten Wmo en maatschappelijke ondersteuning"])
        _other_notices(chains)
        # Notifications of the reconstructed past count as read.
        Notification.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=30)).update(
            read_at=F("created_at")
        )
    return {
        "chains": Chain.objects.count(),
        "change notices": ChangeNotice.objects.count(),
        "contact persons": sum(len(people) for people in CONTACTS.values()),
    }
