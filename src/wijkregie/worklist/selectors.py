"""What needs each user now, gathered from every app: the start page's task list and
``/api/v1/me/tasks/``.

Every kind of task is one function that reads the owning app's selectors, so a count here is the
length of the same list the user finds behind its link (``/taken/<kind>/``). A kind appears only
for users who may act on it, and each item links only to a page that user may open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.roles import ORGANISATION_EDITOR_ROLES
from wijkregie.chains import selectors as chains
from wijkregie.chains.models import AffectedParty, ChangeNotice
from wijkregie.commission.models import Request
from wijkregie.common.periods import Period
from wijkregie.conversations.models import Agreement
from wijkregie.reporting import selectors as reporting
from wijkregie.reporting.models import Delivery
from wijkregie.signals import selectors as signals
from wijkregie.signals.models import Signal
from wijkregie.socialmap import selectors as socialmap
from wijkregie.surveys.models import Wave

#: Agreements show up this many days before their due date ("due this month").
AGREEMENT_HORIZON_DAYS = 31


@dataclass(frozen=True)
class Item:
    label: str
    date: dt.date | None
    url: str


@dataclass
class Task:
    key: str
    title: Promise
    action: Promise
    date_label: Promise
    list_url: str
    list_label: Promise
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def oldest(self) -> Item | None:
        dated = [item for item in self.items if item.date is not None]
        return min(dated, key=lambda item: item.date) if dated else None


def _day(moment: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(moment, dt.datetime):
        return timezone.localdate(moment)
    return moment


# --- deliveries -------------------------------------------------------------------------------
def _delivery_item(user, status: reporting.Status) -> Item:
    label = f"{status.organisation.name} — {status.period.label}"
    if status.delivery is not None and user.has_perm("reporting.view_delivery", status.delivery):
        url = reverse("reporting:detail", args=[status.delivery.pk])
    else:
        url = reverse("reporting:list")
    return Item(label, status.due_date, url)


def deliveries_to_submit(user, today: dt.date) -> Task | None:
    """Team managers: their organisation's deliveries of ended half-years not yet submitted
    (missing, draft or sent back)."""
    if (
        not user.has_perm("reporting.view_deliveries")
        or user.has_perm("reporting.review_delivery")  # the municipality: "late" instead
        or not _managed_teams(user)
    ):
        return None
    board = [
        status
        for status in reporting.status_board(user, today=today)
        if status.period.end < today
        and not status.done
        and (status.delivery is None or status.delivery.state != Delivery.State.SUPERSEDED)
        and user.has_perm("reporting.submit_delivery", status.organisation)
    ]
    return Task(
        "deliveries_to_submit",
        _("Deliveries to submit"),
        _("Half-year deliveries of your organisation that are not submitted yet."),
        _("due"),
        reverse("reporting:list"),
        _("All deliveries"),
        [_delivery_item(user, status) for status in board],
    )


def _managed_teams(user) -> bool:
    return any(
        user.has_perm("reporting.submit_delivery", membership.organisation)
        for membership in getattr(user, "active_memberships", [])
    )


def deliveries_late(user, today: dt.date) -> Task | None:
    """The contract manager: deliveries past their due date, of every team organisation."""
    if not user.has_perm("reporting.review_delivery"):
        return None
    late = [s for s in reporting.status_board(user, today=today) if s.overdue(today)]
    return Task(
        "deliveries_late",
        _("Late deliveries"),
        _("Half-year deliveries past their due date: not submitted, or sent back."),
        _("due"),
        reverse("reporting:list"),
        _("All deliveries"),
        [_delivery_item(user, status) for status in late],
    )


def deliveries_to_review(user, today: dt.date) -> Task | None:
    if not user.has_perm("reporting.review_delivery"):
        return None
    submitted = reporting.deliveries_for(user).filter(state=Delivery.State.SUBMITTED)
    return Task(
        "deliveries_to_review",
        _("Deliveries to review"),
        _("Submitted deliveries that await your approval or a request for changes."),
        _("submitted"),
        reverse("reporting:list"),
        _("All deliveries"),
        [
            Item(
                f"{d.organisation.name} — {d.period_obj.label}",
                _day(d.submitted_at),
                reverse("reporting:detail", args=[d.pk]),
            )
            for d in submitted.order_by("submitted_at", "pk")
        ],
    )


# --- change notices ---------------------------------------------------------------------------
def acknowledgements_overdue(user, today: dt.date) -> Task | None:
    """Chain directors and the contract manager: parties that have not acknowledged a published
    change after the set number of days."""
    if not user.has_perm("chains.view_notices"):
        return None
    overdue = chains.overview(user=user).overdue
    return Task(
        "acknowledgements_overdue",
        _("Acknowledgements overdue"),
        _("Organisations that have not confirmed that they read a published change."),
        _("published"),
        reverse("chains:notice_overview"),
        _("All change notices"),
        [
            Item(
                f"{party.organisation.name} — {party.notice.title}",
                _day(party.notice.published_on),
                _notice_url(user, party.notice),
            )
            for party in overdue
        ],
    )


def _notice_url(user, notice: ChangeNotice) -> str:
    if user.has_perm("chains.view_notice", notice):
        return reverse("chains:notice_detail", args=[notice.pk])
    return reverse("chains:notice_overview")


def consultations_closed(user, today: dt.date) -> Task | None:
    """Consultations whose deadline has passed and that still await the decision."""
    if not user.has_perm("chains.view_notices"):
        return None
    notices = [
        notice
        for notice in chains.notice_list(user=user, state=ChangeNotice.State.CONSULTATION)
        if notice.consultation_deadline
        and notice.consultation_deadline < today
        and user.has_perm("chains.manage_notice", notice)
    ]
    return Task(
        "consultations_closed",
        _("Consultations to decide on"),
        _("The consultation period has ended: weigh the responses and record the decision."),
        _("consultation closed"),
        reverse("chains:notice_overview"),
        _("All change notices"),
        [
            Item(notice.title, notice.consultation_deadline, _notice_url(user, notice))
            for notice in sorted(notices, key=lambda n: n.consultation_deadline)
        ],
    )


def _inbox(user) -> list[AffectedParty]:
    return [
        party
        for party in chains.inbox(user=user)
        if user.has_perm("chains.respond_for_party", party)
    ]


def notices_to_acknowledge(user, today: dt.date) -> Task | None:
    """Providers and partners: published changes their organisation has not acknowledged."""
    if not user.has_perm("chains.use_inbox"):
        return None
    parties = [p for p in _inbox(user) if chains.open_for(p)["can_acknowledge"]]
    if not parties and not user.organisation_ids_with_role():
        return None
    return Task(
        "notices_to_acknowledge",
        _("Changes to confirm"),
        _("Published changes your organisation has not yet confirmed as read."),
        _("published"),
        reverse("chains:inbox"),
        _("Changes for you"),
        [
            Item(
                f"{party.notice.title} ({party.organisation.name})",
                _day(party.notice.published_on),
                reverse("chains:inbox_detail", args=[party.pk]),
            )
            for party in sorted(parties, key=lambda p: p.notice.published_on or timezone.now())
        ],
    )


def consultations_to_answer(user, today: dt.date) -> Task | None:
    """Consultations open to the user's organisation that it has not responded to."""
    if not user.has_perm("chains.use_inbox"):
        return None
    parties = [
        p for p in _inbox(user) if chains.open_for(p)["can_respond"] and not p.responses.all()
    ]
    return Task(
        "consultations_to_answer",
        _("Consultations to respond to"),
        _("You are asked for your view on a change before it is decided."),
        _("respond before"),
        reverse("chains:inbox"),
        _("Changes for you"),
        [
            Item(
                f"{party.notice.title} ({party.organisation.name})",
                party.notice.consultation_deadline,
                reverse("chains:inbox_detail", args=[party.pk]),
            )
            for party in sorted(parties, key=lambda p: p.notice.consultation_deadline or today)
        ],
    )


