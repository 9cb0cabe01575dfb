"""Writes for half-year deliveries: values, narratives, case stories and the review workflow.

Every write to a delivery's content moves the delivery's version on, so two people editing one
delivery get a conflict instead of overwriting each other (``ConcurrentEditError``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create
from wijkregie.common.periods import Period
from wijkregie.deidentification import services as deidentification
from wijkregie.indicators.models import Indicator
from wijkregie.organisations.models import Area, Organisation
from wijkregie.reporting import rollups, validation, workflow
from wijkregie.reporting.models import CaseStory, Delivery, Narrative, Value

State = Delivery.State


class LinesInvalid(ValidationError):
    """Some lines of a delivery are not valid; ``entries`` carry their errors."""

    def __init__(self, entries: list[validation.Entry]):
        self.entries = entries
        bad = [e for e in entries if e.errors]
        super().__init__(
            _("%(count)d line(s) need attention; nothing has been saved.") % {"count": len(bad)}
        )


# --- helpers ------------------------------------------------------------------------------------
def delivered_indicators() -> list[Indicator]:
    """The indicators the teams deliver themselves (not computed, not development agenda)."""
    return list(
        Indicator.objects.filter(active=True, source=Indicator.Source.DELIVERED)
        .exclude(tier=Indicator.Tier.DEVELOPMENT)
        .exclude(formula=Indicator.Formula.DERIVED)
        .order_by("code")
    )


def expected_lines(organisation: Organisation) -> list[tuple[Indicator, Area | None]]:
    """Every line a delivery of this organisation has: per wijk, or once for the organisation."""
    areas = list(Area.objects.filter(responsible_organisation=organisation).order_by("name"))
    lines: list[tuple[Indicator, Area | None]] = []
    for indicator in delivered_indicators():
        if indicator.granularity == Indicator.Granularity.AREA and areas:
            lines += [(indicator, area) for area in areas]
        else:
            lines.append((indicator, None))
    return lines


def history(organisation: Organisation, period: str) -> dict[tuple[int, int | None], list[Decimal]]:
    """The organisation's approved values of the previous half-years, per (indicator, area)."""
    current = Period.parse(period)
    earlier = [current]
    for _step in range(validation.HISTORY_PERIODS):
        earlier.append(earlier[-1].previous())
    rows = (
        Value.objects.filter(
            organisation=organisation,
            period__in=[str(p) for p in earlier[1:]],
            state=Value.State.APPROVED,
            value__isnull=False,
        )
        .order_by("period")
        .values_list("indicator_id", "area_id", "value")
    )
    found: dict[tuple[int, int | None], list[Decimal]] = defaultdict(list)
    for indicator_id, area_id, value in rows:
        found[(indicator_id, area_id)].append(value)
    return found


def _bump(delivery: Delivery, expected_version: int | None, *fields: str) -> None:
    delivery.save_versioned(
        expected_version=delivery.version if expected_version is None else expected_version,
        update_fields=list(fields),
    )


def _fresh(delivery: Delivery) -> Delivery:
    return Delivery.objects.select_related("organisation").get(pk=delivery.pk)


def _require_editable(delivery: Delivery) -> None:
    if not delivery.editable:
        raise workflow.WORKFLOW.refusal(delivery.state, State.DRAFT)


# --- creating -----------------------------------------------------------------------------------
@transaction.atomic
def delivery_create(*, organisation: Organisation, period: str, user) -> Delivery:
    period = str(Period.parse(period))
    if organisation.kind != Organisation.Kind.TEAM_ORGANISATION:
        raise ValidationError({"organisation": _("Only team organisations deliver half-years.")})
    if Delivery.objects.filter(organisation=organisation, period=period).exists():
        raise ValidationError(
            {"period": _("There already is a delivery for this half-year; open that one.")}
        )
    delivery = Delivery(
        organisation=organisation,
        period=period,
        due_date=Period.parse(period).due_date(settings.WIJKREGIE_DELIVERY_DUE_DAYS),
    )
    return workflow.WORKFLOW.start(delivery, State.DRAFT, actor=user)


