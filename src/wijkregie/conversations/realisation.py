"""Was a decision carried out? Derived from its agreements, never typed in by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

REALISED, PARTLY, NOT_REALISED, UNKNOWN = "realised", "partly", "not", "unknown"


@dataclass(frozen=True)
class Part:
    status: str  # open / in_progress / done / dropped
    due_date: dt.date


def realisation(parts: Iterable[Part], today: dt.date) -> str:
    """* no agreements → unknown (nothing to check it against);
    * every agreement done → realised;
    * some done, others not (open, late or dropped) → partly;
    * none done, and every one dropped or past its due date → not realised;
    * none done, but some still open before their due date → unknown (not yet known)."""
    parts = list(parts)
    if not parts:
        return UNKNOWN
    done = [p for p in parts if p.status == "done"]
    if len(done) == len(parts):
        return REALISED
    if done:
        return PARTLY
    pending = [p for p in parts if p.status in ("open", "in_progress") and p.due_date >= today]
    return UNKNOWN if pending else NOT_REALISED
