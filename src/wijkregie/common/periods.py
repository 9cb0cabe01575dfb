"""Half-year periods such as ``2025H1``: the reporting grain of the commission."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PATTERN = re.compile(r"^(?P<year>(19|20)\d\d)H(?P<half>[12])$")
period_help = gettext_lazy("A half-year, written as 2025H1 or 2025H2.")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: int

    @classmethod
    def parse(cls, text: str) -> Period:
        match = PATTERN.match((text or "").strip().upper())
        if not match:
            raise ValidationError(
                _("'%(value)s' is not a half-year; write it as 2025H1 or 2025H2."),
                params={"value": text},
                code="period",
            )
        return cls(int(match["year"]), int(match["half"]))

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(day.year, 1 if day.month <= 6 else 2)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def label(self) -> str:
        if self.half == 1:
            return _("first half of %(year)s") % {"year": self.year}
        return _("second half of %(year)s") % {"year": self.year}

    @property
    def short_label(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def next(self) -> Period:
        return Period(self.year, 2) if self.half == 1 else Period(self.year + 1, 1)

    def previous(self) -> Period:
        return Period(self.year, 1) if self.half == 2 else Period(self.year - 1, 2)

    def due_date(self, days_after_end: int) -> dt.date:
        return self.end + dt.timedelta(days=days_after_end)


def period_range(first: Period | str, last: Period | str) -> list[Period]:
    """Every half-year from ``first`` to ``last``, both included."""
    start = first if isinstance(first, Period) else Period.parse(first)
    stop = last if isinstance(last, Period) else Period.parse(last)
    periods = []
    while start <= stop:
        periods.append(start)
        start = start.next()
    return periods


def validate_period(value: str) -> None:
    Period.parse(value)
