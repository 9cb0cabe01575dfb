"""Writes of the signals app: report, triage, bundle into policy issues, put on an agenda,
decide or decline, feed the answer back to every writer (in the app and by e-mail after the
commit), the writer's reaction, and the facts that make the loop visible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkregie.accounts.models import AuditEvent, Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.accounts.services import audit_event_create
from wijkregie.chains.models import Chain
from wijkregie.conversations import services as conversations
from wijkregie.conversations.models import AgendaItem, Decision, Meeting
from wijkregie.deidentification import services as deidentification
from wijkregie.organisations.models import Organisation
from wijkregie.signals.models import Issue, Notice, Reaction, Signal
from wijkregie.signals.workflow import ISSUE, SIGNAL

S = Signal.Status


# --- settings and routing ----------------------------------------------------------------------
def response_days(category: str) -> int:
    """Days within which a signal of this kind gets its first response
    (``WIJKREGIE_SIGNAL_RESPONSE_DAYS``, kind=days pairs)."""
    pairs = dict(item.split("=", 1) for item in settings.WIJKREGIE_SIGNAL_RESPONSE_DAYS)
    try:
        return int(pairs.get(category, pairs["other"]))
    except KeyError as exc:
        raise ValueError("WIJKREGIE_SIGNAL_RESPONSE_DAYS has no period for 'other'") from exc


def route(theme, chain: Chain | None) -> User | None:
    """Who handles a signal: the director of its chain, else of an active chain on its theme;
    without one the policy advisers' shared queue (None)."""
    if chain is None:
        chain = Chain.objects.filter(active=True, themes=theme).order_by("pk").first()
    if chain is not None and chain.director_id and chain.director.is_active:
        return chain.director
    return None


def writer_organisation(user: User) -> Organisation:
    """The organisation a user reports for: their first active membership's."""
    today = timezone.localdate()
    memberships = Membership.objects.filter(user=user).select_related("organisation").order_by("pk")
    for membership in memberships:
        if membership.is_active_on(today):
            return membership.organisation
    raise ValidationError(_("Your account belongs to no organisation, so you cannot report."))


def handlers_of(signal: Signal) -> list[User]:
    """Who is told about a new or reopened signal: its handler, else the policy advisers."""
    if signal.handler_id:
        return [signal.handler]
    today = timezone.localdate()
    memberships = Membership.objects.filter(
        role=Role.POLICY_ADVISER, user__is_active=True
    ).select_related("user")
    return sorted({m.user for m in memberships if m.is_active_on(today)}, key=lambda u: u.username)


# --- telling people --------------------------------------------------------------------------
def _mail_after_commit(messages: list[tuple[str, str, list[str]]]) -> None:
    batch = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, to) for subject, body, to in messages if to
    ]
    if batch:
        transaction.on_commit(lambda: send_mass_mail(batch, fail_silently=False))


#: Set by ``without_mail`` (the demo loader): people are told in the app only.
_QUIET: ContextVar[bool] = ContextVar("signals_quiet", default=False)


@contextmanager
def without_mail():
    """Tell people in the app only (the demo's stories must not mail anyone)."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def _tell_writer(signal: Signal, message, params: dict) -> None:
    """The writer is told in the app and, after the commit, by e-mail — in the site's
    language, whatever language the caller's request speaks."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message) % params
        Notice.objects.create(signal=signal, user=signal.reporter, text=text)
        subject = _("Your signal: %(title)s") % {"title": signal.title}
        body = "\n\n".join(
            [
                text,
                _(
                    "See 'My signals' in Wijkregie to read it and say whether it answers your "
                    "signal."
                ),
            ]
        )
    if not _QUIET.get() and signal.reporter.email:
        _mail_after_commit([(subject, body, [signal.reporter.email])])


def _tell_handlers(signal: Signal, subject, body, params: dict) -> None:
    if _QUIET.get():
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = str(subject) % params, str(body) % params
    _mail_after_commit([(subject, body, [u.email for u in handlers_of(signal) if u.email])])


def _enqueue_facts() -> None:
    from wijkregie.signals.tasks import facts_publish

    facts_publish.enqueue()


def _facts_after_commit() -> None:
    """The loop's facts are written again by the task worker once the change is committed —
    one task per commit, however many signals the transaction changed (a rolled-back
    transaction drops its callback, and with it this mark)."""
    connection = transaction.get_connection()
    if any(entry[1] is _enqueue_facts for entry in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_facts)


def _audit(user, obj, change: str, **detail) -> None:
    _facts_after_commit()
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=obj,
        detail={"change": change, **detail},
    )


