"""Zaanstad's social map for the demo, read from ``demodata/socialmap.yaml`` and written through
``socialmap.services`` (so the change log and the audit log tell the same story as in real use).

Idempotent: when the map already has entries, loading does nothing.
"""

from __future__ import annotations

import datetime as dt
import zlib
from itertools import cycle
from typing import Any

from django.utils import timezone

from wijkregie.accounts.models import User
from wijkregie.common import demodata
from wijkregie.organisations import services as organisation_services
from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.socialmap import services
from wijkregie.socialmap.models import (
    CollaborationLink,
    ContactRole,
    Entry,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

DATA: dict[str, Any] = demodata.load("socialmap")
WEEKDAYS = "MO,TU,WE,TH,FR"


def _taxonomies() -> dict[str, TaxonomyTerm]:
    """The themes taxonomy follows the themes register (socialmap.signals); the target groups
    are data of the demo."""
    spec = DATA["taxonomies"]
    for code in ("themas", "doelgroepen"):
        Taxonomy.objects.update_or_create(
            code=code,
            defaults={"name": spec[code]["name"], "description": spec[code]["description"]},
        )
    groups_taxonomy = Taxonomy.objects.get(code="doelgroepen")
    terms: dict[str, TaxonomyTerm] = {
        term.code: term for term in TaxonomyTerm.objects.filter(taxonomy__code="themas")
    }
    for order, row in enumerate(spec["doelgroepen"]["terms"], start=1):
        terms[row["code"]], _ = TaxonomyTerm.objects.get_or_create(
            taxonomy=groups_taxonomy,
            code=row["code"],
            defaults={"name": row["name"], "order": order},
        )
    return terms


def _age(entry: Entry, days_ago: int, today: dt.date) -> None:
    """Back-date the last check, as if the owner checked it ``days_ago`` days ago."""
    type(entry).objects.filter(pk=entry.pk).update(
        assured_date=today - dt.timedelta(days=days_ago),
        modified_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def _schedule(at: ServiceAtLocation, days: str, hours: str, when: str, freq: str = "WEEKLY"):
    opens, closes = hours.split("-")
    Schedule.objects.create(
        service_at_location=at,
        freq=freq,
        byday=days,
        opens_at=dt.time.fromisoformat(opens),
        closes_at=dt.time.fromisoformat(closes),
        description=when,
    )


def _editor(organisation: Organisation) -> User | None:
    editors = services.editors_of(organisation)
    return editors[0] if editors else None


def _counts() -> dict[str, int]:
    return {
        "socialmap services": Service.objects.count(),
        "socialmap contact roles": ContactRole.objects.count(),
        "socialmap links": CollaborationLink.objects.count(),
    }


def load() -> dict[str, int]:
    if Service.objects.exists():
        return _counts()
    today = timezone.localdate()
    terms = _taxonomies()
    organisations = {o.code: o for o in Organisation.objects.all()}
    areas = {a.code: a for a in Area.objects.select_related("responsible_organisation")}
    themes = {t.code: t for t in Theme.objects.all()}
    users = {u.username: u for u in User.objects.all()}
    names = cycle(
        f"{first} {last}"
        for first, last in zip(DATA["first_names"], cycle(DATA["last_names"]), strict=False)
    )

    # The wijkteams, their locations and contact roles.
    for wijk, spec in DATA["wijkteams"].items():
        area = areas[wijk]
        team = area.responsible_organisation
        actor = _editor(team)
        location = Location.objects.create(
            owner=team,
            name=spec["location"],
            address=spec["address"],
            postal_code=spec["postal_code"],
            city=spec["city"],
            area=area,
        )
        domain = DATA["team_domains"][team.code]
        wijkteam = services.service_create(
            owner=team,
            data={
                "name": f"Sociaal Wijkteam {area.name}",
                "kind": Service.Kind.WIJKTEAM,
                "description": (
                    f"Het Sociaal Wijkteam van {team.name} in {area.name}: voor alle vragen over "
                    "welzijn, zorg, geld, opvoeden en meedoen. Zonder verwijzing."
                ),
                "phone": spec["phone"],
                "email": f"wijkteam.{wijk}@{domain}",
            },
            relations={"areas": [area], "terms": [terms[code] for code in DATA["role_themes"]]},
            actor=actor,
        )
        at = ServiceAtLocation.objects.create(service=wijkteam, location=location)
        _schedule(at, WEEKDAYS, "09:00-17:00", "Werkdagen 9.00-17.00 uur, inloop 9.00-12.00 uur")
        for theme_code in DATA["role_themes"]:
            key = f"{wijk}/{theme_code}"
            theme = themes[theme_code]
            explicit = DATA["explicit_holders"].get(key, {})
            holder_public = explicit.get("holder_public", False)
            if "user" in explicit:
                user = users[explicit["user"]]
                person_data = {
                    "name": user.get_full_name(),
                    "function": f"Wijkwerker {theme.name.lower()}",
                    "email": user.email,
                    "user": user,
                }
            else:
                person_data = {
                    "name": explicit.get("name") or next(names),
                    "function": explicit.get("function", f"Wijkwerker {theme.name.lower()}"),
                }
            valid_until = None
            if DATA["vacant"]["role"] == key:
                person_data = dict(DATA["vacant"]["holder"])
                valid_until = today - dt.timedelta(days=DATA["vacant"]["left_days_ago"])
            first = person_data["name"].split()[0].lower()
            person_data.setdefault("email", f"{first}.{wijk.split('-')[0]}@{domain}")
            person_data.setdefault("phone", f"06 1{zlib.crc32(key.encode()) % 10**7:07d}")
            person = organisation_services.contact_create(
                organisation=team, data={"topics": theme.name, **person_data}
            )
            services.contact_role_create(
                owner=team,
                service=wijkteam,
                data={
                    "title": f"Aanspreekpunt {theme.name.lower()}, wijkteam {area.name}",
                    "theme": theme,
                    "area": area,
                    "email": f"{theme_code}.{wijk}@{domain}",
                    "holder": person,
                    "valid_from": today - dt.timedelta(days=400),
                    "valid_until": valid_until,
                    "holder_public": holder_public,
                },
                actor=actor,
            )

    # Partner locations, services and activities.
    locations: dict[str, Location] = {}
    for row in DATA["locations"]:
        locations[row["key"]] = Location.objects.create(
            owner=organisations[row["owner"]],
            name=row["name"],
            address=row["address"],
            postal_code=row["postal_code"],
            city=row["city"],
            area=areas[row["wijk"]],
        )
    by_name: dict[str, Service] = {s.name: s for s in Service.objects.all()}
    for row in DATA["services"]:
        owner = organisations[row["owner"]]
        wijken = (
            list(areas.values()) if row["wijken"] == "all" else [areas[w] for w in row["wijken"]]
        )
        service = services.service_create(
            owner=owner,
            data={
                "name": row["name"],
                "kind": row["kind"],
                "description": row["description"],
                "phone": row.get("phone", ""),
                "email": row.get("email", ""),
                "url": row.get("url", ""),
                "fees_description": row.get("fees", ""),
                "application_process": row.get("application", ""),
            },
            relations={
                "areas": wijken,
                "terms": [terms[c] for c in [*row.get("themes", []), *row.get("groups", [])]],
            },
            actor=_editor(owner),
        )
        if "at" in row:
            at = ServiceAtLocation.objects.create(service=service, location=locations[row["at"]])
            if "days" in row:
                _schedule(at, row["days"], row["hours"], row["when"], row.get("freq", "WEEKLY"))
        _age(service, row["days_ago"], today)
        by_name[service.name] = service

    for row in DATA["partner_roles"]:
        owner = organisations[row["owner"]]
        person = organisation_services.contact_create(
            organisation=owner, data={"topics": themes[row["theme"]].name, **row["holder"]}
        )
        services.contact_role_create(
            owner=owner,
            service=by_name[row["service"]],
            data={
                "title": row["title"],
                "theme": themes[row["theme"]],
                "email": row["email"],
                "holder": person,
                "valid_from": today - dt.timedelta(days=300),
                "holder_public": row.get("holder_public", False),
            },
            actor=_editor(owner),
        )

    for row in DATA["links"]:
        owner = organisations[row["owner"]]
        link = services.link_create(
            owner=owner,
            data={
                "partner": organisations[row["partner"]],
                "theme": themes[row["theme"]],
                "area": areas[row["wijk"]] if "wijk" in row else None,
                "level": row["level"],
                "frequency": row["frequency"],
                "note": row.get("note", ""),
            },
            actor=_editor(owner),
        )
        _age(link, row.get("days_ago", 60), today)

    for row in DATA["flags"]:
        services.flag_create(
            entry=by_name[row["service"]], note=row["note"], actor=users[row["by"]]
        )

    # Locations and roles were checked when the demo's story begins, a few weeks ago.
    for index, location in enumerate(Location.objects.order_by("pk")):
        _age(location, 20 + index % 40, today)
    for index, role in enumerate(ContactRole.objects.order_by("pk")):
        _age(role, 10 + index % 60, today)
    return _counts()
