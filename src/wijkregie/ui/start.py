"""What each role can do in Wijkregie, and where: the start page and the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkregie.accounts.roles import Role

ROLE_INTRODUCTIONS: dict[str, Promise] = {
    Role.CONTRACT_MANAGER: _(
        "You commission the Sociale Wijkteams on behalf of the municipality. You keep the "
        "registers of organisations, areas and themes current and see the aggregated figures of "
        "all team organisations."
    ),
    Role.CHAIN_DIRECTOR: _(
        "You direct one or more chains: team organisations, Wmo providers, municipal departments "
        "and partners working on one theme. You see who takes part and who to contact."
    ),
    Role.POLICY_ADVISER: _(
        "You advise on policy for the social domain. You read the commission, the organisations "
        "and the aggregated figures."
    ),
    Role.TEAM_MANAGER: _(
        "You manage a team organisation. You keep your organisation's details current and see "
        "your own organisation's data, including record-level data."
    ),
    Role.PROFESSIONAL: _(
        "You work in a Sociaal Wijkteam. You find the organisations and contacts in your areas "
        "and see your own figures."
    ),
    Role.PARTNER_USER: _(
        "You work for a Wmo provider or a partner organisation. You keep your organisation's "
        "details current and find the wijkteams and other partners."
    ),
    Role.COUNCIL_MEMBER: _(
        "You oversee the commission as a council member or auditor. You read aggregated figures "
        "only: small counts are hidden and no personal names are shown."
    ),
    Role.ADMINISTRATOR: _(
        "You administer Wijkregie: user accounts, memberships and the audit log. Your account "
        "is protected with a two-factor code."
    ),
}


@dataclass(frozen=True)
class Task:
    title: Promise
    description: Promise
    url: str
    in_navigation: bool = True
    nav_title: Promise | None = None


def tasks_for(user) -> list[Task]:
    """The tasks this user can do now, each with its place in Wijkregie."""
    tasks: list[Task] = []
    if user.has_perm("commission.view_commission"):
        tasks.append(
            Task(
                _("Commission"),
                _(
                    "The main commission, its requirements, the additional assignments with their "
                    "budgets and end dates, the requests to the teams and the budget monitor."
                ),
                reverse("commission:overview"),
            )
        )
    if user.has_perm("commission.register_outside_funnel"):
        tasks.append(
            Task(
                _("Register a request received outside the funnel"),
                _(
                    "Did a department ask your team for something directly? Register it, so the "
                    "assessment body sees it."
                ),
                reverse("commission:request_outside_funnel"),
                in_navigation=False,
            )
        )
    if user.has_perm("insights.view_dashboard"):
        tasks.append(
            Task(
                _("Dashboard"),
                _(
                    "The headline indicators per contractor and half-year, with trend and target, "
                    "and per indicator the story behind the figures."
                ),
                reverse("insights:overview"),
            )
        )
    if user.has_perm("pilots.view_pilot"):
        tasks.append(
            Task(
                _("Pilots"),
                _(
                    "Pilots and themes with every goal monitored: expected against actual, "
                    "other explanations, the theory of change and blind spots."
                ),
                reverse("pilots:list"),
            )
        )
    if user.has_perm("conversations.view_register"):
        tasks.append(
            Task(
                _("Meetings and agreements"),
                _(
                    "Result conversations prepared from the data, minutes, decisions and "
                    "agreements of every body, and whether each decision was carried out."
                ),
                reverse(
                    "conversations:bodies"
                    if user.has_perm("conversations.view_bodies")
                    else "conversations:register"
                ),
                nav_title=_("Consultation"),
            )
        )
    if user.has_perm("reporting.view_deliveries"):
        tasks.append(
            Task(
                _("Half-year deliveries"),
                _(
                    "Figures, narratives and case stories of the team organisations per "
                    "half-year: fill in, submit, review. Due and overdue deliveries at a glance."
                ),
                reverse("reporting:list"),
                nav_title=_("Deliveries"),
            )
        )
    if user.has_perm("indicators.view_indicator") and not user.has_perm("insights.view_dashboard"):
        tasks.append(
            Task(
                _("Indicators"),
                _("What each indicator counts, which question it answers and its targets."),
                reverse("indicators:list"),
            )
        )
    if user.has_perm("surveys.view_survey"):
        tasks.append(
            Task(
                _("Collaboration survey"),
                _(
                    "How the wijkteams and the voorveld rate their collaboration, statement by "
                    "statement, both sides next to each other and followed over the waves."
                ),
                reverse("surveys:list"),
                nav_title=_("Survey"),
            )
        )
    if user.has_perm("council.view_report"):
        tasks.append(
            Task(
                _("Council reports"),
                _(
                    "Twice a year what the commission delivers, as a citable PDF or Word "
                    "document: the figures, the assignments, the decisions and what cannot be "
                    "measured yet."
                ),
                reverse("council:list"),
                nav_title=_("Council"),
            )
        )
    if user.has_perm("signals.add_signal"):
        tasks.append(
            Task(
                _("Signals from practice"),
                _(
                    "Report what stands in the way of your work — a rule, a gap, a waiting list, "
                    "a bottleneck — and hear what is done with it."
                ),
                reverse("signals:mine"),
                nav_title=_("Signals"),
            )
        )
    elif user.has_perm("signals.view_aggregates"):
        tasks.append(
            Task(
                _("Signals from practice"),
                _(
                    "How many signals professionals report, on which themes, and how many "
                    "had an answer."
                ),
                reverse("signals:figures"),
                nav_title=_("Signals"),
            )
        )
    if user.has_perm("socialmap.view"):
        tasks.append(
            Task(
                _("Social map"),
                _(
                    "Who does what in which wijk: the wijkteams and their contacts per theme, "
                    "the partners with their services and activities, and where they are."
                ),
                reverse("socialmap:home"),
                nav_title=_("Social map"),
            )
        )
    if user.has_perm("chains.view_notices"):
        tasks.append(
            Task(
                _("Change notices"),
                _(
                    "Changes to the commission: who was consulted before the decision, who was "
                    "informed after it, and who acknowledged."
                ),
                reverse("chains:notice_overview"),
                nav_title=_("Changes"),
            )
        )
    if user.has_perm("chains.use_inbox"):
        tasks.append(
            Task(
                _("Changes for you"),
                _(
                    "Changes your organisation is asked about or informed of: respond and confirm "
                    "that you have read them."
                ),
                reverse("chains:inbox"),
            )
        )
    if user.has_perm("chains.view_chain"):
        tasks.append(
            Task(
                _("Chains"),
                _(
                    "The chains of the commission: who takes part, in which role, and who to "
                    "contact."
                ),
                reverse("chains:chain_list"),
            )
        )
    if user.has_perm("organisations.view_organisation"):
        tasks.append(
            Task(
                _("Organisations"),
                _("Team organisations, Wmo providers, partners and municipal departments."),
                reverse("organisations:organisation_list"),
            )
        )
    if user.has_perm("organisations.view_area"):
        tasks.append(
            Task(
                _("Areas"),
                _("The twelve wijken and the team organisation responsible for each."),
                reverse("organisations:area_list"),
            )
        )
    if user.has_perm("organisations.view_theme"):
        tasks.append(
            Task(
                _("Themes"),
                _("The themes of the commission."),
                reverse("organisations:theme_list"),
            )
        )
    for membership in getattr(user, "active_memberships", []):
        if user.has_perm("organisations.change_organisation", membership.organisation) and (
            not user.has_perm("organisations.add_organisation")
        ):
            tasks.append(
                Task(
                    _("Your organisation"),
                    _("Keep the description and contact details of %(name)s current.")
                    % {"name": membership.organisation.name},
                    reverse("organisations:organisation_edit", args=[membership.organisation_id]),
                    in_navigation=False,
                )
            )
            break
    if user.has_perm("accounts.view_auditevent"):
        tasks.append(
            Task(
                _("Audit log"),
                _("Logins, refused requests and reads of record-level data: who, what and when."),
                reverse("accounts:audit_log"),
            )
        )
    if user.has_perm("accounts.change_user"):
        tasks.append(
            Task(
                _("User administration"),
                _(
                    "Accounts and their roles per organisation: add colleagues, end roles, "
                    "deactivate leavers and reset a lost second factor."
                ),
                reverse("accounts:user_list"),
                nav_title=_("Administration"),
            )
        )
    return tasks
