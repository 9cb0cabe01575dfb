"""Wijkregie's permission rules: the one place that says who may do what.

Views, the API and selectors all ask ``user.has_perm(<name>, obj)``; the rules below answer
(through ``rules.permissions.ObjectPermissionBackend``). Every permission is tested in the
authorisation matrix (tests/authorisation).
"""

from __future__ import annotations

import rules

from wijkregie.accounts.roles import (
    MUNICIPAL_ROLES,
    ORGANISATION_EDITOR_ROLES,
    REGISTER_EDITOR_ROLES,
    Role,
)


def _roles(user) -> frozenset[str]:
    return getattr(user, "roles", frozenset()) if user.is_authenticated else frozenset()


@rules.predicate
def has_any_role(user) -> bool:
    return bool(_roles(user))


@rules.predicate
def is_municipal(user) -> bool:
    return bool(_roles(user) & MUNICIPAL_ROLES)


@rules.predicate
def is_register_editor(user) -> bool:
    return bool(_roles(user) & REGISTER_EDITOR_ROLES)


@rules.predicate
def is_administrator(user) -> bool:
    return Role.ADMINISTRATOR in _roles(user)


@rules.predicate
def speaks_for_organisation(user, organisation) -> bool:
    """The user is a manager or partner user of this very organisation."""
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.pk in user.organisation_ids_with_role(*ORGANISATION_EDITOR_ROLES)


# --- accounts -------------------------------------------------------------------------------------
rules.add_perm("accounts.view_auditevent", is_administrator)
# Users are deactivated, never deleted: their audit history must keep pointing at them.
for _action in ("view", "add", "change"):
    rules.add_perm(f"accounts.{_action}_user", is_administrator)
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"accounts.{_action}_membership", is_administrator)
rules.add_perm("authtoken.view_tokenproxy", is_administrator)
rules.add_perm("authtoken.delete_tokenproxy", is_administrator)
rules.add_perm("otp_totp.view_totpdevice", is_administrator)
rules.add_perm("otp_totp.delete_totpdevice", is_administrator)

# --- organisations, areas, themes -----------------------------------------------------------------
rules.add_perm("organisations.view_organisation", has_any_role)
rules.add_perm("organisations.view_inactive_organisation", is_municipal)
rules.add_perm("organisations.add_organisation", is_register_editor)
rules.add_perm("organisations.change_organisation", is_register_editor | speaks_for_organisation)
rules.add_perm("organisations.view_area", has_any_role)
rules.add_perm("organisations.add_area", is_register_editor)
rules.add_perm("organisations.change_area", is_register_editor)
rules.add_perm("organisations.view_theme", has_any_role)
rules.add_perm("organisations.change_contactperson", is_register_editor | speaks_for_organisation)
rules.add_perm("organisations.add_theme", is_register_editor)
rules.add_perm("organisations.change_theme", is_register_editor)


# --- commission register --------------------------------------------------------------------------
COMMISSION_READER_ROLES = frozenset(
    {Role.CONTRACT_MANAGER, Role.CHAIN_DIRECTOR, Role.POLICY_ADVISER, Role.COUNCIL_MEMBER}
)
TEAM_ROLES = frozenset({Role.TEAM_MANAGER, Role.PROFESSIONAL})
REQUEST_FILING_ROLES = frozenset({Role.CONTRACT_MANAGER, Role.CHAIN_DIRECTOR, Role.POLICY_ADVISER})


@rules.predicate
def is_commission_reader(user) -> bool:
    """Reads the whole register (aggregates; council members without personal names)."""
    return bool(_roles(user) & COMMISSION_READER_ROLES)


@rules.predicate
def is_team_member(user) -> bool:
    return bool(_roles(user) & TEAM_ROLES)


@rules.predicate
def is_contract_manager(user) -> bool:
    return Role.CONTRACT_MANAGER in _roles(user)


@rules.predicate
def is_council_member(user) -> bool:
    return Role.COUNCIL_MEMBER in _roles(user)


@rules.predicate
def may_file_requests(user) -> bool:
    return bool(_roles(user) & REQUEST_FILING_ROLES)


def team_organisation_ids(user) -> frozenset[int]:
    return user.organisation_ids_with_role(*TEAM_ROLES) if user.is_authenticated else frozenset()


@rules.predicate
def is_contractor_of(user, obj) -> bool:
    """The user works for a contractor of this assignment or agreement."""
    if obj is None:
        return False
    ids = team_organisation_ids(user)
    if hasattr(obj, "contractor_id"):
        return obj.contractor_id in ids
    return obj.contractors.filter(pk__in=ids).exists()


@rules.predicate
def received_the_request(user, obj) -> bool:
    return obj is not None and obj.received_by_id in team_organisation_ids(user)


