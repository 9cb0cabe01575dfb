"""Zaanstad demo data for the commission register.

The commission, its intent and the IB story follow the seed documents (Rekenkamer 2025,
Verwey-Jonker evaluation). Budgets, percentages, assignments and requests are FICTIONAL: plausible
orders of magnitude for a demo, not Zaanstad's figures. The story is data
(``demodata/commission.yaml``); loading goes through the services and is idempotent.
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
from wijkregie.common import demodata
from wijkregie.organisations.models import Organisation, Theme

D = dt.date
DATA = demodata.load("commission")
_SOURCES = {key: (v["document"], v["version"]) for key, v in DATA["sources"].items()}
PVE = _SOURCES["pve"]
UOK = _SOURCES["uok"]
FICTIONAL: str = DATA["fictional_note"]
INTENT: str = DATA["intent"]

# (code, theme code, text, contractor codes (empty = all), source)
REQUIREMENTS = [
    (r["code"], r["theme"], r["text"], r.get("contractors", []), _SOURCES[r["source"]])
    for r in DATA["requirements"]
]

# Yearly (indexation %, CAO wage growth %) — fictional but of a plausible order.
PERCENTAGES = {
    year: (str(v["indexation"]), str(v["cao"])) for year, v in DATA["percentages"].items()
}
FIRST_BUDGET = {code: Decimal(str(v)) for code, v in DATA["first_budget"].items()}
IB_MERGED_2024 = {code: Decimal(str(v)) for code, v in DATA["ib_merged_2024"].items()}

# title, purpose, themes, contractors, department, funding, start, end, budget/yr,
# accountability (what, frequency, to), fit, reasoning, status, merged_on, owner
ASSIGNMENTS = [
    (
        a["title"],
        a["purpose"],
        a["themes"],
        a["contractors"],
        a["department"],
        a["funding"],
        a["start"],
        a["end"],
        a["budget_per_year"],
        (a["accountability"]["what"], a["accountability"]["frequency"], a["accountability"]["to"]),
        a["fit"],
        a["fit_reasoning"],
        a["status"],
        a["merged_on"],
        a["owner"],
    )
    for a in DATA["assignments"]
]

# title, description, department, date, outside funnel (received by) or None,
# decision, reasoning, redirected_to, resulting assignment title
REQUESTS = [
    (
        r["title"],
        r["description"],
        r["department"],
        r["received_on"],
        r.get("received_by"),
        r.get("decision"),
        r.get("reasoning", ""),
        r.get("redirected_to", ""),
        r.get("assignment"),
    )
    for r in DATA["requests"]
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
