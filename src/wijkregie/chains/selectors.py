"""Reads of the chains app, filtered by what the user may see. A party (a Wmo provider, a
partner, a team) only ever sees notices addressed to it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from wijkregie.accounts.roles import Role
from wijkregie.chains.models import (
    AffectedParty,
    Chain,
    ChainParty,
    ChangeNotice,
    ConsultationResponse,
    Notification,
)


def chain_list(*, user, include_inactive: bool = False) -> QuerySet[Chain]:
    chains = (
        Chain.objects.select_related("director")
        .prefetch_related("themes")
        .annotate(party_count=Count("parties", distinct=True))
    )
    if not include_inactive:
        chains = chains.filter(active=True)
    return chains.order_by("name")


def chain_parties(chain: Chain) -> QuerySet[ChainParty]:
    return chain.parties.select_related("organisation").prefetch_related("contacts")


def notice_list(*, user, chain: Chain | None = None, state: str | None = None) -> QuerySet:
    """Notices for those who manage or follow them: the contract manager and policy advisers
    see all; a chain director sees the notices of the chains they direct."""
    notices = ChangeNotice.objects.select_related("chain", "chain__director")
    roles = user.roles
    if not roles & {Role.CONTRACT_MANAGER, Role.POLICY_ADVISER}:
        notices = notices.filter(chain__director=user)
    if chain is not None:
        notices = notices.filter(chain=chain)
    if state:
        notices = notices.filter(state=state)
    return notices.prefetch_related(
        Prefetch(
            "affected_parties",
            queryset=AffectedParty.objects.select_related("organisation").prefetch_related(
                "responses", "acknowledgements"
            ),
        )
    )


@dataclass
class NoticeSummary:
    notice: ChangeNotice
    addressed: int
    consulted: int
    responses: dict[str, int]
    open_concerns: int
    acknowledged: int

    @property
    def acknowledged_pct(self) -> int | None:
        if self.notice.state != ChangeNotice.State.PUBLISHED or not self.addressed:
            return None
        return round(100 * self.acknowledged / self.addressed)


def summarise(notice: ChangeNotice) -> NoticeSummary:
    parties = [p for p in notice.affected_parties.all() if p.included]
    positions: Counter[str] = Counter()
    open_concerns = 0
    for party in parties:
        latest = max(party.responses.all(), key=lambda r: (r.responded_at, r.id), default=None)
        if latest is not None:
            positions[latest.position] += 1
        open_concerns += sum(1 for r in party.responses.all() if r.needs_answer)
    return NoticeSummary(
        notice=notice,
        addressed=len(parties),
        consulted=sum(1 for p in parties if p.consulted),
        responses=dict(positions),
        open_concerns=open_concerns,
        acknowledged=sum(1 for p in parties if p.acknowledgements.all()),
    )


@dataclass
class Overview:
    by_phase: list[tuple[str, str, list[NoticeSummary]]]
    never_consulted: list[tuple[Chain, list[ChainParty]]]
    overdue: list[AffectedParty]


def overview(*, user, now: dt.datetime | None = None) -> Overview:
    now = now or timezone.now()
    notices = list(notice_list(user=user))
    by_phase = []
    for state, label in ChangeNotice.State.choices:
        items = [summarise(n) for n in notices if n.state == state]
        by_phase.append((state, label, items))
    chains = chain_list(user=user)
    if not user.roles & {Role.CONTRACT_MANAGER, Role.POLICY_ADVISER}:
        chains = chains.filter(director=user)
    never = []
    for chain in chains:
        consulted = set(
            AffectedParty.objects.filter(notice__chain=chain, consulted=True).values_list(
                "organisation_id", flat=True
            )
        )
        missing = [p for p in chain_parties(chain) if p.organisation_id not in consulted]
        if missing:
            never.append((chain, missing))
    cutoff = now - dt.timedelta(days=settings.WIJKREGIE_ACKNOWLEDGE_DAYS)
    overdue = list(
        AffectedParty.objects.filter(
            notice__in=[n.pk for n in notices],
            included=True,
            notice__state=ChangeNotice.State.PUBLISHED,
            notice__published_on__lte=cutoff,
            acknowledgements__isnull=True,
        )
        .select_related("notice", "organisation")
        .order_by("notice__published_on")
    )
    return Overview(by_phase=by_phase, never_consulted=never, overdue=overdue)


def inbox(*, user) -> QuerySet[AffectedParty]:
    """Every notice addressed to the user's organisations, once it left the draft phase."""
    return (
        AffectedParty.objects.filter(
            organisation__in=user.organisation_ids_with_role(), included=True
        )
        .exclude(notice__state=ChangeNotice.State.DRAFT)
        .select_related("notice", "notice__chain", "organisation")
        .prefetch_related("responses", "acknowledgements")
        .order_by("-notice__effective_from", "notice__title")
    )


def open_for(party: AffectedParty) -> dict[str, bool]:
    state = party.notice.state
    return {
        "can_respond": state == ChangeNotice.State.CONSULTATION
        and (party.notice.consultation_deadline or dt.date.min) >= timezone.localdate(),
        "can_acknowledge": state == ChangeNotice.State.PUBLISHED
        and not party.acknowledgements.exists(),
    }


def responses_needing_answer(notice: ChangeNotice) -> QuerySet[ConsultationResponse]:
    return ConsultationResponse.objects.filter(party__notice=notice, answer="").exclude(
        position=ConsultationResponse.Position.AGREES
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("notice")
