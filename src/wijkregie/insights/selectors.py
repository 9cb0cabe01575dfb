"""Reads of indicator figures: the one path from the fact grain (through its rollups) to pages,
exports and the API, with disclosure control applied for the viewer."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkregie.accounts.permissions import team_organisation_ids
from wijkregie.accounts.selectors import viewer_key
from wijkregie.common import disclosure, memo
from wijkregie.common.periods import Period
from wijkregie.deidentification.selectors import PREPARING
from wijkregie.indicators.models import Indicator, Target
from wijkregie.organisations.models import Area, Organisation
from wijkregie.reporting import selectors as reporting_selectors
from wijkregie.reporting.models import CaseStory, Delivery, Narrative, Rollup, Value

Key = tuple[int | None, int | None, int | None]  # (organisation, area, theme)
generation = reporting_selectors.generation
Q4 = Decimal("0.0001")


@dataclass
class Figure:
    indicator: Indicator
    period: str
    key: Key
    value: Decimal | None
    suppression: str = ""
    not_measurable: int = 0
    rows: int = 0
    #: The half-year has not ended, or (for a total) not every delivery of it is approved, or
    #: (for an organisation's figure) its own delivery is not approved.
    provisional: bool = False
    #: For totals over organisations: the organisations expected but absent (their names).
    missing_organisations: tuple[str, ...] = ()
    missing_codes: tuple[str, ...] = ()
    #: Where the facts come from and their state, from the facts themselves.
    source: str = ""
    state: str = ""

    @property
    def suppressed(self) -> bool:
        return bool(self.suppression)

    @property
    def complete(self) -> bool:
        return not self.missing_organisations

    @property
    def judgeable(self) -> bool:
        """Only a final and complete figure is judged against a target."""
        return self.complete and not self.provisional

    @property
    def caveat(self) -> str:
        """ "provisional", "incomplete: SMD missing", both or nothing, in words."""
        parts = []
        if self.provisional:
            parts.append(_("provisional"))
        if self.missing_organisations:
            parts.append(
                _("incomplete: %(names)s missing")
                % {"names": ", ".join(self.missing_organisations)}
            )
        return "; ".join(parts)

    @property
    def shown(self) -> Decimal | None:
        return None if self.suppressed else self.value

    @property
    def display(self) -> str:
        count = self.indicator.counts_persons and not (
            self.indicator.is_ratio or self.indicator.is_derived
        )
        return disclosure.display(self.value, self.suppression, count=count)

    @property
    def missing(self) -> bool:
        return self.value is None and not self.suppressed


ROLLUP_FIELDS = (
    "indicator_id",
    "period",
    "organisation_id",
    "area_id",
    "theme_id",
    "total",
    "numerator",
    "denominator",
    "rows",
    "measured",
    "not_measurable",
    "suppression",
    "missing",
    "source",
    "state",
)


def value_of(indicator: Indicator, rollup: Rollup | Any) -> Decimal | None:
    """The figure a rollup stands for, by the indicator's formula and aggregation."""
    if indicator.is_ratio:
        if rollup.numerator is None or not rollup.denominator:
            return None
        return (rollup.numerator / rollup.denominator * indicator.factor).quantize(Q4)
    if rollup.measured == 0 or rollup.total is None:
        return None
    if indicator.aggregation == Indicator.Aggregation.MEAN:
        return (rollup.total / rollup.measured).quantize(Q4)
    return rollup.total


def _viewer_known(user, keys) -> set[Key]:
    own = team_organisation_ids(user)
    return {key for key in keys if key[0] is not None and key[0] in own}


