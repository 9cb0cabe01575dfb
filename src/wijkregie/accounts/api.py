"""Token login for scripts and the caller's own profile."""

from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.selectors import needs_second_factor
from wijkregie.accounts.services import audit_event_create


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=512, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


@method_decorator(login_not_required, name="dispatch")
class TokenObtainAPI(APIView):
    """Exchange a user name and password for an API token (``Authorization: Token <token>``).

    Administrator accounts get no token: they work in the browser, behind two-factor checks.
    Repeated failures lock the user name out, as in the browser.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenInputSerializer, responses={200: TokenOutputSerializer}, tags=["auth"]
    )
    def post(self, request):
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            request=django_request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        # A locked-out user name gets django-axes' lockout response (429) from its middleware.
        if user is None or not user.is_active:
            return Response(
                {"detail": _("User name or password is incorrect.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if needs_second_factor(user):
            return Response(
                {
                    "detail": _(
                        "Accounts with a second factor cannot use API tokens; use the browser."
                    )
                },
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        audit_event_create(
            action=AuditEvent.Action.TOKEN_ISSUED, actor=user, request=django_request
        )
        return Response({"token": token.key})


class MembershipOutputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    role = serializers.CharField()


class MeOutputSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="get_display_name")
    memberships = MembershipOutputSerializer(many=True, source="active_memberships")


class MeAPI(APIView):
    """Who the caller is and which roles in which organisations they hold."""

    @extend_schema(responses={200: MeOutputSerializer}, tags=["auth"])
    def get(self, request):
        return Response(MeOutputSerializer(request.user).data)
