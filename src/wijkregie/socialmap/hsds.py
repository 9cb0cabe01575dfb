"""The social map as Open Referral HSDS 3.0 objects (``docs/socialmap.md`` has the mapping).

Every function returns plain JSON-ready dicts that validate against the official compiled
schemas (``hsds_schema/``). Empty values are left out: HSDS types are strict (a string field
may not be ``null``). Personal details of a contact role's holder appear only when the role
says they are public; the API is public.
"""

from __future__ import annotations

import gzip
import json
import uuid
from functools import cache
from importlib import resources
from typing import Any

from wijkregie.organisations.models import Area, Organisation
from wijkregie.socialmap.models import (
    Change,
    ContactRole,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
COUNTRY = "NL"
PROVINCE = "Noord-Holland"


@cache
def schema(name: str) -> dict:
    """One vendored official schema, e.g. ``schema("service")``."""
    data = resources.files("wijkregie.socialmap").joinpath("hsds_schema", f"{name}.json.gz")
    return json.loads(gzip.decompress(data.read_bytes()))


def validator(name: str):
    """A validator of one official schema, with format checks and the schemas it refers to."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry = Registry().with_resources(
        (f"{ref}.json", Resource.from_contents(schema(ref), default_specification=DRAFT202012))
        for ref in ("taxonomy", "metadata")
    )
    return Draft202012Validator(schema(name), registry=registry, format_checker=FormatChecker())


def _id(parent: uuid.UUID, part: str) -> str:
    """A stable identifier for an object Wijkregie does not store as a row of its own."""
    return str(uuid.uuid5(parent, part))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "")}


def metadata(resource_id: uuid.UUID, changes: dict | None = None) -> list[dict]:
    rows = (changes or {}).get(resource_id)
    if rows is None:
        rows = Change.objects.filter(resource_id=resource_id)
    return [
        {
            "id": str(row.uuid),
            "resource_id": str(row.resource_id),
            "resource_type": row.resource_type,
            "last_action_date": row.last_action_date.isoformat(),
            "last_action_type": row.last_action_type,
            "field_name": row.field_name,
            "previous_value": row.previous_value,
            "replacement_value": row.replacement_value,
            "updated_by": row.updated_by,
        }
        for row in rows
    ]


def changes_for(ids) -> dict:
    """The change log of many resources in one query (for lists)."""
    found: dict = {}
    for row in Change.objects.filter(resource_id__in=list(ids)).order_by("last_action_date", "id"):
        found.setdefault(row.resource_id, []).append(row)
    return found


def _phone(parent: uuid.UUID, number: str, **links) -> list[dict]:
    if not number:
        return []
    return [_clean({"id": _id(parent, "phone"), "number": number, "type": "voice", **links})]


def taxonomy(taxonomy: Taxonomy) -> dict:
    return _clean(
        {
            "id": str(taxonomy.uuid),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "version": taxonomy.version,
        }
    )


def taxonomy_term(term: TaxonomyTerm) -> dict:
    return _clean(
        {
            "id": str(term.uuid),
            "code": term.code,
            "name": term.name,
            "description": term.description or term.name,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uuid),
            "taxonomy_detail": taxonomy(term.taxonomy),
            "language": "nl",
        }
    )


def organization_brief(organisation: Organisation) -> dict:
    return _clean(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "description": organisation.description or organisation.name,
            "email": organisation.email,
            "website": organisation.website,
            "parent_organization_id": str(organisation.parent.uuid)
            if organisation.parent_id
            else None,
        }
    )


def contact(role: ContactRole, *, public: bool = True) -> dict:
    holder_shown = (
        role.holder is not None and not role.is_vacant() and (role.holder_public or not public)
    )
    return _clean(
        {
            "id": str(role.uuid),
            "organization_id": str(role.owner.uuid),
            "service_id": str(role.service.uuid) if role.service_id else None,
            "name": role.holder.name if holder_shown else None,
            "title": role.title,
            "department": role.area.name if role.area_id else None,
            "email": role.email or (role.holder.email if holder_shown else None),
            "phones": _phone(
                role.uuid,
                role.phone or (role.holder.phone if holder_shown else ""),
                contact_id=str(role.uuid),
            ),
            "vacant": role.is_vacant(),
            "assured_date": role.assured_date.isoformat(),
        }
    )


def location(loc: Location) -> dict:
    addresses = []
    if loc.address:
        addresses.append(
            {
                "id": _id(loc.uuid, "address"),
                "location_id": str(loc.uuid),
                "address_1": loc.address,
                "city": loc.city,
                "state_province": PROVINCE,
                "postal_code": loc.postal_code,
                "country": COUNTRY,
                "address_type": "physical",
            }
        )
    return _clean(
        {
            "id": str(loc.uuid),
            "location_type": loc.location_type,
            "organization_id": str(loc.owner.uuid),
            "name": loc.name,
            "description": loc.description,
            "url": loc.url,
            "latitude": float(loc.latitude) if loc.latitude is not None else None,
            "longitude": float(loc.longitude) if loc.longitude is not None else None,
            "addresses": addresses,
            "wijk": loc.area.name if loc.area_id else None,
            "cbs_wijkcode": loc.area.cbs_code if loc.area_id else None,
        }
    )


def schedule(item: Schedule, at: ServiceAtLocation) -> dict:
    return _clean(
        {
            "id": str(item.uuid),
            "service_id": str(at.service.uuid),
            "location_id": str(at.location.uuid),
            "service_at_location_id": str(at.uuid),
            "freq": item.freq,
            "byday": item.byday,
            "opens_at": item.opens_at.strftime("%H:%M"),
            "closes_at": item.closes_at.strftime("%H:%M"),
            "description": item.description,
            "timezone": 1,
        }
    )


def service_area(service: Service, area: Area) -> dict:
    return _clean(
        {
            "id": _id(service.uuid, f"area:{area.code}"),
            "service_id": str(service.uuid),
            "name": area.name,
            "description": f"Wijk {area.name} ({area.municipality_code})",
            "cbs_wijkcode": area.cbs_code,
            "gemeentecode": area.municipality_code,
        }
    )


def attribute(service: Service, term: TaxonomyTerm) -> dict:
    return {
        "id": _id(service.uuid, f"term:{term.uuid}"),
        "link_id": str(service.uuid),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": taxonomy_term(term),
    }


def service_list_item(service: Service) -> dict:
    return _clean(
        {
            "id": str(service.uuid),
            "organization_id": str(service.owner.uuid),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "assured_date": service.assured_date.isoformat(),
            "last_modified": service.modified_at.isoformat(),
            "wijkregie_kind": service.kind,
        }
    )


def service_at_location(at: ServiceAtLocation, *, nested_service: bool = True) -> dict:
    data = {
        "id": str(at.uuid),
        "service_id": str(at.service.uuid),
        "location_id": str(at.location.uuid),
        "description": at.description,
        "schedules": [schedule(item, at) for item in at.schedules.all()],
        "location": location(at.location),
    }
    if nested_service:
        data["service"] = service_list_item(at.service)
    return _clean(data)


def service(item: Service, *, changes: dict | None = None, public: bool = True) -> dict:
    data = service_list_item(item)
    data.update(
        {
            "organization": organization_brief(item.owner),
            "phones": _phone(item.uuid, item.phone, service_id=str(item.uuid)),
            "service_areas": [service_area(item, area) for area in item.areas.all()],
            "service_at_locations": [
                service_at_location(at, nested_service=False) for at in item.at_locations.all()
            ],
            "schedules": [],
            "attributes": [attribute(item, term) for term in item.terms.all()],
            "contacts": [contact(role, public=public) for role in item.contact_roles.all()],
            "metadata": metadata(item.uuid, changes),
        }
    )
    return _clean(data)


def organization(
    organisation: Organisation, services: list[Service], *, changes: dict | None = None
) -> dict:
    data = organization_brief(organisation)
    data["phones"] = _phone(
        organisation.uuid, organisation.phone, organization_id=str(organisation.uuid)
    )
    data["services"] = [service(item, changes=changes) for item in services]
    data["locations"] = [
        location(loc) for loc in Location.objects.filter(owner=organisation).order_by("name")
    ]
    return _clean(data)