# --- values -------------------------------------------------------------------------------------
@transaction.atomic
def save_entries(
    delivery: Delivery,
    entries: Iterable[validation.Entry],
    *,
    user,
    expected_version: int | None = None,
) -> Delivery:
    """Validate every line and store them all, or none (``LinesInvalid``)."""
    delivery = _fresh(delivery)
    _require_editable(delivery)
    entries = list(entries)
    past = history(delivery.organisation, delivery.period)
    for entry in entries:
        validation.check(entry, history=past.get((entry.indicator.pk, entry.area_id)))
    if any(entry.errors for entry in entries):
        raise LinesInvalid(entries)
    _bump(delivery, expected_version, "state")
    existing = {(v.indicator_id, v.area_id): v for v in delivery.values.all()}
    value_state = Value.State(delivery.state)
    renoted: list[int] = []  # values whose note changed: their shared note is made anew
    for entry in entries:
        current = existing.get((entry.indicator.pk, entry.area_id))
        if entry.is_blank:
            if current is not None:
                current.delete()
            continue
        fields = {
            "value": None if entry.not_measurable else entry.computed_value(),
            "numerator": entry.numerator,
            "denominator": entry.denominator,
            "not_measurable": entry.not_measurable,
            "reason": entry.reason.strip() if entry.not_measurable else "",
            "explanation": entry.explanation.strip(),
            "state": value_state,
        }
        if current is None:
            current = Value.objects.create(
                delivery=delivery,
                indicator=entry.indicator,
                organisation=delivery.organisation,
                area_id=entry.area_id,
                period=delivery.period,
                source=Indicator.Source.DELIVERED,
                **fields,
            )
            if Value.note_of(current):
                renoted.append(current.pk)
        else:
            before = Value.note_of(current)
            for name, value in fields.items():
                setattr(current, name, value)
            current.save()
            if Value.note_of(current) != before:
                renoted.append(current.pk)
    deidentification.request_shared_versions_for(Value, renoted)
    return delivery


def missing_lines(delivery: Delivery) -> list[tuple[Indicator, Area | None]]:
    stored = {
        (v.indicator_id, v.area_id)
        for v in delivery.values.all()
        if v.not_measurable or v.value is not None
    }
    return [
        (indicator, area)
        for indicator, area in expected_lines(delivery.organisation)
        if (indicator.pk, area.pk if area else None) not in stored
    ]


# --- workflow -----------------------------------------------------------------------------------
def _complete(delivery: Delivery) -> None:
    missing = missing_lines(delivery)
    if missing:
        raise ValidationError(
            _(
                "%(count)d line(s) are still empty, e.g. %(example)s. Fill in a value or mark "
                "it as not measurable with a reason."
            )
            % {
                "count": len(missing),
                "example": f"{missing[0][0].code}"
                + (f" ({missing[0][1].name})" if missing[0][1] else ""),
            }
        )


@transaction.atomic
def submit(delivery: Delivery, *, user, expected_version: int | None = None) -> Delivery:
    delivery = workflow.WORKFLOW.move(
        delivery,
        State.SUBMITTED,
        actor=user,
        expected_version=expected_version,
        fields={"submitted_at": timezone.now(), "submitted_by": user},
        condition=_complete,
    )
    delivery.values.update(state=Value.State.SUBMITTED)
    return delivery


@transaction.atomic
def send_back(
    delivery: Delivery, *, user, feedback: str, expected_version: int | None = None
) -> Delivery:
    if not feedback.strip():
        raise ValidationError({"feedback": _("Say what has to change before you send it back.")})
    delivery = workflow.WORKFLOW.move(
        delivery,
        State.SENT_BACK,
        actor=user,
        note=feedback.strip(),
        expected_version=expected_version,
        fields={"feedback": feedback.strip(), "reviewed_at": timezone.now(), "reviewed_by": user},
    )
    delivery.values.update(state=Value.State.SENT_BACK)
    return delivery


