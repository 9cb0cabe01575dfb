"""factory_boy factories for tests that need a few objects of their own (with the ``empty_db``
fixture), instead of the session's whole demo. Objects with a status begin through their
workflow, so their history replays like the demo's."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from wijkregie.accounts.models import Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Organisation, Theme


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Iterator(["Carla", "Sanne", "Dewi", "Karim"])
    last_name = factory.Iterator(["de Vries", "Bos", "Pranoto", "Bouzid"])
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"organisatie-{n}")
    name = factory.LazyAttribute(lambda org: org.code.upper())
    kind = Organisation.Kind.TEAM_ORGANISATION


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.TEAM_MANAGER


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.LazyAttribute(lambda theme: theme.code.capitalize())


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"wijk-{n}")
    name = factory.LazyAttribute(lambda area: area.code.capitalize())
    responsible_organisation = factory.SubFactory(OrganisationFactory)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"IND-{n}")
    name = factory.LazyAttribute(lambda indicator: f"Indicator {indicator.code}")


def delivery(organisation: Organisation, period: str, *, state: str = "draft", **fields):
    """A half-year delivery moved through its workflow to ``state`` (draft, submitted,
    sent_back or approved)."""
    from wijkregie.reporting.models import Delivery
    from wijkregie.reporting.workflow import WORKFLOW

    item = WORKFLOW.start(
        Delivery(
            organisation=organisation,
            period=period,
            due_date=fields.pop("due_date", dt.date(2099, 1, 1)),
        ),
        Delivery.State.DRAFT,
    )
    path = {
        "draft": [],
        "submitted": ["submitted"],
        "sent_back": ["submitted", "sent_back"],
        "approved": ["submitted", "approved"],
    }[state]
    for step in path:
        item = WORKFLOW.move(item, step, fields=fields if step == path[-1] else None)
    return item


class ServiceFactory(DjangoModelFactory):
    """A social-map service; its owner is a partner organisation."""

    class Meta:
        model = "socialmap.Service"

    owner = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PARTNER)
    name = factory.Sequence(lambda n: f"Dienst {n}")
    description = "Een dienst in de wijk."
