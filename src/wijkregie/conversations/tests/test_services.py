"""Meetings: carry-over of open agreements, the status rules of agreements and their history,
the agenda proposed from the data of a half-year, bad input, conflicts, and the daily digest
(mail outbox)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from tests import factories
from tests.factories import OrganisationFactory, UserFactory

from wijkregie.accounts.models import User
from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.conversations import selectors, services
from wijkregie.conversations.models import (
    AgendaItem,
    Agreement,
    AgreementEvent,
    Body,
    Meeting,
    RoleAgreement,
)
from wijkregie.indicators.models import Indicator, Target
from wijkregie.pilots import services as pilot_services
from wijkregie.pilots.models import Goal, Pilot
from wijkregie.reporting import rollups
from wijkregie.reporting.models import CaseStory, Delivery, Value

# These tests build their own few objects: an empty database, not the session's demo.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def manager():
    return UserFactory(username="cm", first_name="Carla", last_name="de Vries")


@pytest.fixture
def dock():
    return OrganisationFactory(code="dock", name="DOCK")


def meeting(body, user, date, **extra):
    return services.meeting_save(Meeting(body=body, date=date, **extra), user=user, today=TODAY)


def agreement(meeting_, organisation, what, due, owner=None):
    return services.agreement_create(
        Agreement(
            meeting=meeting_,
            what=what,
            owner=owner,
            owner_organisation=organisation,
            due_date=due,
        ),
        user=owner,
    )


def test_open_agreements_are_carried_to_the_next_meeting_of_the_same_body(manager, dock):
    kerngroep = services.body_save(Body(name="Kerngroep", kind=Body.Kind.CORE), user=manager)
    other = services.body_save(Body(name="Stuurgroep", kind=Body.Kind.STEERING), user=manager)
    first = meeting(kerngroep, manager, dt.date(2021, 3, 9))
    open_one = agreement(first, dock, "Protocol opstellen", dt.date(2021, 6, 1), manager)
    done_one = agreement(first, dock, "Lijst publiceren", dt.date(2021, 6, 1), manager)
    services.agreement_set_status(
        done_one, status="done", note="Gepubliceerd.", user=manager, expected_version=1
    )
    agreement(meeting(other, manager, dt.date(2021, 4, 1)), dock, "Elders", dt.date(2021, 9, 1))

    second = meeting(kerngroep, manager, dt.date(2021, 6, 8))
    carried = list(second.agenda.filter(source=AgendaItem.Source.CARRIED))
    assert [item.agreement for item in carried] == [open_one]
    assert "Protocol opstellen" in carried[0].title
    assert open_one.events.filter(note__contains="08-06-2021").exists()
    # Proposing again adds nothing twice.
    assert services.propose_agenda(second, user=manager, today=TODAY) == 0
    # An earlier meeting never receives later agreements.
    assert not first.agenda.filter(source=AgendaItem.Source.CARRIED).exists()


def test_agreement_status_rules_and_history(manager, dock):
    body = services.body_save(Body(name="Driehoek", kind=Body.Kind.TRIANGLE), user=manager)
    held = meeting(body, manager, dt.date(2025, 5, 13))
    with pytest.raises(ValidationError) as early:
        agreement(held, dock, "Te vroeg", dt.date(2025, 5, 1))
    assert "due_date" in early.value.message_dict
    item = agreement(held, dock, "Consultatie via Wijkregie", dt.date(2025, 9, 1), manager)
    for status in ("done", "dropped"):
        with pytest.raises(ValidationError) as no_note:
            services.agreement_set_status(
                item, status=status, note=" ", user=manager, expected_version=item.version
            )
        assert "note" in no_note.value.message_dict
    item = Agreement.objects.get(pk=item.pk)
    services.agreement_set_status(
        item, status="in_progress", note="", user=manager, expected_version=item.version
    )
    stale = Agreement.objects.get(pk=item.pk)
    services.agreement_set_status(
        item, status="done", note="Eerste bericht verstuurd.", user=manager, expected_version=2
    )
    with pytest.raises(ConcurrentEditError):
        services.agreement_set_status(
            stale, status="dropped", note="Anders.", user=manager, expected_version=stale.version
        )
    history = list(AgreementEvent.objects.filter(agreement=item).order_by("pk"))
    assert [(e.from_state, e.to_state) for e in history] == [
        ("", "open"),
        ("open", "in_progress"),
        ("in_progress", "done"),
    ]
    assert Agreement.objects.get(pk=item.pk).status_note == "Eerste bericht verstuurd."
    with pytest.raises(PermissionError):
        history[0].save()


def test_bodies_and_meetings_refuse_bad_input(manager, dock):
    with pytest.raises(ValidationError) as no_contractor:
        services.body_save(Body(name="Resultaat", kind=Body.Kind.RESULT), user=manager)
    assert "contractor" in no_contractor.value.message_dict
    with pytest.raises(ValidationError) as no_chain:
        services.body_save(Body(name="Keten", kind=Body.Kind.CHAIN), user=manager)
    assert "chain" in no_chain.value.message_dict
    body = services.body_save(
        Body(name="Resultaat DOCK", kind=Body.Kind.RESULT, contractor=dock), user=manager
    )
    with pytest.raises(ValidationError) as no_period:
        meeting(body, manager, dt.date(2026, 10, 13))
    assert "period" in no_period.value.message_dict
    assert not Meeting.objects.exists()


def _value(indicator, organisation, period, value=None, **extra):
    return Value.objects.create(
        indicator=indicator,
        organisation=organisation,
        period=period,
        state=Value.State.APPROVED,
        value=value,
        **extra,
    )


def test_the_agenda_of_a_result_conversation_is_proposed_from_the_data(manager, dock):
    higher = Indicator.objects.create(
        code="DOEL", name="Doel bereikt", polarity="higher", unit=Indicator.Unit.PERCENTAGE
    )
    lower = Indicator.objects.create(code="WACHT", name="Wachttijd", polarity="lower")
    fine = Indicator.objects.create(
        code="OK", name="Op koers", polarity="higher", unit=Indicator.Unit.PERCENTAGE
    )
    unmeasured = Indicator.objects.create(code="WERK", name="Werkplezier", aggregation="mean")
    Target.objects.create(indicator=higher, period="2026H1", value=Decimal(60))
    Target.objects.create(indicator=fine, period="2026H1", value=Decimal(10))
    _value(higher, dock, "2026H1", Decimal(55))  # off target
    for period, days in (("2025H1", 10), ("2025H2", 12), ("2026H1", 15)):
        _value(lower, dock, period, Decimal(days))  # worse twice, no target
    _value(fine, dock, "2026H1", Decimal(12))  # on target: not on the agenda
    _value(unmeasured, dock, "2026H1", not_measurable=True, reason="Onderzoek uitgesteld.")
    rollups.refresh_all()
    delivery = factories.delivery(
        dock,
        "2026H1",
        state=Delivery.State.SENT_BACK,
        due_date=dt.date(2026, 8, 9),
        feedback="Toelichting bij de daling ontbreekt.",
    )
    CaseStory.objects.create(
        delivery=delivery, title="Mevrouw B.", text="…", shared_title="[PERSOON-1]"
    )
    pilot = pilot_services.pilot_save(
        Pilot(name="Schuldenpilot", first_period="2026H1"),
        user=manager,
        organisations=[dock],
    )
    pilot_services.goal_save(
        Goal(pilot=pilot, title="Minder huisuitzettingen", no_indicator_reason="Volgt."),
        user=manager,
        links=[],
    )
    pilot_services.pilot_set_status(pilot, "running", user=manager, expected_version=1)

    body = services.body_save(
        Body(name="Resultaatgesprek DOCK", kind=Body.Kind.RESULT, contractor=dock), user=manager
    )
    earlier = meeting(body, manager, dt.date(2026, 4, 14), period="2025H2")
    agreement(earlier, dock, "Dalingen toelichten", dt.date(2026, 8, 31), manager)
    held = meeting(body, manager, dt.date(2026, 10, 13), period="2026H1")

    agenda = {(item.source, item.title) for item in held.agenda.all()}
    assert ("off_target", "Doel bereikt: 55, tegen een streefwaarde van 60") in agenda
    assert ("worsening", "Wachttijd werd twee halfjaren op rij slechter: 10 → 12 → 15") in agenda
    assert ("not_measurable", "Werkplezier is als niet meetbaar gemeld") in agenda
    assert ("sent_back", "Levering 2026H1 is teruggestuurd") in agenda
    assert ("case_story", "Casusverhaal: [PERSOON-1]") in agenda
    assert ("blind_spot", "Blinde vlek in Schuldenpilot: Minder huisuitzettingen") in agenda
    assert ("carried", "Open afspraak: Dalingen toelichten") in agenda
    assert not any("Op koers" in title for _source, title in agenda)
    assert held.agenda.get(source="not_measurable").notes == "Onderzoek uitgesteld."


def test_daily_digest_reaches_each_owner_once(manager, dock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    other = User.objects.create_user(username="dm", first_name="Dewi", email="dm@example.invalid")
    silent = User.objects.create_user(username="nomail", first_name="Zonder")
    body = services.body_save(Body(name="Stuurgroep", kind=Body.Kind.STEERING), user=manager)
    held = meeting(body, manager, dt.date(2026, 3, 24))
    agreement(held, dock, "Te laat", dt.date(2026, 10, 1), manager)
    agreement(held, dock, "Binnen een week", dt.date(2026, 11, 27), manager)
    agreement(held, dock, "Volgend jaar", dt.date(2027, 3, 1), manager)
    finished = agreement(held, dock, "Al klaar", dt.date(2026, 11, 1), other)
    services.agreement_set_status(
        finished, status="done", note="Klaar.", user=other, expected_version=1
    )
    agreement(held, dock, "Zonder adres", dt.date(2026, 11, 1), silent)
    RoleAgreement.objects.create(
        title="Opdrachtgever en partner",
        agreement="…",
        role=RoleAgreement.Role.COMBINED,
        holder=other,
        review_date=dt.date(2026, 9, 1),
    )
    mail.outbox.clear()
    assert services.send_digests(TODAY) == 2
    by_person = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_person) == {"cm@example.invalid", "dm@example.invalid"}
    assert "Te laat" in by_person["cm@example.invalid"]
    assert "te laat" in by_person["cm@example.invalid"]
    assert "Binnen een week" in by_person["cm@example.invalid"]
    assert "Volgend jaar" not in by_person["cm@example.invalid"]
    assert "Al klaar" not in by_person["dm@example.invalid"]
    assert "Opdrachtgever en partner" in by_person["dm@example.invalid"]
    assert {m.subject for m in mail.outbox} == {"Wijkregie: uw afspraken en evaluaties"}
    assert selectors.due_agreements(TODAY).count() == 2
