"""The cost engine: monthly cost, revenue and net of every decision, exactly as formats.md §1 defines.

Pure NumPy over plain arrays: one (decisions × months) matrix of days inside each month, no per-day loops.

For a decision and a calendar month, d = days of the month inside [start, end] (inclusive; open end),
D = days in the month, q = extent, p = price, s = 1 − IFO share/100:
    dygn                                   q · p · d · s
    tim/vecka                              q · p · d / 7 · s
    tim/månad, dygn/månad, resor/månad, månad   q · p · d / D · s
Revenue is the same with the revenue per unit in place of the price, without s. Net = cost − revenue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from insatskollen.core.months import add_months
from insatskollen.core.units import PRORATION_KIND, ExtentUnit

EPOCH = np.datetime64("1970-01-01", "D")
OPEN_END = np.iinfo(np.int32).max  # an empty end date: ongoing


def day_number(day: dt.date | None) -> int:
    """Days since 1970-01-01; None (an open end) becomes OPEN_END."""
    if day is None:
        return int(OPEN_END)
    return (day - dt.date(1970, 1, 1)).days


@dataclass(frozen=True, slots=True)
class DecisionArrays:
    """The decisions the engine prices, column by column (one row per decision)."""

    start: np.ndarray  # int64 day numbers
    end: np.ndarray  # int64 day numbers, OPEN_END when ongoing
    unit: np.ndarray  # int8 ExtentUnit.code
    extent: np.ndarray  # float64
    price: np.ndarray  # float64, SEK per base unit
    cost_share: np.ndarray  # float64, 1 − IFO share / 100
    revenue_per_unit: np.ndarray  # float64, 0 when none

    def __len__(self) -> int:
        return int(self.start.shape[0])

    @classmethod
    def from_rows(cls, rows: list[dict]) -> DecisionArrays:
        """Rows with start, end, unit (ExtentUnit or its text), extent, price, ifo_share_pct, revenue_per_unit."""
        n = len(rows)
        start = np.fromiter((day_number(r["start"]) for r in rows), dtype=np.int64, count=n)
        end = np.fromiter((day_number(r.get("end")) for r in rows), dtype=np.int64, count=n)
        unit = np.fromiter((ExtentUnit(r["unit"]).code for r in rows), dtype=np.int8, count=n)
        extent = np.fromiter((float(r["extent"]) for r in rows), dtype=np.float64, count=n)
        price = np.fromiter((float(r["price"]) for r in rows), dtype=np.float64, count=n)
        share = np.fromiter((1.0 - float(r.get("ifo_share_pct") or 0) / 100.0 for r in rows), np.float64, n)
        revenue = np.fromiter((float(r.get("revenue_per_unit") or 0) for r in rows), np.float64, n)
        return cls(start, end, unit, extent, price, share, revenue)


@dataclass(frozen=True, slots=True)
class MonthlyCosts:
    """Cost and revenue per decision (rows) and month (columns), in SEK as float64 (not yet rounded)."""

    months: list[dt.date]
    cost: np.ndarray
    revenue: np.ndarray
    days: np.ndarray  # days of each month inside each decision's period

    @property
    def net(self) -> np.ndarray:
        return self.cost - self.revenue


def month_bounds(first_month: dt.date, count: int) -> tuple[list[dt.date], np.ndarray, np.ndarray]:
    months = [add_months(first_month, i) for i in range(count)]
    starts = np.array([day_number(m) for m in months], dtype=np.int64)
    ends = np.array([day_number(add_months(m, 1)) - 1 for m in months], dtype=np.int64)
    return months, starts, ends


def days_inside(start: np.ndarray, end: np.ndarray, month_starts: np.ndarray, month_ends: np.ndarray) -> np.ndarray:
    """Days of each month (columns) inside each [start, end] (rows), both inclusive."""
    days = np.minimum(end[:, None], month_ends[None, :])
    days -= np.maximum(start[:, None], month_starts[None, :])
    days += 1
    np.maximum(days, 0, out=days)
    return days


def monthly_costs(decisions: DecisionArrays, first_month: dt.date, month_count: int) -> MonthlyCosts:
    """Cost and revenue of each row (a decision, or one period of its terms) in each of `month_count` months from
    `first_month`. Few temporaries: the quantity matrix is built in place and shared by cost and revenue."""
    months, m_start, m_end = month_bounds(first_month, month_count)
    days = days_inside(decisions.start, decisions.end, m_start, m_end)
    days_in_month = (m_end - m_start + 1).astype(np.float64)

    kind_lookup = np.zeros(max(PRORATION_KIND) + 1, dtype=np.int8)
    for code, kind in PRORATION_KIND.items():
        kind_lookup[code] = kind
    kind = kind_lookup[decisions.unit]
    per_row = np.where(kind == 1, decisions.extent / 7.0, decisions.extent)  # per day, per week (d/7)
    quantity = days.astype(np.float64)
    quantity *= per_row[:, None]
    monthly = kind == 2  # per month: d/D, D the month's days
    if monthly.any():
        np.divide(quantity, days_in_month[None, :], out=quantity, where=monthly[:, None])
    cost = quantity * (decisions.price * decisions.cost_share)[:, None]
    quantity *= decisions.revenue_per_unit[:, None]
    return MonthlyCosts(months=months, cost=cost, revenue=quantity, days=days)


def active_days(decisions: DecisionArrays, first_month: dt.date, month_count: int) -> np.ndarray:
    """Days each decision is active in each month (for key figures: average active per month)."""
    _, m_start, m_end = month_bounds(first_month, month_count)
    return days_inside(decisions.start, decisions.end, m_start, m_end)


def group_sum(values: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum rows of `values` (decisions × months) by `keys` (one key per decision). Returns (keys, sums)."""
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.zeros((unique.shape[0],) + values.shape[1:], dtype=np.float64)
    np.add.at(sums, inverse, values)
    return unique, sums
