"""The authorisation matrix: every URL pattern × every role × own/other organisation.

Each URL pattern of Wijkregie needs a row in ``MATRIX`` saying who may use it. A pattern without
a row fails ``test_every_url_pattern_has_a_row``; a row whose expectation the application does
not meet fails ``test_matrix``. Django admin URLs are covered as one row-set: administrators
only, after their two-factor check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from conftest import login
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wijkregie.accounts.models import User
from wijkregie.chains.models import AffectedParty, Chain, ChangeNotice, ConsultationResponse
from wijkregie.commission.models import (
    AdditionalAssignment,
    Commission,
    ExecutionAgreement,
    Request,
    Requirement,
)
from wijkregie.conversations.models import Agreement as MeetingAgreement
from wijkregie.conversations.models import Body, Meeting, RoleAgreement, Topic
from wijkregie.council.models import CouncilReport
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, ContactPerson, Organisation, Theme
from wijkregie.pilots.models import Pilot
from wijkregie.registrations.models import ImportRun
from wijkregie.reporting.models import Delivery
from wijkregie.signals.models import Issue, Signal
from wijkregie.socialmap.models import ContactRole, Flag, Service, ServiceAtLocation

# --- who --------------------------------------------------------------------------------------
ANONYMOUS = "anonymous"
NO_ROLE = "no-role"  # an account without any membership (e.g. a first OIDC login)
CONTRACT_MANAGER = "contractmanager"
CHAIN_DIRECTOR = "ketenregisseur"
POLICY_ADVISER = "beleidsadviseur"
TEAM_MANAGER = "dock-manager"
PROFESSIONAL = "dock-professional"
PARTNER = "aanbieder"
COUNCIL = "raadslid"
ADMINISTRATOR = "beheerder"

ROLES_WITH_ACCESS = [
    CONTRACT_MANAGER,
    CHAIN_DIRECTOR,
    POLICY_ADVISER,
    TEAM_MANAGER,
    PROFESSIONAL,
    PARTNER,
    COUNCIL,
    ADMINISTRATOR,
]
EVERYONE = [ANONYMOUS, NO_ROLE, *ROLES_WITH_ACCESS]
OWN, OTHER = "own", "other"

# Web pages answer 200 or 403 and send anonymous users to the login page (302).
# API endpoints answer 200, 403, or 401 for anonymous callers.
OK, REDIRECT, FORBIDDEN, UNAUTHORISED, BAD_REQUEST, NOT_FOUND = 200, 302, 403, 401, 400, 404


@dataclass
class Context:
    """Objects the user owns (through a membership) and objects of another organisation."""

    username: str
    organisation: dict[str, Organisation]
    area: dict[str, Area]
    theme: dict[str, Theme]
    commission: dict[str, Commission]
    requirement: dict[str, Requirement]
    assignment: dict[str, AdditionalAssignment]
    request: dict[str, Request]
    agreement: dict[str, ExecutionAgreement]
    chain: dict[str, Chain]
    notice: dict[str, ChangeNotice]
    response: dict[str, ConsultationResponse]
    party: dict[str, AffectedParty]
    signal: dict[str, Signal]
    issue: dict[str, Issue]
    contact: dict[str, ContactPerson]
    indicator: dict[str, Indicator]
    delivery: dict[str, Delivery]
    run: dict[str, ImportRun]
    pilot: dict[str, Pilot]
    body: dict[str, Body]
    meeting: dict[str, Meeting]
    meeting_agreement: dict[str, MeetingAgreement]
    service: dict[str, Service]
    role: dict[str, ContactRole]
    flag: dict[str, Flag]


def _context(username: str) -> Context:
    user = User.objects.filter(username=username).first()
    commission = Commission.objects.get(name__startswith="Opdracht Sociale Wijkteams 2019")
    ib_notice = ChangeNotice.objects.get(title__startswith="IB wordt onderdeel")
    own_org = (
        user.primary_membership.organisation
        if user and user.primary_membership
        else Organisation.objects.get(code="gemeente-zaanstad")
    )
    other_org = Organisation.objects.exclude(pk=own_org.pk).get(
        code="incluzio" if own_org.code != "incluzio" else "dock"
    )
    own_area = own_org.areas.first() or Area.objects.get(code="poelenburg")
    other_area = Area.objects.exclude(responsible_organisation=own_org).get(code="krommenie")
    return Context(
        username=username,
        organisation={OWN: own_org, OTHER: other_org},
        area={OWN: own_area, OTHER: other_area},
        theme={OWN: Theme.objects.get(code="armoede"), OTHER: Theme.objects.get(code="mantelzorg")},
        # Commission objects: "own" belongs to DOCK (the team users' organisation), "other" not.
        commission={OWN: commission, OTHER: commission},
        requirement={
            OWN: Requirement.objects.get(code="PvE-4.3"),
            OTHER: Requirement.objects.get(code="PvE-1.1"),
        },
        assignment={
            OWN: AdditionalAssignment.objects.get(title="Zomeraanpak jongerenwerk"),
            OTHER: AdditionalAssignment.objects.get(title="Welzijn op recept"),
        },
        request={
            OWN: Request.objects.get(title="Extra inzet jongerenwerk rond jaarwisseling"),
            OTHER: Request.objects.get(title="Screening statushouders op schulden"),
        },
        agreement={
            OWN: ExecutionAgreement.objects.get(contractor__code="dock", year=2025),
            OTHER: ExecutionAgreement.objects.get(contractor__code="incluzio", year=2025),
        },
        # Chains: "own" is directed by the chain director, "other" by the contract manager.
        chain={
            OWN: Chain.objects.get(name__startswith="Keten Wmo"),
            OTHER: Chain.objects.get(name__startswith="Keten mantelzorg"),
        },
        notice={
            OWN: ib_notice,
            OTHER: ChangeNotice.objects.get(title__startswith="Mantelzorgbudgetten"),
        },
        response={
            OWN: ConsultationResponse.objects.get(
                party__notice=ib_notice, party__organisation__code="zaanse-begeleiding"
            ),
            OTHER: ConsultationResponse.objects.get(
                party__organisation__code="smd", party__notice__title__startswith="Vroeg"
            ),
        },
        contact={
            OWN: own_org.contacts.first() or ContactPerson.objects.get(name="Marloes Kuiper"),
            OTHER: other_org.contacts.first(),
        },
        indicator={
            OWN: Indicator.objects.get(code="IB-TEAM"),
            OTHER: Indicator.objects.get(code="GEZINNEN"),
        },
        # Deliveries: "own" is DOCK's 2026H2 draft (the team users work for DOCK), "other" is
        # Incluzio's approved 2026H1 delivery.
        delivery={
            OWN: Delivery.objects.get(organisation__code="dock", period="2026H2"),
            OTHER: Delivery.objects.get(organisation__code="incluzio", period="2026H1"),
        },
        # Registration imports: "own" is DOCK's (the team users' organisation), "other" SMD's.
        run={
            OWN: ImportRun.objects.filter(organisation__code="dock").first(),
            OTHER: ImportRun.objects.filter(organisation__code="smd").first(),
        },
        # Pilots: "own" is the IB pilot (DOCK takes part), "other" the debt pilot (it does not).
        pilot={
            OWN: Pilot.objects.get(name__startswith="Pilot individuele begeleiding"),
            OTHER: Pilot.objects.get(name__startswith="Pilot vroegsignalering"),
        },
        # Meetings: "own" is DOCK's result conversation (the team users work for DOCK), "other"
        # Incluzio's; the agreements are the ones each contractor owns there.
        body={
            OWN: Body.objects.get(name="Resultaatgesprek DOCK"),
            OTHER: Body.objects.get(name="Resultaatgesprek Incluzio"),
        },
        meeting={
            OWN: Meeting.objects.filter(body__name="Resultaatgesprek DOCK", period="2025H2").get(),
            OTHER: Meeting.objects.filter(
                body__name="Resultaatgesprek Incluzio", period="2025H2"
            ).get(),
        },
        meeting_agreement={
            OWN: MeetingAgreement.objects.get(
                meeting__body__name="Resultaatgesprek DOCK", owner_organisation__code="dock"
            ),
            OTHER: MeetingAgreement.objects.get(
                meeting__body__name="Resultaatgesprek Incluzio",
                owner_organisation__code="incluzio",
            ),
        },
        # Social map: entries of the user's own organisation (DOCK's for municipal users, who
        # keep none), and of the other organisation.
        service={
            OWN: Service.objects.filter(owner=own_org).first()
            or Service.objects.get(name="Sociaal Wijkteam Poelenburg"),
            OTHER: Service.objects.filter(owner=other_org).first(),
        },
        role={
            OWN: ContactRole.objects.filter(owner=own_org).first()
            or ContactRole.objects.filter(owner__code="dock").first(),
            OTHER: ContactRole.objects.filter(owner=other_org).first(),
        },
        flag={
            OWN: Flag.objects.filter(owner=own_org).first()
            or Flag.objects.filter(owner__code="dock").first(),
            OTHER: Flag.objects.filter(owner=other_org).first(),
        },
        # The party of the user's own organisation on the IB notice (when there is one), and
        # the party of another organisation.
        # A signal the user wrote (else one of their organisation, else DOCK's), and one of
        # another organisation; an open and a decided policy issue.
        signal={
            OWN: Signal.objects.filter(reporter=user).order_by("pk").first()
            or Signal.objects.filter(organisation=own_org).order_by("pk").first()
            or Signal.objects.filter(organisation__code="dock").order_by("pk").first(),
            OTHER: Signal.objects.filter(organisation=other_org).order_by("pk").first(),
        },
        issue={
            OWN: Issue.objects.get(status=Issue.Status.DECIDED),
            OTHER: Issue.objects.filter(status=Issue.Status.OPEN).order_by("pk").first(),
        },
        party={
            OWN: ib_notice.affected_parties.filter(organisation=own_org).first()
            or ib_notice.affected_parties.get(organisation__code="zaanse-begeleiding"),
            OTHER: ib_notice.affected_parties.get(
                organisation__code="dock" if own_org.code != "dock" else "zaanse-begeleiding"
            ),
        },
    )


def web(allowed: Callable[[str, str], bool]) -> Callable[[str, str], int]:
    def expect(who: str, ownership: str) -> int:
        if who == ANONYMOUS:
            return REDIRECT
        return OK if allowed(who, ownership) else FORBIDDEN

    return expect


def api(allowed: Callable[[str, str], bool]) -> Callable[[str, str], int]:
    def expect(who: str, ownership: str) -> int:
        if who == ANONYMOUS:
            return UNAUTHORISED
        return OK if allowed(who, ownership) else FORBIDDEN

    return expect


def anyone_with_a_role(who, ownership):
    return who in ROLES_WITH_ACCESS


def register_editors(who, ownership):
    return who in (CONTRACT_MANAGER, ADMINISTRATOR)


def register_editors_or_own_organisation(who, ownership):
    return register_editors(who, ownership) or (who in (TEAM_MANAGER, PARTNER) and ownership == OWN)


def administrators(who, ownership):
    return who == ADMINISTRATOR


COMMISSION_READERS = (CONTRACT_MANAGER, CHAIN_DIRECTOR, POLICY_ADVISER, COUNCIL)
TEAM = (TEAM_MANAGER, PROFESSIONAL)


def commission_register(who, ownership):
    """Readers of the whole register, and team members (who see their own part)."""
    return who in COMMISSION_READERS or who in TEAM


def register_or_own_team(who, ownership):
    return who in COMMISSION_READERS or (who in TEAM and ownership == OWN)


def contract_manager(who, ownership):
    return who == CONTRACT_MANAGER


def request_filers(who, ownership):
    return who in (CONTRACT_MANAGER, CHAIN_DIRECTOR, POLICY_ADVISER)


def team_members(who, ownership):
    return who in TEAM


def _decide_expect(who: str, ownership: str) -> int:
    if who == ANONYMOUS:
        return UNAUTHORISED
    return BAD_REQUEST if who == CONTRACT_MANAGER else FORBIDDEN  # empty body: invalid input


def always(status: int) -> Callable[[str, str], int]:
    return lambda who, ownership: status


@dataclass
class Row:
    expect: Callable[[str, str], int]
    kwargs: Callable[[Context, str], dict] = field(default=lambda ctx, ownership: {})
    method: str = "get"
    data: Callable[[Context], dict] | None = None


def _pk(kind: str):
    return lambda ctx, ownership: {"pk": getattr(ctx, kind)[ownership].pk}


def _token_expect(who: str, ownership: str) -> int:
    if who == ANONYMOUS:
        return BAD_REQUEST  # no credentials posted
    if who == ADMINISTRATOR:
        return FORBIDDEN  # administrators work in the browser only
    return OK


def _administered_user(ctx, ownership):
    return {"pk": User.objects.get(username="smd-professional").pk}


def _administered_membership(ctx, ownership):
    return {"pk": User.objects.get(username="smd-professional").memberships.first().pk}


def _administration_post(who: str, ownership: str) -> int:
    return REDIRECT if who in (ANONYMOUS, ADMINISTRATOR) else FORBIDDEN


MATRIX: dict[str, Row] = {
    # public
    "system:health": Row(always(OK)),
    "accounts:login": Row(lambda who, o: OK if who == ANONYMOUS else REDIRECT),
    "set_language": Row(always(REDIRECT), method="post", data=lambda ctx: {"language": "en"}),
    "api:schema": Row(always(OK)),
    "api:docs": Row(always(OK)),
    "api:token": Row(
        _token_expect,
        method="post",
        data=lambda ctx: (
            {"username": ctx.username, "password": "wijkregie-demo"}
            if ctx.username != ANONYMOUS
            else {}
        ),
    ),
    # any logged-in user
    "accounts:logout": Row(always(REDIRECT), method="post"),
    "accounts:two_factor": Row(
        lambda who, o: REDIRECT if who in (ANONYMOUS, ADMINISTRATOR) else OK
    ),
    "ui:start": Row(web(lambda who, o: who != ANONYMOUS)),
    "api:me": Row(api(lambda who, o: who != ANONYMOUS)),
    "api:my_tasks": Row(api(lambda who, o: who != ANONYMOUS)),
    # the demo's outbox: each user their own mail, only with EMAIL_URL=outbox: (not in CI's
    # settings, hence 404; src/wijkregie/system/tests/test_outbox.py tests it switched on)
    "system:outbox": Row(lambda who, o: REDIRECT if who == ANONYMOUS else NOT_FOUND),
    # the task list: every role its own kinds (agreements due: every role; requests awaiting a
    # decision: the contract manager only)
    "worklist:list": Row(web(anyone_with_a_role)),
    "worklist:detail": Row(
        web(lambda who, o: who in ROLES_WITH_ACCESS if o == OWN else contract_manager(who, o)),
        kwargs=lambda ctx, o: {"key": "agreements_due" if o == OWN else "requests_to_decide"},
    ),
    # administrators
    "accounts:audit_log": Row(web(administrators)),
    # user administration in the app (on another user's account; posts redirect back to it)
    "accounts:user_list": Row(web(administrators)),
    "accounts:user_create": Row(web(administrators)),
    "accounts:user_detail": Row(web(administrators), _administered_user),
    "accounts:membership_add": Row(  # posted empty: the form comes back with errors
        lambda who, o: {ANONYMOUS: REDIRECT, ADMINISTRATOR: BAD_REQUEST}.get(who, FORBIDDEN),
        _administered_user,
        method="post",
    ),
    "accounts:membership_end": Row(_administration_post, _administered_membership, method="post"),
    "accounts:user_active": Row(_administration_post, _administered_user, method="post"),
    "accounts:second_factor_reset": Row(_administration_post, _administered_user, method="post"),
    # organisations, areas, themes
    "organisations:organisation_list": Row(web(anyone_with_a_role)),
    "organisations:organisation_detail": Row(web(anyone_with_a_role), _pk("organisation")),
    "organisations:organisation_create": Row(web(register_editors)),
    "organisations:organisation_edit": Row(
        web(register_editors_or_own_organisation), _pk("organisation")
    ),
    "organisations:area_list": Row(web(anyone_with_a_role)),
    "organisations:area_detail": Row(web(anyone_with_a_role), _pk("area")),
    "organisations:area_create": Row(web(register_editors)),
    "organisations:area_edit": Row(web(register_editors), _pk("area")),
    "organisations:theme_list": Row(web(anyone_with_a_role)),
    "organisations:theme_detail": Row(web(anyone_with_a_role), _pk("theme")),
    "organisations:theme_create": Row(web(register_editors)),
    "organisations:theme_edit": Row(web(register_editors), _pk("theme")),
    "api:organisation_list": Row(api(anyone_with_a_role)),
    "api:organisation_detail": Row(api(anyone_with_a_role), _pk("organisation")),
    "api:area_list": Row(api(anyone_with_a_role)),
    "api:area_detail": Row(api(anyone_with_a_role), _pk("area")),
    "api:theme_list": Row(api(anyone_with_a_role)),
    "api:theme_detail": Row(api(anyone_with_a_role), _pk("theme")),
}

MATRIX.update(
    {
        "commission:overview": Row(web(commission_register)),
        "commission:overview_export": Row(web(commission_register)),
        "commission:commission_detail": Row(web(commission_register), _pk("commission")),
        "commission:commission_edit": Row(web(contract_manager), _pk("commission")),
        "commission:requirement_create": Row(web(contract_manager), _pk("commission")),
        "commission:requirement_detail": Row(web(commission_register), _pk("requirement")),
        "commission:requirement_change": Row(web(contract_manager), _pk("requirement")),
        "commission:assignment_list": Row(web(commission_register)),
        "commission:assignment_export": Row(web(commission_register)),
        "commission:assignment_timeline": Row(web(commission_register)),
        "commission:assignment_import": Row(web(contract_manager)),
        "commission:assignment_create": Row(web(contract_manager)),
        "commission:assignment_detail": Row(web(register_or_own_team), _pk("assignment")),
        "commission:assignment_edit": Row(web(contract_manager), _pk("assignment")),
        "commission:request_list": Row(web(commission_register)),
        "commission:request_create": Row(web(request_filers)),
        "commission:request_outside_funnel": Row(web(team_members)),
        "commission:request_detail": Row(web(register_or_own_team), _pk("request")),
        "commission:request_decide": Row(web(contract_manager), _pk("request")),
        "commission:budget_monitor": Row(web(commission_register)),
        "commission:agreement_create": Row(web(contract_manager)),
        "commission:agreement_edit": Row(web(contract_manager), _pk("agreement")),
        "api:commission_list": Row(api(commission_register)),
        "api:commission_detail": Row(api(commission_register), _pk("commission")),
        "api:requirement_list": Row(api(commission_register)),
        "api:requirement_detail": Row(api(commission_register), _pk("requirement")),
        "api:assignment_list": Row(api(commission_register)),
        "api:assignment_detail": Row(api(register_or_own_team), _pk("assignment")),
        "api:request_list": Row(api(commission_register)),
        "api:request_detail": Row(api(register_or_own_team), _pk("request")),
        "api:request_decide": Row(_decide_expect, _pk("request"), method="post"),
        "api:agreement_list": Row(api(commission_register)),
        "api:agreement_detail": Row(api(register_or_own_team), _pk("agreement")),
        "api:budget_monitor": Row(api(commission_register)),
    }
)

NOTICE_READERS = (CONTRACT_MANAGER, CHAIN_DIRECTOR, POLICY_ADVISER)
#: Organisations addressed by the IB notice, through their demo users (see chains/demo.py).
ON_THE_IB_NOTICE = (CHAIN_DIRECTOR, TEAM_MANAGER, PROFESSIONAL, PARTNER)
SPEAK_FOR_A_PARTY = (CHAIN_DIRECTOR, TEAM_MANAGER, PARTNER)


def anyone_but_council(who, ownership):
    return who in ROLES_WITH_ACCESS and who != COUNCIL


def chain_managers(who, ownership):
    """The contract manager, or the director of this very chain."""
    return who == CONTRACT_MANAGER or (who == CHAIN_DIRECTOR and ownership == OWN)


def notice_readers(who, ownership):
    return who in (CONTRACT_MANAGER, POLICY_ADVISER) or (who == CHAIN_DIRECTOR and ownership == OWN)


def answer_responses(who, ownership):
    return who in (CONTRACT_MANAGER, CHAIN_DIRECTOR)  # the director directs both chains


def own_party(who, ownership):
    return who in ON_THE_IB_NOTICE and ownership == OWN


def _party_action(who: str, ownership: str) -> int:
    if who == ANONYMOUS:
        return UNAUTHORISED
    if who in SPEAK_FOR_A_PARTY and ownership == OWN:
        return BAD_REQUEST  # allowed; the empty body is invalid
    return FORBIDDEN


MATRIX.update(
    {
        "organisations:contact_create": Row(
            web(register_editors_or_own_organisation),
            lambda ctx, ownership: {"organisation": ctx.organisation[ownership].pk},
        ),
        "organisations:contact_edit": Row(
            web(register_editors_or_own_organisation), _pk("contact")
        ),
        "chains:chain_list": Row(web(anyone_with_a_role)),
        "chains:chain_create": Row(web(contract_manager)),
        "chains:chain_detail": Row(web(anyone_with_a_role), _pk("chain")),
        "chains:chain_edit": Row(web(chain_managers), _pk("chain")),
        "chains:party_edit": Row(web(chain_managers), _pk("chain")),
        "chains:notice_overview": Row(web(lambda who, o: who in NOTICE_READERS)),
        "chains:notice_create": Row(
            web(lambda who, o: who in (CONTRACT_MANAGER, CHAIN_DIRECTOR)),
            data=lambda ctx: {"keten": ctx.chain[OWN].pk},
        ),
        "chains:notice_detail": Row(web(notice_readers), _pk("notice")),
        "chains:notice_edit": Row(web(chain_managers), _pk("notice")),
        "chains:notice_parties": Row(web(chain_managers), _pk("notice")),
        "chains:notice_consult": Row(web(chain_managers), _pk("notice")),
        "chains:notice_decide": Row(web(chain_managers), _pk("notice")),
        "chains:notice_publish": Row(web(chain_managers), _pk("notice")),
        "chains:response_answer": Row(web(answer_responses), _pk("response")),
        "chains:inbox": Row(web(anyone_but_council)),
        "chains:inbox_detail": Row(web(own_party), _pk("party")),
        "chains:notifications": Row(web(anyone_but_council)),
        "api:chain_list": Row(api(anyone_with_a_role)),
        "api:chain_detail": Row(api(anyone_with_a_role), _pk("chain")),
        "api:notice_list": Row(api(lambda who, o: who in NOTICE_READERS)),
        "api:notice_detail": Row(api(notice_readers), _pk("notice")),
        "api:inbox": Row(api(anyone_but_council)),
        "api:inbox_respond": Row(_party_action, _pk("party"), method="post"),
        "api:inbox_acknowledge": Row(_party_action, _pk("party"), method="post"),
    }
)


def web_post(allowed: Callable[[str, str], bool]) -> Callable[[str, str], int]:
    """A form posted empty: allowed users get the form back with errors (400)."""

    def expect(who: str, ownership: str) -> int:
        if who == ANONYMOUS:
            return REDIRECT
        return BAD_REQUEST if allowed(who, ownership) else FORBIDDEN

    return expect


DASHBOARD = (CONTRACT_MANAGER, CHAIN_DIRECTOR, POLICY_ADVISER, ADMINISTRATOR, COUNCIL, *TEAM)
MUNICIPAL = (CONTRACT_MANAGER, CHAIN_DIRECTOR, POLICY_ADVISER, ADMINISTRATOR)
DELIVERY_READERS = (CONTRACT_MANAGER, POLICY_ADVISER)


def dashboard(who, ownership):
    return who in DASHBOARD


def indicator_editors(who, ownership):
    return who in (CONTRACT_MANAGER, POLICY_ADVISER)


def delivery_readers(who, ownership):
    return who in DELIVERY_READERS or (who in TEAM and ownership == OWN)


def own_team(who, ownership):
    return who in TEAM and ownership == OWN


def own_manager(who, ownership):
    return who == TEAM_MANAGER and ownership == OWN


def _delivery(ctx, ownership):
    return {"pk": ctx.delivery[ownership].pk}


def _delivery_text(kind: str):
    def kwargs(ctx, ownership):
        delivery = ctx.delivery[ownership]
        items = delivery.narratives if kind == "narrative" else delivery.case_stories
        return {"pk": delivery.pk, "item": items.first().pk}

    return kwargs


MATRIX.update(
    {
        "insights:overview": Row(web(dashboard)),
        "insights:export_xlsx": Row(web(dashboard)),
        "insights:export_csv": Row(web(dashboard)),
        "insights:indicator": Row(web(dashboard), _pk("indicator")),
        "insights:own": Row(web(team_members)),
        "indicators:list": Row(web(anyone_with_a_role)),
        "indicators:detail": Row(web(anyone_with_a_role), _pk("indicator")),
        "indicators:create": Row(web(indicator_editors)),
        "indicators:edit": Row(web(indicator_editors), _pk("indicator")),
        "indicators:target": Row(web_post(indicator_editors), _pk("indicator"), method="post"),
        "indicators:lint": Row(web(lambda who, o: who in MUNICIPAL)),
        "reporting:list": Row(web(lambda who, o: who in DELIVERY_READERS or who in TEAM)),
        "reporting:create": Row(
            web_post(own_manager),
            lambda ctx, ownership: {"organisation": ctx.organisation[ownership].pk},
            method="post",
        ),
        "reporting:detail": Row(web(delivery_readers), _delivery),
        "reporting:values": Row(web(own_team), _delivery),
        "reporting:template": Row(web(own_team), _delivery),
        "reporting:upload": Row(web(own_team), _delivery),
        "reporting:narrative_create": Row(web(own_team), _delivery),
        "reporting:narrative_edit": Row(web(own_team), _delivery_text("narrative")),
        "reporting:story_create": Row(web(own_team), _delivery),
        "reporting:story_edit": Row(web(own_team), _delivery_text("story")),
        "reporting:submit": Row(web_post(own_manager), _delivery, method="post"),
        "reporting:review": Row(web_post(contract_manager), _delivery, method="post"),
        "reporting:correct": Row(web_post(own_manager), _delivery, method="post"),
    }
)


def api_post(allowed: Callable[[str, str], bool]) -> Callable[[str, str], int]:
    """An API action posted empty: allowed callers get 400 (invalid input), others 403."""

    def expect(who: str, ownership: str) -> int:
        if who == ANONYMOUS:
            return UNAUTHORISED
        return BAD_REQUEST if allowed(who, ownership) else FORBIDDEN

    return expect


MATRIX.update(
    {
        "api:indicator_list": Row(api(anyone_with_a_role)),
        "api:indicator_detail": Row(api(anyone_with_a_role), _pk("indicator")),
        "api:indicator_lint": Row(api(lambda who, o: who in MUNICIPAL)),
        "api:value_list": Row(api(dashboard)),
        "api:delivery_list": Row(api(lambda who, o: who in DELIVERY_READERS or who in TEAM)),
        "api:delivery_detail": Row(api(delivery_readers), _delivery),
        "api:delivery_values": Row(api_post(own_team), _delivery, method="post"),
        "api:delivery_submit": Row(api_post(own_manager), _delivery, method="post"),
        "api:delivery_review": Row(api_post(contract_manager), _delivery, method="post"),
    }
)


def _confirm_expect(who: str, ownership: str) -> int:
    """Confirming an upload: the team manager of the organisation is sent on to the run (an
    already imported run stays as it is); anonymous visitors go to the login page."""
    if who == ANONYMOUS or (who == TEAM_MANAGER and ownership == OWN):
        return REDIRECT
    return FORBIDDEN


MATRIX.update(
    {
        "registrations:overview": Row(web(dashboard)),
        "registrations:upload": Row(web(lambda who, o: who == TEAM_MANAGER)),
        "registrations:run": Row(web(delivery_readers), _pk("run")),
        "registrations:confirm": Row(_confirm_expect, _pk("run"), method="post"),
        "registrations:records": Row(web(team_members)),
        "registrations:profile_create": Row(web(lambda who, o: who == TEAM_MANAGER)),
    }
)


def pilot_editors(who, ownership):
    return who in (CONTRACT_MANAGER, POLICY_ADVISER)


def theory_editors(who, ownership):
    """The municipality's steering roles, and the team manager of a contractor in the pilot."""
    return pilot_editors(who, ownership) or (who == TEAM_MANAGER and ownership == OWN)


