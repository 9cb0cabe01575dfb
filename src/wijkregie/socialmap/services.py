"""Writes of the social map. Every change is versioned (no silent overwrite), written to the
HSDS change log (``Change``) and to the audit log; editing an entry also confirms it is current.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent, Membership, User
from wijkregie.accounts.roles import ORGANISATION_EDITOR_ROLES, Role
from wijkregie.accounts.services import audit_event_create
from wijkregie.organisations.models import Organisation
from wijkregie.socialmap.models import (
    Change,
    CollaborationLink,
    ContactRole,
    Entry,
    Flag,
    Service,
    Taxonomy,
    TaxonomyTerm,
)

SERVICE_FIELDS = [
    "name",
    "kind",
    "status",
    "description",
    "url",
    "email",
    "phone",
    "application_process",
    "eligibility_description",
    "fees_description",
]
SERVICE_RELATIONS = ["areas", "terms"]
ROLE_FIELDS = [
    "title",
    "theme",
    "area",
    "email",
    "phone",
    "holder",
    "valid_from",
    "valid_until",
    "holder_public",
]
LINK_FIELDS = ["partner", "theme", "area", "level", "frequency", "note"]

RESOURCE_TYPES = {
    Service: "service",
    ContactRole: "contact",
    CollaborationLink: "collaboration_link",
}


def actor_label(actor: User | None) -> str:
    """Who changed it, as the change log shows it publicly: the organisation, not the person
    (the audit log keeps the person)."""
    if actor is None:
        return "Wijkregie"
    membership = actor.primary_membership
    return membership.organisation.name if membership else "Wijkregie"


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


def _log(entry, action: str, changes: dict[str, tuple[Any, Any]], actor: User | None) -> None:
    now = timezone.now()
    label = actor_label(actor)
    Change.objects.bulk_create(
        Change(
            resource_id=entry.uuid,
            resource_type=RESOURCE_TYPES.get(type(entry), type(entry).__name__.lower()),
            last_action_date=now,
            last_action_type=action,
            field_name=field,
            previous_value=_value(old),
            replacement_value=_value(new),
            updated_by=label,
        )
        for field, (old, new) in changes.items()
    )
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=actor,
        obj=entry,
        detail={"action": action, "fields": sorted(changes)},
    )


def _touch(entry: Entry, actor: User | None, today: dt.date | None = None) -> None:
    entry.assured_date = today or timezone.localdate()
    entry.assured_by = actor_label(actor)
    entry.modified_at = timezone.now()
    entry.reminded_on = None
    entry.escalated_on = None


TOUCH_FIELDS = ["assured_date", "assured_by", "modified_at", "reminded_on", "escalated_on"]


def _write(
    entry: Entry,
    *,
    expected_version: int | None,
    data: dict[str, Any],
    fields: list[str],
    relations: dict[str, Iterable] | None,
    actor: User | None,
) -> Entry:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    creating = entry.pk is None
    previous_assured = entry.assured_date
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in data.items():
        old = None if creating else getattr(entry, field)
        if creating or old != new:
            changes[field] = (old, new)
        setattr(entry, field, new)
    _touch(entry, actor)
    entry.full_clean()
    if creating:
        entry.save()
    else:
        entry.save_versioned(
            expected_version=expected_version if expected_version is not None else entry.version,
            update_fields=[*data, *TOUCH_FIELDS],
        )
    for name, items in (relations or {}).items():
        manager = getattr(entry, name)
        old_items = set() if creating else set(manager.all())
        new_items = set(items)
        if old_items != new_items:
            manager.set(new_items)
            changes[name] = (old_items, new_items)
    if creating or changes:
        _log(entry, "create" if creating else "update", changes, actor)
    else:  # saved without a change: the owner confirmed it is still right
        _log(entry, "assure", {"assured_date": (previous_assured, entry.assured_date)}, actor)
    return entry


# --- services and activities ----------------------------------------------------------------
@transaction.atomic
def service_create(
    *,
    owner: Organisation,
    data: dict[str, Any],
    actor: User | None,
    relations: dict[str, Iterable] | None = None,
    uuid: uuid_module.UUID | str | None = None,
) -> Service:
    """A new service of ``owner``; ``uuid`` keeps the identifier it has elsewhere (import)."""
    return _write(
        Service(owner=owner, uuid=uuid or uuid_module.uuid4()),
        expected_version=None,
        data=data,
        fields=SERVICE_FIELDS,
        relations=relations,
        actor=actor,
    )


@transaction.atomic
def service_update(
    *,
    service: Service,
    expected_version: int,
    data: dict[str, Any],
    actor: User | None,
    relations: dict[str, Iterable] | None = None,
) -> Service:
    return _write(
        service,
        expected_version=expected_version,
        data=data,
        fields=SERVICE_FIELDS,
        relations=relations,
        actor=actor,
    )


# --- contact roles ----------------------------------------------------------------------------
def _check_holder(role: ContactRole) -> None:
    holder = role.holder
    if holder is not None and holder.organisation_id != role.owner_id:
        raise ValidationError(
            {"holder": _("The holder must be a contact person of %(org)s.") % {"org": role.owner}}
        )
    if role.valid_from and role.valid_until and role.valid_until < role.valid_from:
        raise ValidationError({"valid_until": _("The end date lies before the start date.")})


@transaction.atomic
def contact_role_create(
    *, owner: Organisation, data: dict[str, Any], actor: User | None, service: Service | None = None
) -> ContactRole:
    role = ContactRole(owner=owner, service=service)
    for field, value in data.items():
        setattr(role, field, value)
    _check_holder(role)
    return _write(
        role, expected_version=None, data=data, fields=ROLE_FIELDS, relations=None, actor=actor
    )


@transaction.atomic
def contact_role_update(
    *, role: ContactRole, expected_version: int, data: dict[str, Any], actor: User | None
) -> ContactRole:
    probe = ContactRole(owner_id=role.owner_id, **{f: getattr(role, f) for f in ROLE_FIELDS})
    for field, value in data.items():
        setattr(probe, field, value)
    _check_holder(probe)
    return _write(
        role,
        expected_version=expected_version,
        data=data,
        fields=ROLE_FIELDS,
        relations=None,
        actor=actor,
    )


# --- collaboration links ----------------------------------------------------------------------
def _check_link(link: CollaborationLink) -> None:
    if link.partner_id == link.owner_id:
        raise ValidationError({"partner": _("An organisation does not collaborate with itself.")})


@transaction.atomic
def link_create(*, owner: Organisation, data: dict[str, Any], actor: User | None):
    link = CollaborationLink(owner=owner, **data)
    _check_link(link)
    return _write(
        CollaborationLink(owner=owner),
        expected_version=None,
        data=data,
        fields=LINK_FIELDS,
        relations=None,
        actor=actor,
    )


@transaction.atomic
def link_update(
    *, link: CollaborationLink, expected_version: int, data: dict[str, Any], actor: User | None
):
    if data.get("partner", link.partner) == link.owner:
        raise ValidationError({"partner": _("An organisation does not collaborate with itself.")})
    return _write(
        link,
        expected_version=expected_version,
        data=data,
        fields=LINK_FIELDS,
        relations=None,
        actor=actor,
    )


# --- freshness --------------------------------------------------------------------------------
@transaction.atomic
def assure(*, entry: Entry, expected_version: int, actor: User | None) -> Entry:
    """The owner confirms the entry is still correct: its freshness starts again."""
    previous = entry.assured_date
    _touch(entry, actor)
    entry.save_versioned(expected_version=expected_version, update_fields=TOUCH_FIELDS)
    _log(entry, "assure", {"assured_date": (previous, entry.assured_date)}, actor)
    return entry


def editors_of(organisation: Organisation, today: dt.date | None = None) -> list[User]:
    """The people who keep this organisation's entries current: its managers and partner users
    with an active account and membership."""
    today = today or timezone.localdate()
    memberships = (
        Membership.objects.filter(
            organisation=organisation, role__in=ORGANISATION_EDITOR_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    )
    return [m.user for m in memberships if m.is_active_on(today)]


def chain_directors(today: dt.date | None = None) -> list[User]:
    today = today or timezone.localdate()
    memberships = Membership.objects.filter(
        role=Role.CHAIN_DIRECTOR, user__is_active=True
    ).select_related("user")
    users = {m.user for m in memberships if m.is_active_on(today)}
    return sorted(users, key=lambda user: user.username)


def _mail(subject: str, body: str, users: Iterable[User]) -> tuple:
    return (
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        sorted({user.email for user in users if user.email}),
    )


def _send_after_commit(messages: list[tuple]) -> None:
    messages = [message for message in messages if message[3]]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def _line(entry: Entry) -> str:
    return f"- {entry} ({_('last checked on')} {entry.assured_date:%d-%m-%Y})"


@transaction.atomic
def send_reminders(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind the owners' editors of their entries that are due or stale, and of their vacant
    contact roles (at most once per reminder interval per entry); tell the chain directors about
    entries stale for longer than the escalation period. One e-mail per organisation."""
    from wijkregie.socialmap.selectors import due_entries

    today = today or timezone.localdate()
    interval = dt.timedelta(days=settings.WIJKREGIE_SOCIALMAP_REMIND_DAYS)
    escalate_after = dt.timedelta(days=settings.WIJKREGIE_SOCIALMAP_ESCALATE_DAYS)
    per_owner: dict[Organisation, list[Entry]] = defaultdict(list)
    escalations: list[Entry] = []
    for entry in due_entries(today=today):
        if entry.reminded_on is None or entry.reminded_on <= today - interval:
            per_owner[entry.owner].append(entry)
        if entry.escalated_on is None and entry.due_date + escalate_after < today:
            escalations.append(entry)
    vacant_per_owner: dict[Organisation, list[ContactRole]] = defaultdict(list)
    for role in ContactRole.objects.select_related("owner", "holder", "holder__user", "area"):
        if role.is_vacant(today) and (
            role.reminded_on is None or role.reminded_on <= today - interval
        ):
            vacant_per_owner[role.owner].append(role)

    messages = []
    url = reverse("socialmap:freshness")
    with translation.override(settings.LANGUAGE_CODE):
        for owner in sorted(set(per_owner) | set(vacant_per_owner), key=lambda o: o.name):
            entries, vacant = per_owner.get(owner, []), vacant_per_owner.get(owner, [])
            parts = []
            if entries:
                parts.append(
                    _("These entries of %(org)s on the social map need a check:")
                    % {"org": owner.name}
                    + "\n"
                    + "\n".join(_line(entry) for entry in entries)
                )
            if vacant:
                parts.append(
                    _("These contact roles of %(org)s have no holder:") % {"org": owner.name}
                    + "\n"
                    + "\n".join(f"- {role}" for role in vacant)
                )
            parts.append(
                _(
                    "Check them in Wijkregie (Sociale kaart, Actualiteit: %(url)s): change what "
                    "is no longer right or confirm that it is current."
                )
                % {"url": url}
            )
            editors = editors_of(owner, today) or chain_directors(today)
            messages.append(
                _mail(
                    _("Social map: please check the entries of %(org)s") % {"org": owner.name},
                    "\n\n".join(parts),
                    editors,
                )
            )
        if escalations:
            messages.append(
                _mail(
                    _("Social map: %(count)d entries stale for more than %(days)d days")
                    % {"count": len(escalations), "days": escalate_after.days},
                    _("Their owners were reminded but have not checked them:")
                    + "\n"
                    + "\n".join(f"{_line(entry)} — {entry.owner}" for entry in escalations)
                    + "\n\n"
                    + url,
                    chain_directors(today),
                )
            )
    for entries in per_owner.values():
        for entry in entries:
            type(entry).objects.filter(pk=entry.pk).update(reminded_on=today)
    for roles in vacant_per_owner.values():
        ContactRole.objects.filter(pk__in=[role.pk for role in roles]).update(reminded_on=today)
    for entry in escalations:
        type(entry).objects.filter(pk=entry.pk).update(escalated_on=today)
    _send_after_commit(messages)
    return {
        "reminded": sum(len(entries) for entries in per_owner.values()),
        "vacant": sum(len(roles) for roles in vacant_per_owner.values()),
        "escalated": len(escalations),
        "emails": len([m for m in messages if m[3]]),
    }