# --- reporting and triage ----------------------------------------------------------------------
@transaction.atomic
def signal_report(
    *,
    user: User,
    title: str,
    description: str,
    theme,
    area=None,
    chain: Chain | None = None,
    category: str = Signal.Category.OTHER,
    frequency: str = "",
    example: str = "",
    survey_tip=None,
    now: dt.datetime | None = None,
) -> Signal:
    """Report a signal: routed to its handler, with a due date for the first response; its
    texts are de-identified for readers outside the writer's organisation."""
    now = now or timezone.now()
    if not title.strip():
        raise ValidationError({"title": _("Say in a few words what you ran into.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe what you ran into.")})
    if category not in Signal.Category.values:
        raise ValidationError({"category": _("Choose a kind.")})
    signal = Signal(
        title=title.strip()[:200],
        description=description.strip(),
        category=category,
        theme=theme,
        area=area,
        chain=chain,
        frequency=frequency,
        example=example.strip(),
        reporter=user,
        organisation=writer_organisation(user),
        survey_tip=survey_tip,
        created_at=now,
        due_date=timezone.localtime(now).date() + dt.timedelta(days=response_days(category)),
        handler=route(theme, chain),
    )
    signal.full_clean(exclude=["shared_description", "shared_example"])
    SIGNAL.start(signal, S.RECEIVED, actor=user, now=now)
    deidentification.request_shared_versions(signal)
    _audit(user, signal, "report")
    _tell_handlers(
        signal,
        gettext_lazy("New signal: %(title)s"),
        gettext_lazy("A new signal on %(theme)s awaits its first response by %(due)s."),
        {
            "title": signal.title,
            "theme": signal.theme.name,
            "due": f"{signal.due_date:%d-%m-%Y}",
        },
    )
    return signal


def _first_response(signal: Signal, now: dt.datetime) -> dict:
    return {} if signal.first_response_at else {"first_response_at": now}


@transaction.atomic
def signal_take(signal: Signal, *, user: User, now: dt.datetime | None = None) -> Signal:
    """A handler takes a signal into analysis: the first response to the writer."""
    now = now or timezone.now()

    def received(locked: Signal) -> None:
        if locked.status != S.RECEIVED:
            raise SIGNAL.refusal(locked.status, S.ANALYSIS)

    signal = SIGNAL.move(
        signal,
        S.ANALYSIS,
        actor=user,
        now=now,
        condition=received,
        fields={"handler": user, **_first_response(signal, now)},
    )
    _tell_writer(
        signal,
        gettext_lazy("%(name)s is looking into your signal “%(title)s”."),
        {"name": user.get_full_name() or user.username, "title": signal.title},
    )
    _audit(user, signal, "take")
    return signal


