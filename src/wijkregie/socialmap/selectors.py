"""Reads of the social map: the wijk page, search, freshness, the owner's tasks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.socialmap import freshness
from wijkregie.socialmap.models import (
    CollaborationLink,
    ContactRole,
    Entry,
    Flag,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

ENTRY_MODELS: tuple[type[Entry], ...] = (Service, Location, ContactRole, CollaborationLink)
KIND_MODELS: dict[str, type[Entry]] = {model.kind_key: model for model in ENTRY_MODELS}


def may_see_personal_details(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("accounts.view_personal_names"))


def services() -> QuerySet[Service]:
    return (
        Service.objects.select_related("owner")
        .prefetch_related(
            "areas",
            "terms",
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location", "location__area")
                .prefetch_related(Prefetch("schedules", queryset=Schedule.objects.order_by("pk")))
                .order_by("location__name"),
            ),
        )
        .order_by("name")
    )


def roles() -> QuerySet[ContactRole]:
    return ContactRole.objects.select_related(
        "owner", "theme", "area", "holder", "holder__user", "service"
    )


def areas_for(user) -> list[Area]:
    """All wijken, the user's own organisation's first."""
    own = user.organisation_ids_with_role() if user.is_authenticated else frozenset()
    areas = list(Area.objects.select_related("responsible_organisation").order_by("name"))
    return sorted(areas, key=lambda a: (a.responsible_organisation_id not in own, a.name))


@dataclass
class ThemeContacts:
    theme: Theme | None
    roles: list[ContactRole]


@dataclass
class WijkPage:
    area: Area
    team: Organisation
    wijkteams: list[Service]
    contacts: list[ThemeContacts]
    services: list[Service]
    activities: list[Service]
    locations: list[Location]
    partners: list[Organisation] = field(default_factory=list)


def wijk_page(area: Area) -> WijkPage:
    in_area = (
        services()
        .filter(Q(areas=area) | Q(at_locations__location__area=area), status=Service.Status.ACTIVE)
        .distinct()
    )
    listed = list(in_area)
    today = timezone.localdate()
    for service in listed:
        service.state = state_of(service, today).value
    wijkteams = [s for s in listed if s.kind == Service.Kind.WIJKTEAM]
    grouped: dict[Theme | None, list[ContactRole]] = defaultdict(list)
    for role in roles().filter(area=area).order_by("theme__order", "title"):
        grouped[role.theme].append(role)
    contacts = [ThemeContacts(theme, items) for theme, items in grouped.items()]
    others = [s for s in listed if s.kind != Service.Kind.WIJKTEAM]
    locations = {
        at.location.pk: at.location
        for s in listed
        for at in s.at_locations.all()
        if at.location.area_id == area.pk
    }
    partners = sorted({s.owner for s in others}, key=lambda o: o.name)
    return WijkPage(
        area=area,
        team=area.responsible_organisation,
        wijkteams=wijkteams,
        contacts=contacts,
        services=[s for s in others if s.kind == Service.Kind.SERVICE],
        activities=[s for s in others if s.kind == Service.Kind.ACTIVITY],
        locations=sorted(locations.values(), key=lambda loc: loc.name),
        partners=partners,
    )


def search(
    *,
    query: str = "",
    area: Area | None = None,
    terms: list[TaxonomyTerm] | None = None,
    kind: str = "",
    include_inactive: bool = False,
) -> QuerySet[Service]:
    found = services()
    if not include_inactive:
        found = found.filter(status=Service.Status.ACTIVE)
    if area is not None:
        found = found.filter(Q(areas=area) | Q(at_locations__location__area=area))
    for term in terms or []:
        found = found.filter(terms=term)
    if kind:
        found = found.filter(kind=kind)
    for word in query.split():
        found = found.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(owner__name__icontains=word)
            | Q(terms__name__icontains=word)
            | Q(at_locations__location__name__icontains=word)
            | Q(at_locations__location__address__icontains=word)
        )
    return found.distinct()


def service_get(uuid) -> Service:
    return services().get(uuid=uuid)


# --- freshness --------------------------------------------------------------------------------
def due_entries(*, today: dt.date | None = None, owner_ids=None) -> list[Entry]:
    """Entries that are due for a check or stale, oldest first."""
    today = today or timezone.localdate()
    found: list[Entry] = []
    for model in ENTRY_MODELS:
        _, due_before = freshness.cutoffs(model.kind_key, today)
        rows = model.objects.select_related("owner").filter(assured_date__lt=due_before)
        if owner_ids is not None:
            rows = rows.filter(owner_id__in=owner_ids)
        found.extend(rows)
    return sorted(found, key=lambda entry: (entry.due_date, str(entry)))


def state_of(entry: Entry, today: dt.date | None = None) -> freshness.State:
    return freshness.state(entry.assured_date, entry.kind_key, today or timezone.localdate())


@dataclass
class OwnerFreshness:
    owner: Organisation
    total: int = 0
    current: int = 0
    due: int = 0
    stale: int = 0
    vacant: int = 0
    open_flags: int = 0
    oldest: list[Entry] = field(default_factory=list)

    @property
    def share_current(self) -> int:
        """Whole percent of the entries that are current (not due, not stale)."""
        return round(100 * self.current / self.total) if self.total else 100


def freshness_overview(*, today: dt.date | None = None, owner_ids=None) -> list[OwnerFreshness]:
    today = today or timezone.localdate()
    rows: dict[int, OwnerFreshness] = {}
    entries_per_owner: dict[int, list[Entry]] = defaultdict(list)
    for model in ENTRY_MODELS:
        queryset = model.objects.select_related("owner")
        if owner_ids is not None:
            queryset = queryset.filter(owner_id__in=owner_ids)
        for entry in queryset:
            row = rows.setdefault(entry.owner_id, OwnerFreshness(entry.owner))
            row.total += 1
            name = state_of(entry, today).value
            setattr(row, name, getattr(row, name) + 1)
            entries_per_owner[entry.owner_id].append(entry)
    for role in vacant_roles(today=today, owner_ids=owner_ids):
        rows.setdefault(role.owner_id, OwnerFreshness(role.owner)).vacant += 1
    for flag in open_flags(owner_ids=owner_ids):
        rows.setdefault(flag.owner_id, OwnerFreshness(flag.owner)).open_flags += 1
    for owner_id, entries in entries_per_owner.items():
        rows[owner_id].oldest = sorted(entries, key=lambda e: e.assured_date)[:3]
    return sorted(rows.values(), key=lambda row: (row.share_current, row.owner.name))


def vacant_roles(*, today: dt.date | None = None, owner_ids=None) -> list[ContactRole]:
    today = today or timezone.localdate()
    queryset = roles()
    if owner_ids is not None:
        queryset = queryset.filter(owner_id__in=owner_ids)
    return [role for role in queryset.order_by("owner__name", "title") if role.is_vacant(today)]


def open_flags(*, owner_ids=None) -> list[Flag]:
    flags = Flag.objects.filter(resolved_at__isnull=True).select_related(
        "owner", "reported_by", "content_type"
    )
    if owner_ids is not None:
        flags = flags.filter(owner_id__in=owner_ids)
    flags = list(flags.order_by("reported_at"))
    for flag in flags:
        flag.entry  # noqa: B018  (load the flagged entry once)
    return flags


def flags_on(entry: Entry) -> list[Flag]:
    return list(
        Flag.objects.filter(
            content_type=ContentType.objects.get_for_model(type(entry)),
            object_id=entry.pk,
            resolved_at__isnull=True,
        )
    )


def entry_get(kind: str, uuid) -> Entry:
    model = KIND_MODELS.get(kind)
    if model is None:
        raise Service.DoesNotExist(kind)
    return model.objects.select_related("owner").get(uuid=uuid)


def curated_owner_ids(user):
    """The owners whose entries this user keeps: all for the chain director (None), else the
    organisations the user speaks for."""
    from wijkregie.accounts.roles import ORGANISATION_EDITOR_ROLES, Role

    if user.has_role(Role.CHAIN_DIRECTOR):
        return None
    return user.organisation_ids_with_role(*ORGANISATION_EDITOR_ROLES)


@dataclass
class Attention:
    stale: int
    due: int
    vacant: int
    flags: int

    @property
    def total(self) -> int:
        return self.stale + self.due + self.vacant + self.flags


def attention_for(user, today: dt.date | None = None) -> Attention | None:
    """What the entries this user keeps need: stale and due entries, vacant roles, reports."""
    owner_ids = curated_owner_ids(user)
    if owner_ids is not None and not owner_ids:
        return None
    today = today or timezone.localdate()
    due = due_entries(today=today, owner_ids=owner_ids)
    stale = sum(1 for e in due if state_of(e, today) == freshness.State.STALE)
    return Attention(
        stale=stale,
        due=len(due) - stale,
        vacant=len(vacant_roles(today=today, owner_ids=owner_ids)),
        flags=len(open_flags(owner_ids=owner_ids)),
    )


def links(*, organisation: Organisation | None = None, theme: Theme | None = None):
    queryset = CollaborationLink.objects.select_related("owner", "partner", "theme", "area")
    if organisation is not None:
        queryset = queryset.filter(Q(owner=organisation) | Q(partner=organisation))
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    return queryset.order_by("owner__name", "partner__name")


def terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy").order_by(
        "taxonomy__code", "order", "name"
    )
