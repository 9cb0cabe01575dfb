"""API of the commission register: the same selectors, services and permission rules as the
pages. Writes carry the ``version`` they were based on; a stale version answers 409."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.commission import selectors, services, workflow
from wijkregie.commission.models import (
    AdditionalAssignment,
    AssessmentBody,
    Commission,
    ExecutionAgreement,
    Fit,
    FundingSource,
    ReportingFrequency,
    Request,
    Requirement,
)
from wijkregie.common.api_permissions import require
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import Organisation, Theme

TEAM = Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION)
DEPARTMENTS = Organisation.objects.filter(kind__in=["municipal_department", "municipality"])


def _conflict() -> Response:
    return Response({"detail": str(ConcurrentEditError.message)}, status=status.HTTP_409_CONFLICT)


class CommissionAPIView(APIView):
    """Every endpoint here needs at least read access to the register."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require(request, "commission.view_commission")


# --- commissions --------------------------------------------------------------------------------
class CommissionOutputSerializer(serializers.ModelSerializer):
    contractors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Commission
        fields = ["id", "name", "period_start", "period_end", "intent", "contractors", "version"]


@extend_schema(tags=["commission"], responses=CommissionOutputSerializer(many=True))
class CommissionListAPI(CommissionAPIView):
    def get(self, request):
        return Response(CommissionOutputSerializer(selectors.commission_list(), many=True).data)


@extend_schema(tags=["commission"], responses=CommissionOutputSerializer)
class CommissionDetailAPI(CommissionAPIView):
    def get(self, request, pk: int):
        commission = get_object_or_404(selectors.commission_list(), pk=pk)
        return Response(CommissionOutputSerializer(commission).data)


# --- requirements -------------------------------------------------------------------------------
class RequirementOutputSerializer(serializers.ModelSerializer):
    contractors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Requirement
        fields = [
            "id",
            "commission",
            "code",
            "text",
            "theme",
            "contractors",
            "source_document",
            "source_version",
            "version",
        ]


class RequirementInputSerializer(serializers.Serializer):
    commission = serializers.PrimaryKeyRelatedField(queryset=Commission.objects.all())
    code = serializers.CharField(max_length=30)
    text = serializers.CharField()
    theme = serializers.PrimaryKeyRelatedField(queryset=Theme.objects.all(), allow_null=True)
    contractors = serializers.PrimaryKeyRelatedField(queryset=TEAM, many=True, required=False)
    source_document = serializers.CharField(max_length=200)
    source_version = serializers.CharField(max_length=50)


class RequirementChangeSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    reason = serializers.CharField()
    text = serializers.CharField()
    theme = serializers.PrimaryKeyRelatedField(queryset=Theme.objects.all(), allow_null=True)
    contractors = serializers.PrimaryKeyRelatedField(queryset=TEAM, many=True, required=False)
    source_document = serializers.CharField(max_length=200)
    source_version = serializers.CharField(max_length=50)


class RequirementListAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=RequirementOutputSerializer(many=True))
    def get(self, request):
        requirements = Requirement.objects.select_related("theme").prefetch_related("contractors")
        commission = request.query_params.get("commission")
        if commission:
            if not commission.isdigit():
                raise serializers.ValidationError({"commission": ["Geef een nummer."]})
            requirements = requirements.filter(commission_id=int(commission))
        return Response(RequirementOutputSerializer(requirements, many=True).data)

    @extend_schema(
        tags=["commission"],
        request=RequirementInputSerializer,
        responses={201: RequirementOutputSerializer},
    )
    def post(self, request):
        require(request, "commission.change_commission")
        serializer = RequirementInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        requirement = services.requirement_create(
            actor=request.user, request=request._request, **serializer.validated_data
        )
        return Response(
            RequirementOutputSerializer(requirement).data, status=status.HTTP_201_CREATED
        )


class RequirementDetailAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=RequirementOutputSerializer)
    def get(self, request, pk: int):
        return Response(RequirementOutputSerializer(get_object_or_404(Requirement, pk=pk)).data)

    @extend_schema(
        tags=["commission"],
        request=RequirementChangeSerializer,
        responses=RequirementOutputSerializer,
    )
    def patch(self, request, pk: int):
        require(request, "commission.change_commission")
        requirement = get_object_or_404(Requirement, pk=pk)
        serializer = RequirementChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        data.setdefault("contractors", [])
        try:
            requirement = services.requirement_change(
                requirement=requirement,
                expected_version=expected,
                actor=request.user,
                request=request._request,
                **data,
            )
        except ConcurrentEditError:
            return _conflict()
        return Response(RequirementOutputSerializer(requirement).data)


# --- additional assignments ---------------------------------------------------------------------
class BudgetSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class AssignmentOutputSerializer(serializers.ModelSerializer):
    themes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    contractors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    budgets = BudgetSerializer(many=True, read_only=True)
    owner = serializers.SerializerMethodField()

    class Meta:
        model = AdditionalAssignment
        fields = [
            "id",
            "commission",
            "title",
            "purpose",
            "themes",
            "contractors",
            "commissioning_department",
            "funding_source",
            "start_date",
            "end_date",
            "accountability_what",
            "accountability_frequency",
            "accountability_to",
            "fit",
            "fit_reasoning",
            "status",
            "merged_on",
            "owner",
            "budgets",
            "version",
        ]

    def get_owner(self, obj) -> str | None:
        if obj.owner is None or not self.context.get("show_names"):
            return None
        return obj.owner.username


class AssignmentInputSerializer(serializers.Serializer):
    commission = serializers.PrimaryKeyRelatedField(
        queryset=Commission.objects.all(), required=False
    )
    version = serializers.IntegerField(min_value=1, required=False)
    title = serializers.CharField(max_length=200)
    purpose = serializers.CharField()
    themes = serializers.PrimaryKeyRelatedField(queryset=Theme.objects.all(), many=True)
    contractors = serializers.PrimaryKeyRelatedField(queryset=TEAM, many=True)
    commissioning_department = serializers.PrimaryKeyRelatedField(queryset=DEPARTMENTS)
    funding_source = serializers.ChoiceField(choices=FundingSource.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True, required=False)
    accountability_what = serializers.CharField(allow_blank=True, required=False, default="")
    accountability_frequency = serializers.ChoiceField(
        choices=ReportingFrequency.choices, allow_blank=True, required=False, default=""
    )
    accountability_to = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=200
    )
    fit = serializers.ChoiceField(choices=Fit.choices)
    fit_reasoning = serializers.CharField()
    status = serializers.ChoiceField(choices=AdditionalAssignment.Status.choices)
    merged_on = serializers.DateField(allow_null=True, required=False)
    budgets = BudgetSerializer(many=True, required=False, default=list)

    def split(self) -> tuple[dict, dict]:
        data = dict(self.validated_data)
        extra = {
            "themes": data.pop("themes"),
            "contractors": data.pop("contractors"),
            "budgets": {b["year"]: b["amount"] for b in data.pop("budgets")},
        }
        data.pop("commission", None)
        data.pop("version", None)
        return data, extra


class AssignmentListAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=AssignmentOutputSerializer(many=True))
    def get(self, request):
        assignments = selectors.assignment_list(user=request.user)
        show = request.user.has_perm("commission.view_personal_names")
        return Response(
            AssignmentOutputSerializer(assignments, many=True, context={"show_names": show}).data
        )

    @extend_schema(
        tags=["commission"],
        request=AssignmentInputSerializer,
        responses={201: AssignmentOutputSerializer},
    )
    def post(self, request):
        require(request, "commission.change_commission")
        serializer = AssignmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        commission = serializer.validated_data.get("commission") or selectors.current_commission()
        if commission is None:
            raise serializers.ValidationError({"commission": ["Geen opdracht gevonden."]})
        data, extra = serializer.split()
        assignment = services.assignment_create(
            commission=commission, data=data, request=request._request, **extra
        )
        return Response(
            AssignmentOutputSerializer(assignment, context={"show_names": True}).data,
            status=status.HTTP_201_CREATED,
        )


