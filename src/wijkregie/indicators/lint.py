"""The measurability lint: which indicators cannot steer anything yet, and what to do about it.

Used by the lint page, the API and ``wijkregie indicators lint``. Every finding names its rule,
what it is about and what to do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from wijkregie.indicators.models import Indicator, Target
from wijkregie.organisations.models import Theme

MAX_HEADLINES_PER_THEME = 5


@dataclass(frozen=True)
class Finding:
    rule: str
    subject: str  # indicator code or theme code
    subject_name: str
    message: str
    action: str
    kind: str = "indicator"  # or "theme"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class Facts(Protocol):
    """What the lint needs to know of the delivered facts. The indicator register sits below
    the apps that hold facts, so the fact grain's owner provides it (``provide_facts`` in its
    ``AppConfig.ready``) instead of the lint importing upwards."""

    def delivered(self) -> set[int]:
        """Indicators with at least one published, measured value."""
        ...

    def not_measurable_twice(self) -> set[int]:
        """Indicators some organisation marked not measurable in two consecutive half-years."""
        ...

    def published_totals(
        self, indicator_ids: list[int]
    ) -> Iterable[tuple[int, int, str, str, Decimal]]:
        """(indicator, organisation, organisation name, period, total) of published totals per
        organisation."""
        ...


class _NoFacts:
    def delivered(self) -> set[int]:
        return set()

    def not_measurable_twice(self) -> set[int]:
        return set()

    def published_totals(self, indicator_ids):
        return []


_provided: list[Facts] = []


def provide_facts(source: Facts) -> None:
    """Called once by the app that owns the facts (reporting)."""
    _provided[:] = [source]


def facts() -> Facts:
    return _provided[0] if _provided else _NoFacts()


def _indicator_findings(
    indicator: Indicator, *, targeted: set[int], delivered: set[int], twice: set[int]
) -> list[Finding]:
    found = []

    def add(rule: str, message: str, action: str) -> None:
        found.append(Finding(rule, indicator.code, indicator.name, message, action))

    if not indicator.definition.strip():
        add(
            "no-definition",
            _("There is no plain-language definition."),
            _("Write in one or two sentences what is counted, so everyone counts the same."),
        )
    if not indicator.source:
        add(
            "no-source",
            _("It is not recorded where the figure comes from."),
            _("Choose a source: delivered by the teams, computed from registrations, or survey."),
        )
    if indicator.owner_id is None:
        add(
            "no-owner",
            _("Nobody owns this indicator."),
            _("Name an owner who keeps the definition current and explains the figures."),
        )
    if indicator.tier == Indicator.Tier.DEVELOPMENT:
        if indicator.pk not in delivered and not indicator.is_derived:
            add(
                "development-never-delivered",
                _("On the development agenda, but no value has ever been delivered or computed."),
                _(
                    "Agree with the teams when and how it will be measured, with a first "
                    "half-year; an agenda item without a date stays on the agenda."
                ),
            )
        return found
    if indicator.pk not in targeted:
        add(
            "no-target",
            _("There is no target for any period."),
            _("Agree a target (for the municipality or per contractor) or drop the indicator."),
        )
    if indicator.pk not in delivered and not indicator.is_derived:
        add(
            "never-delivered",
            _("No value has ever been delivered or computed."),
            _(
                "Check whether the teams can deliver it; if not, move it to the development "
                "agenda or drop it."
            ),
        )
    if indicator.pk in twice:
        add(
            "not-measurable-twice",
            _("Marked 'not measurable' in two half-years in a row."),
            _(
                "Discuss with the teams what is needed to measure it, or move it to the "
                "development agenda."
            ),
        )
    return found


def reconciliation_differences(delivered: Indicator, computed: Indicator) -> list[dict]:
    """Per organisation and half-year where both were published: the two figures and the
    difference in percent of the delivered one (raw figures: for the lint and the indicator
    page's reviewers, never shown to outsiders unprotected)."""
    rows = facts().published_totals([delivered.pk, computed.pk])
    found: dict[tuple[int, str], dict] = {}
    for indicator_id, organisation_id, name, period, total in rows:
        slot = found.setdefault((organisation_id, period), {"organisation": name, "period": period})
        slot["delivered" if indicator_id == delivered.pk else "computed"] = total
    result = []
    for slot in found.values():
        if slot.get("delivered") and slot.get("computed") is not None:
            slot["percent"] = (slot["computed"] - slot["delivered"]) / slot["delivered"] * 100
            result.append(slot)
    return sorted(result, key=lambda s: (s["organisation"], s["period"]))


def pairs(indicators: list[Indicator]) -> list[tuple[Indicator, Indicator]]:
    """(delivered, computed) pairs that answer the same question."""
    result = []
    for indicator in indicators:
        partner = indicator.reconciles_with
        if partner is None:
            continue
        first, second = sorted(
            [indicator, partner], key=lambda i: i.source != Indicator.Source.DELIVERED
        )
        result.append((first, second))
    return result


def _reconciliation_findings(indicators: list[Indicator]) -> list[Finding]:
    tolerance = Decimal(settings.WIJKREGIE_RECONCILIATION_TOLERANCE)
    findings = []
    for delivered, computed in pairs(indicators):
        beyond = [
            d
            for d in reconciliation_differences(delivered, computed)
            if abs(d["percent"]) > tolerance
        ]
        if not beyond:
            continue
        where = ", ".join(
            f"{d['organisation']} {d['period']} ({d['percent']:+.0f} %)" for d in beyond
        )
        findings.append(
            Finding(
                "reconciliation-differs",
                delivered.code,
                delivered.name,
                _(
                    "Differs from %(code)s, which answers the same question, by more than "
                    "%(tolerance)s %%: %(where)s."
                )
                % {"code": computed.code, "tolerance": tolerance, "where": where},
                _(
                    "Ask the organisation to explain the difference in its delivery, or correct "
                    "the definition so both count the same."
                ),
            )
        )
    return findings


def lint() -> list[Finding]:
    indicators = list(
        Indicator.objects.filter(active=True)
        .select_related("reconciles_with")
        .prefetch_related("themes")
        .order_by("code")
    )
    targeted = set(Target.objects.values_list("indicator_id", flat=True).distinct())
    source = facts()
    delivered = source.delivered()
    twice = source.not_measurable_twice()
    findings: list[Finding] = []
    for indicator in indicators:
        findings += _indicator_findings(
            indicator, targeted=targeted, delivered=delivered, twice=twice
        )

    findings += _reconciliation_findings(indicators)

    by_theme: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        for theme in indicator.themes.all():
            by_theme[theme.pk].append(indicator)
    for theme in Theme.objects.filter(active=True).order_by("order", "name"):
        members = [i for i in by_theme.get(theme.pk, []) if i.tier != Indicator.Tier.DEVELOPMENT]
        if not members:
            findings.append(
                Finding(
                    "theme-without-indicator",
                    theme.code,
                    theme.name,
                    _("This theme has no measurable indicator."),
                    _(
                        "Choose at least one indicator for it; prevention and the sociale basis "
                        "deserve figures too."
                    ),
                    kind="theme",
                )
            )
            continue
        if not any(i.question == Indicator.Question.BETTER_OFF for i in members):
            findings.append(
                Finding(
                    "theme-without-better-off",
                    theme.code,
                    theme.name,
                    _("No indicator answers 'is anyone better off?'."),
                    _("Add an outcome indicator for residents, not only counts of activity."),
                    kind="theme",
                )
            )
        headlines = [i for i in members if i.tier == Indicator.Tier.HEADLINE]
        if len(headlines) > MAX_HEADLINES_PER_THEME:
            findings.append(
                Finding(
                    "too-many-headlines",
                    theme.code,
                    theme.name,
                    _("%(count)d headline indicators; at most %(max)d keep a conversation focused.")
                    % {"count": len(headlines), "max": MAX_HEADLINES_PER_THEME},
                    _("Make the others secondary."),
                    kind="theme",
                )
            )
    return findings
