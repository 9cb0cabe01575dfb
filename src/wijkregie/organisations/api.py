"""Read endpoints for organisations, areas and themes, filtered by what the caller may see."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from wijkregie.common.api_permissions import HasRulePermission
from wijkregie.organisations import selectors
from wijkregie.organisations.models import Area, Organisation, Theme


class OrganisationFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=100)
    kind = serializers.ChoiceField(required=False, choices=Organisation.Kind.choices)


class SearchFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=100)


class OrganisationOutputSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "parent",
            "description",
            "website",
            "email",
            "phone",
            "active",
        ]


class AreaOutputSerializer(serializers.ModelSerializer):
    responsible_organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Area
        fields = [
            "id",
            "code",
            "name",
            "cbs_code",
            "municipality_code",
            "responsible_organisation",
            "description",
        ]


class ThemeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "code", "name", "registration_code", "description", "order", "active"]


class _FilteredListAPI(generics.ListAPIView):
    permission_classes = [HasRulePermission]
    filter_serializer_class = SearchFilterSerializer

    def filters(self) -> dict:
        serializer = self.filter_serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


@extend_schema(parameters=[OrganisationFilterSerializer], tags=["organisations"])
class OrganisationListAPI(_FilteredListAPI):
    permission_required = "organisations.view_organisation"
    serializer_class = OrganisationOutputSerializer
    filter_serializer_class = OrganisationFilterSerializer

    def get_queryset(self):
        filters = self.filters()
        return selectors.organisation_list(
            user=self.request.user, query=filters.get("q"), kind=filters.get("kind")
        )


@extend_schema(tags=["organisations"])
class OrganisationDetailAPI(generics.RetrieveAPIView):
    permission_classes = [HasRulePermission]
    permission_required = "organisations.view_organisation"
    serializer_class = OrganisationOutputSerializer

    def get_object(self):
        try:
            return selectors.organisation_get(user=self.request.user, pk=self.kwargs["pk"])
        except Organisation.DoesNotExist as exc:
            raise NotFound() from exc


@extend_schema(parameters=[SearchFilterSerializer], tags=["areas"])
class AreaListAPI(_FilteredListAPI):
    permission_required = "organisations.view_area"
    serializer_class = AreaOutputSerializer

    def get_queryset(self):
        return selectors.area_list(user=self.request.user, query=self.filters().get("q"))


@extend_schema(tags=["areas"])
class AreaDetailAPI(generics.RetrieveAPIView):
    permission_classes = [HasRulePermission]
    permission_required = "organisations.view_area"
    serializer_class = AreaOutputSerializer

    def get_queryset(self):
        return selectors.area_list(user=self.request.user)


@extend_schema(parameters=[SearchFilterSerializer], tags=["themes"])
class ThemeListAPI(_FilteredListAPI):
    permission_required = "organisations.view_theme"
    serializer_class = ThemeOutputSerializer

    def get_queryset(self):
        return selectors.theme_list(user=self.request.user, query=self.filters().get("q"))


@extend_schema(tags=["themes"])
class ThemeDetailAPI(generics.RetrieveAPIView):
    permission_classes = [HasRulePermission]
    permission_required = "organisations.view_theme"
    serializer_class = ThemeOutputSerializer

    def get_queryset(self):
        return selectors.theme_list(user=self.request.user)
