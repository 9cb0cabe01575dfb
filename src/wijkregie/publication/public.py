"""The public figures: headline indicators per wijk and for the municipality, per half-year,
under public-grade disclosure control (CBS practice):

1. the outsider pattern of the aggregates — person counts below the threshold suppressed
   (``primary``), plus the complementary cells that would reveal them, consistent over the
   linked tables of wijk, contractor and municipality (``common.disclosure``);
2. every person count that is shown is then rounded to a multiple of
   ``WIJKREGIE_PUBLIC_ROUNDING`` (5), half up, each cell on its own (so totals need not add up);
3. ratios and scores are shown to one decimal.

One function builds the rows; the public dashboard, its open data and the public API all read
the same release, so they show the same protected value for the same cell.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from wijkregie.common import memo
from wijkregie.common.periods import Period
from wijkregie.indicators.models import Indicator
from wijkregie.insights import selectors as insights
from wijkregie.organisations.models import Area
from wijkregie.publication.models import PublicRelease
from wijkregie.reporting import selectors as reporting

ROUNDED = "rounded"


@dataclass
class Row:
    indicator: str
    period: str
    area: str
    value: str | None
    suppressed: bool
    person_count: bool
    provisional: bool
    complete: bool


def rounding() -> int:
    return int(settings.WIJKREGIE_PUBLIC_ROUNDING)


def round_count(value: Decimal, base: int | None = None) -> Decimal:
    """A person count rounded to a multiple of ``base``, half up (12 → 10, 13 → 15)."""
    base = base or rounding()
    return (value / base).quantize(Decimal(1), rounding=ROUND_HALF_UP) * base


def municipality_code() -> str:
    return Area.objects.values_list("municipality_code", flat=True).first() or ""


def indicators() -> list[Indicator]:
    """What is published: the active headline indicators."""
    return list(
        Indicator.objects.filter(tier=Indicator.Tier.HEADLINE, active=True).order_by("code")
    )


def number_text(value: Decimal) -> str:
    """A figure as published: one decimal at most, no trailing zero."""
    value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format(value.normalize() if value == value.to_integral() else value, "f")


def is_person_count(indicator: Indicator) -> bool:
    return indicator.counts_persons and not (indicator.is_ratio or indicator.is_derived)


def protect(figure) -> tuple[str | None, str]:
    """The public text of one figure (``insights.selectors.Figure``, outsider pattern) and the
    rule applied to it: a suppressed figure has no value; a shown person count is rounded."""
    if figure.suppressed:
        return None, figure.suppression
    if figure.value is None:
        return None, ""
    if is_person_count(figure.indicator):
        shown = round_count(figure.value)
        return number_text(shown), ROUNDED if shown != figure.value else ""
    return number_text(figure.value), ""


def build() -> tuple[list[Row], list[dict]]:
    """The public rows and the disclosure record of every cell that was suppressed or rounded."""
    published = indicators()
    periods = insights.periods_with_data()
    anonymous = AnonymousUser()
    cells = insights.figures(anonymous, published, periods, level="areas")
    cells |= insights.figures(anonymous, published, periods, level="contractors")
    areas = dict(Area.objects.values_list("pk", "code"))
    municipality = municipality_code()
    rows: list[Row] = []
    record: list[dict] = []
    for (_indicator_id, period, key), figure in sorted(
        cells.items(), key=lambda item: (item[1].indicator.code, item[0][1], str(item[0][2]))
    ):
        organisation, area, theme = key
        if theme is not None or (organisation is None) != (area is None):
            continue  # per wijk (within its contractor) and the municipality's total only
        where = areas[area] if area is not None else municipality
        indicator = figure.indicator
        person_count = is_person_count(indicator)
        if not figure.suppressed and figure.value is None:
            continue  # nothing measured here
        value, rule = protect(figure)
        if rule:
            record.append(
                {"indicator": indicator.code, "period": period, "area": where, "rule": rule}
            )
        rows.append(
            Row(
                indicator=indicator.code,
                period=period,
                area=where,
                value=value,
                suppressed=figure.suppressed,
                person_count=person_count,
                provisional=figure.provisional,
                complete=figure.complete,
            )
        )
    return rows, record


def stamp() -> str:
    """What the public figures depend on: the facts generation (it grows whenever the
    aggregates, the deliveries' states, the indicators or the areas change), the half-year of
    today (provisional marks) and the disclosure settings. One primary-key read."""
    today = str(Period.containing(timezone.localdate()))
    return (
        f"g{reporting.generation()}:{today}:{settings.WIJKREGIE_SUPPRESSION_THRESHOLD}:{rounding()}"
    )


def current() -> PublicRelease:
    """The release for the facts as they are now: built once when they changed, then read from
    the database once per process and held there under its stamp, so that while the facts stay
    the same a request reads the stamp and nothing else."""
    key = stamp()
    return memo.latest("public:release", key, lambda: _release(key))


def _release(key: str) -> PublicRelease:
    release = PublicRelease.objects.filter(stamp=key).first()
    if release is not None:
        return release
    rows, record = build()
    data = [asdict(row) for row in rows]
    checksum = hashlib.sha256(
        json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    try:
        with transaction.atomic():
            return PublicRelease.objects.create(
                stamp=key, rows=data, record=record, checksum=checksum
            )
    except IntegrityError:  # another request built the same release meanwhile
        return PublicRelease.objects.get(stamp=key)
