"""``/api/v1/values/``: published figures from the one fact grain, through the same selector and
the same disclosure control as the dashboard and its exports."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from wijkregie.common.api_permissions import HasRulePermission
from wijkregie.common.pagination import BoundedLimitOffsetPagination
from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors
from wijkregie.organisations.models import Area, Organisation, Theme

LEVELS = [
    ("contractors", gettext_lazy("per contractor and for the whole municipality")),
    ("areas", gettext_lazy("per wijk and per contractor")),
    ("themes", gettext_lazy("per contractor × theme and per theme")),
]


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class ValueFilterSerializer(serializers.Serializer):
    indicator = serializers.CharField(
        required=False, help_text="Indicator code(s), comma-separated."
    )
    organisation = serializers.CharField(
        required=False, help_text="Organisation code(s), comma-separated."
    )
    area = serializers.CharField(required=False, help_text="Wijk code(s), comma-separated.")
    theme = serializers.CharField(required=False, help_text="Theme code(s), comma-separated.")
    period = serializers.CharField(
        required=False,
        help_text="Half-year(s) such as 2025H1, comma-separated; default the six latest ended "
        "half-years with data (the same window as the dashboard).",
    )
    level = serializers.ChoiceField(
        required=False,
        choices=LEVELS,
        help_text="Default: 'areas' with an area filter, 'themes' with a theme filter, "
        "else 'contractors'.",
    )

    def _lookup(self, model, text: str, field: str) -> list:
        codes = _codes(text)
        found = {obj.code: obj for obj in model.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise serializers.ValidationError(
                {field: [_("Unknown code(s): %(codes)s.") % {"codes": ", ".join(unknown)}]}
            )
        return [found[code] for code in codes]

    def validate(self, attrs: dict) -> dict:
        result: dict = {}
        result["indicators"] = (
            self._lookup(Indicator, attrs["indicator"], "indicator")
            if attrs.get("indicator")
            else None
        )
        for name, model in (("organisation", Organisation), ("area", Area), ("theme", Theme)):
            result[name] = self._lookup(model, attrs[name], name) if attrs.get(name) else None
        periods = []
        for text in _codes(attrs.get("period", "")):
            try:
                periods.append(str(Period.parse(text)))
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"period": exc.messages}) from exc
        result["periods"] = periods or selectors.default_periods()
        level = attrs.get("level")
        if not level:
            level = "areas" if result["area"] else ("themes" if result["theme"] else "contractors")
        if result["area"] and level != "areas":
            raise serializers.ValidationError({"area": [_("An area filter needs level 'areas'.")]})
        if result["theme"] and level != "themes":
            raise serializers.ValidationError(
                {"theme": [_("A theme filter needs level 'themes'.")]}
            )
        result["level"] = level
        return result


class ValueSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Indicator code")
    period = serializers.CharField()
    organisation = serializers.CharField(
        allow_null=True, help_text="Organisation code; null for the whole municipality."
    )
    area = serializers.CharField(allow_null=True, help_text="Wijk code; null for all wijken.")
    theme = serializers.CharField(allow_null=True, help_text="Theme code; null for all themes.")
    value = serializers.DecimalField(
        max_digits=20,
        decimal_places=4,
        allow_null=True,
        coerce_to_string=False,
        help_text="The number, or null when it is suppressed or missing.",
    )
    display = serializers.CharField(help_text="As shown on the dashboard, e.g. '<10'.")
    suppressed = serializers.BooleanField()
    source = serializers.CharField(
        help_text="Where the facts of this cell come from (delivered, computed, municipal, "
        "survey, signals), or 'mixed'."
    )
    state = serializers.CharField(help_text="approved or computed (published facts only).")
    provisional = serializers.BooleanField(
        help_text="The half-year has not ended, or its deliveries are not all approved (for an "
        "organisation's own figure: its own delivery is not approved)."
    )
    complete = serializers.BooleanField(
        help_text="False for a total over organisations that misses an expected organisation."
    )
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="Codes of the organisations expected in this total but absent.",
    )
    not_measurable = serializers.IntegerField(
        help_text="How many delivered lines in this cell were marked not measurable."
    )


class ValueListAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "insights.view_dashboard"
    pagination_class = BoundedLimitOffsetPagination

    @extend_schema(
        tags=["indicators"],
        parameters=[ValueFilterSerializer],
        responses=ValueSerializer(many=True),
    )
    def get(self, request):
        # The same answer for everyone with the same memberships until the facts change:
        # serialised once per process (see ``selectors.cache_key``); errors are not kept.
        cacheable = isinstance(request.accepted_renderer, JSONRenderer)
        key = selectors.cache_key(request.user, "values", request.build_absolute_uri())
        if cacheable and (body := cache.get(key)) is not None:
            return HttpResponse(body, content_type="application/json")
        response = self.answer(request)
        if not cacheable:
            return response
        body = JSONRenderer().render(response.data)
        cache.set(key, body, selectors.CACHE_SECONDS)
        return HttpResponse(body, content_type="application/json")

    def answer(self, request):
        filters = ValueFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        indicators = data["indicators"] or list(
            Indicator.objects.filter(active=True)
            .select_related("numerator", "denominator")
            .order_by("code")
        )
        found = selectors.figures(
            request.user,
            indicators,
            data["periods"],
            level=data["level"],
            organisations=[o.pk for o in data["organisation"]] if data["organisation"] else None,
            areas=[a.pk for a in data["area"]] if data["area"] else None,
        )
        if data["theme"]:
            wanted = {t.pk for t in data["theme"]}
            found = {k: f for k, f in found.items() if k[2][2] in wanted}
        if data["organisation"]:
            # The municipal total is context on the page; asked for contractors, give only theirs.
            found = {k: f for k, f in found.items() if k[2][0] is not None}
        codes = {
            "organisation": dict(Organisation.objects.values_list("pk", "code")),
            "area": dict(Area.objects.values_list("pk", "code")),
            "theme": dict(Theme.objects.values_list("pk", "code")),
        }
        order = {p: n for n, p in enumerate(data["periods"])}
        items = [
            _item(figure, codes)
            for figure in sorted(
                found.values(),
                key=lambda f: (
                    f.indicator.code,
                    order.get(f.period, 0),
                    codes["organisation"].get(f.key[0], "~"),
                    codes["area"].get(f.key[1], "~"),
                    codes["theme"].get(f.key[2], "~"),
                ),
            )
        ]
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(ValueSerializer(page, many=True).data)


def _item(figure: selectors.Figure, codes: dict) -> dict:
    organisation_id, area_id, theme_id = figure.key
    return {
        "indicator": figure.indicator.code,
        "period": figure.period,
        "organisation": codes["organisation"].get(organisation_id),
        "area": codes["area"].get(area_id),
        "theme": codes["theme"].get(theme_id),
        "value": figure.shown,
        "display": figure.display,
        "suppressed": figure.suppressed,
        "source": figure.source,
        "state": figure.state,
        "provisional": figure.provisional,
        "complete": figure.complete,
        "missing": list(figure.missing_codes),
        "not_measurable": figure.not_measurable,
    }
