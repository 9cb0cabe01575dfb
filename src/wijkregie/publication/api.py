"""``GET /api/v1/public/values/`` (no login): the public figures, the same as the public
dashboard's."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
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
        wanted = {k: request.query_params.get(k) or "" for k in ("indicator", "period", "area")}

        def data() -> list:
            return PublicValueSerializer(selectors.rows(release, **wanted), many=True).data

        if isinstance(request.accepted_renderer, JSONRenderer):
            # The same answer for everyone until the facts change: serialised once per process.
            # The query text is hashed: any characters a caller sends make a valid cache key.
            asked = hashlib.sha256("\x1f".join(wanted.values()).encode()).hexdigest()[:32]
            key = f"public:values:{release.stamp}:{asked}"
            body = cache.get_or_set(
                key, lambda: JSONRenderer().render(data()), selectors.CACHE_SECONDS
            )
            response = HttpResponse(body, content_type="application/json")
        else:  # the browsable API
            response = Response(data())
        response["X-Wijkregie-Release"] = release.checksum
        return response
