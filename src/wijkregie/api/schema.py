"""The OpenAPI schema states every status an operation can answer: besides its own success
responses, the errors of the API's one exception handler (``api.exceptions``), each with the
same JSON body ``{"detail": …, "errors": …}``."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the user's language.")
    errors = serializers.JSONField(
        required=False, help_text="For 400: the problems per field (or a list)."
    )


ERRORS = {
    "400": "The request is not valid (a parameter or field); see 'errors'.",
    "401": "Not logged in, or the session still needs its second factor.",
    "403": "Logged in, but this role or organisation may not do this.",
    "404": "No such object, or not one the caller may see.",
    "405": "This method is not allowed here.",
    "409": "Somebody else changed the object first (version conflict), or the state forbids it.",
    "413": "The upload is larger than allowed.",
    "415": "The body's media type is not supported.",
    "429": "Too many failed attempts: temporarily locked.",
}


class WijkregieAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        for status, description in ERRORS.items():
            if status not in responses:
                responses[status] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), status
                )
        return responses


# The API's own authentication classes (second factor honoured) are documented as the
# session cookie and the token they extend.
class SecondFactorSessionScheme(OpenApiAuthenticationExtension):
    target_class = "wijkregie.accounts.authentication.SecondFactorSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


class SecondFactorTokenScheme(OpenApiAuthenticationExtension):
    target_class = "wijkregie.accounts.authentication.SecondFactorTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with required prefix "Token"',
        }