def _pilot_part(kind: str, key: str | None = None):
    """A pilot's goal, expected series, comparison, element or arrow. The IB pilot has every
    part; the debt pilot has goals and a small theory of change."""

    def kwargs(ctx, ownership):
        pilot = ctx.pilot[ownership]
        if kind in ("expectations", "comparisons"):
            pilot = ctx.pilot[OWN]
        return {"pk": pilot.pk, key or kind[:-1]: getattr(pilot, kind).first().pk}

    return kwargs


MATRIX.update(
    {
        "pilots:list": Row(web(dashboard)),
        "pilots:create": Row(web(pilot_editors)),
        "pilots:detail": Row(web(dashboard), _pk("pilot")),
        "pilots:edit": Row(web(pilot_editors), _pk("pilot")),
        "pilots:status": Row(web(pilot_editors), _pk("pilot")),
        "pilots:goal_create": Row(web(pilot_editors), _pk("pilot")),
        "pilots:goal_edit": Row(web(pilot_editors), _pilot_part("goals")),
        "pilots:expectation": Row(web(dashboard), _pilot_part("expectations")),
        "pilots:expectation_create": Row(web(pilot_editors), _pk("pilot")),
        "pilots:expectation_edit": Row(web(pilot_editors), _pilot_part("expectations")),
        "pilots:comparison": Row(web(dashboard), _pilot_part("comparisons")),
        "pilots:comparison_create": Row(web(pilot_editors), _pk("pilot")),
        "pilots:comparison_edit": Row(web(pilot_editors), _pilot_part("comparisons")),
        "pilots:theory": Row(web(dashboard), _pk("pilot")),
        "pilots:element_create": Row(web(theory_editors), _pk("pilot")),
        "pilots:element_edit": Row(web(theory_editors), _pilot_part("elements")),
        "pilots:element_delete": Row(web(theory_editors), _pilot_part("elements")),
        "pilots:link_create": Row(web(theory_editors), _pk("pilot")),
        "pilots:link_edit": Row(web(theory_editors), _pilot_part("links")),
        "pilots:link_delete": Row(web(theory_editors), _pilot_part("links")),
        "pilots:compass": Row(web(dashboard), _pk("pilot")),
        "api:pilot_list": Row(api(dashboard)),
        "api:pilot_detail": Row(api(dashboard), _pk("pilot")),
        "api:pilot_expectation": Row(api(dashboard), _pilot_part("expectations", "expectation")),
        "api:pilot_theory": Row(api(dashboard), _pk("pilot")),
        "api:pilot_element_create": Row(api_post(theory_editors), _pk("pilot"), method="post"),
    }
)


