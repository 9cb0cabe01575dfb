"""Reads of the organisations app, filtered by what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from wijkregie.organisations.models import Area, ContactPerson, Organisation, Theme


def organisation_list(
    *, user, query: str | None = None, kind: str | None = None
) -> QuerySet[Organisation]:
    organisations = (
        Organisation.objects.select_related("parent")
        .annotate(area_count=Count("areas", distinct=True))
        .order_by("name")
    )
    if not user.has_perm("organisations.view_inactive_organisation"):
        organisations = organisations.filter(active=True)
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(code__icontains=query) | Q(description__icontains=query)
        )
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


def organisation_get(*, user, pk: int) -> Organisation:
    """The organisation, or ``Organisation.DoesNotExist`` when the user may not see it."""
    return organisation_list(user=user).get(pk=pk)


def area_list(
    *, user, query: str | None = None, organisation: Organisation | None = None
) -> QuerySet[Area]:
    areas = Area.objects.select_related("responsible_organisation")
    if query:
        areas = areas.filter(
            Q(name__icontains=query)
            | Q(code__icontains=query)
            | Q(cbs_code__icontains=query)
            | Q(responsible_organisation__name__icontains=query)
        )
    if organisation is not None:
        areas = areas.filter(responsible_organisation=organisation)
    return areas


def theme_list(*, user, query: str | None = None, include_inactive: bool = True) -> QuerySet[Theme]:
    themes = Theme.objects.all()
    if not include_inactive:
        themes = themes.filter(active=True)
    if query:
        themes = themes.filter(Q(name__icontains=query) | Q(description__icontains=query))
    return themes


def contact_list(*, organisation: Organisation, include_inactive: bool = False):
    contacts = ContactPerson.objects.filter(organisation=organisation)
    if not include_inactive:
        contacts = contacts.filter(active=True)
    return contacts.order_by("name")


def team_organisations() -> QuerySet[Organisation]:
    """The active team organisations (the contractors of the commission)."""
    return Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION, active=True)
