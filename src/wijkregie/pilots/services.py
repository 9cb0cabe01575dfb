"""Writes for pilots. Every change goes through here: status rules, the record of why a goal
has no indicator, and appended revisions (with a reason) of expected series and theories of
change."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period
from wijkregie.common.versioning import save_new_or_versioned
from wijkregie.indicators.models import Indicator
from wijkregie.pilots import analysis, workflow
from wijkregie.pilots.models import (
    Comparison,
    Element,
    Expectation,
    Goal,
    GoalIndicator,
    Link,
    Pilot,
    Revision,
)

PILOT_FIELDS = (
    "name",
    "kind",
    "description",
    "theme",
    "assignment",
    "first_period",
    "last_period",
    "budget",
    "owner",
)


def _audit(user, obj, change: str, **detail: Any) -> None:
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=obj,
        detail={"change": change, **detail},
    )


def _check_periods(first: str, last: str, *, field: str = "last_period") -> None:
    if first and last and Period.parse(last) < Period.parse(first):
        raise ValidationError({field: _("The last half-year is before the first.")})


def _revise(
    pilot: Pilot, subject: str, snapshot: dict, *, reason: str, user, added: bool = False
) -> Revision:
    """Append a snapshot. Changing or removing needs a reason; adding something new does not
    (the revision then says what was added)."""
    number = (
        Revision.objects.filter(pilot=pilot, subject=subject)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    if number > 1 and not added and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why this changes.")})
    default = _("First version.") if number == 1 else _("Added.")
    return Revision.objects.create(
        pilot=pilot,
        subject=subject,
        number=number,
        snapshot=snapshot,
        reason=(reason or "").strip() or default,
        changed_by=user,
    )


# --- pilots -------------------------------------------------------------------------------------
@transaction.atomic
def pilot_save(
    pilot: Pilot,
    *,
    user,
    organisations: Iterable | None = None,
    areas: Iterable | None = None,
    expected_version: int | None = None,
) -> Pilot:
    _check_periods(pilot.first_period, pilot.last_period)
    if pilot.budget is not None and pilot.budget < 0:
        raise ValidationError({"budget": _("A budget cannot be negative.")})
    if pilot.kind == Pilot.Kind.THEME and pilot.theme_id is None:
        raise ValidationError({"theme": _("Choose the theme of the commission.")})
    creating = pilot.pk is None
    pilot.full_clean(exclude=["owner", "theme", "assignment"])
    if creating:
        workflow.WORKFLOW.start(pilot, Pilot.Status.PREPARING, actor=user)
    else:
        save_new_or_versioned(pilot, expected_version=expected_version, fields=list(PILOT_FIELDS))
    if organisations is not None:
        pilot.organisations.set(organisations)
    if areas is not None:
        pilot.areas.set(areas)
    _audit(user, pilot, "created" if creating else "changed")
    return pilot


def unmonitored_goals(pilot: Pilot) -> list[Goal]:
    """Goals without any indicator and without a recorded reason."""
    return [
        goal
        for goal in pilot.goals.prefetch_related("indicators")
        if not goal.indicators.all() and not goal.no_indicator_reason.strip()
    ]


@transaction.atomic
def pilot_set_status(pilot: Pilot, status: str, *, user, expected_version: int) -> Pilot:
    """A pilot only starts running with every goal monitored: each goal has an indicator, or
    someone recorded by name why it has none (yet)."""
    if status not in Pilot.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    before = pilot.status
    pilot = workflow.WORKFLOW.move(
        pilot,
        status,
        actor=user,
        expected_version=expected_version,
        condition=_monitored if status == Pilot.Status.RUNNING else None,
    )
    _audit(user, pilot, "status", from_status=before, to_status=status)
    return pilot


def _monitored(pilot: Pilot) -> None:
    missing = unmonitored_goals(pilot)
    if missing:
        raise ValidationError(
            {
                "status": _(
                    "These goals have no indicator and no recorded reason: %(goals)s. Link an "
                    "indicator or record why, before the pilot runs."
                )
                % {"goals": ", ".join(g.title for g in missing)}
            }
        )


# --- goals --------------------------------------------------------------------------------------
@transaction.atomic
def goal_save(
    goal: Goal,
    *,
    user,
    links: Iterable[tuple[Indicator, Decimal | None, str]],
    expected_version: int | None = None,
) -> Goal:
    """Save a goal with its indicators as (indicator, target, Kwaliteitskompas block). A reason
    for having no indicator is recorded with the name of whoever gave it."""
    links = list(links)
    codes = [indicator.pk for indicator, _t, _b in links]
    if len(codes) != len(set(codes)):
        raise ValidationError({"indicators": _("An indicator is linked twice.")})
    reason = (goal.no_indicator_reason or "").strip()
    if links:
        goal.no_indicator_reason, goal.no_indicator_by, goal.no_indicator_at = "", None, None
    elif reason:
        stored = Goal.objects.filter(pk=goal.pk).values_list("no_indicator_reason", flat=True)
        if not goal.pk or stored.first() != reason:
            goal.no_indicator_reason = reason
            goal.no_indicator_by, goal.no_indicator_at = user, timezone.now()
    goal.full_clean(exclude=["no_indicator_by", "pilot"])
    save_new_or_versioned(
        goal,
        expected_version=expected_version,
        fields=[
            "title",
            "description",
            "beneficiary",
            "question",
            "order",
            "no_indicator_reason",
            "no_indicator_by",
            "no_indicator_at",
        ],
    )
    GoalIndicator.objects.filter(goal=goal).exclude(indicator_id__in=codes).delete()
    for indicator, target, block in links:
        GoalIndicator.objects.update_or_create(
            goal=goal, indicator=indicator, defaults={"target": target, "block": block or ""}
        )
    _audit(user, goal.pilot, "goal", goal=goal.pk)
    return goal


# --- expected series ------------------------------------------------------------------------
EXPECTATION_FIELDS = (
    "goal",
    "indicator",
    "method",
    "baseline_first",
    "baseline_last",
    "first_period",
    "last_period",
    "manual_values",
    "assumptions",
    "unit_cost",
    "unit_cost_label",
    "band_width",
)


def _plain(value):
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def expectation_snapshot(expectation: Expectation) -> dict[str, Any]:
    data = {name: _plain(getattr(expectation, name)) for name in EXPECTATION_FIELDS}
    data["organisations"] = sorted(o.code for o in expectation.organisations.all())
    return data


@transaction.atomic
def expectation_save(
    expectation: Expectation,
    *,
    user,
    reason: str,
    organisations: Iterable = (),
    actual: dict | None = None,
    expected_version: int | None = None,
) -> Expectation:
    """Check the method against the figures (``actual``: half-year → value, from the
    selectors) and save with an appended revision. Bad input is refused in words: a baseline
    too short or with gaps, a cost per unit of zero or less, a band width of zero or less."""
    errors: dict[str, list[str]] = {}
    if expectation.unit_cost is not None and expectation.unit_cost <= 0:
        errors["unit_cost"] = [_("The cost per unit must be more than zero.")]
    if expectation.unit_cost is not None and not expectation.unit_cost_label.strip():
        errors["unit_cost_label"] = [
            _("Say what the cost per unit is, e.g. 'yearly cost of an IB indication'.")
        ]
    if expectation.band_width <= 0:
        errors["band_width"] = [_("The band needs a width of more than zero.")]
    if not expectation.assumptions.strip():
        errors["assumptions"] = [_("State the assumptions behind the expected series.")]
    if actual is not None:
        try:
            analysis.expected_series(
                expectation.method,
                actual,
                baseline_first=expectation.baseline_first,
                baseline_last=expectation.baseline_last,
                first=expectation.first_period,
                last=expectation.last_period,
                manual={p: Decimal(v) for p, v in expectation.manual_values.items()},
                band_width=expectation.band_width if expectation.band_width > 0 else 1,
            )
        except ValidationError as exc:
            errors.setdefault("method", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    expectation.full_clean(exclude=["goal", "indicator", "pilot"])
    save_new_or_versioned(
        expectation, expected_version=expected_version, fields=list(EXPECTATION_FIELDS)
    )
    expectation.organisations.set(organisations)
    _revise(
        expectation.pilot,
        f"expectation:{expectation.pk}",
        expectation_snapshot(expectation),
        reason=reason,
        user=user,
    )
    _audit(user, expectation.pilot, "expectation", expectation=expectation.pk)
    return expectation


# --- comparisons ------------------------------------------------------------------------------
COMPARISON_FIELDS = (
    "title",
    "indicator",
    "level",
    "before_first",
    "start_period",
    "after_last",
    "assumptions",
)


@transaction.atomic
def comparison_save(
    comparison: Comparison,
    *,
    user,
    groups: dict[str, Iterable],
    context: Iterable,
    expected_version: int | None = None,
) -> Comparison:
    """``groups``: treated_organisations, control_organisations, treated_areas, control_areas."""
    groups = {k: list(v) for k, v in groups.items()}
    errors = {}
    before, start, after = (
        Period.parse(comparison.before_first),
        Period.parse(comparison.start_period),
        Period.parse(comparison.after_last),
    )
    if not before < start <= after:
        errors["start_period"] = _(
            "The first half-year with the pilot must lie after the first half-year before the "
            "start, and not after the last half-year compared."
        )
    level = "areas" if comparison.level == Comparison.Level.AREAS else "organisations"
    treated, control = groups.get(f"treated_{level}", []), groups.get(f"control_{level}", [])
    if not treated:
        errors[f"treated_{level}"] = _("Choose who had the pilot.")
    if not control:
        errors[f"control_{level}"] = _("Choose who did not have the pilot (yet).")
    if set(treated) & set(control):
        errors[f"control_{level}"] = _("A group cannot be in both the pilot and the comparison.")
    if errors:
        raise ValidationError(errors)
    comparison.full_clean(exclude=["indicator", "pilot"])
    save_new_or_versioned(
        comparison, expected_version=expected_version, fields=list(COMPARISON_FIELDS)
    )
    for name, members in groups.items():
        getattr(comparison, name).set(members)
    comparison.context_indicators.set(context)
    _audit(user, comparison.pilot, "comparison", comparison=comparison.pk)
    return comparison


# --- theory of change ---------------------------------------------------------------------------
def theory_snapshot(pilot: Pilot) -> dict[str, Any]:
    return {
        "elements": [
            {
                "id": e.pk,
                "kind": e.kind,
                "title": e.title,
                "description": e.description,
                "indicators": sorted(i.code for i in e.indicators.all()),
            }
            for e in pilot.elements.prefetch_related("indicators")
        ],
        "links": [
            {
                "from": link.source_id,
                "to": link.target_id,
                "because": link.rationale,
                "assumption": link.assumption,
                "indicators": sorted(i.code for i in link.indicators.all()),
            }
            for link in pilot.links.prefetch_related("indicators")
        ],
    }


@transaction.atomic
def element_save(
    element: Element,
    *,
    user,
    indicators: Iterable,
    reason: str,
    expected_version: int | None = None,
) -> Element:
    creating = element.pk is None
    element.full_clean(exclude=["pilot"])
    save_new_or_versioned(
        element, expected_version=expected_version, fields=["kind", "title", "description", "order"]
    )
    element.indicators.set(indicators)
    _revise(
        element.pilot,
        "theory",
        theory_snapshot(element.pilot),
        reason=reason,
        user=user,
        added=creating,
    )
    _audit(user, element.pilot, "theory", element=element.pk)
    return element


ORDER = list(Element.Kind.values)


@transaction.atomic
def link_save(
    link: Link,
    *,
    user,
    indicators: Iterable,
    reason: str,
    expected_version: int | None = None,
) -> Link:
    """An arrow runs forward (activity → output → outcome → societal result) or within one
    level, never backward, and never from an element to itself."""
    if link.source_id == link.target_id:
        raise ValidationError({"target": _("An arrow needs two different elements.")})
    if link.source.pilot_id != link.pilot_id or link.target.pilot_id != link.pilot_id:
        raise ValidationError({"target": _("Both elements must belong to this theory.")})
    if ORDER.index(link.target.kind) < ORDER.index(link.source.kind):
        raise ValidationError(
            {"target": _("An arrow points forward: from activities towards the societal result.")}
        )
    if not link.rationale.strip():
        raise ValidationError({"rationale": _("Say why A contributes to B ('because …').")})
    creating = link.pk is None
    link.full_clean(exclude=["pilot", "source", "target"])
    save_new_or_versioned(
        link,
        expected_version=expected_version,
        fields=["source", "target", "rationale", "assumption"],
    )
    link.indicators.set(indicators)
    _revise(
        link.pilot, "theory", theory_snapshot(link.pilot), reason=reason, user=user, added=creating
    )
    _audit(user, link.pilot, "theory", link=link.pk)
    return link


@transaction.atomic
def theory_delete(obj: Element | Link, *, user, reason: str) -> None:
    pilot = obj.pilot
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why this changes.")})
    obj.delete()
    _revise(pilot, "theory", theory_snapshot(pilot), reason=reason, user=user)
    _audit(user, pilot, "theory", deleted=str(obj))
