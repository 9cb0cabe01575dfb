"""API authentication that honours the second factor.

A session that has passed only the password of an account that needs a second factor is no
session to the API: the request is anonymous (401). A token is never issued to such an account
(see ``accounts.api.TokenObtainAPI``), and a token that was issued before the account came to
need a second factor (e.g. the user became an administrator) no longer authenticates.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from wijkregie.accounts.selectors import needs_second_factor, second_factor_pending


class SecondFactorSessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        if second_factor_pending(user):
            return None  # anonymous: IsAuthenticated answers 401
        return user, auth


class SecondFactorTokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if needs_second_factor(user):
            raise exceptions.AuthenticationFailed(
                _("This account needs a second factor; it cannot use API tokens.")
            )
        return user, token