def meeting_readers(who, ownership):
    """The municipality, and members of the body (DOCK's people sit in DOCK's conversation)."""
    return who in MUNICIPAL or (who in TEAM and ownership == OWN)


def meeting_managers(who, ownership):
    return who in (CONTRACT_MANAGER, POLICY_ADVISER, CHAIN_DIRECTOR)


def agreement_changers(who, ownership):
    """Those who manage meetings, and the owner (DOCK's manager owns DOCK's agreement)."""
    return meeting_managers(who, ownership) or (who == TEAM_MANAGER and ownership == OWN)


def _propose_expect(who: str, ownership: str) -> int:
    """Proposing the agenda again sends a meeting manager back to the meeting."""
    if who == ANONYMOUS or meeting_managers(who, ownership):
        return REDIRECT
    return FORBIDDEN


def _meeting_part(kind: str, key: str):
    def kwargs(ctx, ownership):
        meeting = ctx.meeting[ownership]
        return {"pk": meeting.pk, key: getattr(meeting, kind).first().pk}

    return kwargs


MATRIX.update(
    {
        "conversations:bodies": Row(web(anyone_but_council)),
        "conversations:body_create": Row(web(meeting_managers)),
        "conversations:body_detail": Row(web(meeting_readers), _pk("body")),
        "conversations:body_edit": Row(web(meeting_managers), _pk("body")),
        "conversations:meeting_create": Row(
            web(meeting_managers), lambda ctx, o: {"body": ctx.body[o].pk}
        ),
        "conversations:meeting_detail": Row(web(meeting_readers), _pk("meeting")),
        "conversations:meeting_edit": Row(web(meeting_managers), _pk("meeting")),
        "conversations:agenda_propose": Row(_propose_expect, _pk("meeting"), method="post"),
        "conversations:agenda_item_create": Row(web(meeting_managers), _pk("meeting")),
        "conversations:agenda_item_edit": Row(
            web(meeting_managers), _meeting_part("agenda", "item")
        ),
        "conversations:agenda_item_delete": Row(
            web(meeting_managers), _meeting_part("agenda", "item")
        ),
        "conversations:decision_create": Row(web(meeting_managers), _pk("meeting")),
        "conversations:decision_edit": Row(
            web(meeting_managers), _meeting_part("decisions", "decision")
        ),
        "conversations:agreement_create": Row(web(meeting_managers), _pk("meeting")),
        "conversations:export_pdf": Row(web(meeting_readers), _pk("meeting")),
        "conversations:export_docx": Row(web(meeting_readers), _pk("meeting")),
        "conversations:agreement_status": Row(web(agreement_changers), _pk("meeting_agreement")),
        "conversations:register": Row(web(anyone_with_a_role)),
        "conversations:topics": Row(web(anyone_with_a_role)),
        "conversations:topic_create": Row(web(pilot_editors)),
        "conversations:topic_edit": Row(
            web(pilot_editors), lambda ctx, o: {"pk": Topic.objects.first().pk}
        ),
        "conversations:roles": Row(web(anyone_with_a_role)),
        "conversations:role_create": Row(web(contract_manager)),
        "conversations:role_edit": Row(
            web(contract_manager), lambda ctx, o: {"pk": RoleAgreement.objects.first().pk}
        ),
        "api:body_list": Row(api(anyone_but_council)),
        "api:body_meetings": Row(api(meeting_readers), _pk("body")),
        "api:meeting": Row(api(meeting_readers), _pk("meeting")),
        "api:decision_list": Row(api(anyone_with_a_role)),
        "api:agreement_list": Row(api(anyone_with_a_role)),
        "api:agreement_status": Row(
            api_post(agreement_changers), _pk("meeting_agreement"), method="post"
        ),
    }
)