def figures(
    user,
    indicators: list[Indicator],
    periods: list[str],
    *,
    level: str = "contractors",
    organisations: list[int] | None = None,
    areas: list[int] | None = None,
) -> dict[tuple[int, str, Key], Figure]:
    """Figures for ``indicators`` × ``periods`` at one level:

    * ``contractors``: per contractor and for the whole municipality;
    * ``areas``: per wijk and per contractor (optionally only some contractors or wijken);
    * ``themes``: per contractor × theme and per theme.
    """
    wanted = {i.pk: i for i in indicators}
    for indicator in indicators:
        if indicator.is_derived:
            for part in (indicator.numerator, indicator.denominator):
                wanted.setdefault(part.pk, part)
    rollups = Rollup.objects.filter(indicator_id__in=list(wanted), period__in=periods)
    if level == "contractors":
        rollups = rollups.filter(area__isnull=True, theme__isnull=True)
    elif level == "areas":
        rollups = rollups.filter(theme__isnull=True, organisation__isnull=False)
        if areas:
            rollups = rollups.filter(Q(area_id__in=areas) | Q(area__isnull=True))
    else:
        rollups = rollups.filter(area__isnull=True, theme__isnull=False)
    if organisations:
        rollups = rollups.filter(
            Q(organisation_id__in=organisations) | Q(organisation__isnull=True)
        )

    # Plain rows, not model instances: an overview reads a few thousand of them.
    by_pair: dict[tuple[int, str], dict[Key, Any]] = defaultdict(dict)
    for rollup in rollups.order_by().values_list(*ROLLUP_FIELDS, named=True):
        by_pair[(rollup.indicator_id, rollup.period)][
            (rollup.organisation_id, rollup.area_id, rollup.theme_id)
        ] = rollup

    provisional = reporting_selectors.provisional(periods, timezone.localdate())
    codes = organisation_codes()
    result: dict[tuple[int, str], dict[Key, Figure]] = {}
    for (indicator_id, period), cells in by_pair.items():
        indicator = wanted[indicator_id]
        if level == "areas" and areas:
            cells = {k: v for k, v in cells.items() if k[1] is not None or not areas}
        known = _viewer_known(user, cells)
        protected = {
            key: disclosure.Cell(key, None, rollup.suppression) for key, rollup in cells.items()
        }
        shown = disclosure.for_viewer(protected, disclosure.groups_for(cells), known=known)
        result[(indicator_id, period)] = {
            key: Figure(
                indicator,
                period,
                key,
                value_of(indicator, rollup),
                shown[key],
                rollup.not_measurable,
                rollup.rows,
                provisional.of(period, key[0]),
                tuple(codes[pk][1] for pk in rollup.missing or () if pk in codes),
                tuple(codes[pk][0] for pk in rollup.missing or () if pk in codes),
                rollup.source,
                rollup.state,
            )
            for key, rollup in cells.items()
        }

    out: dict[tuple[int, str, Key], Figure] = {}
    for indicator in indicators:
        for period in periods:
            if indicator.is_derived:
                cells = _derived(indicator, period, result)
            else:
                cells = result.get((indicator.pk, period), {})
            for key, figure in cells.items():
                out[(indicator.pk, period, key)] = figure
    return out


def _derived(indicator: Indicator, period: str, result) -> dict[Key, Figure]:
    """numerator indicator / denominator indicator × factor, per cell. Hidden when either part
    is hidden, or when the denominator counts fewer persons than the threshold."""
    top = result.get((indicator.numerator_id, period), {})
    bottom = result.get((indicator.denominator_id, period), {})
    cells = {}
    for key in top.keys() & bottom.keys():
        above, below = top[key], bottom[key]
        value = None
        if above.value is not None and below.value:
            value = (above.value / below.value * indicator.factor).quantize(Q4)
        suppression = ""
        if above.suppressed or below.suppressed:
            suppression = disclosure.COMPLEMENTARY
        elif disclosure.small_base(indicator, below.value):
            suppression = disclosure.PRIMARY
        cells[key] = Figure(
            indicator,
            period,
            key,
            value,
            suppression,
            provisional=above.provisional or below.provisional,
            missing_organisations=tuple(
                dict.fromkeys(above.missing_organisations + below.missing_organisations)
            ),
            missing_codes=tuple(dict.fromkeys(above.missing_codes + below.missing_codes)),
            source=above.source if above.source == below.source else "mixed",
            state=above.state if above.state == below.state else "mixed",
        )
    return cells


def organisation_codes() -> dict[int, tuple[str, str]]:
    """Organisation id → (code, name)."""
    return {
        pk: (code, name)
        for pk, code, name in Organisation.objects.values_list("pk", "code", "name")
    }


