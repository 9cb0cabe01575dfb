"""API of chains and change notices: the same selectors, services and rules as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.chains import selectors, services, workflow
from wijkregie.chains.models import (
    AffectedParty,
    Chain,
    ChainParty,
    ChangeNotice,
    ConsultationResponse,
)
from wijkregie.common.api_permissions import require


class ContactSerializer(serializers.Serializer):
    name = serializers.SerializerMethodField()
    function = serializers.CharField()
    topics = serializers.CharField()
    email = serializers.SerializerMethodField()

    def _names(self) -> bool:
        return bool(self.context.get("show_names"))

    def get_name(self, obj) -> str | None:
        return obj.name if self._names() else None

    def get_email(self, obj) -> str | None:
        return obj.email if self._names() else None


class PartySerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    contacts = ContactSerializer(many=True)

    class Meta:
        model = ChainParty
        fields = ["organisation", "organisation_name", "role", "contacts"]


class ChainSerializer(serializers.ModelSerializer):
    themes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    parties = PartySerializer(many=True)

    class Meta:
        model = Chain
        fields = ["id", "name", "description", "themes", "parties", "active"]


class ChainListAPI(APIView):
    @extend_schema(tags=["chains"], responses=ChainSerializer(many=True))
    def get(self, request):
        require(request, "chains.view_chain")
        chains = selectors.chain_list(user=request.user).prefetch_related(
            "parties__organisation", "parties__contacts"
        )
        show = request.user.has_perm("accounts.view_personal_names")
        return Response(ChainSerializer(chains, many=True, context={"show_names": show}).data)


class ChainDetailAPI(APIView):
    @extend_schema(tags=["chains"], responses=ChainSerializer)
    def get(self, request, pk: int):
        require(request, "chains.view_chain")
        chain = get_object_or_404(Chain, pk=pk)
        show = request.user.has_perm("accounts.view_personal_names")
        return Response(ChainSerializer(chain, context={"show_names": show}).data)


class ResponseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsultationResponse
        fields = ["id", "position", "text", "responded_at", "answer", "answered_at"]


class AffectedPartySerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    responses = ResponseSerializer(many=True)
    acknowledged_at = serializers.SerializerMethodField()

    class Meta:
        model = AffectedParty
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "suggested",
            "suggestion_reason",
            "included",
            "removal_reason",
            "consulted",
            "notified_at",
            "responses",
            "acknowledged_at",
        ]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_acknowledged_at(self, obj):
        acknowledgement = obj.acknowledgement
        return acknowledgement.acknowledged_at if acknowledgement else None


class NoticeSerializer(serializers.ModelSerializer):
    affected_parties = AffectedPartySerializer(many=True)

    class Meta:
        model = ChangeNotice
        fields = [
            "id",
            "chain",
            "title",
            "what_changes",
            "why",
            "effective_from",
            "state",
            "consultation_deadline",
            "skip_consultation_reason",
            "decision",
            "decided_on",
            "decided_by_body",
            "summary",
            "published_on",
            "affected_parties",
            "version",
        ]


class NoticeListAPI(APIView):
    @extend_schema(tags=["chains"], responses=NoticeSerializer(many=True))
    def get(self, request):
        require(request, "chains.view_notices")
        return Response(NoticeSerializer(selectors.notice_list(user=request.user), many=True).data)


class NoticeDetailAPI(APIView):
    @extend_schema(tags=["chains"], responses=NoticeSerializer)
    def get(self, request, pk: int):
        notice = get_object_or_404(ChangeNotice, pk=pk)
        require(request, "chains.view_notice", notice)
        return Response(NoticeSerializer(notice).data)


class InboxItemSerializer(serializers.ModelSerializer):
    notice = serializers.SerializerMethodField()
    responses = ResponseSerializer(many=True)
    acknowledged_at = serializers.SerializerMethodField()

    class Meta:
        model = AffectedParty
        fields = ["id", "organisation", "notice", "responses", "acknowledged_at"]

    def get_notice(self, obj) -> dict:
        n = obj.notice
        return {
            "id": n.id,
            "title": n.title,
            "state": n.state,
            "what_changes": n.what_changes,
            "why": n.why,
            "effective_from": n.effective_from,
            "consultation_deadline": n.consultation_deadline,
            "summary": n.summary,
            "decision": n.decision,
        }

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_acknowledged_at(self, obj):
        acknowledgement = obj.acknowledgement
        return acknowledgement.acknowledged_at if acknowledgement else None


class InboxAPI(APIView):
    @extend_schema(tags=["chains"], responses=InboxItemSerializer(many=True))
    def get(self, request):
        require(request, "chains.use_inbox")
        return Response(InboxItemSerializer(selectors.inbox(user=request.user), many=True).data)


class RespondInputSerializer(serializers.Serializer):
    position = serializers.ChoiceField(choices=ConsultationResponse.Position.choices)
    text = serializers.CharField()


class AcknowledgeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)


class _PartyActionAPI(APIView):
    def party(self, request, pk) -> AffectedParty:
        party = get_object_or_404(AffectedParty, pk=pk, included=True)
        if party.notice.state == ChangeNotice.State.DRAFT:
            raise PermissionDenied()
        require(request, "chains.respond_for_party", party)
        return party

    def run(self, call):
        try:
            return call()
        except workflow.IllegalTransition as exc:
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc


class RespondAPI(_PartyActionAPI):
    @extend_schema(
        tags=["chains"], request=RespondInputSerializer, responses={201: ResponseSerializer}
    )
    def post(self, request, pk: int):
        party = self.party(request, pk)
        serializer = RespondInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        def call():
            created = services.response_submit(
                party=party, actor=request.user, **serializer.validated_data
            )
            return Response(ResponseSerializer(created).data, status=status.HTTP_201_CREATED)

        return self.run(call)


class AcknowledgeAPI(_PartyActionAPI):
    @extend_schema(
        tags=["chains"], request=AcknowledgeInputSerializer, responses={201: InboxItemSerializer}
    )
    def post(self, request, pk: int):
        party = self.party(request, pk)
        serializer = AcknowledgeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        def call():
            services.acknowledge(party=party, actor=request.user, **serializer.validated_data)
            party.refresh_from_db()
            return Response(InboxItemSerializer(party).data, status=status.HTTP_201_CREATED)

        return self.run(call)
