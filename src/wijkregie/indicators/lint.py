"""The measurability lint: which indicators cannot steer anything yet, and what to do about it.

Used by the lint page, the API and ``wijkregie indicators lint``. Every finding names its rule,
what it is about and what to do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from wijkregie.common.periods import Period
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


def _not_measurable_twice() -> set[int]:
    """Indicators that some organisation marked not measurable in two consecutive periods."""
    from wijkregie.reporting.models import Value

    marked: dict[tuple[int, int], set[Period]] = defaultdict(set)
    rows = (
        Value.objects.filter(not_measurable=True)
        .exclude(state__in=[Value.State.DRAFT, Value.State.SUPERSEDED])
        .values_list("indicator_id", "organisation_id", "period")
        .distinct()
    )
    for indicator_id, organisation_id, period in rows:
        marked[(indicator_id, organisation_id)].add(Period.parse(period))
    return {
        indicator_id
        for (indicator_id, _org), periods in marked.items()
        if any(p.next() in periods for p in periods)
    }


def lint() -> list[Finding]:
    from wijkregie.reporting.models import Value

    indicators = list(
        Indicator.objects.filter(active=True).prefetch_related("themes").order_by("code")
    )
    targeted = set(Target.objects.values_list("indicator_id", flat=True).distinct())
    delivered = set(
        Value.objects.exclude(state__in=[Value.State.DRAFT, Value.State.SUPERSEDED])
        .filter(not_measurable=False)
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    twice = _not_measurable_twice()
    findings: list[Finding] = []
    for indicator in indicators:
        findings += _indicator_findings(
            indicator, targeted=targeted, delivered=delivered, twice=twice
        )

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
