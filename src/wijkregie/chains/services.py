"""Writes of the chains app: chains and parties, and the change notice lifecycle with its
notifications (in-app and e-mail). Every phase change is appended to ``NoticeEvent``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent, User
from wijkregie.accounts.roles import Role
from wijkregie.accounts.services import audit_event_create
from wijkregie.chains import workflow
from wijkregie.chains.models import (
    Acknowledgement,
    AffectedParty,
    Chain,
    ChainParty,
    ChangeNotice,
    ConsultationResponse,
    Notification,
)
from wijkregie.organisations.models import ContactPerson, Organisation, Theme

NOTICE_FIELDS = ["title", "what_changes", "why", "effective_from", "consultation_deadline"]


def _check_speaks_for(actor: User, party: AffectedParty) -> None:
    """Only someone who speaks for the addressed organisation responds or acknowledges."""
    from wijkregie.accounts.permissions import PARTY_ROLES

    if party.organisation_id not in actor.organisation_ids_with_role(*PARTY_ROLES):
        raise PermissionDenied(
            _("You do not speak for %(org)s.") % {"org": party.organisation.name}
        )


def _event(notice: ChangeNotice, note: str, actor: User | None, now: dt.datetime | None = None):
    """A note in the notice's history (no change of phase)."""
    workflow.WORKFLOW.annotate(notice, note, actor=actor, now=now)


# --- chains -------------------------------------------------------------------------------------
@transaction.atomic
def chain_create(
    *, name: str, description: str, director: User, themes: Iterable[Theme] = ()
) -> Chain:
    chain = Chain(name=name, description=description, director=director)
    chain.full_clean()
    chain.save()
    chain.themes.set(themes)
    return chain


@transaction.atomic
def chain_update(
    *, chain: Chain, expected_version: int, data: dict[str, Any], themes: Iterable[Theme]
) -> Chain:
    for field, value in data.items():
        setattr(chain, field, value)
    chain.full_clean()
    chain.save_versioned(expected_version=expected_version, update_fields=list(data))
    chain.themes.set(themes)
    return chain


@transaction.atomic
def party_set(
    *,
    chain: Chain,
    organisation: Organisation,
    role: str,
    contacts: Iterable[ContactPerson] = (),
) -> ChainParty:
    contacts = list(contacts)
    wrong = [c.name for c in contacts if c.organisation_id != organisation.pk]
    if wrong:
        raise ValidationError(
            {
                "contacts": _("These contact persons work elsewhere: %(names)s.")
                % {"names": ", ".join(wrong)}
            }
        )
    party, _created = ChainParty.objects.get_or_create(
        chain=chain, organisation=organisation, defaults={"role": role}
    )
    party.role = role
    party.full_clean()
    party.save()
    party.contacts.set(contacts)
    return party


# --- affected parties ---------------------------------------------------------------------------
def suggest_parties(notice: ChangeNotice) -> dict[int, str]:
    """Organisation id → why it is affected: chain membership, contractors of the requirements,
    assignments and budgets the notice concerns, and parties of chains on the same themes."""
    reasons: dict[int, str] = {}
    for party in notice.chain.parties.select_related("organisation"):
        reasons.setdefault(
            party.organisation_id, _("party in the chain %(chain)s") % {"chain": notice.chain.name}
        )
    for requirement in notice.requirements.all():
        contractors = list(requirement.contractors.all()) or list(
            requirement.commission.contractors.all()
        )
        for contractor in contractors:
            reasons.setdefault(
                contractor.pk, _("contractor for requirement %(code)s") % {"code": requirement.code}
            )
    for assignment in notice.assignments.all():
        for contractor in assignment.contractors.all():
            reasons.setdefault(
                contractor.pk, _("contractor of %(title)s") % {"title": assignment.title}
            )
        reasons.setdefault(
            assignment.commissioning_department_id,
            _("commissioned %(title)s") % {"title": assignment.title},
        )
    for agreement in notice.agreements.all():
        reasons.setdefault(agreement.contractor_id, _("budget %(year)s") % {"year": agreement.year})
    themes = notice.chain.themes.all()
    for party in (
        ChainParty.objects.filter(chain__themes__in=themes, chain__active=True)
        .exclude(chain=notice.chain)
        .select_related("chain")
        .distinct()
    ):
        reasons.setdefault(
            party.organisation_id,
            _("party in the chain %(chain)s on the same theme") % {"chain": party.chain.name},
        )
    return reasons


