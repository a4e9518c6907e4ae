"""Closed months: which days a change may no longer touch without being a retroactive correction."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from insatskollen.core.months import month_end
from insatskollen.register.models import ClosedMonth


def closed_through(at: dt.datetime | None = None) -> dt.date | None:
    """The last day of the latest month closed (by the moment `at`, default: now), or None. Every month before it
    counts as closed too."""
    qs = ClosedMonth.objects.all() if at is None else ClosedMonth.objects.filter(closed_at__lte=at)
    month = qs.order_by("-month").values_list("month", flat=True).first()
    return month_end(month) if month else None


def last_closing() -> dt.datetime | None:
    """The moment the latest month was closed: no change may be recorded as known before it."""
    return ClosedMonth.objects.order_by("-closed_at").values_list("closed_at", flat=True).first()


def closed_at(month: dt.date) -> dt.datetime | None:
    """When `month` was closed: its own closing, or the first closing after it (a month before the first closed
    month was closed with it). None while the month is open."""
    return (ClosedMonth.objects.filter(month__gte=month.replace(day=1)).order_by("month")
            .values_list("closed_at", flat=True).first())


def is_correction(affects_from: dt.date | None, through: dt.date | None) -> bool:
    """A change whose first affected day lies in a closed month."""
    return affects_from is not None and through is not None and affects_from <= through


def has_ended(end_date: dt.date | None, day: dt.date) -> bool:
    """A decision whose last day was before `day`: read-only but for a correction."""
    return end_date is not None and end_date < day


@dataclass(frozen=True)
class Closings:
    """The closings of months, read once, in order of closing: which months were closed at any moment (for many
    changes at different moments: a bulk load, the list of corrections) without a query each."""

    moments: tuple[dt.datetime, ...] = ()
    through: tuple[dt.date, ...] = ()

    @classmethod
    def load(cls) -> Closings:
        rows = list(ClosedMonth.objects.order_by("closed_at", "month").values_list("closed_at", "month"))
        return cls(tuple(moment for moment, _ in rows), tuple(month_end(month) for _, month in rows))

    def through_at(self, moment: dt.datetime) -> dt.date | None:
        """As `closed_through(moment)`."""
        index = bisect.bisect_right(self.moments, moment)
        return max(self.through[:index]) if index else None
