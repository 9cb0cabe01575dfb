"""Writes for bodies, meetings, decisions, agreements, the development agenda and role
agreements. Carry-over of open agreements, the proposed agenda, the status rules of
agreements (with their appended history) and the daily digest live here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.versioning import save_new_or_versioned
from wijkregie.conversations import selectors, workflow
from wijkregie.conversations.models import (
    AgendaItem,
    Agreement,
    Body,
    Decision,
    Meeting,
    RoleAgreement,
    Topic,
)


def _audit(user, obj, change: str, **detail) -> None:
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=obj,
        detail={"change": change, **detail},
    )


# --- bodies ---------------------------------------------------------------------------------------
BODY_FIELDS = ("name", "kind", "description", "chain", "contractor", "active")


@transaction.atomic
def body_save(
    body: Body,
    *,
    user,
    organisations: Iterable = (),
    members: Iterable = (),
    expected_version: int | None = None,
) -> Body:
    if body.kind == Body.Kind.RESULT and body.contractor_id is None:
        raise ValidationError({"contractor": _("A result conversation is with one contractor.")})
    if body.kind == Body.Kind.CHAIN and body.chain_id is None:
        raise ValidationError({"chain": _("A chain consultation belongs to a chain.")})
    body.full_clean(exclude=["chain", "contractor"])
    save_new_or_versioned(body, expected_version=expected_version, fields=BODY_FIELDS)
    body.organisations.set(organisations)
    body.members.set(members)
    _audit(user, body, "body")
    return body


# --- meetings -----------------------------------------------------------------------------
def _carry_over(meeting: Meeting, *, start: int) -> int:
    """Put every open agreement of earlier meetings of the body on this meeting's agenda."""
    carried = 0
    already = set(meeting.agenda.exclude(agreement=None).values_list("agreement_id", flat=True))
    for agreement in selectors.open_agreements(
        meeting.body, before=meeting.date, exclude_meeting=meeting
    ):
        if agreement.pk in already:
            continue
        AgendaItem.objects.create(
            meeting=meeting,
            order=start + carried,
            title=_("Open agreement: %(what)s") % {"what": agreement.what[:250]},
            notes=_("Due %(date)s · %(organisation)s · %(status)s")
            % {
                "date": agreement.due_date.strftime("%d-%m-%Y"),
                "organisation": agreement.owner_organisation,
                "status": agreement.get_status_display(),
            },
            source=AgendaItem.Source.CARRIED,
            agreement=agreement,
        )
        workflow.AGREEMENT.annotate(
            agreement,
            _("Carried to the meeting of %(date)s.") % {"date": meeting.date.strftime("%d-%m-%Y")},
        )
        carried += 1
    return carried


def propose_agenda(meeting: Meeting, *, user, today: dt.date) -> int:
    """Add what the data put on the table (result conversations) and the open agreements from
    last time; items already on the agenda are not added twice."""
    existing = set(meeting.agenda.values_list("source", "title"))
    order = meeting.agenda.count()
    added = 0
    if meeting.body.kind == Body.Kind.RESULT and meeting.period and meeting.body.contractor:
        for proposal in selectors.proposals(
            user, meeting.body.contractor, meeting.period, today=today
        ):
            if (proposal.source, proposal.title[:300]) in existing:
                continue
            AgendaItem.objects.create(
                meeting=meeting,
                order=order + added,
                title=proposal.title[:300],
                notes=proposal.notes,
                source=proposal.source,
            )
            added += 1
    added += _carry_over(meeting, start=order + added)
    return added


MEETING_FIELDS = ("date", "title", "period", "minutes")


