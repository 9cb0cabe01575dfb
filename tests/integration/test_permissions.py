"""The permission rules, checked per role against real demo memberships."""

import datetime as dt

import pytest

from wijkregie.accounts.models import Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.accounts.services import membership_create, user_create
from wijkregie.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def test_own_organisation_rule(demo):
    dock = Organisation.objects.get(code="dock")
    incluzio = Organisation.objects.get(code="incluzio")
    assert user("dock-manager").has_perm("organisations.change_organisation", dock)
    assert not user("dock-manager").has_perm("organisations.change_organisation", incluzio)
    assert not user("dock-professional").has_perm("organisations.change_organisation", dock)
    assert user("contractmanager").has_perm("organisations.change_organisation", incluzio)
    assert not user("raadslid").has_perm("organisations.change_organisation", dock)


def test_expired_membership_gives_no_rights(demo):
    person = user_create(username="oud-medewerker", password="wijkregie-demo-123")
    membership_create(
        user=person,
        organisation=Organisation.objects.get(code="smd"),
        role=Role.TEAM_MANAGER,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2021, 12, 31),
    )
    person = User.objects.get(pk=person.pk)
    assert person.roles == frozenset()
    assert not person.has_perm("organisations.view_organisation")


def test_membership_dates_are_validated(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        membership_create(
            user=user("raadslid"),
            organisation=Organisation.objects.get(code="smd"),
            role=Role.PROFESSIONAL,
            valid_from=dt.date(2025, 1, 1),
            valid_until=dt.date(2024, 1, 1),
        )
    assert "valid_until" in error.value.message_dict


def test_inactive_organisations_are_visible_to_the_municipality_only(demo):
    assert user("contractmanager").has_perm("organisations.view_inactive_organisation")
    assert not user("aanbieder").has_perm("organisations.view_inactive_organisation")


def test_no_role_means_no_access(demo):
    person = User.objects.create_user("nieuw", password="x" * 12)
    assert not person.has_perm("organisations.view_organisation")
    assert not Membership.objects.filter(user=person).exists()


def test_users_cannot_be_deleted_only_deactivated(demo):
    assert not user("beheerder").has_perm("accounts.delete_user")
    assert user("beheerder").has_perm("accounts.change_user")
