"""API of half-year deliveries: create, fill, submit, review — the same services, validation and
permission rules as the pages. Writes carry the ``version`` they were based on; a stale version
answers 409, a move the workflow does not allow answers 409 with the reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.common.api_permissions import require
from wijkregie.common.pagination import BoundedLimitOffsetPagination
from wijkregie.common.periods import Period
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Area, Organisation
from wijkregie.reporting import selectors, services, workflow
from wijkregie.reporting.models import Delivery
from wijkregie.reporting.validation import Entry


def _conflict(exc: Exception) -> Response:
    message = getattr(exc, "message", ConcurrentEditError.message)
    return Response({"detail": str(message)}, status=status.HTTP_409_CONFLICT)


class LineSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    area = serializers.SerializerMethodField()
    value = serializers.SerializerMethodField()
    display = serializers.CharField()
    suppressed = serializers.SerializerMethodField()
    not_measurable = serializers.SerializerMethodField()
    note = serializers.CharField(help_text="Reason (not measurable) or explanation.")

    def get_area(self, line) -> str | None:
        return line.area.code if line.area else None

    def get_value(self, line) -> float | None:
        if line.value is None or line.suppression or line.value.value is None:
            return None
        return float(line.value.value)

    def get_suppressed(self, line) -> bool:
        return bool(line.suppression)

    def get_not_measurable(self, line) -> bool:
        return bool(line.value and line.value.not_measurable)


class DeliverySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = [
            "id",
            "organisation",
            "period",
            "number",
            "state",
            "due_date",
            "overdue",
            "correction_reason",
            "feedback",
            "submitted_at",
            "reviewed_at",
            "version",
        ]

    def get_overdue(self, obj) -> bool:
        return obj.editable and timezone.localdate() > obj.due_date


class DeliveryDetailSerializer(DeliverySerializer):
    lines = serializers.SerializerMethodField()

    class Meta(DeliverySerializer.Meta):
        fields = [*DeliverySerializer.Meta.fields, "lines"]

    def get_lines(self, obj) -> list[dict]:
        return LineSerializer(selectors.lines(obj, self.context["request"].user), many=True).data


class DeliveryCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION),
    )
    period = serializers.CharField(max_length=6, help_text="For example 2026H2.")

    def validate_period(self, value: str) -> str:
        try:
            return str(Period.parse(value))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class DeliveryListAPI(APIView):
    pagination_class = BoundedLimitOffsetPagination

    @extend_schema(tags=["deliveries"], responses=DeliverySerializer(many=True))
    def get(self, request):
        require(request, "reporting.view_deliveries")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.deliveries_for(request.user), request, view=self
        )
        return paginator.get_paginated_response(DeliverySerializer(page, many=True).data)

    @extend_schema(
        tags=["deliveries"],
        request=DeliveryCreateSerializer,
        responses={201: DeliveryDetailSerializer},
    )
    def post(self, request):
        require(request, "reporting.view_deliveries")
        serializer = DeliveryCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = serializer.validated_data["organisation"]
        require(request, "reporting.add_delivery", organisation)
        delivery = services.delivery_create(
            organisation=organisation, period=serializer.validated_data["period"], user=request.user
        )
        return Response(
            DeliveryDetailSerializer(delivery, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class _DeliveryAPI(APIView):
    permission: str = "reporting.view_delivery"

    def delivery(self, request, pk: int) -> Delivery:
        delivery = get_object_or_404(Delivery.objects.select_related("organisation"), pk=pk)
        require(request, self.permission, delivery)
        return delivery

    def detail(self, request, delivery: Delivery, code: int = status.HTTP_200_OK) -> Response:
        delivery.refresh_from_db()
        return Response(
            DeliveryDetailSerializer(delivery, context={"request": request}).data, status=code
        )


class DeliveryDetailAPI(_DeliveryAPI):
    @extend_schema(tags=["deliveries"], responses=DeliveryDetailSerializer)
    def get(self, request, pk: int):
        return self.detail(request, self.delivery(request, pk))


class EntrySerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Indicator code")
    area = serializers.CharField(
        required=False, allow_null=True, help_text="Wijk code; null for the whole organisation."
    )
    value = serializers.DecimalField(
        max_digits=16, decimal_places=4, required=False, allow_null=True
    )
    numerator = serializers.DecimalField(
        max_digits=16, decimal_places=4, required=False, allow_null=True
    )
    denominator = serializers.DecimalField(
        max_digits=16, decimal_places=4, required=False, allow_null=True
    )
    not_measurable = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    explanation = serializers.CharField(required=False, allow_blank=True, default="")


class ValuesInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    lines = EntrySerializer(many=True, allow_empty=False)


def _entries(delivery: Delivery, lines: list[dict]) -> list[Entry]:
    """Map codes to the delivery's expected lines; unknown lines are a 400 naming the line."""
    expected = {
        (indicator.code, area.code if area else None): (indicator, area)
        for indicator, area in services.expected_lines(delivery.organisation)
    }
    errors: dict[str, list[str]] = {}
    entries = []
    seen = set()
    for number, line in enumerate(lines, start=1):
        key = (line["indicator"], line.get("area") or None)
        if key not in expected:
            errors[f"lines[{number}]"] = [
                _("%(indicator)s for %(area)s is not a line of this delivery.")
                % {"indicator": key[0], "area": key[1] or _("the whole organisation")}
            ]
            continue
        if key in seen:
            errors[f"lines[{number}]"] = [_("This line occurs twice.")]
            continue
        seen.add(key)
        indicator, area = expected[key]
        entries.append(
            Entry(
                indicator=indicator,
                area_id=area.pk if area else None,
                value=line.get("value"),
                numerator=line.get("numerator"),
                denominator=line.get("denominator"),
                not_measurable=line.get("not_measurable", False),
                reason=line.get("reason", ""),
                explanation=line.get("explanation", ""),
            )
        )
    if errors:
        raise serializers.ValidationError(errors)
    return entries


