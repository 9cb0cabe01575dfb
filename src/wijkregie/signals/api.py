"""API of the signals app: report a signal, list the signals the user may see, read one — for
readers outside the writer's organisation, in its de-identified version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.chains.models import Chain
from wijkregie.common.api_permissions import require
from wijkregie.organisations.models import Area, Theme
from wijkregie.signals import selectors, services
from wijkregie.signals.models import Signal


class SignalCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    theme = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.filter(active=True)
    )
    area = serializers.SlugRelatedField(
        slug_field="code", queryset=Area.objects.all(), required=False, allow_null=True
    )
    chain = serializers.PrimaryKeyRelatedField(
        queryset=Chain.objects.filter(active=True), required=False, allow_null=True
    )
    category = serializers.ChoiceField(
        choices=Signal.Category.choices, required=False, default=Signal.Category.OTHER
    )
    frequency = serializers.ChoiceField(
        choices=Signal.Frequency.choices, required=False, allow_blank=True, default=""
    )
    example = serializers.CharField(required=False, allow_blank=True, default="")


class SignalListSerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.code")
    area = serializers.CharField(source="area.code", allow_null=True, default=None)
    issue = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Signal
        fields = ["id", "title", "status", "category", "theme", "area", "chain", "issue",
                  "created_at", "due_date", "answered_at"]  # fmt: skip


class SignalDetailSerializer(SignalListSerializer):
    description = serializers.SerializerMethodField()
    example = serializers.SerializerMethodField()
    description_is_shared_version = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()

    class Meta(SignalListSerializer.Meta):
        fields = [*SignalListSerializer.Meta.fields, "description", "example",
                  "description_is_shared_version", "answer"]  # fmt: skip

    def _texts(self, obj):
        return selectors.text_for(self.context["request"].user, obj)

    def get_description(self, obj) -> str | None:
        description, _example, pending = self._texts(obj)
        return None if pending else description

    def get_example(self, obj) -> str | None:
        _description, example, pending = self._texts(obj)
        return None if pending else example

    def get_description_is_shared_version(self, obj) -> bool:
        return not selectors.reads_own_text(self.context["request"].user, obj)

    def get_answer(self, obj) -> str | None:
        if obj.answer:
            return obj.answer
        if obj.status == Signal.Status.DECLINED:
            return obj.decline_reason
        if obj.issue_id and obj.answered_at:
            return obj.issue.answer
        return None


class SignalListAPI(APIView):
    @extend_schema(tags=["signals"], responses=SignalListSerializer(many=True))
    def get(self, request):
        require(request, "signals.view_signal")
        signals = selectors.visible(request.user).order_by("-created_at", "-pk")
        return Response(SignalListSerializer(signals, many=True).data)

    @extend_schema(
        tags=["signals"], request=SignalCreateSerializer, responses={201: SignalDetailSerializer}
    )
    def post(self, request):
        require(request, "signals.add_signal")
        serializer = SignalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            signal = services.signal_report(user=request.user, **serializer.validated_data)
        except ValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from exc
        data = SignalDetailSerializer(signal, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class SignalDetailAPI(APIView):
    @extend_schema(tags=["signals"], responses=SignalDetailSerializer)
    def get(self, request, pk: int):
        require(request, "signals.view_signal")
        signal = get_object_or_404(selectors.visible(request.user), pk=pk)
        return Response(SignalDetailSerializer(signal, context={"request": request}).data)
