"""What IFO owes for a month under its sharing agreements, and what a case costs (gross, before any IFO share).
Pure: plain data in, Decimal öre out; no Django.

The cost of a term period on `d` days of a month of `D` days (formats.md §1, without the IFO factor):
`dygn` q·p·d · `tim/vecka` q·p·d/7 · the monthly units q·p·d/D.
A percent agreement recharges share % of that cost over the days the agreement is valid, per decision, rounded to
öre once per decision and month. A kronor agreement recharges amount × (its valid days in the month) / D.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TermPeriod:
    decision_id: int
    start: dt.date
    end: dt.date | None
    unit: str
    extent: Decimal
    price: Decimal


@dataclass(frozen=True)
class Agreement:
    id: int
    client_id: int
    kind: str  # percent | kronor
    share_pct: Decimal | None
    amount_per_month: Decimal | None
    valid_from: dt.date
    valid_to: dt.date | None
    decision_ids: tuple[int, ...]


@dataclass(frozen=True)
class RechargeLine:
    agreement_id: int
    client_id: int
    decision_id: int | None
    days: int
    basis: Decimal  # the gross cost of the covered days (percent) or the agreed amount a month (kronor)
    amount: Decimal


def ore(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def month_last(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def overlap_days(a_first: dt.date, a_last: dt.date | None, b_first: dt.date, b_last: dt.date | None) -> int:
    first = max(a_first, b_first)
    lasts = [d for d in (a_last, b_last) if d is not None]
    last = min(lasts) if lasts else None
    if last is None:
        raise ValueError("an open span needs a bound")
    return max((last - first).days + 1, 0)


def period_cost(period: TermPeriod, days: int, days_in_month: int) -> Decimal:
    """The gross cost of `days` days of one term period in a month of `days_in_month` days (exact, not rounded)."""
    base = period.extent * period.price * days
    if period.unit == "dygn":
        return base
    if period.unit == "tim/vecka":
        return base / 7
    return base / days_in_month


def gross_cost(periods: Iterable[TermPeriod], first: dt.date, last: dt.date) -> Decimal:
    """The gross cost of the periods' days in [first, last], month by month (exact)."""
    total = Decimal(0)
    month = first.replace(day=1)
    while month <= last:
        end = month_last(month)
        size = end.day
        lo, hi = max(first, month), min(last, end)
        for p in periods:
            days = overlap_days(p.start, p.end, lo, hi)
            if days:
                total += period_cost(p, days, size)
        month = end + dt.timedelta(days=1)
    return total


def recharge_month(agreements: Iterable[Agreement], periods: Iterable[TermPeriod], month: dt.date
                   ) -> list[RechargeLine]:
    """Every agreement's recharge for `month` (the 1st): per decision for percent agreements, one line for kronor."""
    month = month.replace(day=1)
    end = month_last(month)
    size = end.day
    by_decision: dict[int, list[TermPeriod]] = {}
    for p in periods:
        by_decision.setdefault(p.decision_id, []).append(p)
    lines = []
    for a in agreements:
        days = overlap_days(a.valid_from, a.valid_to, month, end)
        if not days:
            continue
        lo, hi = max(a.valid_from, month), min(a.valid_to or end, end)
        if a.kind == "kronor":
            amount = ore(a.amount_per_month * days / size)
            lines.append(RechargeLine(a.id, a.client_id, None, days, a.amount_per_month, amount))
            continue
        for decision_id in a.decision_ids:
            basis = Decimal(0)
            covered = 0
            for p in by_decision.get(decision_id, []):
                d = overlap_days(p.start, p.end, lo, hi)
                if d:
                    covered += d
                    basis += period_cost(p, d, size)
            if covered:
                lines.append(RechargeLine(a.id, a.client_id, decision_id, covered, ore(basis),
                                          ore(basis * a.share_pct / HUNDRED)))
    return lines
