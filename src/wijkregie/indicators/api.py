"""API of indicator definitions and the measurability lint: the same rules as the pages."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.common.api_permissions import HasRulePermission
from wijkregie.indicators.lint import lint
from wijkregie.indicators.models import Indicator, Target


class IndicatorFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=100)
    theme = serializers.CharField(required=False, max_length=50, help_text="Theme code")
    tier = serializers.ChoiceField(required=False, choices=Indicator.Tier.choices)
    active = serializers.BooleanField(required=False, allow_null=True, default=None)


class TargetSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    value = serializers.DecimalField(max_digits=14, decimal_places=4, coerce_to_string=False)

    class Meta:
        model = Target
        fields = ["period", "organisation", "area", "value"]


class IndicatorSerializer(serializers.ModelSerializer):
    numerator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    denominator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    requirements = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    owner = serializers.SerializerMethodField()
    has_owner = serializers.SerializerMethodField()
    factor = serializers.DecimalField(max_digits=14, decimal_places=4, coerce_to_string=False)
    baseline_value = serializers.DecimalField(
        max_digits=14, decimal_places=4, coerce_to_string=False, allow_null=True
    )
    minimum = serializers.DecimalField(
        max_digits=14, decimal_places=4, coerce_to_string=False, allow_null=True
    )
    maximum = serializers.DecimalField(
        max_digits=14, decimal_places=4, coerce_to_string=False, allow_null=True
    )
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "definition",
            "technical_definition",
            "question",
            "unit",
            "polarity",
            "source",
            "formula",
            "aggregation",
            "numerator",
            "denominator",
            "factor",
            "numerator_label",
            "denominator_label",
            "denominator_is_persons",
            "themes",
            "requirements",
            "tier",
            "granularity",
            "owner",
            "has_owner",
            "baseline_value",
            "baseline_period",
            "minimum",
            "maximum",
            "active",
            "version",
            "targets",
        ]

    def get_owner(self, obj) -> str | None:
        """The owner's name, only for those who may see personal names (as on the page)."""
        if obj.owner is None or not self.context.get("show_names"):
            return None
        return obj.owner.get_display_name()

    def get_has_owner(self, obj) -> bool:
        return obj.owner_id is not None


def _indicators():
    return (
        Indicator.objects.select_related("numerator", "denominator", "owner")
        .prefetch_related("themes", "requirements", "targets__organisation", "targets__area")
        .order_by("code")
    )


@extend_schema(parameters=[IndicatorFilterSerializer], tags=["indicators"])
class IndicatorListAPI(generics.ListAPIView):
    permission_classes = [HasRulePermission]
    permission_required = "indicators.view_indicator"
    serializer_class = IndicatorSerializer

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "show_names": self.request.user.has_perm("accounts.view_personal_names"),
        }

    def get_queryset(self):
        filters = IndicatorFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        queryset = _indicators()
        if data.get("q"):
            queryset = queryset.filter(Q(code__icontains=data["q"]) | Q(name__icontains=data["q"]))
        if data.get("theme"):
            queryset = queryset.filter(themes__code=data["theme"])
        if data.get("tier"):
            queryset = queryset.filter(tier=data["tier"])
        if data.get("active") is not None:
            queryset = queryset.filter(active=data["active"])
        return queryset.distinct()


class IndicatorDetailAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "indicators.view_indicator"

    @extend_schema(tags=["indicators"], responses=IndicatorSerializer)
    def get(self, request, pk: int):
        indicator = get_object_or_404(_indicators(), pk=pk)
        show = request.user.has_perm("accounts.view_personal_names")
        return Response(IndicatorSerializer(indicator, context={"show_names": show}).data)


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    kind = serializers.CharField()
    subject = serializers.CharField()
    subject_name = serializers.CharField()
    message = serializers.CharField()
    action = serializers.CharField()


class LintAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "indicators.view_lint"

    @extend_schema(tags=["indicators"], responses=FindingSerializer(many=True))
    def get(self, request):
        return Response([finding.as_dict() for finding in lint()])