# --- targets, periods ---------------------------------------------------------------------------
def targets(indicators: list[Indicator], periods: list[str]) -> dict[tuple, Decimal]:
    """(indicator id, period, organisation id or None, area id or None) → target."""
    return {
        (t.indicator_id, t.period, t.organisation_id, t.area_id): t.value
        for t in Target.objects.filter(indicator__in=indicators, period__in=periods)
    }


def target_for(
    indicator: Indicator, period: str, organisation_id, found: dict, area_id=None
) -> Decimal | None:
    """A contractor's own target, else the municipal one where it applies to each contractor
    (ratios, averages), never a municipal total spread over contractors."""
    own = found.get((indicator.pk, period, organisation_id, area_id))
    if own is not None or organisation_id is None:
        return own
    additive = indicator.aggregation == Indicator.Aggregation.SUM and not (
        indicator.is_ratio or indicator.is_derived or indicator.unit == Indicator.Unit.PERCENTAGE
    )
    return None if additive else found.get((indicator.pk, period, None, None))


def periods_with_data() -> list[str]:
    """Half-years with published figures; read once per facts generation and process."""
    return list(memo.latest("insights:periods", str(generation()), _periods_with_data))


def _periods_with_data() -> list[str]:
    """Reads the first and last half-year through the period index and probes the half-years
    between them, instead of a DISTINCT over every rollup row (which grows with the fact
    table)."""
    ordered = Rollup.objects.order_by("period").values_list("period", flat=True)
    first, last = ordered.first(), ordered.last()  # two index seeks, not one scan
    if first is None:
        return []
    found = []
    period, last = Period.parse(first), Period.parse(last)
    while period <= last:
        if Rollup.objects.filter(period=str(period)).exists():
            found.append(str(period))
        period = period.next()
    return found


def completed(periods: list[str], today: dt.date) -> list[str]:
    """The half-years that have ended; all of them when none has (a fresh installation)."""
    last = Period.containing(today).previous()
    return [p for p in periods if Period.parse(p) <= last] or periods


#: How many half-years a page, export or API answer shows when nobody chose.
DEFAULT_WINDOW = 6


def default_periods(today: dt.date | None = None) -> list[str]:
    """The one default period window: the six latest half-years with data that have ended
    (the running one only on request). Pages, exports and the API all start here."""
    periods = completed(periods_with_data(), today or timezone.localdate())
    return periods[-DEFAULT_WINDOW:]


# --- caching -----------------------------------------------------------------------------------
#: At most this long a cached part of a page of figures lives. Its key names the facts
#: generation, so new facts make it unreachable at once; this bounds what else it shows
#: (a de-identified text written by the task worker, a pilot's goal).
CACHE_SECONDS = 5 * 60


def cache_key(user, *parts: str) -> str:
    """The cache key of a page part of figures: the facts generation, today's half-year
    (provisional marks, default window), whom it is for, the language, and ``parts`` (the
    page and its query)."""
    text = "\x1f".join(
        (
            str(generation()),
            str(Period.containing(timezone.localdate())),
            viewer_key(user),
            get_language() or "",
            *parts,
        )
    )
    return "insights:" + hashlib.sha256(text.encode()).hexdigest()


# --- trend and variance -------------------------------------------------------------------------
@dataclass
class Judgement:
    """How a figure moved and how it relates to its target, in words and a shape."""

    direction: str = ""  # up / down / flat / ""
    verdict: str = ""  # better / worse / same / ""
    text: str = ""
    shape: str = ""
    variance: Decimal | None = None
    target_text: str = ""
    on_target: bool | None = None
    #: Why the latest figure is not final ("provisional", "incomplete: SMD missing").
    caveat: str = ""


SHAPES = {"up": "▲", "down": "▼", "flat": "▬"}