def text_writers(who, ownership):
    """Everyone who writes text that others read: not council members, not administrators."""
    return who in ROLES_WITH_ACCESS and who not in (COUNCIL, ADMINISTRATOR)


def _preview_result_expect(who: str, ownership: str) -> int:
    if who == ANONYMOUS:
        return REDIRECT
    return NOT_FOUND if text_writers(who, ownership) else FORBIDDEN  # nobody's preview


MATRIX.update(
    {
        "deidentification:preview": Row(
            web(text_writers),
            method="post",
            data=lambda ctx: {"text": "Mevrouw Bakker (81) belde op 3 februari."},
        ),
        "deidentification:preview_result": Row(
            _preview_result_expect,
            lambda ctx, o: {"preview_id": "00000000-0000-4000-8000-000000000000"},
        ),
    }
)

#: URL namespaces covered as a whole by ``test_admin_site``.
WHOLE_NAMESPACES = {"admin"}


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                if namespace.split(":")[0] in WHOLE_NAMESPACES:
                    continue  # e.g. the admin's redirect of bare object ids
                raise AssertionError(f"URL pattern {pattern.pattern} has no name")
            names.add(f"{namespace}{pattern.name}")
    return names


def reports_signals(who, ownership):
    """Everyone who works with the commission reports and reads signals; not the council."""
    return who in ROLES_WITH_ACCESS and who != COUNCIL


