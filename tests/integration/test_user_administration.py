"""User administration in the app: the administrator creates accounts, gives and ends roles,
deactivates leavers and resets a second factor — and every change is in the audit log."""

from __future__ import annotations

import pytest
from conftest import login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from wijkregie.accounts import services
from wijkregie.accounts.models import AuditEvent, Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.organisations.models import Organisation


def _changes(user: User) -> list[str]:
    return [
        event.detail.get("change")
        for event in AuditEvent.objects.filter(
            action=AuditEvent.Action.OBJECT_CHANGED,
            object_type="accounts.user",
            object_id=str(user.pk),
        ).order_by("pk")
    ]


def test_a_new_colleague_gets_an_account_and_a_role(client, demo):
    login(client, "beheerder")
    response = client.post(
        "/account/beheer/gebruikers/nieuw/",
        {
            "username": "j.dekker",
            "first_name": "Joost",
            "last_name": "Dekker",
            "email": "j.dekker@dock.example",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="j.dekker")
    dock = Organisation.objects.get(code="dock")
    response = client.post(
        f"/account/beheer/gebruikers/{user.pk}/rol/",
        {"organisation": dock.pk, "role": Role.PROFESSIONAL},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).roles == {Role.PROFESSIONAL}
    assert _changes(user) == ["user_created", "membership_added"]
    # The same role twice is refused with a reason, not an error page.
    again = client.post(
        f"/account/beheer/gebruikers/{user.pk}/rol/",
        {"organisation": dock.pk, "role": Role.PROFESSIONAL},
    )
    assert again.status_code == 400
    assert "heeft deze rol al" in again.content.decode()
    page = client.get(f"/account/beheer/gebruikers/{user.pk}/").content.decode()
    assert "rol toegevoegd" in page  # the account's own history


def test_a_leaver_is_deactivated_and_can_no_longer_log_in(client, demo):
    leaver = User.objects.get(username="dock-professional")
    Token.objects.create(user=leaver)
    login(client, "beheerder")
    response = client.post(f"/account/beheer/gebruikers/{leaver.pk}/actief/", {"active": "0"})
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert not Token.objects.filter(user=leaver).exists()
    assert _changes(leaver) == ["user_deactivated"]
    other = client.__class__()
    refused = other.post(
        "/account/login/",
        {"username": "dock-professional", "password": "wijkregie-demo"},
        REMOTE_ADDR="127.0.0.2",
    )
    assert refused.status_code == 200  # the form again, not a redirect into the app
    listed = client.get("/account/beheer/gebruikers/?status=inactive").content.decode()
    assert "dock-professional" in listed
    assert "dock-professional" not in client.get("/account/beheer/gebruikers/").content.decode()


def test_administrators_cannot_lock_themselves_out(demo):
    administrator = User.objects.get(username="beheerder")
    with pytest.raises(services.AdministrationError):
        services.user_set_active(user=administrator, active=False, actor=administrator)
    assert User.objects.get(pk=administrator.pk).is_active


def test_a_lost_second_factor_is_reset(client, demo):
    login(client, "beheerder")
    other = User.objects.get(username="contractmanager")
    TOTPDevice.objects.create(user=other, name="telefoon", confirmed=True)
    response = client.post(f"/account/beheer/gebruikers/{other.pk}/tweestap-herstellen/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=other).exists()
    assert _changes(other) == ["second_factor_reset"]


def test_an_ended_role_stays_in_the_history_but_grants_nothing(client, demo):
    login(client, "beheerder")
    manager = User.objects.get(username="smd-manager")
    membership = manager.memberships.get()
    response = client.post(f"/account/beheer/rollen/{membership.pk}/beeindigen/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_until is not None
    assert User.objects.get(pk=manager.pk).roles == frozenset()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert _changes(manager) == ["membership_ended"]


def test_two_administrators_do_not_overwrite_each_other(client, demo):
    login(client, "beheerder")
    user = User.objects.get(username="aanbieder")
    fingerprint = services.user_fingerprint(user)
    User.objects.filter(pk=user.pk).update(email="nieuw@zaanse-begeleiding.example")
    response = client.post(
        f"/account/beheer/gebruikers/{user.pk}/",
        {
            "first_name": "Anton",
            "last_name": "Smit",
            "email": "oud@example.invalid",
            "fingerprint": fingerprint,
        },
    )
    assert response.status_code == 400
    assert "iemand anders" in response.content.decode().lower()
    assert User.objects.get(pk=user.pk).email == "nieuw@zaanse-begeleiding.example"
    fresh = services.user_fingerprint(User.objects.get(pk=user.pk))
    saved = client.post(
        f"/account/beheer/gebruikers/{user.pk}/",
        {
            "first_name": "Anton",
            "last_name": "Smit",
            "email": "a.smit@example.invalid",
            "fingerprint": fresh,
        },
    )
    assert saved.status_code == 302
    assert _changes(user) == ["user_changed"]
