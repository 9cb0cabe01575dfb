"""A fresh installation gets its first administrator from the command line."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from wijkregie.accounts.models import AuditEvent, User
from wijkregie.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_first_administrator_on_an_empty_installation(empty_db):
    call_command(
        "beheerder",
        "i.admin",
        "--email",
        "i.admin@zaanstad.example",
        "--organisatie",
        "gemeente-zaanstad",
        "--naam",
        "Gemeente Zaanstad",
    )
    user = User.objects.get(username="i.admin")
    assert user.roles == {Role.ADMINISTRATOR}
    assert not user.has_usable_password()
    assert user.has_perm("accounts.change_user")
    # Idempotent: a second run changes nothing and logs nothing new.
    call_command(
        "beheerder",
        "i.admin",
        "--email",
        "i.admin@zaanstad.example",
        "--organisatie",
        "gemeente-zaanstad",
    )
    assert user.memberships.count() == 1
    assert AuditEvent.objects.filter(object_id=str(user.pk)).count() == 1


def test_an_invalid_organisation_code_is_refused(empty_db):
    with pytest.raises(CommandError):
        call_command(
            "beheerder", "x", "--email", "x@example.invalid", "--organisatie", "Geen Code!"
        )
    assert not User.objects.filter(username="x").exists()