def handles_signals(who, ownership):
    return who in (CHAIN_DIRECTOR, POLICY_ADVISER)


def _signal_read(anonymous: int):
    """The steering roles read every signal; team and partner users their organisation's
    (another's does not exist for them: 404); the administrator's organisation has none."""

    def expect(who: str, ownership: str) -> int:
        if who == ANONYMOUS:
            return anonymous
        if not reports_signals(who, ownership):
            return FORBIDDEN
        if who in (CONTRACT_MANAGER, CHAIN_DIRECTOR, POLICY_ADVISER):
            return OK
        if who in (TEAM_MANAGER, PROFESSIONAL, PARTNER):
            return OK if ownership == OWN else NOT_FOUND
        return NOT_FOUND

    return expect


def _signal_react(who: str, ownership: str) -> int:
    """Only the writer reacts (an empty reaction is invalid: 400)."""
    read = _signal_read(REDIRECT)(who, ownership)
    if read != OK:
        return read
    return BAD_REQUEST if who in (TEAM_MANAGER, PROFESSIONAL, PARTNER) else FORBIDDEN


def _signal_take(who: str, ownership: str) -> int:
    """Taking up goes back to the signal's page (with a message when it was taken already)."""
    return REDIRECT if who == ANONYMOUS or handles_signals(who, ownership) else FORBIDDEN