@transaction.atomic
def meeting_save(
    meeting: Meeting,
    *,
    user,
    attendees: Iterable = (),
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Meeting:
    """Create (agenda proposed and open agreements carried over) or change a meeting."""
    creating = meeting.pk is None
    if meeting.body.kind == Body.Kind.RESULT and not meeting.period:
        raise ValidationError({"period": _("Choose the half-year the conversation is about.")})
    if creating:
        meeting.created_by = user
    meeting.full_clean(exclude=["body", "created_by"])
    save_new_or_versioned(meeting, expected_version=expected_version, fields=MEETING_FIELDS)
    meeting.attendees.set(attendees)
    if creating:
        propose_agenda(meeting, user=user, today=today or timezone.localdate())
    _audit(user, meeting, "meeting")
    return meeting


@transaction.atomic
def agenda_item_save(item: AgendaItem, *, user, expected_version: int | None = None) -> AgendaItem:
    item.full_clean(exclude=["meeting", "agreement"])
    if item.pk is None:
        item.order = item.order or item.meeting.agenda.count()
    save_new_or_versioned(
        item,
        expected_version=expected_version,
        fields=("order", "title", "notes", "survey_tip", "source"),
    )
    _audit(user, item.meeting, "agenda", item=item.pk)
    return item


@transaction.atomic
def agenda_item_delete(item: AgendaItem, *, user) -> None:
    meeting = item.meeting
    item.delete()
    _audit(user, meeting, "agenda", deleted=str(item))


# --- decisions and agreements -------------------------------------------------------------
@transaction.atomic
def decision_save(
    decision: Decision, *, user, affected: Iterable = (), expected_version: int | None = None
) -> Decision:
    if not decision.text.strip():
        raise ValidationError({"text": _("Write down what was decided.")})
    decision.full_clean(exclude=["meeting"])
    save_new_or_versioned(decision, expected_version=expected_version, fields=("text", "rationale"))
    decision.affected.set(affected)
    _audit(user, decision.meeting, "decision", decision=decision.pk)
    return decision


@transaction.atomic
def agreement_create(agreement: Agreement, *, user) -> Agreement:
    if agreement.decision_id and agreement.decision.meeting_id != agreement.meeting_id:
        raise ValidationError({"decision": _("The decision belongs to another meeting.")})
    if agreement.due_date < agreement.meeting.date:
        raise ValidationError({"due_date": _("The due date lies before the meeting.")})
    agreement.full_clean(exclude=["meeting", "decision", "owner", "owner_organisation"])
    workflow.AGREEMENT.start(agreement, Agreement.Status.OPEN, actor=user, note=_("Agreed."))
    _audit(user, agreement.meeting, "agreement", agreement=agreement.pk)
    return agreement


CLOSED = (Agreement.Status.DONE, Agreement.Status.DROPPED)


@transaction.atomic
def agreement_set_status(
    agreement: Agreement, *, status: str, note: str, user, expected_version: int
) -> Agreement:
    """Move an agreement on. Done and dropped need a note (what was delivered, or why it was
    dropped); every change is appended to its history."""
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    note = (note or "").strip()
    if status in (Agreement.Status.DONE, Agreement.Status.DROPPED) and not note:
        raise ValidationError(
            {"note": _("Say what was delivered, or why the agreement was dropped.")}
        )
    if status == Agreement.Status.IN_PROGRESS and agreement.status in CLOSED and not note:
        raise ValidationError({"note": _("Say why the agreement is taken up again.")})
    before = agreement.status
    if status == before:
        # No change of status: a note on it, kept in the history.
        agreement.status_note = note or agreement.status_note
        agreement.save_versioned(expected_version=expected_version, update_fields=["status_note"])
        if note:
            workflow.AGREEMENT.annotate(agreement, note, actor=user)
        return agreement
    agreement = workflow.AGREEMENT.move(
        agreement,
        status,
        actor=user,
        note=note,
        expected_version=expected_version,
        fields={"status_note": note or agreement.status_note},
    )
    _audit(user, agreement, "status", from_status=before, to_status=status)
    return agreement


# --- development agenda and role agreements ----------------------------------------------------
#: Saved by the edit; a change of status goes through the workflow after them.
TOPIC_FIELDS = ("year", "title", "description", "owner", "owner_organisation")
ROLE_FIELDS = ("title", "agreement", "role", "holder", "risks", "review_date", "decision")


@transaction.atomic
def topic_save(
    topic: Topic,
    *,
    user,
    decisions: Iterable = (),
    agreements: Iterable = (),
    expected_version: int | None = None,
) -> Topic:
    topic.full_clean(exclude=["owner", "owner_organisation"])
    status = topic.status
    if topic.pk is None:
        if not workflow.TOPIC.allowed(None, status):
            raise ValidationError({"status": _("A new topic is planned or in progress.")})
        workflow.TOPIC.start(topic, status, actor=user)
    else:
        stored = Topic.objects.get(pk=topic.pk).status
        topic.status = stored
        save_new_or_versioned(topic, expected_version=expected_version, fields=TOPIC_FIELDS)
        if status != stored:
            topic = workflow.TOPIC.move(topic, status, actor=user)
    topic.decisions.set(decisions)
    topic.agreements.set(agreements)
    _audit(user, topic, "topic")
    return topic


@transaction.atomic
def role_agreement_save(
    role: RoleAgreement,
    *,
    user,
    organisations: Iterable = (),
    expected_version: int | None = None,
) -> RoleAgreement:
    role.full_clean(exclude=["holder", "decision"])
    save_new_or_versioned(
        role,
        expected_version=expected_version,
        fields=ROLE_FIELDS,
    )
    role.organisations.set(organisations)
    _audit(user, role, "role agreement")
    return role


# --- the daily digest ---------------------------------------------------------------------
def send_digests(today: dt.date) -> int:
    """One e-mail per person with the agreements they own that are due within a week or
    overdue, and the role agreements they hold whose review date has passed. Returns the
    number of e-mails sent."""
    agreements: dict = defaultdict(list)
    for agreement in selectors.due_agreements(today):
        agreements[agreement.owner].append(agreement)
    reviews: dict = defaultdict(list)
    for role in selectors.reviews_due(today):
        if role.holder.is_active and role.holder.email:
            reviews[role.holder].append(role)
    sent = 0
    for person in sorted(set(agreements) | set(reviews), key=lambda u: u.pk):
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "conversations/email/digest.txt",
                {
                    "person": person,
                    "agreements": agreements.get(person, []),
                    "reviews": reviews.get(person, []),
                    "today": today,
                },
            )
            subject = _("Wijkregie: your agreements and reviews")
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        sent += 1
    return sent