def judge(
    indicator: Indicator, latest: Figure | None, previous: Figure | None, target
) -> Judgement:
    judgement = Judgement()
    now = latest.shown if latest else None
    before = previous.shown if previous else None
    if latest is not None and latest.caveat:
        judgement.caveat = latest.caveat
    if now is not None and before is not None:
        tolerance = abs(before) * Decimal("0.02")
        if abs(now - before) <= tolerance:
            judgement.direction, judgement.verdict = "flat", "same"
        else:
            judgement.direction = "up" if now > before else "down"
            if indicator.polarity == Indicator.Polarity.NEUTRAL:
                judgement.verdict = ""
            else:
                good = (judgement.direction == "up") == (
                    indicator.polarity == Indicator.Polarity.HIGHER
                )
                judgement.verdict = "better" if good else "worse"
        judgement.shape = SHAPES[judgement.direction]
        words = {
            ("up", "better"): _("higher than the previous half-year: better"),
            ("up", "worse"): _("higher than the previous half-year: worse"),
            ("up", ""): _("higher than the previous half-year"),
            ("down", "better"): _("lower than the previous half-year: better"),
            ("down", "worse"): _("lower than the previous half-year: worse"),
            ("down", ""): _("lower than the previous half-year"),
            ("flat", "same"): _("about the same as the previous half-year"),
        }
        judgement.text = words[(judgement.direction, judgement.verdict)]
    if now is not None and target is not None and not latest.judgeable:
        judgement.target_text = (
            _("not judged against the target: the figure is provisional")
            if latest.provisional
            else _("not judged against the target: the total is incomplete")
        )
    elif now is not None and target is not None:
        judgement.variance = now - target
        if indicator.polarity == Indicator.Polarity.LOWER:
            judgement.on_target = now <= target
        elif indicator.polarity == Indicator.Polarity.HIGHER:
            judgement.on_target = now >= target
        judgement.target_text = (
            _("target met")
            if judgement.on_target
            else (_("target not met") if judgement.on_target is False else "")
        )
    return judgement


# --- the overview -------------------------------------------------------------------------------
@dataclass
class Row:
    label: str
    organisation_id: int | None
    area_id: int | None
    cells: list[Figure | None]
    target: Decimal | None
    judgement: Judgement
    own: bool = False


@dataclass
class Block:
    indicator: Indicator
    rows: list[Row] = field(default_factory=list)


def overview(
    user,
    *,
    theme=None,
    organisation: Organisation | None = None,
    area: Area | None = None,
    periods: list[str] | None = None,
    tier: str = Indicator.Tier.HEADLINE,
    per_area: bool = False,
) -> tuple[list[Block], list[str]]:
    """Headline indicators × contractor (or one wijk) × period, with trend and target."""
    periods = periods or default_periods()
    indicators = Indicator.objects.filter(active=True).select_related("numerator", "denominator")
    if tier:
        indicators = indicators.filter(tier=tier)
    if theme is not None:
        indicators = indicators.filter(themes=theme)
    indicators = list(indicators.distinct().order_by("code"))
    if area is not None:
        found = figures(user, indicators, periods, level="areas", areas=[area.pk])
        row_keys = [(area.name, area.responsible_organisation_id, area.pk)]
    elif organisation is not None and per_area:
        found = figures(user, indicators, periods, level="areas", organisations=[organisation.pk])
        row_keys = [(a.name, organisation.pk, a.pk) for a in organisation.areas.order_by("name")]
        row_keys.append(
            (_("%(name)s (all areas)") % {"name": organisation.name}, organisation.pk, None)
        )
    else:
        orgs = (
            [organisation]
            if organisation
            else list(
                Organisation.objects.filter(kind=Organisation.Kind.TEAM_ORGANISATION, active=True)
            )
        )
        found = figures(
            user, indicators, periods, organisations=[o.pk for o in orgs] if organisation else None
        )
        row_keys = [(o.name, o.pk, None) for o in orgs]
        if organisation is None:
            row_keys.append((_("Municipality (all contractors)"), None, None))
    goals = targets(indicators, periods)
    own = team_organisation_ids(user)
    blocks = []
    for indicator in indicators:
        block = Block(indicator)
        for label, org_id, area_id in row_keys:
            key = (org_id, area_id, None)
            cells = [found.get((indicator.pk, p, key)) for p in periods]
            latest = cells[-1] if cells else None
            previous = cells[-2] if len(cells) > 1 else None
            target = target_for(indicator, periods[-1], org_id, goals, area_id) if periods else None
            block.rows.append(
                Row(
                    label,
                    org_id,
                    area_id,
                    cells,
                    target,
                    judge(indicator, latest, previous, target),
                    own=org_id in own,
                )
            )
        blocks.append(block)
    return blocks, periods