# --- agreements and requests ------------------------------------------------------------------
def agreements_due(user, today: dt.date) -> Task | None:
    """Open agreements the user owns (or, for organisation editors, their organisation owns
    without a named owner) that are due within a month or overdue."""
    if not user.has_perm("conversations.view_register"):
        return None
    mine = Q(owner=user) | Q(
        owner__isnull=True,
        owner_organisation__in=user.organisation_ids_with_role(*ORGANISATION_EDITOR_ROLES),
    )
    agreements = (
        Agreement.objects.filter(mine)
        .filter(
            status__in=Agreement.OPEN_STATES,
            due_date__lte=today + dt.timedelta(days=AGREEMENT_HORIZON_DAYS),
        )
        .select_related("meeting__body")
        .order_by("due_date", "pk")
    )
    return Task(
        "agreements_due",
        _("Agreements due"),
        _("Agreements you carry out that are due within a month, or overdue."),
        _("due"),
        reverse("conversations:register"),
        _("The decisions register"),
        [
            Item(
                f"{agreement.what[:80]} ({agreement.meeting.body.name})",
                agreement.due_date,
                _agreement_url(user, agreement),
            )
            for agreement in agreements
        ],
    )


def _agreement_url(user, agreement: Agreement) -> str:
    if user.has_perm("conversations.change_agreement", agreement):
        return reverse("conversations:agreement_status", args=[agreement.pk])
    if user.has_perm("conversations.view_meeting", agreement.meeting):
        return reverse("conversations:meeting_detail", args=[agreement.meeting_id])
    return reverse("conversations:register")