@transaction.atomic
def signal_decline(
    signal: Signal, *, reason: str, user: User, now: dt.datetime | None = None
) -> Signal:
    """Not taken up: the writer is told why."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the signal is not taken up.")})
    signal = SIGNAL.move(
        signal,
        S.DECLINED,
        actor=user,
        note=reason.strip(),
        now=now,
        fields={
            "decline_reason": reason.strip(),
            "answered_at": now,
            "issue": None,
            **_first_response(signal, now),
        },
    )
    _tell_writer(
        signal,
        gettext_lazy("Your signal “%(title)s” is not taken up. The reason: %(reason)s"),
        {"title": signal.title, "reason": reason.strip()},
    )
    _audit(user, signal, "decline")
    return signal


@transaction.atomic
def signal_resolve(
    signal: Signal, *, answer: str, user: User, now: dt.datetime | None = None
) -> Signal:
    """Answer a signal on its own (no policy issue needed): the writer is told the answer."""
    now = now or timezone.now()
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer the writer will receive.")})
    signal = SIGNAL.move(
        signal,
        S.ANSWERED,
        actor=user,
        note=answer.strip(),
        now=now,
        fields={"answer": answer.strip(), "answered_at": now, **_first_response(signal, now)},
    )
    _tell_writer(
        signal,
        gettext_lazy("The answer to your signal “%(title)s”: %(answer)s"),
        {"title": signal.title, "answer": answer.strip()},
    )
    _audit(user, signal, "resolve")
    return signal


# --- policy issues ------------------------------------------------------------------------------
@transaction.atomic
def issue_create(
    *,
    user: User,
    title: str,
    theme,
    signals: Iterable[Signal],
    description: str = "",
    chain: Chain | None = None,
    now: dt.datetime | None = None,
) -> Issue:
    """A policy issue from one or more signals."""
    signals = list(signals)
    if not signals:
        raise ValidationError({"signals": _("Choose at least one signal to bundle.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the policy issue a title.")})
    issue = Issue(
        title=title.strip()[:200], description=description, theme=theme, chain=chain, owner=user
    )
    ISSUE.start(issue, Issue.Status.OPEN, actor=user, now=now)
    issue_add_signals(issue, signals, user=user, now=now)
    _audit(user, issue, "issue")
    return issue


@transaction.atomic
def issue_add_signals(
    issue: Issue, signals: Iterable[Signal], *, user: User, now: dt.datetime | None = None
) -> Issue:
    """Bundle signals into an open issue; each writer is told."""
    if issue.status != Issue.Status.OPEN:
        raise ValidationError(_("Signals can be added only while the issue is being analysed."))
    now = now or timezone.now()
    for signal in signals:
        signal = SIGNAL.move(
            signal,
            S.BUNDLED,
            actor=user,
            now=now,
            note=issue.title,
            fields={"issue": issue, **_first_response(signal, now)},
        )
        _tell_writer(
            signal,
            gettext_lazy(
                "Your signal “%(title)s” is bundled with others into the policy issue "
                "“%(issue)s”. You will hear what is decided."
            ),
            {"title": signal.title, "issue": issue.title},
        )
    return issue


@transaction.atomic
def issue_remove_signal(signal: Signal, *, user: User) -> Signal:
    return SIGNAL.move(signal, S.ANALYSIS, actor=user, fields={"issue": None})


@transaction.atomic
def issue_schedule(
    issue: Issue, *, meeting: Meeting, user: User, now: dt.datetime | None = None
) -> Issue:
    """Put the issue on a meeting's agenda (an agenda item of that meeting); the writers are
    told which body will decide and when."""
    now = now or timezone.now()
    if meeting.date < timezone.localtime(now).date():
        raise ValidationError({"meeting": _("Choose a meeting that has not taken place yet.")})
    count = issue.signals.count()
    item = conversations.agenda_item_save(
        AgendaItem(
            meeting=meeting,
            title=_("Policy issue: %(title)s") % {"title": issue.title},
            notes=_("%(count)s signals from practice. %(analysis)s")
            % {"count": count, "analysis": issue.description},
        ),
        user=user,
    )
    issue = ISSUE.move(
        issue, Issue.Status.AGENDA, actor=user, now=now, fields={"agenda_item": item}
    )
    for signal in issue.signals.filter(status=S.BUNDLED):
        signal = SIGNAL.move(signal, S.AGENDA, actor=user, now=now, note=str(meeting))
        _tell_writer(
            signal,
            gettext_lazy(
                "The policy issue “%(issue)s”, with your signal, is on the agenda of %(meeting)s."
            ),
            {"issue": issue.title, "meeting": meeting},
        )
    _audit(user, issue, "schedule", meeting=meeting.pk)
    return issue


@transaction.atomic
def issue_decide(
    issue: Issue,
    *,
    answer: str,
    user: User,
    decision: Decision | None = None,
    now: dt.datetime | None = None,
) -> Issue:
    """Record the decision and feed the answer back to every writer whose signal is in it."""
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer the writers will receive.")})
    if (
        decision is not None
        and issue.agenda_item_id
        and decision.meeting_id != issue.agenda_item.meeting_id
    ):
        raise ValidationError(
            {"decision": _("Choose a decision of the meeting the issue is on the agenda of.")}
        )
    now = now or timezone.now()
    issue = ISSUE.move(
        issue,
        Issue.Status.DECIDED,
        actor=user,
        now=now,
        fields={"decision": decision, "answer": answer.strip()},
    )
    for signal in issue.signals.filter(status__in=(S.BUNDLED, S.AGENDA)):
        signal = SIGNAL.move(signal, S.DECIDED, actor=user, now=now)
        signal = SIGNAL.move(
            signal,
            S.ANSWERED,
            actor=user,
            now=now,
            note=answer.strip(),
            fields={"answered_at": now},
        )
        _tell_writer(
            signal,
            gettext_lazy(
                "What was decided about “%(issue)s”, which contains your signal: %(answer)s"
            ),
            {"issue": issue.title, "answer": answer.strip()},
        )
    _audit(user, issue, "decide", decision=decision.pk if decision else None)
    return issue


@transaction.atomic
def issue_decline(issue: Issue, *, reason: str, user: User) -> Issue:
    if not reason.strip():
        raise ValidationError({"answer": _("Say why the issue is not taken up.")})
    issue = ISSUE.move(
        issue, Issue.Status.DECLINED, actor=user, note=reason, fields={"answer": reason.strip()}
    )
    for signal in issue.signals.filter(status__in=(S.BUNDLED, S.AGENDA)):
        signal_decline(signal, reason=reason, user=user)
        Signal.objects.filter(pk=signal.pk).update(issue=issue)  # it stays listed under it
    return issue


# --- the writer's reaction ----------------------------------------------------------------------
@transaction.atomic
def signal_react(signal: Signal, *, user: User, answers_signal: bool, note: str = "") -> Signal:
    """The writer says whether the answer answers the signal (closed) or asks to reopen it."""
    if signal.reporter_id != user.pk:
        raise ValidationError(_("Only the writer of a signal reacts to its answer."))
    if not answers_signal and not note.strip():
        raise ValidationError({"note": _("Say why the answer does not answer your signal.")})
    Reaction.objects.create(signal=signal, user=user, answers_signal=answers_signal, note=note)
    _audit(user, signal, "react", answers=answers_signal)
    if answers_signal:
        return SIGNAL.move(signal, S.CLOSED, actor=user, note=note)
    signal = SIGNAL.move(signal, S.ANALYSIS, actor=user, note=note, fields={"issue": None})
    _tell_handlers(
        signal,
        gettext_lazy("Signal reopened: %(title)s"),
        gettext_lazy("The writer asks to reopen the signal: %(note)s"),
        {"title": signal.title, "note": note.strip()},
    )
    return signal


def notices_read(user: User, signal: Signal) -> int:
    return Notice.objects.filter(user=user, signal=signal, read_at__isnull=True).update(
        read_at=timezone.now()
    )
