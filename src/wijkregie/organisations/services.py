"""Writes of the organisations app. Every edit is validated, versioned and audit-logged."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction
from django.http import HttpRequest

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.organisations.models import Area, ContactPerson, Organisation, Theme

ORGANISATION_FIELDS = [
    "code",
    "name",
    "kind",
    "parent",
    "description",
    "website",
    "email",
    "phone",
    "active",
]
#: What an organisation's own manager or partner user may keep current.
ORGANISATION_SELF_SERVICE_FIELDS = ["description", "website", "email", "phone"]
AREA_FIELDS = [
    "code",
    "name",
    "cbs_code",
    "municipality_code",
    "responsible_organisation",
    "description",
]
THEME_FIELDS = ["code", "name", "registration_code", "description", "order", "active"]
CONTACT_FIELDS = ["name", "function", "topics", "email", "phone", "active"]

Versioned = TypeVar("Versioned", Organisation, Area, Theme, ContactPerson)


def _changed(instance, data: dict[str, Any]) -> dict[str, list[str]]:
    changes = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [str(old), str(new)]
    return changes


@transaction.atomic
def _create(model: type[Versioned], *, data: dict[str, Any], request: HttpRequest | None):
    instance = model(**data)
    instance.full_clean()
    instance.save()
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        request=request,
        obj=instance,
        detail={"created": True},
    )
    return instance


@transaction.atomic
def _update(
    instance: Versioned,
    *,
    expected_version: int,
    data: dict[str, Any],
    allowed_fields: list[str],
    request: HttpRequest | None,
) -> Versioned:
    unknown = set(data) - set(allowed_fields)
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    changes = _changed(instance, data)
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save_versioned(expected_version=expected_version, update_fields=list(data))
    if changes:
        audit_event_create(
            action=AuditEvent.Action.OBJECT_CHANGED,
            request=request,
            obj=instance,
            detail={"changes": changes},
        )
    return instance


def organisation_create(
    *, data: dict[str, Any], request: HttpRequest | None = None
) -> Organisation:
    return _create(Organisation, data=data, request=request)


def organisation_update(
    *,
    organisation: Organisation,
    expected_version: int,
    data: dict[str, Any],
    self_service: bool = False,
    request: HttpRequest | None = None,
) -> Organisation:
    fields = ORGANISATION_SELF_SERVICE_FIELDS if self_service else ORGANISATION_FIELDS
    return _update(
        organisation,
        expected_version=expected_version,
        data=data,
        allowed_fields=fields,
        request=request,
    )


def area_create(*, data: dict[str, Any], request: HttpRequest | None = None) -> Area:
    return _create(Area, data=data, request=request)


def area_update(
    *, area: Area, expected_version: int, data: dict[str, Any], request: HttpRequest | None = None
) -> Area:
    return _update(
        area,
        expected_version=expected_version,
        data=data,
        allowed_fields=AREA_FIELDS,
        request=request,
    )


def theme_create(*, data: dict[str, Any], request: HttpRequest | None = None) -> Theme:
    return _create(Theme, data=data, request=request)


def theme_update(
    *, theme: Theme, expected_version: int, data: dict[str, Any], request: HttpRequest | None = None
) -> Theme:
    return _update(
        theme,
        expected_version=expected_version,
        data=data,
        allowed_fields=THEME_FIELDS,
        request=request,
    )


def contact_create(
    *, organisation: Organisation, data: dict[str, Any], request: HttpRequest | None = None
) -> ContactPerson:
    return _create(ContactPerson, data={"organisation": organisation, **data}, request=request)


def contact_update(
    *,
    contact: ContactPerson,
    expected_version: int,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> ContactPerson:
    return _update(
        contact,
        expected_version=expected_version,
        data=data,
        allowed_fields=CONTACT_FIELDS,
        request=request,
    )