@transaction.atomic
def approve(
    delivery: Delivery, *, user, note: str = "", expected_version: int | None = None
) -> Delivery:
    delivery = workflow.WORKFLOW.move(
        delivery,
        State.APPROVED,
        actor=user,
        note=note.strip(),
        expected_version=expected_version,
        fields={"reviewed_at": timezone.now(), "reviewed_by": user, "feedback": note.strip()},
    )
    pairs = set(delivery.values.values_list("indicator_id", "period"))
    for earlier in Delivery.objects.filter(
        organisation=delivery.organisation, period=delivery.period, state=State.APPROVED
    ).exclude(pk=delivery.pk):
        pairs |= set(earlier.values.values_list("indicator_id", "period"))
        earlier.values.update(state=Value.State.SUPERSEDED)
        workflow.WORKFLOW.move(
            earlier, State.SUPERSEDED, actor=user, note=_("Replaced by a correction.")
        )
    delivery.values.update(state=Value.State.APPROVED)
    rollups.refresh_rollups(pairs)
    audit_event_create(
        action=AuditEvent.Action.OBJECT_CHANGED,
        actor=user,
        obj=delivery,
        detail={"change": "approved"},
    )
    return delivery


@transaction.atomic
def start_correction(delivery: Delivery, *, user, reason: str) -> Delivery:
    """A new version of an approved delivery, with the same content, to correct."""
    delivery = _fresh(delivery)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is corrected and why.")})
    if delivery.state != State.APPROVED:
        raise workflow.WORKFLOW.refusal(delivery.state, State.DRAFT)
    if Delivery.objects.filter(
        organisation=delivery.organisation, period=delivery.period, number__gt=delivery.number
    ).exists():
        raise ValidationError(_("A correction of this delivery is already in progress."))
    correction = workflow.WORKFLOW.start(
        Delivery(
            organisation=delivery.organisation,
            period=delivery.period,
            number=delivery.number + 1,
            correction_reason=reason.strip(),
            due_date=delivery.due_date,
        ),
        State.DRAFT,
        actor=user,
        note=reason.strip(),
    )
    for value in delivery.values.all():
        value.pk = None
        value.delivery = correction
        value.state = Value.State.DRAFT
        value.save()
    for narrative in delivery.narratives.all():
        narrative.pk = None
        narrative._state.adding = True
        narrative.delivery = correction
        narrative.version = 1
        narrative.save()
    for story in delivery.case_stories.all():
        indicators = list(story.indicators.all())
        story.pk = None
        story._state.adding = True
        story.delivery = correction
        story.version = 1
        story.save()
        story.indicators.set(indicators)
    return correction


# --- narratives and case stories ------------------------------------------------------------------
@transaction.atomic
def save_narrative(
    delivery: Delivery,
    *,
    user,
    text: str,
    theme=None,
    requirement=None,
    narrative: Narrative | None = None,
    expected_version: int | None = None,
    marked: list[str] | None = None,
) -> Narrative:
    """Store a narrative; its shared (de-identified) version is made by the task worker, with
    the details the writer marked (``marked``: None keeps the earlier marks)."""
    delivery = _fresh(delivery)
    _require_editable(delivery)
    if not text.strip():
        raise ValidationError({"text": _("Write the narrative.")})
    if theme is None and requirement is None:
        raise ValidationError({"theme": _("Choose the theme or requirement it is about.")})
    if narrative is None:
        narrative = Narrative.objects.create(
            delivery=delivery, theme=theme, requirement=requirement, text=text
        )
    else:
        narrative.theme, narrative.requirement, narrative.text = theme, requirement, text
        narrative.save_versioned(
            expected_version=narrative.version if expected_version is None else expected_version,
            update_fields=["theme", "requirement", "text"],
        )
    if marked is not None:
        deidentification.marked_details_set(narrative, marked, user=user)
    deidentification.request_shared_versions(narrative)
    _bump(delivery, None, "state")
    return narrative


