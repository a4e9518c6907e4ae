"""Months are dates on the first of the month. Pure helpers."""

from __future__ import annotations

import calendar
import datetime as dt


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_of_year(year: int) -> list[dt.date]:
    return [dt.date(year, m, 1) for m in range(1, 13)]


def month_label(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def add_years(day: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


SWEDISH_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                  "september", "oktober", "november", "december"]
SWEDISH_MONTHS_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
SWEDISH_WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
SWEDISH_WEEKDAYS_SHORT = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"]


def day_text(day: dt.date) -> str:
    """A date as people read it in the app: ISO with the Swedish weekday after it, "2026-01-02 fre"."""
    return f"{day.isoformat()} {SWEDISH_WEEKDAYS_SHORT[day.weekday()]}"