@transaction.atomic
def notice_create(
    *,
    chain: Chain,
    data: dict[str, Any],
    requirements=(),
    assignments=(),
    agreements=(),
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> ChangeNotice:
    notice = ChangeNotice(chain=chain, created_by=actor, **data)
    notice.full_clean()
    workflow.WORKFLOW.start(
        notice,
        ChangeNotice.State.DRAFT,
        actor=actor,
        note=_("Draft created; affected parties suggested."),
        now=now,
    )
    notice.requirements.set(requirements)
    notice.assignments.set(assignments)
    notice.agreements.set(agreements)
    for organisation_id, reason in suggest_parties(notice).items():
        AffectedParty.objects.create(
            notice=notice,
            organisation_id=organisation_id,
            suggested=True,
            suggestion_reason=reason[:200],
        )
    return notice


@transaction.atomic
def notice_update(
    *, notice: ChangeNotice, expected_version: int, data: dict[str, Any], actor: User | None
) -> ChangeNotice:
    if notice.state != ChangeNotice.State.DRAFT:
        raise workflow.IllegalTransition(_("Only a draft can be edited."))
    for field, value in data.items():
        setattr(notice, field, value)
    notice.full_clean()
    notice.save_versioned(expected_version=expected_version, update_fields=list(data))
    return notice


def _editable_parties(notice: ChangeNotice) -> None:
    if notice.state not in (ChangeNotice.State.DRAFT, ChangeNotice.State.CONSULTATION):
        raise workflow.IllegalTransition(
            _("Parties can be changed until the decision; after it, publish a new notice.")
        )


@transaction.atomic
def party_add(
    *, notice: ChangeNotice, organisation: Organisation, actor: User | None
) -> AffectedParty:
    _editable_parties(notice)
    party, created = AffectedParty.objects.get_or_create(notice=notice, organisation=organisation)
    if not created and party.included:
        return party
    party.included = True
    party.removal_reason = ""
    party.removed_by = None
    party.removed_at = None
    party.save()
    _event(notice, _("%(org)s added as affected party.") % {"org": organisation.name}, actor)
    if notice.state == ChangeNotice.State.CONSULTATION:
        _consult(notice, [party], actor)
    return party


@transaction.atomic
def party_remove(*, party: AffectedParty, reason: str, actor: User | None) -> AffectedParty:
    """Stop addressing a party; the removal and its reason stay on record."""
    party = AffectedParty.objects.select_related("notice", "organisation").get(pk=party.pk)
    _editable_parties(party.notice)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this party is not affected.")})
    party.included = False
    party.removal_reason = reason.strip()
    party.removed_by = actor
    party.removed_at = timezone.now()
    party.save()
    _event(
        party.notice,
        _("%(org)s removed: %(reason)s")
        % {"org": party.organisation.name, "reason": reason.strip()},
        actor,
    )
    return party


# --- notifications ------------------------------------------------------------------------------
def _recipients(organisation_id: int, notice: ChangeNotice) -> tuple[list[User], list[str]]:
    users = list(
        User.objects.filter(is_active=True, memberships__organisation_id=organisation_id)
        .exclude(memberships__role=Role.COUNCIL_MEMBER)
        .distinct()
    )
    emails = {u.email for u in users if u.email}
    for party in notice.chain.parties.filter(organisation_id=organisation_id):
        emails |= {c.email for c in party.contacts.filter(active=True) if c.email}
    return users, sorted(emails)


def _notify(
    notice: ChangeNotice,
    parties: list[AffectedParty],
    subject: str,
    body: str,
    now: dt.datetime | None = None,
) -> None:
    """In-app notifications now; e-mail once the transaction has committed, so that a change
    that is rolled back never reaches anyone's mailbox."""
    url = reverse("chains:inbox")
    messages = []
    for party in parties:
        users, emails = _recipients(party.organisation_id, notice)
        for user in users:
            Notification.objects.create(
                user=user,
                notice=notice,
                subject=subject[:200],
                body=body,
                url=url,
                created_at=now or timezone.now(),
            )
        if emails:
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, emails))
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def _consult(
    notice: ChangeNotice,
    parties: list[AffectedParty],
    actor: User | None,
    now: dt.datetime | None = None,
) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your view is asked: %(title)s") % {"title": notice.title}
        body = _(
            "%(chain)s asks your organisation for its view on a change before it is decided.\n\n"
            "What changes: %(what)s\n\nWhy: %(why)s\n\nIn effect from: %(from)s\n"
            "Respond before: %(deadline)s, in Wijkregie under 'Wijzigingen voor u'."
        ) % {
            "chain": notice.chain.name,
            "what": notice.what_changes,
            "why": notice.why,
            "from": notice.effective_from.strftime("%d-%m-%Y"),
            "deadline": notice.consultation_deadline.strftime("%d-%m-%Y"),
        }
    AffectedParty.objects.filter(pk__in=[p.pk for p in parties]).update(consulted=True)
    _notify(notice, parties, subject, body, now)