rules.add_perm("commission.view_commission", is_commission_reader | is_team_member)
rules.add_perm("commission.change_commission", is_contract_manager)
rules.add_perm("commission.view_assignment", is_commission_reader | is_contractor_of)
rules.add_perm("commission.view_agreement", is_commission_reader | is_contractor_of)
rules.add_perm("commission.view_request", is_commission_reader | received_the_request)
rules.add_perm("commission.add_request", may_file_requests)
rules.add_perm("commission.register_outside_funnel", is_team_member)
rules.add_perm("commission.decide_request", is_contract_manager)
rules.add_perm("commission.view_personal_names", has_any_role & ~is_council_member)
# Names of people (contact persons, owners, who decided what) are hidden from council members.
rules.add_perm("accounts.view_personal_names", has_any_role & ~is_council_member)


# --- chains and change notices --------------------------------------------------------------------
#: Roles that speak for their organisation as an affected party (respond, acknowledge).
PARTY_ROLES = frozenset(
    {
        Role.TEAM_MANAGER,
        Role.PARTNER_USER,
        Role.CONTRACT_MANAGER,
        Role.CHAIN_DIRECTOR,
        Role.POLICY_ADVISER,
    }
)


@rules.predicate
def is_chain_director(user) -> bool:
    return Role.CHAIN_DIRECTOR in _roles(user)


@rules.predicate
def directs_chain(user, obj) -> bool:
    """The user directs this chain (or the chain of this notice)."""
    if obj is None:
        return False
    chain = getattr(obj, "chain", obj)
    return chain.director_id == user.pk


@rules.predicate
def is_policy_adviser(user) -> bool:
    return Role.POLICY_ADVISER in _roles(user)


@rules.predicate
def speaks_for_party(user, party) -> bool:
    return party is not None and party.organisation_id in user.organisation_ids_with_role(
        *PARTY_ROLES
    )


@rules.predicate
def belongs_to_party(user, party) -> bool:
    return party is not None and party.organisation_id in user.organisation_ids_with_role()


rules.add_perm("chains.view_chain", has_any_role)
rules.add_perm("chains.add_chain", is_contract_manager)
rules.add_perm("chains.change_chain", is_contract_manager | directs_chain)
rules.add_perm("chains.view_notices", is_contract_manager | is_chain_director | is_policy_adviser)
rules.add_perm("chains.view_notice", is_contract_manager | is_policy_adviser | directs_chain)
rules.add_perm("chains.add_notice", is_contract_manager | is_chain_director)
rules.add_perm("chains.manage_notice", is_contract_manager | directs_chain)
rules.add_perm("chains.use_inbox", has_any_role & ~is_council_member)
rules.add_perm("chains.view_party_notice", belongs_to_party & ~is_council_member)
rules.add_perm("chains.respond_for_party", speaks_for_party)


# --- indicators, half-year deliveries, dashboard --------------------------------------------
DELIVERY_READER_ROLES = frozenset({Role.CONTRACT_MANAGER, Role.POLICY_ADVISER})


@rules.predicate
def reads_deliveries(user) -> bool:
    return bool(_roles(user) & DELIVERY_READER_ROLES)


def _organisation_id(obj) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    return getattr(obj, "pk", None)


@rules.predicate
def works_for(user, obj) -> bool:
    """A team manager or professional of the delivery's (or this) organisation."""
    return _organisation_id(obj) in team_organisation_ids(user)


@rules.predicate
def manages(user, obj) -> bool:
    """The team manager of the delivery's (or this) organisation."""
    organisation_id = _organisation_id(obj)
    return organisation_id is not None and organisation_id in user.organisation_ids_with_role(
        Role.TEAM_MANAGER
    )


rules.add_perm("indicators.view_indicator", has_any_role)
rules.add_perm("indicators.change_indicator", is_contract_manager | is_policy_adviser)
rules.add_perm("indicators.view_lint", is_municipal)
rules.add_perm("reporting.view_deliveries", reads_deliveries | is_team_member)
rules.add_perm("reporting.view_delivery", reads_deliveries | works_for)
rules.add_perm("reporting.add_delivery", manages)
rules.add_perm("reporting.change_delivery", works_for)
rules.add_perm("reporting.submit_delivery", manages)
rules.add_perm("reporting.correct_delivery", manages)
rules.add_perm("reporting.review_delivery", is_contract_manager)
rules.add_perm("reporting.view_case_stories", has_any_role & ~is_council_member)
rules.add_perm("insights.view_dashboard", is_municipal | is_council_member | is_team_member)
rules.add_perm("insights.view_own_figures", is_team_member)

# --- registrations ------------------------------------------------------------------------------
rules.add_perm("registrations.view_overview", is_municipal | is_council_member | is_team_member)
rules.add_perm("registrations.view_runs", reads_deliveries | is_team_member)
rules.add_perm("registrations.view_run", reads_deliveries | works_for)
rules.add_perm("registrations.import", manages)
rules.add_perm("registrations.view_records", works_for)


# --- pilots and theories of change ---------------------------------------------------------------
@rules.predicate
def manages_participant(user, pilot) -> bool:
    """A team manager of a contractor taking part in the pilot (partnership: the teams own the
    theory of change as much as the municipality does)."""
    if pilot is None or not hasattr(pilot, "organisations"):
        return False
    participants = {o.pk for o in pilot.organisations.all()}
    return bool(participants & user.organisation_ids_with_role(Role.TEAM_MANAGER))


