"""API of bodies, meetings, decisions and agreements: the same selectors, services and rules as
the pages. People are named only to those who may see personal names."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.common.api_permissions import HasRulePermission, require
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.conversations import selectors, services
from wijkregie.conversations.models import Agreement, Body, Meeting


class BodySerializer(serializers.ModelSerializer):
    organisations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    contractor = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = Body
        fields = ["id", "name", "kind", "description", "chain", "contractor", "organisations"]


class AgreementSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField()
    owner_organisation = serializers.SlugRelatedField(
        read_only=True, slug_field="code", allow_null=True
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            "meeting",
            "decision",
            "what",
            "owner",
            "owner_organisation",
            "due_date",
            "status",
            "status_note",
            "version",
        ]

    def get_owner(self, obj) -> str | None:
        if not self.context.get("show_names") or obj.owner is None:
            return None
        return obj.owner.get_display_name()


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="decision.pk")
    meeting = serializers.IntegerField(source="decision.meeting_id")
    body = serializers.CharField(source="decision.meeting.body.name")
    date = serializers.DateField(source="decision.meeting.date")
    text = serializers.CharField(source="decision.text")
    rationale = serializers.CharField(source="decision.rationale")
    realisation = serializers.CharField(
        source="status", help_text="realised / partly / not / unknown, from the agreements."
    )
    agreements = serializers.SerializerMethodField()

    def get_agreements(self, obj) -> list[dict]:
        return AgreementSerializer(obj.agreements, many=True, context=self.context).data


class AgendaItemSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    title = serializers.CharField()
    notes = serializers.CharField()
    source = serializers.CharField()
    agreement = serializers.IntegerField(source="agreement_id", allow_null=True)


class MeetingSerializer(serializers.ModelSerializer):
    agenda = AgendaItemSerializer(many=True, read_only=True)
    agreements = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "date",
            "title",
            "period",
            "minutes",
            "agenda",
            "decisions",
            "agreements",
        ]

    def get_agreements(self, obj) -> list[dict]:
        return AgreementSerializer(obj.agreements.all(), many=True, context=self.context).data

    def get_decisions(self, obj) -> list[dict]:
        return [{"id": d.pk, "text": d.text, "rationale": d.rationale} for d in obj.decisions.all()]


def _context(request) -> dict:
    return {"show_names": request.user.has_perm("accounts.view_personal_names")}


class BodyListAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "conversations.view_bodies"

    @extend_schema(tags=["meetings"], responses=BodySerializer(many=True))
    def get(self, request):
        return Response(BodySerializer(selectors.body_list(request.user), many=True).data)


class MeetingListAPI(APIView):
    """The meetings of one body, newest first."""

    permission_classes = [HasRulePermission]
    permission_required = "conversations.view_bodies"

    @extend_schema(tags=["meetings"], responses=MeetingSerializer(many=True))
    def get(self, request, pk: int):
        body = get_object_or_404(Body, pk=pk)
        require(request, "conversations.view_meeting", body)
        meetings = selectors.meetings_of(body).prefetch_related("agenda", "decisions", "agreements")
        return Response(MeetingSerializer(meetings, many=True, context=_context(request)).data)


class MeetingDetailAPI(APIView):
    permission_classes = [HasRulePermission]
    permission_required = "conversations.view_bodies"

    @extend_schema(tags=["meetings"], responses=MeetingSerializer)
    def get(self, request, pk: int):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        require(request, "conversations.view_meeting", meeting)
        return Response(MeetingSerializer(meeting, context=_context(request)).data)


class DecisionListAPI(APIView):
    """The decisions register: search with ``q``, filter with ``body`` and ``year``."""

    permission_classes = [HasRulePermission]
    permission_required = "conversations.view_register"

    @extend_schema(tags=["meetings"], responses=DecisionSerializer(many=True))
    def get(self, request):
        def number(name):
            value = request.query_params.get(name, "")
            if value and not value.isdigit():
                raise serializers.ValidationError({name: ["Use a whole number."]})
            return int(value) if value else None

        entries = selectors.register(
            request.user,
            query=request.query_params.get("q", ""),
            body=number("body"),
            year=number("year"),
            today=timezone.localdate(),
        )
        return Response(DecisionSerializer(entries, many=True, context=_context(request)).data)


class AgreementListAPI(APIView):
    """Agreements across bodies: ``status`` (open, in_progress, done, dropped) and
    ``overdue=true`` filter."""

    permission_classes = [HasRulePermission]
    permission_required = "conversations.view_register"

    @extend_schema(tags=["meetings"], responses=AgreementSerializer(many=True))
    def get(self, request):
        status = request.query_params.get("status", "")
        if status and status not in Agreement.Status.values:
            raise serializers.ValidationError(
                {"status": [f"One of {', '.join(Agreement.Status.values)}."]}
            )
        agreements = selectors.agreement_list(
            request.user,
            status=status,
            overdue=request.query_params.get("overdue") == "true",
            today=timezone.localdate(),
        )
        return Response(AgreementSerializer(agreements, many=True, context=_context(request)).data)


class AgreementStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1)


class AgreementStatusAPI(APIView):
    """Move an agreement on (done and dropped need a note); 409 when someone else was first."""

    permission_classes = [HasRulePermission]
    permission_required = "conversations.view_register"

    @extend_schema(
        tags=["meetings"], request=AgreementStatusSerializer, responses=AgreementSerializer
    )
    def post(self, request, pk: int):
        agreement = get_object_or_404(Agreement, pk=pk)
        require(request, "conversations.change_agreement", agreement)
        data = AgreementStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        from django.core.exceptions import ValidationError as DjangoValidationError

        try:
            services.agreement_set_status(
                agreement,
                status=values["status"],
                note=values["note"],
                user=request.user,
                expected_version=values["version"],
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        except ConcurrentEditError:
            return Response({"detail": str(ConcurrentEditError.message)}, status=409)
        agreement.refresh_from_db()
        return Response(AgreementSerializer(agreement, context=_context(request)).data)