# --- lifecycle ----------------------------------------------------------------------------------
# Every step takes an optional ``now`` (defaults to the current time): the demo replays the 2024
# IB decision at its historical dates, and tests replay scenarios without waiting for deadlines.
def _advance(
    notice: ChangeNotice,
    to_state: str,
    note: str,
    actor: User | None,
    fields: dict[str, Any],
    now: dt.datetime,
    *,
    expected_version: int,
    **conditions: Any,
) -> ChangeNotice:
    from_state = notice.state
    notice = workflow.WORKFLOW.move(
        notice,
        to_state,
        actor=actor,
        note=note,
        expected_version=expected_version,
        fields=fields,
        condition=lambda locked: workflow.check(
            locked, to_state, today=timezone.localdate(now), **conditions
        ),
        now=now,
    )
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=actor,
        obj=notice,
        detail={"from": from_state, "to": to_state},
    )
    return notice


@transaction.atomic
def notice_start_consultation(
    *,
    notice: ChangeNotice,
    expected_version: int,
    deadline: dt.date,
    actor: User | None,
    now: dt.datetime | None = None,
) -> ChangeNotice:
    now = now or timezone.now()
    notice = _advance(
        notice,
        ChangeNotice.State.CONSULTATION,
        _("Consultation started; respond before %(date)s.")
        % {"date": deadline.strftime("%d-%m-%Y")},
        actor,
        {"consultation_deadline": deadline},
        now,
        expected_version=expected_version,
        deadline=deadline,
    )
    _consult(notice, list(notice.affected_parties.filter(included=True)), actor, now)
    return notice


@transaction.atomic
def response_submit(
    *,
    party: AffectedParty,
    position: str,
    text: str,
    actor: User,
    now: dt.datetime | None = None,
) -> ConsultationResponse:
    now = now or timezone.now()
    _check_speaks_for(actor, party)
    party = AffectedParty.objects.select_related("notice", "organisation").get(pk=party.pk)
    notice = party.notice
    if notice.state != ChangeNotice.State.CONSULTATION or not party.included:
        raise workflow.IllegalTransition(_("This notice is not open for consultation."))
    if notice.consultation_deadline and notice.consultation_deadline < timezone.localdate(now):
        raise workflow.IllegalTransition(_("The consultation deadline has passed."))
    if not text.strip():
        raise ValidationError({"text": _("Explain your position.")})
    response = ConsultationResponse(
        party=party, position=position, text=text.strip(), responded_by=actor, responded_at=now
    )
    response.full_clean()
    response.save()
    _event(
        notice,
        _("%(org)s responded: %(position)s.")
        % {"org": party.organisation.name, "position": response.get_position_display()},
        actor,
        now=now,
    )
    return response


@transaction.atomic
def response_answer(
    *, response: ConsultationResponse, answer: str, actor: User, now: dt.datetime | None = None
) -> ConsultationResponse:
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    response = ConsultationResponse.objects.select_related(
        "party__notice", "party__organisation"
    ).get(pk=response.pk)
    if response.party.notice.state != ChangeNotice.State.CONSULTATION:
        raise workflow.IllegalTransition(_("Concerns are answered during consultation."))
    response.answer = answer.strip()
    response.answered_by = actor
    response.answered_at = now or timezone.now()
    response.save(update_fields=["answer", "answered_by", "answered_at"])
    _event(
        response.party.notice,
        _("Answered %(org)s.") % {"org": response.party.organisation.name},
        actor,
        now=response.answered_at,
    )
    return response


@transaction.atomic
def notice_decide(
    *,
    notice: ChangeNotice,
    expected_version: int,
    decision: str,
    decided_on: dt.date,
    decided_by_body: str,
    skip_reason: str = "",
    actor: User | None,
    now: dt.datetime | None = None,
) -> ChangeNotice:
    now = now or timezone.now()
    if not decision.strip():
        raise ValidationError({"decision": _("Record the decision.")})
    note = _("Decided by %(body)s.") % {"body": decided_by_body or "—"}
    if notice.state == ChangeNotice.State.DRAFT and skip_reason.strip():
        note += " " + _("Without consultation: %(reason)s") % {"reason": skip_reason.strip()}
    return _advance(
        notice,
        ChangeNotice.State.DECIDED,
        note,
        actor,
        {
            "decision": decision.strip(),
            "decided_on": decided_on,
            "decided_by_body": decided_by_body.strip(),
            "skip_consultation_reason": skip_reason.strip(),
        },
        now,
        expected_version=expected_version,
        skip_reason=skip_reason,
    )