def _council_report(ctx, ownership: str) -> dict:
    """OWN: a published version (its files are placeholders: the matrix checks who may fetch
    them, the council tests build real ones); OTHER: a draft still waiting to be built."""
    from django.utils import timezone

    if ownership == OWN:
        report = CouncilReport.objects.filter(published_at__isnull=False).first()
        if report is None:
            report = CouncilReport.objects.create(
                period="2025H2",
                state=CouncilReport.State.READY,
                pdf=b"%PDF-1.7 matrix",
                docx=b"PK matrix",
                published_at=timezone.now(),
                version=1,
            )
    else:
        report = CouncilReport.objects.filter(published_at__isnull=True).first()
        report = report or CouncilReport.objects.create(period="2026H1")
    return {"pk": report.pk}


def _council_read(who: str, ownership: str) -> int:
    """A published version (OWN) for every role; a draft (OTHER) only for its makers — for
    everyone else it does not exist."""
    if who == ANONYMOUS:
        return REDIRECT
    if who not in ROLES_WITH_ACCESS:
        return FORBIDDEN
    if ownership == OTHER and who != CONTRACT_MANAGER:
        return NOT_FOUND
    return OK


def _council_pdf(who: str, ownership: str) -> int:
    """The files of a published version; a draft waiting to be built has none yet (404)."""
    read = _council_read(who, ownership)
    return NOT_FOUND if read == OK and ownership == OTHER else read


