"""Expanding a planned event's recurrence into its dates within a range. Pure (no Django).

Rules: "none" (the first date only), "weekly" (every 7 days), "monthly", "yearly" and "months" (monthly, only in
the listed months). Monthly-type rules keep the first date's day of the month, moved to the month's last day
when the month is shorter (the 31st → 30 April, 28/29 February); yearly on 29 February → 28 February in common
years. Occurrences never come before the first date nor after `until`. The work is proportional to the number
of occurrences in the range, not to the number of days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

NONE, WEEKLY, MONTHLY, YEARLY, MONTHS = "none", "weekly", "monthly", "yearly", "months"


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def occurrences(first: dt.date, rule: str, start: dt.date, end: dt.date, *, months: Iterable[int] = (),
                until: dt.date | None = None) -> list[dt.date]:
    """The dates of the event in [start, end] (inclusive), in order."""
    last = min(end, until) if until else end
    lower = max(start, first)
    if lower > last:
        return []
    if rule == NONE:
        return [first] if start <= first else []
    if rule == WEEKLY:
        skip = -(-(lower - first).days // 7)  # whole weeks from the first date to the range (ceiling)
        day = first + dt.timedelta(weeks=skip)
        found = []
        while day <= last:
            found.append(day)
            day += dt.timedelta(weeks=1)
        return found
    if rule == YEARLY:
        dates = (_clamped(year, first.month, first.day) for year in range(lower.year, last.year + 1))
    elif rule in (MONTHLY, MONTHS):
        wanted = set(range(1, 13)) if rule == MONTHLY else {int(m) for m in months}
        dates = (_clamped(index // 12, index % 12 + 1, first.day)
                 for index in range(lower.year * 12 + lower.month - 1, last.year * 12 + last.month)
                 if index % 12 + 1 in wanted)
    else:
        raise ValueError(f"unknown recurrence: {rule}")
    return [day for day in dates if lower <= day <= last]
