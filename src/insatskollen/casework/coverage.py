"""Review coverage for a year against the goal that every decision is reviewed once a year (100 %). Pure.

Definition. A decision is *in scope* for year Y (seen on `as_of`) when
- it was decided before Y (a decision taken during Y is itself a fresh assessment; its first review falls in Y+1),
- it was active on some day of Y up to `as_of` (started by then, not ended before 1 January), and
- it did not end before its review fell due without being reviewed (nothing was left to review).
It is *reviewed* when its last review date lies in Y, or a review was recorded for it in Y.
Coverage = reviewed / in scope, per caseworker, per team and for the unit. It climbs during the year towards the
goal; the 2007 unit had reached 80 % by November.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.casework.reviews import next_review_due

GOAL_PCT = Decimal(100)


def reviewed_in(row: dict, year: int) -> bool:
    last = row.get("last_review_date")
    return bool((last and last.year == year) or year in row.get("review_years", ()))


def in_scope(row: dict, year: int, as_of: dt.date) -> bool:
    first, last = dt.date(year, 1, 1), min(as_of, dt.date(year, 12, 31))
    if row["decision_date"] >= first or row["start_date"] > last:
        return False
    end = row["end_date"]
    if end is not None and end < first:
        return False
    if end is not None and end <= last and not reviewed_in(row, year):
        earlier = row.get("last_review_date")
        due = next_review_due(row["decision_date"], earlier if earlier and earlier < first else None)
        if end < due:
            return False
    return True


@dataclass
class Share:
    label: str
    in_scope: int = 0
    reviewed: int = 0

    @property
    def pct(self) -> Decimal:
        if not self.in_scope:
            return Decimal(0)
        return (Decimal(100) * self.reviewed / self.in_scope).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def missing(self) -> int:
        return self.in_scope - self.reviewed

    @property
    def meets_goal(self) -> bool:
        return self.in_scope > 0 and self.reviewed == self.in_scope


@dataclass
class Coverage:
    year: int
    as_of: dt.date
    unit: Share
    teams: list[Share] = field(default_factory=list)
    caseworkers: list[Share] = field(default_factory=list)


def _add(groups: dict[str, Share], label: str, reviewed: bool) -> None:
    share = groups.setdefault(label, Share(label))
    share.in_scope += 1
    share.reviewed += reviewed


def coverage(rows: list[dict], year: int, as_of: dt.date) -> Coverage:
    """Rows: decision_date, start_date, end_date, last_review_date, `review_years` (years with a recorded
    review), `team` and `caseworker` (labels). Groups sorted by lowest coverage first, then label."""
    unit, teams, caseworkers = Share("Enheten"), {}, {}
    for row in rows:
        if not in_scope(row, year, as_of):
            continue
        reviewed = reviewed_in(row, year)
        unit.in_scope += 1
        unit.reviewed += reviewed
        _add(teams, row.get("team") or "Utan team", reviewed)
        _add(caseworkers, row.get("caseworker") or "Utan handläggare", reviewed)

    def ordered(groups: dict[str, Share]) -> list[Share]:
        return sorted(groups.values(), key=lambda s: (s.pct, s.label))

    return Coverage(year, as_of, unit, ordered(teams), ordered(caseworkers))
