"""The demo's signals from practice (``demodata/signalen.yaml``): every signal reported,
taken up, bundled, put on an agenda, decided, answered or declined through the app's services,
with its historic dates, so the history, the answers to the writers and the loop's facts are
what real use would leave. Idempotent: nothing is done when signals exist."""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from typing import Any

from django.utils import timezone

from wijkregie.accounts import services as accounts
from wijkregie.accounts.models import User
from wijkregie.chains.models import Chain
from wijkregie.common import demodata
from wijkregie.conversations import services as conversations
from wijkregie.conversations.models import Body, Decision, Meeting
from wijkregie.deidentification import services as deidentification
from wijkregie.organisations.models import Area, Organisation, Theme
from wijkregie.reporting.models import Value
from wijkregie.signals import facts, services
from wijkregie.signals.models import Signal

DATA: dict[str, Any] = demodata.load("signalen")
CATEGORY = {
    "schuldhulp": (Signal.Category.WAITING, Signal.Frequency.OFTEN),
    "ib-licht": (Signal.Category.RULE, Signal.Frequency.SOMETIMES),
    "contactpersoon": (Signal.Category.BOTTLENECK, Signal.Frequency.OFTEN),
    "wmo-wijziging": (Signal.Category.BOTTLENECK, Signal.Frequency.SOMETIMES),
}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _reporters() -> dict[str, User]:
    for spec in DATA["reporters"]:
        if User.objects.filter(username=spec["username"]).exists():
            continue
        user = accounts.user_create(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            email=f"{spec['username']}@demo.wijkregie.invalid",
        )
        accounts.membership_create(
            user=user,
            organisation=Organisation.objects.get(code=spec["organisation"]),
            role=spec["role"],
        )
    return {u.username: u for u in User.objects.all()}


def _meeting(spec: dict, user: User) -> Meeting:
    body = Body.objects.get(name=spec["body"])
    meeting = Meeting.objects.filter(body=body, date=spec["date"]).first()
    if meeting is None:
        meeting = conversations.meeting_save(
            Meeting(body=body, date=spec["date"], title=spec["title"]),
            user=user,
            today=spec["date"] - dt.timedelta(days=30),
        )
    return meeting


def load() -> dict[str, int]:
    if not Signal.objects.exists():
        _load()
    # The stories add facts, meetings and a decision after their loaders counted them: the
    # totals are reported again here, so a second run counts the same.
    return {
        "signals": Signal.objects.count(),
        "indicator values": Value.objects.count(),
        "meetings": Meeting.objects.count(),
        "decisions": Decision.objects.count(),
    }


def _load() -> None:
    with services.without_mail():
        _stories()
    # Stories were told in the loader's process: de-identify here, and write the loop's facts.
    deidentification.shared_versions_refresh(
        "signals.signal", list(Signal.objects.values_list("pk", flat=True))
    )
    facts.publish()


def _stories() -> None:
    users = _reporters()
    themes = {t.code: t for t in Theme.objects.all()}
    areas = {a.code: a for a in Area.objects.all()}
    chains = {c.name: c for c in Chain.objects.all()}
    texts = {key: cycle(items) for key, items in DATA["texts"].items()}
    by_issue: dict[str, list[Signal]] = {key: [] for key in DATA["issues"]}
    for username, day, key, area in DATA["signals"]:
        spec = DATA["issues"][key]
        title, description = next(texts[key])
        category, frequency = CATEGORY[key]
        signal = services.signal_report(
            user=users[username],
            title=title,
            description=description,
            theme=themes[spec["theme"]],
            area=areas[area],
            chain=chains.get(spec.get("chain", "")),
            category=category,
            frequency=frequency,
            now=_at(day),
        )
        by_issue[key].append(signal)
    # The issues: bundled when opened (the first response of who is still waiting), then on
    # the agenda, decided and answered as the story goes.
    for key, spec in DATA["issues"].items():
        handler = users[spec["handler"]]
        opened = _at(spec["opened"], 14)
        signals = [s for s in by_issue[key] if s.created_at <= opened]
        later = [s for s in by_issue[key] if s.created_at > opened]
        issue = services.issue_create(
            user=handler,
            title=spec["title"],
            description=" ".join(spec["description"].split()),
            theme=themes[spec["theme"]],
            chain=chains.get(spec.get("chain", "")),
            signals=signals,
            now=opened,
        )
        for signal in later:
            services.issue_add_signals(
                issue, [signal], user=handler, now=signal.created_at + dt.timedelta(days=3)
            )
        if "meeting" not in spec:
            continue
        meeting = _meeting(DATA["meetings"][spec["meeting"]], handler)
        issue = services.issue_schedule(
            issue, meeting=meeting, user=handler, now=_at(spec["scheduled"])
        )
        if "decision" in spec:
            decision = conversations.decision_save(
                Decision(
                    meeting=meeting,
                    text=" ".join(spec["decision"].split()),
                    rationale=spec["rationale"],
                ),
                user=handler,
            )
            services.issue_decide(
                issue,
                decision=decision,
                answer=" ".join(spec["answer"].split()),
                user=handler,
                now=_at(spec["decided"]),
            )
    # The loose signals and their stories.
    for spec in DATA["loose"]:
        reported = _at(spec["date"])
        signal = services.signal_report(
            user=users[spec["reporter"]],
            title=spec["title"],
            description=spec["description"],
            theme=themes[spec["theme"]],
            area=areas[spec["area"]],
            category=spec["category"],
            now=reported,
        )
        handler = signal.handler or users["beleidsadviseur"]
        if spec["story"] == "received":
            continue
        if spec["story"] == "declined":
            services.signal_decline(
                signal, reason=spec["reason"], user=handler, now=reported + dt.timedelta(days=9)
            )
            continue
        signal = services.signal_take(signal, user=handler, now=reported + dt.timedelta(days=4))
        if spec["story"] == "closed":
            signal = services.signal_resolve(
                signal, answer=spec["answer"], user=handler, now=reported + dt.timedelta(days=40)
            )
            services.signal_react(signal, user=signal.reporter, answers_signal=True)
