"""Working days in Sweden, for moving the year plan's dates off weekends and holidays. Pure (no Django).

A day is not a working day when it is a Saturday or a Sunday, or a Swedish public holiday (allmän helgdag) or
one of the de-facto days off, as the maintained `holidays` package lists them:
`holidays.Sweden(categories=("public", "de_facto"))`. The de-facto days are midsommarafton, julafton and
nyårsafton: weekdays by law, but days off in the municipal collective agreements, so no meeting is put there.
The half days ("från kl. 14.00", e.g. skärtorsdagen, valborgsmässoafton) stay working days. Weekends are
decided by the weekday here, not by the package (which can list every Sunday as a holiday in Sweden).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from insatskollen.core.months import SWEDISH_WEEKDAYS

CATEGORIES = ("public", "de_facto")
MAX_STEPS = 14  # no run of days off in Sweden is this long; a guard against a bad holiday table


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    table = holidays.Sweden(years=year, categories=CATEGORIES, language="sv")
    return {day: name for day, name in table.items() if name.strip().lower() != "söndag"}


def day_off_reason(day: dt.date) -> str:
    """Why `day` is not a working day ("lördag", "Nyårsdagen", "lördag, Midsommardagen"); empty when it is one."""
    reasons = [SWEDISH_WEEKDAYS[day.weekday()]] if day.weekday() >= 5 else []
    holiday = _holidays(day.year).get(day)
    if holiday:
        reasons += [name.strip() for name in holiday.split(";") if name.strip()]
    return ", ".join(reasons)


def is_working_day(day: dt.date) -> bool:
    return not day_off_reason(day)


@dataclass(frozen=True)
class WorkingDay:
    """`day`: the working day used; `planned`: the date the rule gave; `reason`: why it was moved (or empty)."""

    day: dt.date
    planned: dt.date
    reason: str = ""

    @property
    def moved(self) -> bool:
        return self.day != self.planned


def next_working_day(planned: dt.date) -> WorkingDay:
    """`planned` itself when it is a working day, else the first working day after it, with the reason."""
    reason = day_off_reason(planned)
    day = planned
    for _ in range(MAX_STEPS):
        if not day_off_reason(day):
            return WorkingDay(day, planned, reason)
        day += dt.timedelta(days=1)
    raise ValueError(f"no working day within {MAX_STEPS} days after {planned.isoformat()}")