def _council_publish(who: str, ownership: str) -> int:
    """Publishing goes back to the report (with a message: published already, not ready)."""
    return REDIRECT if who in (ANONYMOUS, CONTRACT_MANAGER) else FORBIDDEN


def keeps_the_map(who, ownership):
    """The chain director curates the whole social map; an organisation's managers and partner
    users keep its own entries."""
    return who == CHAIN_DIRECTOR or (who in (TEAM_MANAGER, PARTNER) and ownership == OWN)


def _map_write(who: str, ownership: str) -> int:
    if who == ANONYMOUS:
        return REDIRECT
    return BAD_REQUEST if keeps_the_map(who, ownership) else FORBIDDEN  # empty body: invalid


def _map_resolve(who: str, ownership: str) -> int:
    """Handling a report: done, and back to the freshness page (anonymous: to the login)."""
    return REDIRECT if who == ANONYMOUS or keeps_the_map(who, ownership) else FORBIDDEN


def _entry(kind: str, attribute: str):
    return lambda ctx, ownership: {"kind": kind, "uuid": getattr(ctx, attribute)[ownership].uuid}


def _uuid(attribute: str):
    return lambda ctx, ownership: {"uuid": getattr(ctx, attribute)[ownership].uuid}


def _hsds(attribute: str, pick):
    return lambda ctx, ownership: {"pk": pick(getattr(ctx, attribute)[ownership])}


MATRIX.update(
    {
        "socialmap:home": Row(web(anyone_with_a_role)),
        "socialmap:area": Row(
            web(anyone_with_a_role), lambda ctx, ownership: {"code": ctx.area[ownership].code}
        ),
        "socialmap:area_flyer": Row(
            web(anyone_with_a_role), lambda ctx, ownership: {"code": ctx.area[ownership].code}
        ),
        "socialmap:service_detail": Row(web(anyone_with_a_role), _uuid("service")),
        "socialmap:service_edit": Row(web(keeps_the_map), _uuid("service")),
        "socialmap:service_create": Row(
            web(keeps_the_map),
            lambda ctx, ownership: {"organisation": ctx.organisation[ownership].pk},
        ),
        "socialmap:role_edit": Row(web(keeps_the_map), _uuid("role")),
        "socialmap:assure": Row(_map_write, _entry("service", "service"), method="post"),
        "socialmap:flag": Row(web(anyone_but_council), _entry("contact_role", "role")),
        "socialmap:flag_resolve": Row(
            _map_resolve,
            lambda ctx, ownership: {"pk": ctx.flag[ownership].pk},
            method="post",
            data=lambda ctx: {"resolution": "Aangepast."},
        ),
        "socialmap:freshness": Row(web(anyone_but_council)),
        "socialmap:links": Row(web(anyone_with_a_role)),
        "socialmap:import": Row(web(lambda who, ownership: who == CHAIN_DIRECTOR)),
        # The collaboration survey: aggregates for everyone with a role.
        "surveys:list": Row(web(anyone_with_a_role)),
        # Answering online: the one-time link is the key; no login.
        "surveys:answer": Row(always(OK), lambda ctx, o: {"token": "demo-voorveld-1"}),
        "surveys:detail": Row(web(anyone_with_a_role), lambda ctx, o: {"code": "samenwerking"}),
        "surveys:form_export": Row(
            web(anyone_with_a_role), lambda ctx, o: {"code": "samenwerking"}
        ),
        "surveys:report_pdf": Row(web(anyone_with_a_role), lambda ctx, o: {"code": "samenwerking"}),
        "surveys:report_xlsx": Row(
            web(anyone_with_a_role), lambda ctx, o: {"code": "samenwerking"}
        ),
        "surveys:tips": Row(web(anyone_with_a_role), lambda ctx, o: {"code": "samenwerking"}),
        # The survey's owners (the municipality's steering roles) code the raw open answers and
        # link the results to an indicator.
        "surveys:open_answers": Row(web(request_filers), lambda ctx, o: {"code": "samenwerking"}),
        "surveys:indicator_link": Row(web(request_filers), lambda ctx, o: {"code": "samenwerking"}),
        "api:survey_results": Row(api(anyone_with_a_role), lambda ctx, o: {"code": "samenwerking"}),
        # Signals from practice: see the functions below the matrix.
        "signals:mine": Row(web(reports_signals)),
        "signals:report": Row(web(reports_signals)),
        "signals:detail": Row(_signal_read(REDIRECT), _pk("signal")),
        "signals:react": Row(_signal_react, _pk("signal"), method="post"),
        "signals:take": Row(_signal_take, _pk("signal"), method="post"),
        "signals:decline": Row(web(handles_signals), _pk("signal")),
        "signals:resolve": Row(web(handles_signals), _pk("signal")),
        "signals:queue": Row(web(request_filers)),
        "signals:issues": Row(web(request_filers)),
        "signals:issue": Row(web(request_filers), _pk("issue")),
        "signals:issue_create": Row(web(handles_signals)),
        "signals:issue_add": Row(web(handles_signals), _pk("issue")),
        "signals:issue_schedule": Row(web(handles_signals), _pk("issue")),
        "signals:issue_decide": Row(web(handles_signals), _pk("issue")),
        "signals:issue_decline": Row(web(handles_signals), _pk("issue")),
        "signals:figures": Row(web(anyone_with_a_role)),
        "api:signal_list": Row(api(reports_signals)),
        "api:signal_detail": Row(_signal_read(UNAUTHORISED), _pk("signal")),
        # The council report: published versions for every role, drafts for the contract
        # manager, who makes and publishes them.
        "council:list": Row(web(anyone_with_a_role)),
        "council:request": Row(web(contract_manager)),
        "council:detail": Row(_council_read, _council_report),
        "council:pdf": Row(_council_pdf, _council_report),
        "council:docx": Row(_council_pdf, _council_report),
        "council:publish": Row(_council_publish, _council_report, method="post"),
        # The public dashboard, its open data and the public API: no login.
        "publication:dashboard": Row(always(OK)),
        "publication:open_data_csv": Row(always(OK)),
        "publication:open_data_json": Row(always(OK)),
        "api:public_values": Row(always(OK)),
        # The HSDS API is public and read-only.
        "hsds:root": Row(always(OK)),
        "hsds:openapi": Row(always(OK)),
        "hsds:services": Row(always(OK)),
        "hsds:service": Row(always(OK), _hsds("service", lambda s: s.uuid)),
        "hsds:organizations": Row(always(OK)),
        "hsds:organization": Row(always(OK), _hsds("organisation", lambda o: o.uuid)),
        "hsds:service_at_locations": Row(always(OK)),
        "hsds:service_at_location": Row(
            always(OK),
            _hsds(
                "service",
                lambda s: (s.at_locations.first() or ServiceAtLocation.objects.first()).uuid,
            ),
        ),
        "hsds:taxonomies": Row(always(OK)),
        "hsds:taxonomy": Row(always(OK), _hsds("theme", lambda t: t.taxonomy_term.taxonomy.uuid)),
        "hsds:taxonomy_terms": Row(always(OK)),
        "hsds:taxonomy_term": Row(always(OK), _hsds("theme", lambda t: t.taxonomy_term.uuid)),
    }
)