@transaction.atomic
def notice_publish(
    *,
    notice: ChangeNotice,
    expected_version: int,
    summary: str,
    actor: User | None,
    now: dt.datetime | None = None,
) -> ChangeNotice:
    now = now or timezone.now()
    notice = _advance(
        notice,
        ChangeNotice.State.PUBLISHED,
        _("Published to every addressed party."),
        actor,
        {"summary": summary.strip(), "published_on": now},
        now,
        expected_version=expected_version,
        summary=summary,
    )
    parties = list(notice.affected_parties.filter(included=True))
    AffectedParty.objects.filter(pk__in=[p.pk for p in parties]).update(notified_at=now)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Change decided: %(title)s") % {"title": notice.title}
        body = _(
            "%(chain)s informs you of a decided change.\n\nWhat changes for you: %(summary)s\n\n"
            "In effect from: %(from)s\nDecision: %(decision)s\n\n"
            "Please confirm in Wijkregie, under 'Wijzigingen voor u', that your organisation "
            "has read it."
        ) % {
            "chain": notice.chain.name,
            "summary": notice.summary,
            "from": notice.effective_from.strftime("%d-%m-%Y"),
            "decision": notice.decision,
        }
    _notify(notice, parties, subject, body, now)
    return notice


@transaction.atomic
def acknowledge(
    *, party: AffectedParty, name: str, actor: User, now: dt.datetime | None = None
) -> Acknowledgement:
    _check_speaks_for(actor, party)
    party = AffectedParty.objects.select_related("notice", "organisation").get(pk=party.pk)
    if party.notice.state != ChangeNotice.State.PUBLISHED or not party.included:
        raise workflow.IllegalTransition(_("Only a published notice can be acknowledged."))
    if not name.strip():
        raise ValidationError({"name": _("Give the name of the person who acknowledges.")})
    if party.acknowledgements.exists():
        raise workflow.IllegalTransition(_("Your organisation has already acknowledged this."))
    acknowledgement = Acknowledgement.objects.create(
        party=party,
        acknowledged_by=actor,
        name=name.strip()[:200],
        acknowledged_at=now or timezone.now(),
    )
    _event(
        party.notice,
        _("%(org)s acknowledged (%(name)s).")
        % {"org": party.organisation.name, "name": acknowledgement.name},
        actor,
        now=acknowledgement.acknowledged_at,
    )
    return acknowledgement


def send_reminders(*, now: dt.datetime | None = None, after_days: int | None = None) -> int:
    """Remind addressed parties that have not acknowledged a notice published more than
    ``after_days`` ago, at most once per ``after_days``. Returns the number of parties."""
    now = now or timezone.now()
    days = after_days if after_days is not None else settings.WIJKREGIE_ACKNOWLEDGE_DAYS
    cutoff = now - dt.timedelta(days=days)
    overdue = (
        AffectedParty.objects.filter(
            included=True,
            notice__state=ChangeNotice.State.PUBLISHED,
            notice__published_on__lte=cutoff,
            acknowledgements__isnull=True,
        )
        .filter(Q(last_reminder_at__isnull=True) | Q(last_reminder_at__lte=cutoff))
        .select_related("notice", "notice__chain", "organisation")
    )
    count = 0
    for party in overdue:
        with transaction.atomic():
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Reminder: please confirm %(title)s") % {"title": party.notice.title}
                body = _(
                    "Your organisation has not yet confirmed that it read this decided change "
                    "of %(chain)s:\n\n%(summary)s\n\nPlease confirm in Wijkregie, under "
                    "'Wijzigingen voor u'."
                ) % {"chain": party.notice.chain.name, "summary": party.notice.summary}
            _notify(party.notice, [party], subject, body, now)
            party.last_reminder_at = now
            party.save(update_fields=["last_reminder_at"])
            _event(
                party.notice,
                _("Reminder sent to %(org)s.") % {"org": party.organisation.name},
                None,
                now=now,
            )
            count += 1
    return count


@transaction.atomic
def notification_mark_read(*, user: User, notification_ids: Iterable[int]) -> int:
    return Notification.objects.filter(
        user=user, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=timezone.now())
