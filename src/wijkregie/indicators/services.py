"""Writes for indicator definitions: every change is a new revision with a reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period

# The fact grain's owner tells the measurability lint about delivered facts (in its ready()).
from wijkregie.indicators.lint import provide_facts  # noqa: F401
from wijkregie.indicators.models import Indicator, IndicatorRevision, Target

#: Fields whose values make up a definition (and thus a revision's snapshot).
DEFINITION_FIELDS = (
    "code",
    "name",
    "definition",
    "technical_definition",
    "question",
    "unit",
    "counts",
    "polarity",
    "source",
    "formula",
    "aggregation",
    "numerator",
    "denominator",
    "factor",
    "numerator_label",
    "denominator_label",
    "denominator_is_persons",
    "reconciles_with",
    "reconciliation_note",
    "tier",
    "granularity",
    "owner",
    "baseline_value",
    "baseline_period",
    "minimum",
    "maximum",
    "active",
)


def snapshot(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in DEFINITION_FIELDS:
        value = getattr(indicator, name)
        if hasattr(value, "pk"):
            value = str(value)
        elif isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        data[name] = value
    if indicator.pk:
        data["themes"] = sorted(t.code for t in indicator.themes.all())
        data["requirements"] = sorted(r.code for r in indicator.requirements.all())
    return data


def check_formula(indicator: Indicator) -> None:
    errors: dict[str, str] = {}
    if indicator.formula == Indicator.Formula.DERIVED:
        if not indicator.numerator or not indicator.denominator:
            errors["numerator"] = _("A computed indicator needs a numerator and a denominator.")
        elif indicator.pk and indicator.pk in (indicator.numerator_id, indicator.denominator_id):
            errors["numerator"] = _("An indicator cannot be computed from itself.")
    elif indicator.numerator_id or indicator.denominator_id:
        errors["formula"] = _(
            "Numerator and denominator indicators are only used by a computed indicator."
        )
    if indicator.factor == 0:
        errors["factor"] = _("The factor cannot be zero.")
    if (
        indicator.minimum is not None
        and indicator.maximum is not None
        and indicator.minimum > indicator.maximum
    ):
        errors["maximum"] = _("The highest valid value is below the lowest.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_indicator(
    indicator: Indicator,
    *,
    user,
    reason: str,
    themes=None,
    requirements=None,
    expected_version: int | None = None,
) -> Indicator:
    """Create or change a definition; appends a revision with the reason."""
    check_formula(indicator)
    creating = indicator.pk is None
    if not creating and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the definition changes.")})
    indicator.full_clean(exclude=["numerator", "denominator", "owner"])
    if creating:
        indicator.save()
    else:
        indicator.save_versioned(
            expected_version=indicator.version if expected_version is None else expected_version,
            update_fields=list(DEFINITION_FIELDS),
        )
    if themes is not None:
        indicator.themes.set(themes)
    if requirements is not None:
        indicator.requirements.set(requirements)
    number = (
        indicator.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    IndicatorRevision.objects.create(
        indicator=indicator,
        number=number,
        snapshot=snapshot(indicator),
        reason=reason.strip() or _("First version."),
        changed_by=user,
    )
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=indicator,
        detail={"change": "created" if creating else "changed", "revision": number},
    )
    return indicator


@transaction.atomic
def indicators_ensure(
    specs: list[dict[str, Any]], *, reason: str, user=None
) -> dict[str, Indicator]:
    """Create the indicators of ``specs`` (field → value; ``reconciles_with`` as a code) that do
    not exist yet, each with its first revision. Existing ones are left as they are: once made,
    a definition is the owner's. Returns code → indicator for every spec."""
    codes = [spec["code"] for spec in specs]
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    for spec in specs:
        if spec["code"] in found:
            continue
        data = dict(spec)
        partner = data.pop("reconciles_with", "") or ""
        indicator = Indicator(**data)
        indicator.reconciles_with = Indicator.objects.filter(code=partner).first()
        found[indicator.code] = save_indicator(indicator, user=user, reason=reason)
    return found


@transaction.atomic
def set_target(
    indicator: Indicator,
    *,
    period: str,
    value: Decimal,
    organisation=None,
    area=None,
    user=None,
) -> Target:
    """Set (or replace) the target for a period, for the municipality or one contractor/area."""
    period = str(Period.parse(period))
    target, _created = Target.objects.update_or_create(
        indicator=indicator,
        period=period,
        organisation=organisation,
        area=area,
        defaults={"value": value},
    )
    if user is not None:
        audit_event_create(
            action=AuditEvent.Action.OBJECT_CHANGED,
            actor=user,
            obj=indicator,
            detail={"change": "target", "period": period, "value": str(value)},
        )
    return target