def requests_to_decide(user, today: dt.date) -> Task | None:
    if not user.has_perm("commission.decide_request"):
        return None
    waiting = Request.objects.filter(
        state__in=(Request.State.SUBMITTED, Request.State.OUTSIDE_FUNNEL)
    ).order_by("received_on", "pk")
    return Task(
        "requests_to_decide",
        _("Requests awaiting a decision"),
        _("Requests for the teams that the assessment body has not decided on yet."),
        _("received"),
        reverse("commission:request_list"),
        _("All requests"),
        [
            Item(r.title, r.received_on, reverse("commission:request_detail", args=[r.pk]))
            for r in waiting
        ],
    )


# --- signals ----------------------------------------------------------------------------------
def signals_to_triage(user, today: dt.date) -> Task | None:
    if not signals.is_handler(user):
        return None
    waiting = signals.queue().filter(status=Signal.Status.RECEIVED)
    return Task(
        "signals_to_triage",
        _("Signals awaiting a first response"),
        _("Signals from practice that nobody has responded to yet; the date is the due date."),
        _("respond before"),
        reverse("signals:queue"),
        _("The queue of signals"),
        [Item(s.title, s.due_date, reverse("signals:detail", args=[s.pk])) for s in waiting],
    )


def signal_answers(user, today: dt.date) -> Task | None:
    if not user.has_perm("signals.add_signal"):
        return None
    notices = signals.unread_notices(user).select_related("signal").order_by("at", "pk")
    return Task(
        "signal_answers",
        _("News about your signals"),
        _("A response or an answer to a signal you reported: read it, and close or reopen it."),
        _("received"),
        reverse("signals:mine"),
        _("My signals"),
        [
            Item(n.signal.title, _day(n.at), reverse("signals:detail", args=[n.signal_id]))
            for n in notices
        ],
    )


# --- social map -------------------------------------------------------------------------------
def _keeps_entries(user):
    if not user.has_perm("socialmap.view_freshness"):
        return False, None
    owner_ids = socialmap.curated_owner_ids(user)
    return owner_ids is None or bool(owner_ids), owner_ids


def _freshness_task(key: str, title, action, date_label, items: list[Item]) -> Task:
    """A social-map task: its full list is the freshness page."""
    return Task(
        key,
        title,
        action,
        date_label,
        reverse("socialmap:freshness"),
        _("Freshness of the social map"),
        items,
    )


def socialmap_due(user, today: dt.date) -> Task | None:
    keeps, owner_ids = _keeps_entries(user)
    if not keeps:
        return None
    entries = socialmap.due_entries(today=today, owner_ids=owner_ids)
    return _freshness_task(
        "socialmap_due",
        _("Social map: entries to check"),
        _("Entries of the social map that are due for a check or stale: confirm or correct them."),
        _("check before"),
        [
            Item(f"{entry} ({entry.owner.name})", entry.due_date, reverse("socialmap:freshness"))
            for entry in entries
        ],
    )


def socialmap_vacant(user, today: dt.date) -> Task | None:
    keeps, owner_ids = _keeps_entries(user)
    if not keeps:
        return None
    vacant = socialmap.vacant_roles(today=today, owner_ids=owner_ids)
    return _freshness_task(
        "socialmap_vacant",
        _("Social map: vacant contact roles"),
        _("Contact roles without a current holder: name the new contact."),
        _("valid until"),
        [
            Item(
                f"{role.title} ({role.owner.name})",
                role.valid_until,
                reverse("socialmap:role_edit", args=[role.uuid])
                if user.has_perm("socialmap.change_entry", role)
                else reverse("socialmap:freshness"),
            )
            for role in vacant
        ],
    )