# --- "klopt niet" -----------------------------------------------------------------------------
@transaction.atomic
def flag_create(*, entry: Entry, note: str, actor: User) -> Flag:
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say what is wrong, so the owner can fix it.")})
    flag = Flag.objects.create(
        content_type=ContentType.objects.get_for_model(type(entry)),
        object_id=entry.pk,
        owner=entry.owner,
        note=note,
        reported_by=actor,
    )
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED, actor=actor, obj=entry, detail={"flag": flag.pk}
    )
    url = reverse("socialmap:freshness")
    with translation.override(settings.LANGUAGE_CODE):
        message = _mail(
            _("Social map: someone reports that an entry of %(org)s is not right")
            % {"org": entry.owner.name},
            _(
                "Entry: %(entry)s\nWhat is wrong: %(note)s\n\nPlease correct it in Wijkregie "
                "(Sociale kaart, Actualiteit: %(url)s)."
            )
            % {"entry": entry, "note": note, "url": url},
            editors_of(entry.owner) or chain_directors(),
        )
    _send_after_commit([message])
    return flag


@transaction.atomic
def flag_resolve(*, flag: Flag, resolution: str, actor: User) -> Flag:
    updated = Flag.objects.filter(pk=flag.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution=resolution.strip()
    )
    if updated != 1:
        raise ValidationError(_("This report has already been handled."))
    flag.refresh_from_db()
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=actor,
        obj=flag.owner,
        detail={"flag_resolved": flag.pk},
    )
    return flag