class DeliveryValuesAPI(_DeliveryAPI):
    permission = "reporting.change_delivery"

    @extend_schema(
        tags=["deliveries"], request=ValuesInputSerializer, responses=DeliveryDetailSerializer
    )
    def post(self, request, pk: int):
        """Store the given lines, all or none; lines not named stay as they are."""
        delivery = self.delivery(request, pk)
        serializer = ValuesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entries = _entries(delivery, serializer.validated_data["lines"])
        try:
            services.save_entries(
                delivery,
                entries,
                user=request.user,
                expected_version=serializer.validated_data["version"],
            )
        except services.LinesInvalid as exc:
            errors = {
                f"{entry.indicator.code}/{_area_code(entry)}": entry.errors
                for entry in exc.entries
                if entry.errors
            }
            raise serializers.ValidationError(errors) from exc
        except (ConcurrentEditError, workflow.IllegalTransition) as exc:
            return _conflict(exc)
        return self.detail(request, delivery)


def _area_code(entry: Entry) -> str:
    if entry.area_id is None:
        return "organisatie"
    return Area.objects.values_list("code", flat=True).get(pk=entry.area_id)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class DeliverySubmitAPI(_DeliveryAPI):
    permission = "reporting.submit_delivery"

    @extend_schema(
        tags=["deliveries"], request=VersionSerializer, responses=DeliveryDetailSerializer
    )
    def post(self, request, pk: int):
        delivery = self.delivery(request, pk)
        serializer = VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.submit(
                delivery, user=request.user, expected_version=serializer.validated_data["version"]
            )
        except (ConcurrentEditError, workflow.IllegalTransition) as exc:
            return _conflict(exc)
        return self.detail(request, delivery)


class ReviewSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    decision = serializers.ChoiceField(choices=["approve", "send_back"])
    feedback = serializers.CharField(required=False, allow_blank=True, default="")


class DeliveryReviewAPI(_DeliveryAPI):
    permission = "reporting.review_delivery"

    @extend_schema(
        tags=["deliveries"], request=ReviewSerializer, responses=DeliveryDetailSerializer
    )
    def post(self, request, pk: int):
        delivery = self.delivery(request, pk)
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            if data["decision"] == "approve":
                services.approve(
                    delivery,
                    user=request.user,
                    note=data["feedback"],
                    expected_version=data["version"],
                )
            else:
                services.send_back(
                    delivery,
                    user=request.user,
                    feedback=data["feedback"],
                    expected_version=data["version"],
                )
        except (ConcurrentEditError, workflow.IllegalTransition) as exc:
            return _conflict(exc)
        return self.detail(request, delivery)
