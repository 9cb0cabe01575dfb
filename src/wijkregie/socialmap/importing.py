"""Load a regional directory published as HSDS 3.0 JSON: all or nothing, with a report.

The file holds organisation objects (the compiled ``organization`` schema, services nested), as
a list, as one object, or as an API page (``{"contents": [...]}``). Every object is validated
against the official schema first; then organisations, services, locations and schedules are
matched on their HSDS ``id`` (organisations also on their name) and created or updated through
the services of the map. Wijken are matched on their CBS code (``cbs_wijkcode``) or name, terms
on their id or code. Contacts are not imported: HSDS contacts are people, Wijkregie keeps roles
(``docs/socialmap.md``). Any problem rejects the whole file and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from wijkregie.accounts.models import User
from wijkregie.organisations import services as organisation_services
from wijkregie.organisations.models import Area, Organisation
from wijkregie.socialmap import hsds, services
from wijkregie.socialmap.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, {self.path or '(bestand)'}, veld {self.field or '-'}: {self.reason}"


@dataclass
class ImportReport:
    file: str
    problems: list[Problem] = field(default_factory=list)
    organisations: int = 0
    services_created: int = 0
    services_updated: int = 0

    @property
    def accepted(self) -> bool:
        return not self.problems

    # The shape of the shared import-error report (``ui/_import_errors.html``): the place in
    # the JSON file stands in for the row, the field for the column.
    ok = accepted

    @property
    def file_name(self) -> str:
        return self.file

    @property
    def errors(self) -> list[dict[str, str]]:
        return [
            {"row": p.path, "column": p.field, "value": "", "message": p.reason}
            for p in self.problems
        ]


class Rejected(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} problem(s)")
        self.report = report


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _objects(document, report: ImportReport) -> list[dict]:
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, dict):
        return [document]
    if isinstance(document, list):
        return document
    report.problems.append(
        Problem(report.file, "", "", "Verwacht een lijst van organisaties of een HSDS-pagina.")
    )
    return []


def _validate(objects: list[dict], report: ImportReport) -> None:
    validator = hsds.validator("organization")
    for index, item in enumerate(objects):
        for error in sorted(validator.iter_errors(item), key=lambda e: list(e.absolute_path)):
            parts = [index, *error.absolute_path]
            field_name = next((p for p in reversed(parts) if isinstance(p, str)), "")
            if error.validator == "required":
                missing = error.message.split("'")[1] if "'" in error.message else ""
                reason = f"Verplicht veld '{missing}' ontbreekt."
                field_name = missing
            elif error.validator == "format":
                reason = f"Waarde {error.instance!r} is geen geldige {error.validator_value}."
            elif error.validator == "enum":
                reason = (
                    f"Waarde {error.instance!r} is niet toegestaan; "
                    f"kies uit {error.validator_value}."
                )
            elif error.validator == "type":
                reason = f"Verwacht een waarde van type {error.validator_value}."
            else:
                reason = f"Ongeldige waarde ({error.validator})."
            report.problems.append(Problem(report.file, _path(parts), field_name, reason))


def _area(data: dict) -> Area | None:
    code = data.get("cbs_wijkcode") or ""
    if code:
        found = Area.objects.filter(cbs_code=code).first()
        if found:
            return found
    return Area.objects.filter(name__iexact=data.get("name", "")).first()


def _organisation(data: dict, actor: User | None) -> Organisation:
    found = (
        Organisation.objects.filter(uuid=data["id"]).first()
        or Organisation.objects.filter(name__iexact=data["name"]).first()
    )
    if found:
        return found
    base = slugify(data["name"])[:40] or "organisatie"
    code, n = base, 1
    while Organisation.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    organisation = organisation_services.organisation_create(
        data={
            "code": code,
            "name": data["name"],
            "kind": Organisation.Kind.PARTNER,
            "description": data.get("description", ""),
            "website": data.get("website", ""),
            "email": data.get("email", ""),
        }
    )
    Organisation.objects.filter(pk=organisation.pk).update(uuid=uuid.UUID(data["id"]))
    organisation.refresh_from_db()
    return organisation


def _location(data: dict, owner: Organisation) -> Location:
    address = (data.get("addresses") or [{}])[0]
    values = {
        "name": data.get("name") or address.get("address_1", "Locatie"),
        "location_type": data.get("location_type", "physical")
        if data.get("location_type") in ("physical", "virtual")
        else "physical",
        "description": data.get("description", ""),
        "address": address.get("address_1", ""),
        "postal_code": address.get("postal_code", "")[:7],
        "city": address.get("city", ""),
        "url": data.get("url", ""),
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
    }
    location = Location.objects.filter(uuid=data["id"]).first()
    if location is None:
        location = Location(uuid=data["id"], owner=owner)
    for key, value in values.items():
        setattr(location, key, value)
    if data.get("wijk") or data.get("cbs_wijkcode"):
        location.area = _area(
            {"name": data.get("wijk", ""), "cbs_wijkcode": data.get("cbs_wijkcode")}
        )
    location.full_clean(exclude=["owner"])
    location.save()
    return location


def _service(
    data: dict, owner: Organisation, actor: User | None, report: ImportReport, where: str
) -> None:
    areas, terms = [], []
    for index, area_data in enumerate(data.get("service_areas", [])):
        area = _area(area_data)
        if area is None:
            report.problems.append(
                Problem(
                    report.file,
                    f"{where}.service_areas[{index}]",
                    "name",
                    f"Wijk '{area_data.get('name', '')}' bestaat niet in Wijkregie.",
                )
            )
        else:
            areas.append(area)
    for index, attribute in enumerate(data.get("attributes", [])):
        term_data = attribute.get("taxonomy_term") or {}
        term_name = term_data.get("name", attribute.get("taxonomy_term_id", ""))
        term = (
            TaxonomyTerm.objects.filter(
                uuid=attribute.get("taxonomy_term_id") or term_data.get("id")
            ).first()
            or TaxonomyTerm.objects.filter(code=term_data.get("code", "")).first()
        )
        if term is None:
            report.problems.append(
                Problem(
                    report.file,
                    f"{where}.attributes[{index}]",
                    "taxonomy_term",
                    f"Term '{term_name}' is onbekend.",
                )
            )
        else:
            terms.append(term)
    values = {
        "name": data["name"],
        "status": data["status"],
        "kind": data.get("wijkregie_kind", Service.Kind.SERVICE)
        if data.get("wijkregie_kind") in Service.Kind.values
        else Service.Kind.SERVICE,
        "description": data.get("description", "") or data["name"],
        "url": data.get("url", ""),
        "email": data.get("email", ""),
        "phone": (data.get("phones") or [{}])[0].get("number", ""),
        "application_process": data.get("application_process", ""),
        "eligibility_description": data.get("eligibility_description", ""),
        "fees_description": data.get("fees_description", "")[:300],
    }
    relations = {"areas": areas, "terms": terms}
    existing = Service.objects.filter(uuid=data["id"]).first()
    if existing is None:
        service = services.service_create(
            owner=owner, data=values, relations=relations, actor=actor, uuid=data["id"]
        )
        report.services_created += 1
    else:
        service = services.service_update(
            service=existing,
            expected_version=existing.version,
            data=values,
            relations=relations,
            actor=actor,
        )
        report.services_updated += 1
    if data.get("assured_date"):
        assured = dt.date.fromisoformat(data["assured_date"][:10])
        Service.objects.filter(pk=service.pk).update(assured_date=assured)
    for at_data in data.get("service_at_locations", []):
        if not at_data.get("location"):
            continue
        location = _location(at_data["location"], owner)
        at, _ = ServiceAtLocation.objects.update_or_create(
            uuid=at_data["id"],
            defaults={
                "service": service,
                "location": location,
                "description": at_data.get("description", ""),
            },
        )
        at.schedules.all().delete()
        for item in at_data.get("schedules", []):
            if (
                item.get("freq")
                and item.get("byday")
                and item.get("opens_at")
                and item.get("closes_at")
            ):
                Schedule.objects.create(
                    service_at_location=at,
                    freq=item["freq"],
                    byday=item["byday"],
                    opens_at=dt.time.fromisoformat(item["opens_at"]),
                    closes_at=dt.time.fromisoformat(item["closes_at"]),
                    description=item.get("description", ""),
                )


def import_hsds(content: bytes | str, *, file_name: str, actor: User | None = None) -> ImportReport:
    """Validate and load the file; raise ``Rejected`` (nothing changed) on any problem."""
    report = ImportReport(file=file_name)
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        report.problems.append(Problem(file_name, "", "", f"Geen geldige JSON: {exc}."))
        raise Rejected(report) from exc
    objects = _objects(document, report)
    _validate(objects, report)
    if report.problems:
        raise Rejected(report)
    try:
        with transaction.atomic():
            for index, item in enumerate(objects):
                owner = _organisation(item, actor)
                report.organisations += 1
                for s_index, service_data in enumerate(item.get("services", [])):
                    _service(service_data, owner, actor, report, f"[{index}].services[{s_index}]")
            if report.problems:
                raise Rejected(report)
    except Rejected:
        raise
    except Exception as exc:  # a database or validation error: reject, naming the cause
        report.problems.append(Problem(file_name, "", "", f"Niet geladen: {exc}"))
        raise Rejected(report) from exc
    return report