def roles_fall_vacant(*, user: User) -> int:
    """Tell the owners that the roles this (now deactivated) person held are vacant."""
    held = list(ContactRole.objects.filter(holder__user=user).select_related("owner"))
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for role in held:
            messages.append(
                _mail(
                    _("Social map: contact role %(title)s is vacant") % {"title": role.title},
                    _(
                        "The account of the holder of this role has been deactivated, so the "
                        "role is shown as vacant. Please name a new holder in Wijkregie "
                        "(Sociale kaart, Actualiteit: %(url)s)."
                    )
                    % {"url": reverse("socialmap:freshness")},
                    editors_of(role.owner) or chain_directors(),
                )
            )
    _send_after_commit(messages)
    return len(held)


def theme_term_sync(*, theme) -> TaxonomyTerm:
    """The term of ``theme`` in the themes taxonomy, created or brought in line with it."""
    taxonomy, _ = Taxonomy.objects.get_or_create(
        code="themas",
        defaults={
            "name": "Thema's van de opdracht Sociale Wijkteams",
            "description": "De thema's van de opdracht van de gemeente aan de Sociale Wijkteams.",
        },
    )
    term, _ = TaxonomyTerm.objects.update_or_create(
        taxonomy=taxonomy,
        theme=theme,
        defaults={
            "code": theme.code,
            "name": theme.name,
            "description": theme.description,
            "order": theme.order,
        },
    )
    return term