#: The public HSDS API answers without any login.
HSDS_PUBLIC = {name for name in MATRIX if name.startswith("hsds:")}


def test_every_url_pattern_has_a_row():
    names = {n for n in _url_names() if n.split(":")[0] not in WHOLE_NAMESPACES}
    missing = sorted(names - set(MATRIX))
    assert not missing, f"URL patterns without a row in the authorisation matrix: {missing}"
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"Matrix rows for URL patterns that no longer exist: {stale}"


def _client_for(client, who: str):
    if who == NO_ROLE and not User.objects.filter(username=NO_ROLE).exists():
        User.objects.create_user(username=NO_ROLE, password="wijkregie-demo")
    if who != ANONYMOUS:
        login(client, who)
    return client


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.django_db
def test_matrix(client, demo, who):
    client = _client_for(client, who)
    failures = []
    ctx = _context(who)
    for name, row in sorted(MATRIX.items()):
        answered: dict[str, object] = {}  # a GET of the very same URL answers the same
        for ownership in (OWN, OTHER):
            url = reverse(name, kwargs=row.kwargs(ctx, ownership))
            data = row.data(ctx) if row.data else {}
            if row.method == "get" and url in answered:
                response = answered[url]
            else:
                response = getattr(client, row.method)(url, data)
                answered[url] = response
                if row.method != "get":
                    ctx = _context(who)  # a write may have changed what the context finds
            expected = row.expect(who, ownership)
            if response.status_code != expected:
                failures.append(f"{name} [{ownership}] {url}: {response.status_code} != {expected}")
            sent_to_login = "/account/login/" in response.get("Location", "")
            if (
                expected == REDIRECT
                and who == ANONYMOUS
                and row.method == "get"
                and not sent_to_login
            ):
                failures.append(f"{name}: anonymous not sent to login")
            if name == "accounts:logout":
                client = _client_for(client, who)
    assert not failures, f"{who}:\n" + "\n".join(failures)


def _admin_urls() -> list[str]:
    from django.apps import apps

    urls = []
    for name in sorted(n for n in _url_names() if n.startswith("admin:")):
        pattern_kwargs: dict = {}
        short = name.split(":", 1)[1]
        for model in apps.get_models():
            prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
            if short.startswith(prefix):
                instance = model._default_manager.first()
                pattern_kwargs = {"object_id": instance.pk if instance else 1}
                break
        for attempt in (
            pattern_kwargs,
            {},
            {"app_label": "accounts"},
            {"content_type_id": 1, "object_id": 1},
        ):
            try:
                urls.append(reverse(name, kwargs=attempt))
                break
            except Exception:  # noqa: S112 - try the next set of arguments
                continue
    return urls


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.django_db
def test_admin_site(client, demo, who):
    """Django admin: only administrators who passed the two-factor check get in."""
    client = _client_for(client, who)
    failures = []
    for url in _admin_urls():
        if url.endswith("/logout/"):
            continue
        response = client.get(url)
        location = response.get("Location", "")
        to_login = response.status_code == 302 and (
            "/account/login/" in location or "/admin/login/" in location
        )
        if who == ADMINISTRATOR:
            if to_login or response.status_code >= 500:
                failures.append(f"{url}: {response.status_code}")
        elif not to_login:
            failures.append(f"{url}: {response.status_code}, expected a redirect to login")
    assert not failures, f"{who}:\n" + "\n".join(failures)


#: What a session that passed only the password may reach: the public pages, the second step
#: itself, logging out and the language switch.
SECOND_STEP_ALLOWED = {
    "system:health",
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "set_language",
    "api:schema",
    "api:docs",
    "api:token",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    *HSDS_PUBLIC,
    "surveys:answer",
    "publication:dashboard",
    "publication:open_data_csv",
    "publication:open_data_json",
    "api:public_values",
}


@pytest.mark.django_db
def test_password_only_session_reaches_nothing(client, demo):
    """An account that needs a second factor, logged in with its password only, reaches no page,
    export or API endpoint: pages send it to the second step, the API answers 401 or 403, and no
    API token is issued to it."""
    response = client.post(
        "/account/login/",
        {"username": ADMINISTRATOR, "password": "wijkregie-demo"},
        REMOTE_ADDR="127.0.0.1",
    )
    assert response.status_code == 302
    two_factor = reverse("accounts:two_factor")
    failures, visited = [], 0
    for name, row in sorted(MATRIX.items()):
        if name in SECOND_STEP_ALLOWED:
            continue
        for ownership in (OWN, OTHER):
            ctx = _context(ADMINISTRATOR)
            url = reverse(name, kwargs=row.kwargs(ctx, ownership))
            data = row.data(ctx) if row.data else {}
            response = getattr(client, row.method)(url, data)
            visited += 1
            status = response.status_code
            if url.startswith("/api/"):
                if status not in (UNAUTHORISED, FORBIDDEN):
                    failures.append(f"{name} {url}: {status}, expected 401 or 403")
            elif status != REDIRECT or not response["Location"].startswith(two_factor):
                failures.append(f"{name} {url}: {status}, expected a redirect to the second step")
    for url in _admin_urls():
        response = client.get(url)
        if response.status_code != REDIRECT:
            failures.append(f"{url}: {response.status_code}, expected a redirect")
    assert visited > 100
    assert not failures, "\n".join(failures)
    # No token for a password alone.
    response = client.post(
        reverse("api:token"), {"username": ADMINISTRATOR, "password": "wijkregie-demo"}
    )
    assert response.status_code == FORBIDDEN
