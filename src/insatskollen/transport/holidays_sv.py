"""Swedish public holidays and the de-facto days off (midsommarafton, julafton, nyårsafton), on which the daily
activity is closed. Pure; the same table as `planning.workdays` (the `holidays` package), read here because the
transport app sits below the year plan."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    table = holidays.Sweden(years=year, categories=("public", "de_facto"), language="sv")
    return {day: name.strip() for day, name in table.items() if name.strip().lower() != "söndag"}


def holidays_between(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    found: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update({d: n for d, n in public_holidays(year).items() if first <= d <= last})
    return found