class AssignmentDetailAPI(CommissionAPIView):
    def _get(self, request, pk):
        assignment = get_object_or_404(AdditionalAssignment, pk=pk)
        require(request, "commission.view_assignment", assignment)
        return assignment

    @extend_schema(tags=["commission"], responses=AssignmentOutputSerializer)
    def get(self, request, pk: int):
        show = request.user.has_perm("commission.view_personal_names")
        return Response(
            AssignmentOutputSerializer(self._get(request, pk), context={"show_names": show}).data
        )

    @extend_schema(
        tags=["commission"], request=AssignmentInputSerializer, responses=AssignmentOutputSerializer
    )
    def put(self, request, pk: int):
        require(request, "commission.change_commission")
        assignment = self._get(request, pk)
        serializer = AssignmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if "version" not in serializer.validated_data:
            raise serializers.ValidationError(
                {"version": ["Geef de versie waarop u verder werkt."]}
            )
        expected = serializer.validated_data["version"]
        data, extra = serializer.split()
        try:
            assignment = services.assignment_update(
                assignment=assignment,
                expected_version=expected,
                data=data,
                request=request._request,
                **extra,
            )
        except ConcurrentEditError:
            return _conflict()
        return Response(AssignmentOutputSerializer(assignment, context={"show_names": True}).data)


# --- requests -----------------------------------------------------------------------------------
class RequestOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Request
        fields = [
            "id",
            "commission",
            "title",
            "description",
            "requesting_department",
            "received_by",
            "received_on",
            "side_steering",
            "state",
            "decision",
            "decision_reasoning",
            "decided_by",
            "decided_on",
            "redirected_to",
            "resulting_assignment",
            "version",
        ]


class RequestInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    requesting_department = serializers.PrimaryKeyRelatedField(queryset=DEPARTMENTS)
    received_on = serializers.DateField(required=False)
    received_by = serializers.PrimaryKeyRelatedField(
        queryset=TEAM,
        required=False,
        allow_null=True,
        help_text="Only for team organisations registering a request received outside the "
        "funnel: the organisation that received it.",
    )


class DecideInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    decision = serializers.ChoiceField(choices=Request.Decision.choices)
    reasoning = serializers.CharField()
    decided_by = serializers.PrimaryKeyRelatedField(queryset=AssessmentBody.objects.all())
    decided_on = serializers.DateField(required=False)
    redirected_to = serializers.CharField(required=False, allow_blank=True, default="")
    resulting_assignment = serializers.PrimaryKeyRelatedField(
        queryset=AdditionalAssignment.objects.all(), required=False, allow_null=True
    )


class RequestListAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=RequestOutputSerializer(many=True))
    def get(self, request):
        return Response(
            RequestOutputSerializer(selectors.request_list(user=request.user), many=True).data
        )

    @extend_schema(
        tags=["commission"],
        request=RequestInputSerializer,
        responses={201: RequestOutputSerializer},
    )
    def post(self, request):
        serializer = RequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        received_by = data.pop("received_by", None)
        commission = selectors.current_commission()
        if request.user.has_perm("commission.add_request") and received_by is None:
            created = services.request_submit(commission=commission, actor=request.user, **data)
        elif request.user.has_perm("commission.register_outside_funnel"):
            if received_by is None or received_by.pk not in team_organisation_ids(request.user):
                raise serializers.ValidationError(
                    {"received_by": ["Kies uw eigen teamorganisatie."]}
                )
            data.setdefault("received_on", None)
            if data["received_on"] is None:
                raise serializers.ValidationError({"received_on": ["Dit veld is verplicht."]})
            created = services.request_register_outside_funnel(
                commission=commission, received_by=received_by, actor=request.user, **data
            )
        else:
            raise PermissionDenied()
        return Response(RequestOutputSerializer(created).data, status=status.HTTP_201_CREATED)


class RequestDetailAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=RequestOutputSerializer)
    def get(self, request, pk: int):
        request_obj = get_object_or_404(Request, pk=pk)
        require(request, "commission.view_request", request_obj)
        return Response(RequestOutputSerializer(request_obj).data)


