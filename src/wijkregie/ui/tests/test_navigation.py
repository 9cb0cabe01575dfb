"""The navigation is kept per viewer key and language: it must follow a change of role at once,
and never show one user's items to another."""

import pytest
from conftest import login

from wijkregie.accounts.models import Membership
from wijkregie.accounts.roles import Role

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [item["title"] for item in response.context["nav_items"]]


def navigation_of(client, username: str) -> list[str]:
    client.logout()
    login(client, username)
    return titles(client.get("/"))


def test_the_navigation_follows_a_changed_role_and_the_language(client, demo):
    adviser = navigation_of(client, "beleidsadviseur")
    assert navigation_of(client, "raadslid") != adviser
    membership = Membership.objects.get(user__username="raadslid")
    membership.role = Role.POLICY_ADVISER
    membership.save()
    assert titles(client.get("/")) == adviser  # at once, as if the role had always been so

    client.post("/taal/", {"language": "en", "next": "/"})
    english = titles(client.get("/"))
    assert "Commission" in english and "Opdracht" not in english


def test_users_with_other_roles_never_share_a_navigation(client, demo):
    manager = navigation_of(client, "contractmanager")
    provider = navigation_of(client, "aanbieder")
    assert "Opdracht" in manager and "Opdracht" not in provider
    assert "Indicatoren" in provider and "Indicatoren" not in manager


def test_the_current_item_is_marked(client, demo):
    login(client, "contractmanager")
    items = client.get("/dashboard/").context["nav_items"]
    assert [item["title"] for item in items if item["current"]] == ["Dashboard"]
    items = client.get("/").context["nav_items"]
    assert [item["title"] for item in items if item["current"]] == ["Start"]
