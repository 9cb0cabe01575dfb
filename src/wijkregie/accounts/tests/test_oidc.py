import pytest
from django.test import override_settings

from wijkregie.accounts.models import User
from wijkregie.accounts.oidc import WijkregieOIDCBackend

pytestmark = pytest.mark.django_db

OIDC = {
    "OIDC_RP_CLIENT_ID": "wijkregie",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.nl/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.nl/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.nl/jwks",
    "OIDC_USERNAME_CLAIM": "preferred_username",
}


@override_settings(**OIDC)
def test_existing_account_is_matched_on_the_username_claim(demo):
    backend = WijkregieOIDCBackend()
    claims = {"preferred_username": "ContractManager", "email": "c.devries@zaanstad.nl"}
    assert backend.verify_claims(claims)
    matches = list(backend.filter_users_by_claims(claims))
    assert [u.username for u in matches] == ["contractmanager"]
    updated = backend.update_user(matches[0], claims)
    assert updated.email == "c.devries@zaanstad.nl"
    assert updated.roles  # memberships are kept: roles are not taken from the provider


@override_settings(**OIDC)
def test_first_login_creates_an_account_without_roles_or_password(demo):
    backend = WijkregieOIDCBackend()
    claims = {"preferred_username": "nieuwe.collega", "given_name": "Noor", "family_name": "Bakker"}
    created = backend.create_user(claims)
    stored = User.objects.get(username="nieuwe.collega")
    assert stored.pk == created.pk
    assert stored.get_full_name() == "Noor Bakker"
    assert not stored.has_usable_password()
    assert stored.roles == frozenset()


@override_settings(**OIDC)
def test_claims_without_username_are_refused():
    backend = WijkregieOIDCBackend()
    assert not backend.verify_claims({"email": "x@example.nl"})
    assert not backend.filter_users_by_claims({"email": "x@example.nl"}).exists()
