"""API of pilots: the same selectors, services and rules as the pages. Figures pass through
the dashboard's disclosure control; names of people are left out."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.common.api_permissions import HasRulePermission, require
from wijkregie.indicators.models import Indicator
from wijkregie.pilots import selectors, services
from wijkregie.pilots.models import Element, Expectation, Pilot


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="goal.pk")
    title = serializers.CharField(source="goal.title")
    beneficiary = serializers.CharField(source="goal.beneficiary")
    question = serializers.CharField(source="goal.question")
    indicators = serializers.SerializerMethodField()
    no_indicator_reason = serializers.CharField(source="goal.no_indicator_reason")
    blind_spot = serializers.CharField(
        help_text="'' (monitored), 'no_indicator' or 'no_data' in the latest half-year."
    )
    latest = serializers.CharField(help_text="The half-year the blind spot is judged on.")
    uncovered_periods = serializers.ListField(child=serializers.CharField())

    def get_indicators(self, obj) -> list[str]:
        return [i.code for i in obj.indicators]


class PilotSerializer(serializers.ModelSerializer):
    organisations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    theme = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = Pilot
        fields = [
            "id",
            "name",
            "kind",
            "status",
            "description",
            "theme",
            "first_period",
            "last_period",
            "organisations",
            "areas",
            "budget",
            "version",
        ]


class PilotDetailSerializer(PilotSerializer):
    goals = serializers.SerializerMethodField()
    expectations = serializers.SerializerMethodField()

    class Meta(PilotSerializer.Meta):
        fields = [*PilotSerializer.Meta.fields, "goals", "expectations"]

    def get_goals(self, obj) -> list[dict]:
        return GoalSerializer(self.context["coverage"], many=True).data

    def get_expectations(self, obj) -> list[int]:
        return list(obj.expectations.values_list("pk", flat=True))


class PilotListAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "pilots.view_pilot"

    @extend_schema(tags=["pilots"], responses=PilotSerializer(many=True))
    def get(self, request):
        return Response(PilotSerializer(selectors.pilot_list(), many=True).data)


class PilotDetailAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "pilots.view_pilot"

    @extend_schema(tags=["pilots"], responses=PilotDetailSerializer)
    def get(self, request, pk: int):
        pilot = get_object_or_404(Pilot, pk=pk)
        coverage = selectors.coverage(request.user, pilot, timezone.localdate())
        return Response(PilotDetailSerializer(pilot, context={"coverage": coverage}).data)


class ExpectedRowSerializer(serializers.Serializer):
    period = serializers.CharField()
    expected = serializers.FloatField()
    lower = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True)
    actual = serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=False
    )
    difference = serializers.FloatField(allow_null=True)
    within_band = serializers.BooleanField(allow_null=True)
    saving = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, coerce_to_string=False
    )


class ExpectationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="expectation.pk")
    indicator = serializers.CharField(source="expectation.indicator.code")
    method = serializers.CharField(source="expectation.method")
    baseline = serializers.SerializerMethodField()
    assumptions = serializers.CharField(source="expectation.assumptions")
    unit_cost = serializers.DecimalField(
        source="expectation.unit_cost",
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        coerce_to_string=False,
    )
    unit_cost_label = serializers.CharField(source="expectation.unit_cost_label")
    spread = serializers.SerializerMethodField()
    rows = serializers.SerializerMethodField()
    total_saving = serializers.SerializerMethodField()
    problems = serializers.ListField(child=serializers.CharField())

    def get_baseline(self, obj) -> list[str]:
        e = obj.expectation
        return [e.baseline_first, e.baseline_last]

    def get_spread(self, obj) -> float | None:
        return obj.expected.spread if obj.expected else None

    def get_rows(self, obj) -> list[dict]:
        return ExpectedRowSerializer(obj.outcome.rows if obj.outcome else [], many=True).data

    def get_total_saving(self, obj) -> str | None:
        total = obj.outcome.total_saving if obj.outcome else None
        return None if total is None else str(total)


class ExpectationAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "pilots.view_pilot"

    @extend_schema(tags=["pilots"], responses=ExpectationSerializer)
    def get(self, request, pk: int, expectation: int):
        item = get_object_or_404(Expectation, pk=expectation, pilot_id=pk)
        result = selectors.expected_vs_actual(request.user, item)
        return Response(ExpectationSerializer(result).data)


class ElementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, source="element.pk")
    kind = serializers.ChoiceField(choices=Element.Kind.choices, source="element.kind")
    title = serializers.CharField(max_length=200, source="element.title")
    description = serializers.CharField(
        required=False, allow_blank=True, source="element.description"
    )
    indicators = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)

    def get_indicators(self, obj) -> list[str]:
        return [i.code for i in obj.element.indicators.all()]


class ElementInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Element.Kind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    order = serializers.IntegerField(required=False, min_value=0, default=0)
    indicators = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=Indicator.objects.all(),
        required=False,
        default=list,
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="link.pk")
    source = serializers.IntegerField(source="link.source_id")
    target = serializers.IntegerField(source="link.target_id")
    because = serializers.CharField(source="link.rationale")
    assumption = serializers.CharField(source="link.assumption")
    status = serializers.CharField()
    reason = serializers.CharField()


class TheorySerializer(serializers.Serializer):
    latest = serializers.CharField(allow_null=True, help_text="The latest half-year with data.")
    elements = ElementSerializer(many=True)
    links = LinkSerializer(many=True)


class TheoryAPI(APIView):
    """The theory of change with a status per element and arrow."""

    permission_classes = [HasRulePermission]
    permission_required = "pilots.view_pilot"

    @extend_schema(tags=["pilots"], responses=TheorySerializer)
    def get(self, request, pk: int):
        pilot = get_object_or_404(Pilot, pk=pk)
        by_kind, links, latest = selectors.theory(request.user, pilot, timezone.localdate())
        elements = [state for states in by_kind.values() for state in states]
        return Response(
            {
                "latest": latest,
                "elements": ElementSerializer(elements, many=True).data,
                "links": LinkSerializer(links, many=True).data,
            }
        )


class ElementCreateAPI(APIView):
    """Add an element to the theory of change (a new revision, with the reason)."""

    permission_classes = [HasRulePermission]
    permission_required = "pilots.view_pilot"

    @extend_schema(tags=["pilots"], request=ElementInputSerializer, responses={201: None})
    def post(self, request, pk: int):
        pilot = get_object_or_404(Pilot, pk=pk)
        require(request, "pilots.change_theory", pilot)
        data = ElementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        element = Element(
            pilot=pilot,
            kind=values["kind"],
            title=values["title"],
            description=values["description"],
            order=values["order"],
        )
        try:
            services.element_save(
                element, user=request.user, indicators=values["indicators"], reason=values["reason"]
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return Response({"id": element.pk}, status=status.HTTP_201_CREATED)
