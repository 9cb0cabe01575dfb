"""The public, read-only HSDS 3.0 API (``/hsds/``), after the official ``openapi.json``.

No login: the social map is meant to be found. Lists are paginated as the specification's
``Page`` (``contents``, ``total_items``, ``total_pages``, ``page_number``, ``size``,
``first_page``, ``last_page``, ``empty``), with ``page`` and ``per_page`` echoed as well.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from wijkregie.organisations.models import Organisation
from wijkregie.socialmap import hsds, selectors
from wijkregie.socialmap.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _bad(message: str) -> JsonResponse:
    return _json({"detail": message}, status=400)


def _int(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    value = int(raw)  # ValueError → 400 in _page
    if value < 1:
        raise ValueError(name)
    return min(value, maximum) if maximum else value


def _page(request, queryset: QuerySet, serialise: Callable[[list], list]) -> JsonResponse:
    try:
        page = _int(request, "page", 1)
        per_page = _int(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    except ValueError:
        return _bad("page en per_page zijn gehele getallen vanaf 1.")
    total = queryset.count()
    pages = max(1, math.ceil(total / per_page))
    items = list(queryset[(page - 1) * per_page : page * per_page])
    return _json(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not items,
            "page": page,
            "per_page": per_page,
            "contents": serialise(items),
        }
    )


def _flag(request, name: str) -> bool:
    return request.GET.get(name, "").lower() in ("1", "true", "yes")


def _modified_after(request):
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    moment = parse_datetime(raw)
    if moment is None and parse_date(raw):
        moment = dt.datetime.combine(parse_date(raw), dt.time.min, tzinfo=dt.UTC)
    if moment is None:
        raise ValueError(raw)
    return moment


def _public(view):
    return login_not_required(require_GET(view))


@_public
def root(request):
    return _json(
        {
            "version": hsds.HSDS_VERSION,
            "profile": "https://docs.openreferral.org/en/3.0/",
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@_public
def openapi(request):
    return _json(hsds.schema("openapi"))


@_public
def services(request):
    queryset = selectors.services().filter(owner__active=True)
    try:
        after = _modified_after(request)
    except ValueError:
        return _bad("modified_after is een datum (jjjj-mm-dd) of tijdstip (ISO 8601).")
    if after:
        queryset = queryset.filter(modified_at__gt=after)
    for word in request.GET.get("search", "").split():
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(owner__name__icontains=word)
        )
    try:
        if request.GET.get("taxonomy_term_id"):
            queryset = queryset.filter(terms__uuid=request.GET["taxonomy_term_id"])
        if request.GET.get("taxonomy_id"):
            queryset = queryset.filter(terms__taxonomy__uuid=request.GET["taxonomy_id"])
        if request.GET.get("organization_id"):
            queryset = queryset.filter(owner__uuid=request.GET["organization_id"])
        queryset = queryset.distinct()
        queryset.exists()
    except ValidationError:
        return _bad("Een id is een UUID.")
    if _flag(request, "minimal"):
        return _page(
            request,
            queryset,
            lambda items: [
                {"id": str(s.uuid), "last_modified": s.modified_at.isoformat()} for s in items
            ],
        )
    if _flag(request, "full"):
        return _page(
            request,
            queryset.prefetch_related("contact_roles__holder__user", "contact_roles__area"),
            _full_services,
        )
    return _page(request, queryset, lambda items: [hsds.service_list_item(s) for s in items])


def _full_services(items: list) -> list[dict]:
    changes = hsds.changes_for(item.uuid for item in items)  # one query for the whole page
    return [hsds.service(item, changes=changes) for item in items]


@_public
def service(request, pk):
    try:
        item = (
            selectors.services()
            .prefetch_related("contact_roles__holder__user")
            .get(uuid=pk, owner__active=True)
        )
    except Service.DoesNotExist as exc:
        raise Http404 from exc
    return _json(hsds.service(item))


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(active=True).select_related("parent").order_by("name")


@_public
def organizations(request):
    queryset = _organisations()
    for word in request.GET.get("search", "").split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
    if _flag(request, "full"):
        return _page(request, queryset, _full_organisations)
    return _page(request, queryset, lambda items: [hsds.organization_brief(o) for o in items])


def _full_organisations(items: list[Organisation]) -> list[dict]:
    per_owner: dict[int, list] = {}
    for item in (
        selectors.services().filter(owner__in=items).prefetch_related("contact_roles__holder__user")
    ):
        per_owner.setdefault(item.owner_id, []).append(item)
    return [hsds.organization(o, per_owner.get(o.pk, [])) for o in items]


@_public
def organization(request, pk):
    try:
        item = _organisations().get(uuid=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    return _json(_full_organisations([item])[0])


def _service_at_locations() -> QuerySet[ServiceAtLocation]:
    return (
        ServiceAtLocation.objects.filter(service__owner__active=True)
        .select_related(
            "service", "service__owner", "location", "location__area", "location__owner"
        )
        .prefetch_related("schedules")
        .order_by("service__name", "location__name")
    )


@_public
def service_at_locations(request):
    queryset = _service_at_locations()
    for word in request.GET.get("search", "").split():
        queryset = queryset.filter(
            Q(service__name__icontains=word) | Q(location__name__icontains=word)
        )
    try:
        if request.GET.get("organization_id"):
            queryset = queryset.filter(service__owner__uuid=request.GET["organization_id"])
        if request.GET.get("taxonomy_term_id"):
            queryset = queryset.filter(service__terms__uuid=request.GET["taxonomy_term_id"])
        if request.GET.get("postcode"):
            queryset = queryset.filter(location__postal_code__istartswith=request.GET["postcode"])
        queryset = queryset.distinct()
        queryset.exists()
    except ValidationError:
        return _bad("Een id is een UUID.")
    return _page(request, queryset, lambda items: [hsds.service_at_location(i) for i in items])


@_public
def service_at_location(request, pk):
    try:
        item = _service_at_locations().get(uuid=pk)
    except ServiceAtLocation.DoesNotExist as exc:
        raise Http404 from exc
    return _json(hsds.service_at_location(item))


@_public
def taxonomies(request):
    queryset = Taxonomy.objects.order_by("name")
    return _page(request, queryset, lambda items: [hsds.taxonomy(t) for t in items])


@_public
def taxonomy(request, pk):
    item = Taxonomy.objects.filter(uuid=pk).first()
    if item is None:
        raise Http404
    return _json(hsds.taxonomy(item))


@_public
def taxonomy_terms(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by(
        "taxonomy__name", "order", "name"
    )
    try:
        if request.GET.get("taxonomy_id"):
            queryset = queryset.filter(taxonomy__uuid=request.GET["taxonomy_id"])
        queryset.exists()
    except ValidationError:
        return _bad("Een id is een UUID.")
    return _page(request, queryset, lambda items: [hsds.taxonomy_term(t) for t in items])


@_public
def taxonomy_term(request, pk):
    item = TaxonomyTerm.objects.select_related("taxonomy").filter(uuid=pk).first()
    if item is None:
        raise Http404
    return _json(hsds.taxonomy_term(item))
