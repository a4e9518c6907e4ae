"""The allocation's rules as plain functions: a rate's yearly amount, the default measurement dates, the six-month
point, and which kinds of double staffing a särskild redovisning may claim in a year. Pure."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

UNIT_FACTORS = ("kr/år", "kr/månad", "kr/dygn")
PART_OF_DAY_LAST_YEAR = 2017  # from 2018 double staffing must cover the whole or most of the day
PART_OF_DAY = "part_of_day"


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def yearly_amount(amount: Decimal, unit: str, year: int) -> Decimal:
    """A rate in its unit as SEK for the year: kr/år as is, kr/månad × 12, kr/dygn × the days of the year."""
    if unit == "kr/år":
        return amount
    if unit == "kr/månad":
        return amount * 12
    if unit == "kr/dygn":
        return amount * days_in_year(year)
    raise ValueError(f"unknown rate unit {unit!r}")


def default_measurement_dates(year: int) -> list[tuple[dt.date, bool]]:
    """Without dates for a year (formats.md §6): 31 March and 30 September, with the six-month rule."""
    return [(dt.date(year, 3, 31), True), (dt.date(year, 9, 30), True)]


def six_months_before(day: dt.date) -> dt.date:
    """The same day six months earlier, or that month's last day when it has no such day (31 Mar → 30 Sep,
    30 Sep → 30 Mar, 31 Aug → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - 6
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def claim_payable(kind: str, year: int) -> tuple[bool, str]:
    """Whether a särskild redovisning for this kind of double staffing can be paid under the rule of `year`, and
    the reason when it cannot (in Swedish, for the page)."""
    if kind == PART_OF_DAY and year > PART_OF_DAY_LAST_YEAR:
        return False, (f"Från 2018 ger dubbelbemanning del av dagen ingen ersättning genom särskild redovisning; "
                       f"den måste gälla hela dagen eller större delen av dagen ({year} års riktlinjer).")
    return True, ""