# --- the indicator page -------------------------------------------------------------------------
@dataclass
class Series:
    label: str
    key: Key
    figures: list[Figure | None]


def indicator_series(
    user, indicator: Indicator, periods: list[str], *, per: str = "contractor"
) -> list[Series]:
    if per == "area":
        found = figures(user, [indicator], periods, level="areas")
        labels = {a.pk: a.name for a in Area.objects.all()}
        keys = sorted(
            {k[2] for k in found if k[2][1] is not None}, key=lambda k: labels.get(k[1], "")
        )
        return [
            Series(
                labels.get(key[1], "?"), key, [found.get((indicator.pk, p, key)) for p in periods]
            )
            for key in keys
        ]
    found = figures(user, [indicator], periods)
    names = dict(Organisation.objects.values_list("pk", "name"))
    keys = sorted({k[2] for k in found if k[2][0] is not None}, key=lambda k: names.get(k[0], ""))
    series = [
        Series(names.get(key[0], "?"), key, [found.get((indicator.pk, p, key)) for p in periods])
        for key in keys
    ]
    total = (None, None, None)
    series.append(
        Series(
            _("Municipality (all contractors)"),
            total,
            [found.get((indicator.pk, p, total)) for p in periods],
        )
    )
    return series


def municipal_targets(indicator: Indicator, periods: list[str]) -> list[Decimal | None]:
    found = targets([indicator], periods)
    return [found.get((indicator.pk, p, None, None)) for p in periods]


# --- the story behind the figures -----------------------------------------------------------------
VISIBLE_TO_OTHERS = (Delivery.State.APPROVED,)
VISIBLE_TO_REVIEWERS = (Delivery.State.SUBMITTED, Delivery.State.APPROVED)


def _story_scope(user, queryset):
    """Own organisation: every version but superseded ones, original text. Reviewers also see
    submitted deliveries; everyone else approved ones only, de-identified."""
    own = team_organisation_ids(user)
    states = (
        VISIBLE_TO_REVIEWERS if user.has_perm("reporting.review_delivery") else VISIBLE_TO_OTHERS
    )
    return queryset.filter(
        Q(delivery__organisation_id__in=own) & ~Q(delivery__state=Delivery.State.SUPERSEDED)
        | Q(delivery__state__in=states)
    )


@dataclass
class Text:
    title: str
    text: str
    organisation: str
    period: str
    about: str
    own: bool
    state: str


def stories_for(user, indicator: Indicator, period: str | None) -> tuple[list[Text], list[Text]]:
    """Narratives of the indicator's themes and case stories linked to it, for one period."""
    own = team_organisation_ids(user)
    narratives = Narrative.objects.filter(
        Q(theme__in=indicator.themes.all()) | Q(requirement__in=indicator.requirements.all())
    ).select_related("delivery__organisation", "theme", "requirement")
    stories = CaseStory.objects.filter(indicators=indicator).select_related(
        "delivery__organisation", "theme", "area"
    )
    if period:
        narratives = narratives.filter(delivery__period=period)
        stories = stories.filter(delivery__period=period)
    narratives = _story_scope(user, narratives).order_by("delivery__organisation__name", "id")
    stories = _story_scope(user, stories).order_by("delivery__organisation__name", "id")

    def text_of(item, title: str, body: str, shared_title: str, shared_body: str, about: str):
        mine = item.delivery.organisation_id in own
        return Text(
            title if mine else (shared_title or (title and PREPARING)),
            body if mine else (shared_body or (body and PREPARING)),
            item.delivery.organisation.name,
            item.delivery.period,
            about,
            mine,
            item.delivery.get_state_display(),
        )

    narrative_texts = [
        text_of(
            n,
            "",
            n.text,
            "",
            n.shared_text,
            str(n.theme or (n.requirement.code if n.requirement else "")),
        )
        for n in narratives.distinct()
    ]
    story_texts = []
    if user.has_perm("reporting.view_case_stories"):
        story_texts = [
            text_of(s, s.title, s.text, s.shared_title, s.shared_text, str(s.theme or ""))
            for s in stories.distinct()
        ]
    return narrative_texts, story_texts


