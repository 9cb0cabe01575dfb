"""OpenID Connect login: match the provider's user name claim to a Wijkregie account.

Roles and organisations are never taken from the provider; an administrator grants them as
memberships. A first OIDC login creates an account without roles and without a password.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class WijkregieOIDCBackend(OIDCAuthenticationBackend):
    def _username(self, claims: dict) -> str:
        return str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip()[:150]

    def verify_claims(self, claims: dict) -> bool:
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims: dict):
        username = self._username(claims)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username__iexact=username, is_active=True)

    def create_user(self, claims: dict):
        user = self.UserModel(username=self._username(claims))
        user.set_unusable_password()
        return self._apply_claims(user, claims)

    def update_user(self, user, claims: dict):
        return self._apply_claims(user, claims)

    def _apply_claims(self, user, claims: dict):
        user.email = str(claims.get("email") or user.email)[:254]
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.save()
        return user