rules.add_perm("pilots.view_pilot", is_municipal | is_council_member | is_team_member)
rules.add_perm("pilots.change_pilot", is_contract_manager | is_policy_adviser)
rules.add_perm(
    "pilots.change_theory", is_contract_manager | is_policy_adviser | manages_participant
)


# --- meetings, decisions and agreements ------------------------------------------------------
def _body_of(obj):
    """The body a meeting, decision, agreement or agenda item belongs to (or the body)."""
    if obj is None:
        return None
    if hasattr(obj, "meeting"):
        obj = obj.meeting
    if hasattr(obj, "body"):
        obj = obj.body
    return obj if hasattr(obj, "contractor_id") else None


@rules.predicate
def sits_in_body(user, obj) -> bool:
    """A member of the body, in person or through one of its organisations."""
    body = _body_of(obj)
    if body is None or not user.is_authenticated:
        return False
    organisations = {o.pk for o in body.organisations.all()}
    if body.contractor_id:
        organisations.add(body.contractor_id)
    if organisations & user.organisation_ids_with_role():
        return True
    return body.members.filter(pk=user.pk).exists()


@rules.predicate
def owns_agreement(user, agreement) -> bool:
    """The agreement's owner, or a manager of the organisation that owns it."""
    if agreement is None or not hasattr(agreement, "owner_organisation_id"):
        return False
    if agreement.owner_id == user.pk:
        return True
    managers = user.organisation_ids_with_role(Role.TEAM_MANAGER, Role.PARTNER_USER)
    return agreement.owner_organisation_id in managers


manages_meetings = is_contract_manager | is_policy_adviser | is_chain_director
rules.add_perm("conversations.view_bodies", has_any_role & ~is_council_member)
rules.add_perm("conversations.view_meeting", is_municipal | sits_in_body)
rules.add_perm("conversations.manage_meetings", manages_meetings)
rules.add_perm("conversations.change_agreement", manages_meetings | owns_agreement)
rules.add_perm("conversations.view_register", has_any_role)
rules.add_perm("conversations.view_topics", has_any_role)
rules.add_perm("conversations.change_topics", is_contract_manager | is_policy_adviser)
rules.add_perm("conversations.view_role_agreements", has_any_role)
rules.add_perm("conversations.change_role_agreements", is_contract_manager)

# --- de-identification ---------------------------------------------------------------------------
# Everyone who writes text that others read may ask what will be shared; council members and
# administrators write none.
rules.add_perm("deidentification.preview", has_any_role & ~is_council_member & ~is_administrator)

# --- social map ----------------------------------------------------------------------------------
# Everyone with a role finds who does what; the personal details of contact persons follow
# accounts.view_personal_names. Each organisation keeps its own entries (its managers and partner
# users); the chain director curates them all. Everyone who works with the map (not council
# members) may say an entry is wrong.


@rules.predicate
def keeps_entry(user, entry) -> bool:
    """The entry (service, location, contact role, link) belongs to the user's organisation."""
    owner_id = getattr(entry, "owner_id", None)
    if owner_id is None or not user.is_authenticated:
        return False
    return owner_id in user.organisation_ids_with_role(*ORGANISATION_EDITOR_ROLES)


rules.add_perm("socialmap.view", has_any_role)
rules.add_perm("socialmap.change_entry", is_chain_director | keeps_entry)
rules.add_perm("socialmap.add_entry", is_chain_director | speaks_for_organisation)
rules.add_perm("socialmap.flag_entry", has_any_role & ~is_council_member)
rules.add_perm("socialmap.view_freshness", has_any_role & ~is_council_member)
rules.add_perm("socialmap.import", is_chain_director)

# --- collaboration survey ------------------------------------------------------------------------
# Results are aggregates for everyone with a role; the survey's owners (the municipality's
# contract manager, chain director and policy adviser) also see groups below the threshold.
rules.add_perm("surveys.view_survey", has_any_role)
rules.add_perm("surveys.own_survey", is_contract_manager | is_chain_director | is_policy_adviser)

# --- signals from practice --------------------------------------------------------------------
# Anyone who works with the commission reports; each reads their organisation's signals (the
# text as written) and the municipality's steering roles read the queue (others' texts only
# de-identified). Chain directors and policy advisers handle them; the council sees aggregates.
rules.add_perm("signals.add_signal", has_any_role & ~is_council_member)
rules.add_perm("signals.view_signal", has_any_role & ~is_council_member)
rules.add_perm("signals.view_queue", is_contract_manager | is_chain_director | is_policy_adviser)
rules.add_perm("signals.handle_signal", is_chain_director | is_policy_adviser)
rules.add_perm("signals.view_aggregates", has_any_role)

# --- the council's half-year report -------------------------------------------------------------
rules.add_perm("council.view_report", has_any_role)
rules.add_perm("council.make_report", is_contract_manager)
