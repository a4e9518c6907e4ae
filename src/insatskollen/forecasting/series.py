"""The ledger's monthly actuals as a plain series, by month index (year × 12 + month − 1). Pure: no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_date(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class LedgerSeries:
    """Cost and revenue (positive) per month index; months absent from `cost` had no ledger entries."""

    cost: dict[int, float] = field(default_factory=dict)
    revenue: dict[int, float] = field(default_factory=dict)

    @property
    def first(self) -> int:
        return min(self.cost) if self.cost else 0

    def has(self, month: int) -> bool:
        return month in self.cost

    def value(self, measure: str, month: int) -> float:
        return getattr(self, measure).get(month, 0.0)

    def last_through(self, month: int) -> int | None:
        """The last month with entries at or before `month`."""
        known = [m for m in self.cost if m <= month]
        return max(known) if known else None

    def until(self, month: int) -> LedgerSeries:
        """Only the months up to and including `month`: what was known then."""
        return LedgerSeries({m: v for m, v in self.cost.items() if m <= month},
                            {m: v for m, v in self.revenue.items() if m <= month})
