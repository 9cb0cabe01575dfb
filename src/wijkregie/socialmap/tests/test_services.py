"""The social map's rules: freshness, reminders and escalation, vacancy, flags, the change log
and no silent overwrite."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    ThemeFactory,
    UserFactory,
)

from wijkregie.accounts.roles import Role
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.organisations.models import ContactPerson, Organisation
from wijkregie.socialmap import freshness, selectors, services
from wijkregie.socialmap.models import Change, ContactRole, Service, TaxonomyTerm

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call a service as a request would: its after-commit callbacks (e-mail) run when it
    returns."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def owner(empty_db):
    return OrganisationFactory(code="humanitas", name="Humanitas", kind=Organisation.Kind.PARTNER)


@pytest.fixture
def editor(owner):
    return MembershipFactory(
        organisation=owner, role=Role.PARTNER_USER, user=UserFactory(username="redacteur")
    ).user


@pytest.fixture
def director(empty_db):
    gemeente = OrganisationFactory(code="gemeente", kind=Organisation.Kind.MUNICIPALITY)
    return MembershipFactory(
        organisation=gemeente, role=Role.CHAIN_DIRECTOR, user=UserFactory(username="regisseur")
    ).user


def _service(owner, days_ago: int) -> Service:
    service = ServiceFactory(owner=owner)
    Service.objects.filter(pk=service.pk).update(assured_date=TODAY - dt.timedelta(days=days_ago))
    service.refresh_from_db()
    return service


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        (0, freshness.State.CURRENT),
        (165, freshness.State.CURRENT),  # 180 - 14 - 1: the day before the reminder window
        (166, freshness.State.DUE),
        (180, freshness.State.DUE),  # the last day of the period
        (181, freshness.State.STALE),
    ],
)
def test_freshness_states_at_the_edges(settings, days_ago, expected):
    settings.WIJKREGIE_SOCIALMAP_UPDATE_DAYS = ["service=180"]
    settings.WIJKREGIE_SOCIALMAP_REMIND_DAYS = 14
    assured = TODAY - dt.timedelta(days=days_ago)
    assert freshness.state(assured, "service", TODAY) == expected
    stale_before, due_before = freshness.cutoffs("service", TODAY)
    assert (assured < stale_before) == (expected == freshness.State.STALE)
    assert (assured < due_before) == (expected != freshness.State.CURRENT)


def test_a_stale_entry_reminds_the_owner_once_then_escalates(owner, editor, director, committed):
    stale = _service(owner, days_ago=200)
    _service(owner, days_ago=10)  # current: not in the reminder

    counts = committed(services.send_reminders, today=TODAY)
    assert counts["reminded"] == 1
    # Stale for 20 days: not yet escalated (30 days).
    assert counts["escalated"] == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert stale.name in message.body

    # The next day: no second reminder within the interval.
    assert committed(services.send_reminders, today=TODAY + dt.timedelta(days=1))["reminded"] == 0
    assert len(mail.outbox) == 1

    # Forty days later it is still stale: reminded again, and escalated to the chain director.
    later = TODAY + dt.timedelta(days=40)
    counts = committed(services.send_reminders, today=later)
    assert counts == {"reminded": 1, "vacant": 0, "escalated": 1, "emails": 2}
    assert mail.outbox[-1].to == [director.email]
    assert stale.name in mail.outbox[-1].body
    # Escalated once only.
    assert committed(services.send_reminders, today=later + dt.timedelta(days=20))["escalated"] == 0


def test_reminders_wait_for_the_commit(owner, editor, django_capture_on_commit_callbacks):
    _service(owner, days_ago=200)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.send_reminders(today=TODAY)
        assert mail.outbox == []  # not before the commit (a rollback sends nothing)
    assert len(mail.outbox) == 1


def test_assuring_starts_the_period_again_and_is_logged(owner, editor, committed):
    service = _service(owner, days_ago=200)
    committed(services.send_reminders, today=TODAY)
    service.refresh_from_db()
    assert service.reminded_on == TODAY

    services.assure(entry=service, expected_version=service.version, actor=editor)
    service.refresh_from_db()
    assert service.assured_date == timezone.localdate()
    assert service.reminded_on is None
    assert service.assured_by == "Humanitas"  # the organisation, not the person
    log = Change.objects.filter(resource_id=service.uuid, last_action_type="assure").get()
    assert log.field_name == "assured_date"
    assert log.updated_by == "Humanitas"


def test_an_edit_on_an_old_version_is_refused(owner, editor):
    service = ServiceFactory(owner=owner)
    old = service.version
    services.service_update(
        service=service, expected_version=old, data={"name": "Nieuw"}, actor=editor
    )
    with pytest.raises(ConcurrentEditError):
        services.service_update(
            service=Service.objects.get(pk=service.pk),
            expected_version=old,
            data={"name": "Ander"},
            actor=editor,
        )
    assert Service.objects.get(pk=service.pk).name == "Nieuw"


def test_every_changed_field_is_in_the_change_log(owner, editor):
    area = AreaFactory(code="poelenburg", name="Poelenburg", responsible_organisation=owner)
    service = services.service_create(
        owner=owner,
        data={"name": "Maatjes", "description": "Een maatje.", "kind": Service.Kind.SERVICE},
        relations={"areas": [area]},
        actor=editor,
    )
    services.service_update(
        service=service,
        expected_version=service.version,
        data={"name": "Maatjesproject", "description": "Een maatje."},
        actor=editor,
    )
    rows = Change.objects.filter(resource_id=service.uuid, last_action_type="update")
    assert [(r.field_name, r.previous_value, r.replacement_value) for r in rows] == [
        ("name", "Maatjes", "Maatjesproject")
    ]
    created = Change.objects.filter(resource_id=service.uuid, last_action_type="create")
    assert {"name", "areas"} <= {row.field_name for row in created}


def test_a_role_falls_vacant_when_its_holder_leaves_and_the_owner_is_told(owner, editor, committed):
    theme = ThemeFactory(code="mantelzorg", name="Mantelzorg")
    colleague = UserFactory(username="collega")
    person = ContactPerson.objects.create(organisation=owner, name="Sanne Bos", user=colleague)
    role = services.contact_role_create(
        owner=owner,
        data={"title": "Aanspreekpunt mantelzorg", "theme": theme, "holder": person},
        actor=editor,
    )
    assert not role.is_vacant()
    assert selectors.vacant_roles(owner_ids=[owner.pk]) == []

    colleague.is_active = False
    committed(colleague.save)  # the administrator deactivates the leaver

    role = ContactRole.objects.get(pk=role.pk)
    assert role.is_vacant()
    assert selectors.vacant_roles(owner_ids=[owner.pk]) == [role]
    assert selectors.attention_for(editor).vacant == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [editor.email]
    assert "Aanspreekpunt mantelzorg" in mail.outbox[0].subject


def test_a_role_falls_vacant_when_its_period_ends(owner, editor):
    person = ContactPerson.objects.create(organisation=owner, name="Tim Verhoeven")
    role = services.contact_role_create(
        owner=owner,
        data={"title": "Aanspreekpunt jongeren", "holder": person, "valid_until": TODAY},
        actor=editor,
    )
    assert not role.is_vacant(TODAY)
    assert role.is_vacant(TODAY + dt.timedelta(days=1))


def test_a_holder_must_belong_to_the_owner(owner, editor):
    other = OrganisationFactory(code="ander")
    stranger = ContactPerson.objects.create(organisation=other, name="Iemand Anders")
    with pytest.raises(ValidationError) as excinfo:
        services.contact_role_create(
            owner=owner, data={"title": "Aanspreekpunt", "holder": stranger}, actor=editor
        )
    assert "holder" in excinfo.value.message_dict


def test_a_flag_gives_the_owner_a_task_and_an_email(owner, editor, committed):
    reporter = UserFactory(username="melder")
    service = ServiceFactory(owner=owner)
    with pytest.raises(ValidationError):
        committed(services.flag_create, entry=service, note="  ", actor=reporter)
    flag = committed(
        services.flag_create, entry=service, note="Het telefoonnummer klopt niet.", actor=reporter
    )
    assert selectors.open_flags(owner_ids=[owner.pk]) == [flag]
    assert selectors.attention_for(editor).flags == 1
    assert mail.outbox[-1].to == [editor.email]
    assert "Het telefoonnummer klopt niet." in mail.outbox[-1].body

    services.flag_resolve(flag=flag, resolution="Nummer aangepast.", actor=editor)
    assert selectors.open_flags(owner_ids=[owner.pk]) == []
    with pytest.raises(ValidationError):
        services.flag_resolve(flag=flag, resolution="Nog eens.", actor=editor)


def test_an_organisation_without_editors_is_reminded_through_the_chain_director(
    owner, director, committed
):
    _service(owner, days_ago=200)
    committed(services.send_reminders, today=TODAY)
    assert mail.outbox[0].to == [director.email]


def test_the_freshness_overview_counts_per_owner(owner, editor):
    _service(owner, days_ago=10)
    _service(owner, days_ago=170)
    _service(owner, days_ago=300)
    _service(owner, days_ago=301)
    row = selectors.freshness_overview(today=TODAY)[0]
    assert (row.total, row.current, row.due, row.stale) == (4, 1, 1, 2)
    assert row.share_current == 25
    assert [e.assured_date for e in row.oldest] == [
        TODAY - dt.timedelta(days=d) for d in (301, 300, 170)
    ]


def test_every_theme_is_a_term_of_the_themes_taxonomy(empty_db):
    theme = ThemeFactory(code="eenzaamheid", name="Eenzaamheid")
    term = TaxonomyTerm.objects.get(theme=theme)
    assert (term.taxonomy.code, term.code, term.name) == ("themas", "eenzaamheid", "Eenzaamheid")
    theme.name = "Eenzaamheid en ontmoeting"
    theme.save()
    assert TaxonomyTerm.objects.get(theme=theme).name == "Eenzaamheid en ontmoeting"
    assert TaxonomyTerm.objects.filter(theme=theme).count() == 1
