"""``GET /api/v1/public/values/`` (no login): the public figures, the same as the public
dashboard's."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.publication import selectors


class PublicValueSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    period = serializers.CharField()
    area = serializers.CharField()
    value = serializers.DecimalField(
        max_digits=20, decimal_places=1, coerce_to_string=False, allow_null=True
    )
    suppressed = serializers.BooleanField()
    person_count = serializers.BooleanField()
    provisional = serializers.BooleanField()
    complete = serializers.BooleanField()


class PublicValuesAPI(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["public"],
        parameters=[
            OpenApiParameter("indicator", str),
            OpenApiParameter("period", str),
            OpenApiParameter("area", str),
        ],
        responses=PublicValueSerializer(many=True),
    )
    def get(self, request):
        release = selectors.release()
        rows = selectors.rows(
            release,
            indicator=request.query_params.get("indicator"),
            period=request.query_params.get("period"),
            area=request.query_params.get("area"),
        )
        response = Response(PublicValueSerializer(rows, many=True).data)
        response["X-Wijkregie-Release"] = release.checksum
        return response