@transaction.atomic
def save_case_story(
    delivery: Delivery,
    *,
    user,
    title: str,
    text: str,
    theme=None,
    area=None,
    indicators=(),
    story: CaseStory | None = None,
    expected_version: int | None = None,
    marked: list[str] | None = None,
) -> CaseStory:
    delivery = _fresh(delivery)
    _require_editable(delivery)
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the story a title.")
    if not text.strip():
        errors["text"] = _("Write the story.")
    if not indicators:
        errors["indicators"] = _("Link the story to at least one indicator it tells about.")
    if errors:
        raise ValidationError(errors)
    fields = {
        "title": title.strip(),
        "text": text,
        "theme": theme,
        "area": area,
    }
    if story is None:
        story = CaseStory.objects.create(delivery=delivery, **fields)
    else:
        for name, value in fields.items():
            setattr(story, name, value)
        story.save_versioned(
            expected_version=story.version if expected_version is None else expected_version,
            update_fields=list(fields),
        )
    story.indicators.set(indicators)
    if marked is not None:
        deidentification.marked_details_set(story, marked, user=user)
    deidentification.request_shared_versions(story)
    _bump(delivery, None, "state")
    return story


@transaction.atomic
def delete_text(delivery: Delivery, obj: Narrative | CaseStory, *, user) -> None:
    delivery = _fresh(delivery)
    _require_editable(delivery)
    if obj.delivery_id != delivery.pk:
        raise ValidationError(_("This text belongs to another delivery."))
    deidentification.marked_details_remove(obj)
    obj.delete()
    _bump(delivery, None, "state")


# --- the fact grain's one write path for every source but the deliveries ------------------------
@dataclass(frozen=True)
class Fact:
    """One figure to store: indicator × half-year × (wijk) × (theme)."""

    indicator_id: int
    period: str
    area_id: int | None = None
    theme_id: int | None = None
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


#: The state a fact of each source is published in (deliveries have their own workflow).
SOURCE_STATES = {
    Value.Source.COMPUTED: Value.State.COMPUTED,
    Value.Source.MUNICIPAL: Value.State.APPROVED,
    Value.Source.SURVEY: Value.State.APPROVED,
    Value.Source.SIGNALS: Value.State.APPROVED,
}


@transaction.atomic
def values_replace(
    *,
    source: str,
    organisation: Organisation,
    periods: Iterable[str],
    indicators: Iterable[Indicator],
    rows: Iterable[Fact],
) -> int:
    """Replace ``organisation``'s facts of ``source`` for these indicators and half-years by
    ``rows`` and refresh the rollups they feed, in one transaction. The only way, besides the
    delivery workflow, that a fact enters the grain. Returns the number of facts written."""
    if source not in SOURCE_STATES:
        raise ValueError(f"values_replace: {source!r} facts are written by their own workflow")
    state = SOURCE_STATES[source]
    periods = [str(Period.parse(p)) for p in periods]
    indicator_ids = {i.pk for i in indicators}
    old = Value.objects.filter(
        source=source,
        organisation=organisation,
        period__in=periods,
        indicator_id__in=indicator_ids,
    )
    pairs = set(old.values_list("indicator_id", "period"))
    old.delete()
    values = []
    for row in rows:
        if row.indicator_id not in indicator_ids or row.period not in periods:
            raise ValueError(f"values_replace: {row} lies outside the facts being replaced")
        values.append(
            Value(
                indicator_id=row.indicator_id,
                organisation=organisation,
                area_id=row.area_id,
                theme_id=row.theme_id,
                period=row.period,
                source=source,
                state=state,
                value=row.value,
                numerator=row.numerator,
                denominator=row.denominator,
            )
        )
        pairs.add((row.indicator_id, row.period))
    Value.objects.bulk_create(values, batch_size=2000)
    rollups_refresh(pairs)
    return len(values)


def rollups_refresh(pairs: Iterable[tuple[int, str]]) -> int:
    """Rebuild the rollups (sums, disclosure, completeness) of these (indicator, period) pairs."""
    return rollups.refresh_rollups(pairs)


def rollups_refresh_all() -> int:
    return rollups.refresh_all()


def generation_bump(**kwargs) -> None:
    """What cached figures are read from changed (also a signal receiver): see
    ``FactsGeneration``."""
    rollups.generation_bump()
