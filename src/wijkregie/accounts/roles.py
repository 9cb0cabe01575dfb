"""The roles a person can hold in an organisation, and what groups of roles mean."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CONTRACT_MANAGER = "contract_manager", _("Contract manager")
    CHAIN_DIRECTOR = "chain_director", _("Chain director")
    POLICY_ADVISER = "policy_adviser", _("Policy adviser")
    TEAM_MANAGER = "team_manager", _("Team organisation manager")
    PROFESSIONAL = "professional", _("Professional")
    PARTNER_USER = "partner_user", _("Provider or partner user")
    COUNCIL_MEMBER = "council_member", _("Council member or auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


#: Roles of the municipality's own staff.
MUNICIPAL_ROLES = frozenset(
    {Role.CONTRACT_MANAGER, Role.CHAIN_DIRECTOR, Role.POLICY_ADVISER, Role.ADMINISTRATOR}
)
#: Roles that may edit the shared registers (organisations, areas, themes).
REGISTER_EDITOR_ROLES = frozenset({Role.CONTRACT_MANAGER, Role.ADMINISTRATOR})
#: Roles that speak for their own organisation and may keep its details current.
ORGANISATION_EDITOR_ROLES = frozenset({Role.TEAM_MANAGER, Role.PARTNER_USER})
#: Roles that see aggregates only, never record-level data or personal names.
AGGREGATE_ONLY_ROLES = frozenset({Role.COUNCIL_MEMBER})