def latest_period(periods: list[str]) -> str | None:
    return max(periods, key=Period.parse) if periods else None


def own_values(user, organisation: Organisation, periods: list[str]) -> list[Value]:
    """An organisation's own delivered and computed values, every state but superseded."""
    return list(
        Value.objects.filter(organisation=organisation, period__in=periods)
        .exclude(state=Value.State.SUPERSEDED)
        .select_related("indicator", "area", "theme")
        .order_by("indicator__code", "area__name", "period")
    )


# --- reconciliation: two indicators, one question ---------------------------------------------
@dataclass
class ReconciledRow:
    label: str
    period: str
    delivered: Figure | None
    computed: Figure | None
    difference: Decimal | None = None
    percent: Decimal | None = None
    beyond: bool = False
    note: str = ""


@dataclass
class Reconciliation:
    delivered: Indicator
    computed: Indicator
    note: str
    tolerance: int
    rows: list[ReconciledRow] = field(default_factory=list)


def partner_of(indicator: Indicator) -> Indicator | None:
    """The indicator that answers the same question, declared on either of the two."""
    if indicator.reconciles_with_id:
        return indicator.reconciles_with
    return Indicator.objects.filter(reconciles_with=indicator, active=True).first()


def reconciliation(user, indicator: Indicator, periods: list[str]) -> Reconciliation | None:
    """Both answers side by side per contractor and half-year, with the difference where both
    are visible to the viewer (under the same disclosure control as every other figure)."""
    partner = partner_of(indicator)
    if partner is None:
        return None
    delivered, computed = sorted(
        [indicator, partner], key=lambda i: i.source != Indicator.Source.DELIVERED
    )
    note = computed.reconciliation_note or delivered.reconciliation_note
    tolerance = int(settings.WIJKREGIE_RECONCILIATION_TOLERANCE)
    found = figures(user, [delivered, computed], periods)
    names = dict(Organisation.objects.values_list("pk", "name"))
    keys = [
        *sorted({k[2] for k in found if k[2][0] is not None}, key=lambda k: names.get(k[0], "")),
        (None, None, None),
    ]
    result = Reconciliation(delivered, computed, note, tolerance)
    # The organisation's own explanation of the delivered figure (its shared version).
    notes: dict[tuple[int, str], str] = {}
    for organisation_id, period, shared in (
        Value.objects.filter(indicator=delivered, period__in=periods, state=Value.State.APPROVED)
        .exclude(shared_note="")
        .values_list("organisation_id", "period", "shared_note")
    ):
        notes.setdefault((organisation_id, period), shared)
    for key in keys:
        label = names.get(key[0], "") if key[0] else _("Municipality (all contractors)")
        for period in periods:
            left = found.get((delivered.pk, period, key))
            right = found.get((computed.pk, period, key))
            if left is None and right is None:
                continue
            row = ReconciledRow(label, period, left, right, note=notes.get((key[0], period), ""))
            comparable = left and right and left.complete and right.complete
            if comparable and left.shown is not None and right.shown is not None:
                row.difference = right.shown - left.shown
                if left.shown:
                    row.percent = (row.difference / left.shown * 100).quantize(Decimal("0.1"))
                    row.beyond = abs(row.percent) > tolerance
            result.rows.append(row)
    return result


# --- what apps above add to the overview ------------------------------------------------------
#: ``(user, today) -> list`` of pilot goals nobody can see in the latest half-year; provided by
#: the pilots app (``PilotsConfig.ready``), which sits above insights in the layers.
_blind_spots: list = []


def provide_blind_spots(reader) -> None:
    _blind_spots[:] = [reader]


def pilot_blind_spots(user, today: dt.date) -> list:
    """Goals of pilots in preparation or running that nobody can see in the latest half-year."""
    if not _blind_spots or not user.has_perm("pilots.view_pilot"):
        return []
    return _blind_spots[0](user, today)