class RequestDecideAPI(CommissionAPIView):
    @extend_schema(
        tags=["commission"], request=DecideInputSerializer, responses=RequestOutputSerializer
    )
    def post(self, request, pk: int):
        require(request, "commission.decide_request")
        request_obj = get_object_or_404(Request, pk=pk)
        serializer = DecideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            decided = services.request_decide(
                request_obj=request_obj,
                expected_version=data["version"],
                decision=data["decision"],
                reasoning=data["reasoning"],
                body=data["decided_by"],
                decided_on=data.get("decided_on"),
                redirected_to=data["redirected_to"],
                resulting_assignment=data.get("resulting_assignment"),
                actor=request.user,
            )
        except ConcurrentEditError:
            return _conflict()
        except workflow.IllegalTransition as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(RequestOutputSerializer(decided).data)


# --- execution agreements and the budget monitor --------------------------------------------
class AgreementOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExecutionAgreement
        fields = [
            "id",
            "commission",
            "contractor",
            "year",
            "integral_budget",
            "indexation_pct",
            "cao_wage_growth_pct",
            "notes",
            "version",
        ]


class AgreementInputSerializer(serializers.Serializer):
    contractor = serializers.PrimaryKeyRelatedField(queryset=TEAM)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    integral_budget = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    indexation_pct = serializers.DecimalField(max_digits=6, decimal_places=3)
    cao_wage_growth_pct = serializers.DecimalField(max_digits=6, decimal_places=3)
    notes = serializers.CharField(allow_blank=True, required=False, default="")


class AgreementUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    integral_budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    indexation_pct = serializers.DecimalField(max_digits=6, decimal_places=3, required=False)
    cao_wage_growth_pct = serializers.DecimalField(max_digits=6, decimal_places=3, required=False)
    notes = serializers.CharField(allow_blank=True, required=False)


class AgreementListAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=AgreementOutputSerializer(many=True))
    def get(self, request):
        commission = selectors.current_commission()
        agreements = selectors.agreement_list(user=request.user, commission=commission)
        return Response(AgreementOutputSerializer(agreements, many=True).data)

    @extend_schema(
        tags=["commission"],
        request=AgreementInputSerializer,
        responses={201: AgreementOutputSerializer},
    )
    def post(self, request):
        require(request, "commission.change_commission")
        serializer = AgreementInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agreement = services.agreement_create(
            commission=selectors.current_commission(),
            request=request._request,
            **serializer.validated_data,
        )
        return Response(AgreementOutputSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementDetailAPI(CommissionAPIView):
    def _get(self, request, pk):
        agreement = get_object_or_404(ExecutionAgreement, pk=pk)
        require(request, "commission.view_agreement", agreement)
        return agreement

    @extend_schema(tags=["commission"], responses=AgreementOutputSerializer)
    def get(self, request, pk: int):
        return Response(AgreementOutputSerializer(self._get(request, pk)).data)

    @extend_schema(
        tags=["commission"], request=AgreementUpdateSerializer, responses=AgreementOutputSerializer
    )
    def patch(self, request, pk: int):
        require(request, "commission.change_commission")
        agreement = self._get(request, pk)
        serializer = AgreementUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("version")
        try:
            agreement = services.agreement_update(
                agreement=agreement, expected_version=expected, data=data, request=request._request
            )
        except ConcurrentEditError:
            return _conflict()
        return Response(AgreementOutputSerializer(agreement).data)


class BudgetYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    integral_budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    indexation_pct = serializers.DecimalField(max_digits=6, decimal_places=3)
    cao_wage_growth_pct = serializers.DecimalField(max_digits=6, decimal_places=3)
    difference_pct = serializers.DecimalField(max_digits=7, decimal_places=3)
    gap_eur = serializers.DecimalField(max_digits=14, decimal_places=2)
    fte_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    gap_fte = serializers.DecimalField(max_digits=10, decimal_places=2)
    new_baseline = serializers.BooleanField()


class BudgetSeriesSerializer(serializers.Serializer):
    contractor = serializers.IntegerField(source="contractor.pk")
    contractor_name = serializers.CharField(source="contractor.name")
    years = BudgetYearSerializer(many=True)


class BudgetMonitorAPI(CommissionAPIView):
    @extend_schema(tags=["commission"], responses=BudgetSeriesSerializer(many=True))
    def get(self, request):
        commission = selectors.current_commission()
        if commission is None:
            raise NotFound()
        series = selectors.budget_monitor(user=request.user, commission=commission)
        return Response(BudgetSeriesSerializer(series, many=True).data)