def socialmap_reports(user, today: dt.date) -> Task | None:
    keeps, owner_ids = _keeps_entries(user)
    if not keeps:
        return None
    flags = socialmap.open_flags(owner_ids=owner_ids)
    return _freshness_task(
        "socialmap_reports",
        _("Social map: reports that something is not right"),
        _("Users reported an error in an entry you keep."),
        _("reported"),
        [
            Item(
                f"{flag.entry} ({flag.owner.name})",
                _day(flag.reported_at),
                reverse("socialmap:freshness"),
            )
            for flag in flags
        ],
    )


# --- surveys ----------------------------------------------------------------------------------
def survey_waves_running(user, today: dt.date) -> Task | None:
    if not user.has_perm("surveys.own_survey"):
        return None
    waves = (
        Wave.objects.filter(open_until__gte=today)
        .select_related("survey")
        .order_by("open_until", "pk")
    )
    return Task(
        "survey_waves_running",
        _("Survey waves running"),
        _("Waves of a survey that are open for answers; the date is when they close."),
        _("open until"),
        reverse("surveys:list"),
        _("All surveys"),
        [
            Item(
                f"{wave.survey.name} — {wave.code}",
                wave.open_until,
                reverse("surveys:detail", args=[wave.survey.code]),
            )
            for wave in waves
        ],
    )


KINDS: dict[str, Callable] = {
    function.__name__: function
    for function in (
        deliveries_to_submit,
        deliveries_late,
        deliveries_to_review,
        acknowledgements_overdue,
        consultations_closed,
        notices_to_acknowledge,
        consultations_to_answer,
        agreements_due,
        requests_to_decide,
        signals_to_triage,
        signal_answers,
        socialmap_due,
        socialmap_vacant,
        socialmap_reports,
        survey_waves_running,
    )
}


def tasks_for(user, today: dt.date | None = None) -> list[Task]:
    """Every kind of task this user can act on, in a fixed order; open ones first."""
    today = today or timezone.localdate()
    found = [task for kind in KINDS.values() if (task := kind(user, today)) is not None]
    return sorted(found, key=lambda task: task.count == 0)


def task_for(user, key: str, today: dt.date | None = None) -> Task | None:
    kind = KINDS.get(key)
    return kind(user, today or timezone.localdate()) if kind else None


# --- the figures a role watches ---------------------------------------------------------------
@dataclass(frozen=True)
class Watch:
    """One figure below the tasks: what it counts, the figure in words, and where it comes from."""

    label: Promise
    figure: str
    url: str


def _deliveries_watch(user, today: dt.date) -> Watch | None:
    ended = Period.containing(today).previous()
    board = [s for s in reporting.status_board(user, today=today) if s.period == ended]
    if not board:
        return None
    approved = sum(
        1 for s in board if s.delivery is not None and s.delivery.state == Delivery.State.APPROVED
    )
    return Watch(
        _("Deliveries of %(period)s approved") % {"period": ended.label},
        _("%(done)s of %(all)s") % {"done": approved, "all": len(board)},
        reverse("reporting:list"),
    )


def _signals_watch(user, today: dt.date) -> Watch | None:
    counts = signals.aggregates()
    if not counts["total"]:
        return None
    return Watch(
        _("Signals from practice with an answer"),
        _("%(done)s of %(all)s") % {"done": counts["answered"], "all": counts["total"]},
        reverse("signals:figures"),
    )


def _socialmap_watch(user, today: dt.date) -> Watch | None:
    keeps, owner_ids = _keeps_entries(user)
    if not keeps:
        return None
    rows = socialmap.freshness_overview(today=today, owner_ids=owner_ids)
    total = sum(row.total for row in rows)
    if not total:
        return None
    current = sum(row.current for row in rows)
    return Watch(
        _("Social-map entries that are current"),
        f"{round(100 * current / total)}%",
        reverse("socialmap:freshness"),
    )


def watched_for(user, today: dt.date | None = None) -> list[Watch]:
    """The few figures this user's role watches, each with the page it comes from."""
    today = today or timezone.localdate()
    found = []
    if user.has_perm("reporting.view_deliveries"):
        found.append(_deliveries_watch(user, today))
    if user.has_perm("signals.view_aggregates"):
        found.append(_signals_watch(user, today))
    if user.has_perm("socialmap.view_freshness"):
        found.append(_socialmap_watch(user, today))
    return [watch for watch in found if watch is not None]
