"""How the register's money is summed and rounded, once for every page, report, command and API. Pure.

The cost engine prices each term period's days in each month as float64 (formats.md §1). From there:
1. Each priced cell becomes an integer count of nano-kronor (10⁻⁹ kr). Sums of integers are exact and do not depend
   on the order or grouping they are added in, so a month's total is the same number whether it is summed over all
   decisions at once or per code and then over the codes.
2. Every figure — the cost and revenue of a set of decisions over a span of days or months — is its exact sum
   rounded once to öre (half up). Net = cost − revenue, exactly. So the same question gets the same answer to the
   öre whichever page asks it and however the page groups its rows: 2025 for code 6510 is the same figure in a
   table by code, on a page filtered to 6510, and in the API.
3. A total is asked of the selector for the whole set, never added up from a breakdown's rounded rows. Rows rounded
   on their own need not add up to it to the öre (twelve months of 2025 can differ from the year by a few öre);
   where rows are shown in whole kronor beside their total, `allocate` makes them add up (largest remainder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import numpy as np

NANO = 10**9
ORE = Decimal("0.01")
KRONA = Decimal(1)


def to_units(values: np.ndarray) -> np.ndarray:
    """Kronor (float64) → integer nano-kronor."""
    return np.rint(np.asarray(values, dtype=np.float64) * NANO).astype(np.int64)


def ore(units: int | np.integer) -> Decimal:
    """Integer nano-kronor → kronor rounded to öre, half up."""
    return (Decimal(int(units)) / NANO).quantize(ORE, rounding=ROUND_HALF_UP)


def column_units(values: np.ndarray) -> np.ndarray:
    """Per column (month) of a (rows × months) float matrix: the exact sum of its cells in nano-kronor."""
    if values.shape[0] == 0:
        return np.zeros(values.shape[1], dtype=np.int64)
    return to_units(values).sum(axis=0)


def group_units(values: np.ndarray, groups: np.ndarray, count: int) -> np.ndarray:
    """Per group (rows of `groups`, 0..count−1) and column: the exact sum in nano-kronor, (count × months)."""
    result = np.zeros((count, values.shape[1]), dtype=np.int64)
    if values.shape[0]:
        np.add.at(result, groups, to_units(values))
    return result


def month_amounts(values: np.ndarray) -> list[Decimal]:
    """Each month's total of a (rows × months) float matrix, in öre."""
    return [ore(u) for u in column_units(values)]


def span_amount(values: np.ndarray) -> Decimal:
    """The total of every cell of a (rows × months) float matrix, rounded once to öre."""
    return ore(int(column_units(values).sum()))


def round_to(value: Decimal, step: Decimal = KRONA) -> Decimal:
    """`value` to the nearest multiple of `step` (whole kronor, or öre), half up."""
    return (value / step).quantize(KRONA, rounding=ROUND_HALF_UP) * step


def allocate(values: Sequence[Decimal], total: Decimal, step: Decimal = KRONA) -> list[Decimal]:
    """Round `values` to multiples of `step` so that they add up to `total` rounded the same way (largest remainder).

    Each value is rounded down, then the steps still missing go to the values with the largest remainders (ties: the
    larger value, then the earlier row); steps too many (rows that add up to more than the total) are taken from
    the smallest remainders. The shown total is `total` rounded half up: the same figure the total shows wherever
    it stands alone."""
    target = round_to(Decimal(total), step)
    if not values:
        return []
    floors = [(Decimal(v) / step).quantize(KRONA, rounding=ROUND_FLOOR) * step for v in values]
    remainders = [Decimal(v) - f for v, f in zip(values, floors)]
    missing = int((target - sum(floors, Decimal(0))) / step)
    result = list(floors)
    order = sorted(range(len(values)), key=lambda i: (-remainders[i], -abs(Decimal(values[i])), i))
    if missing >= 0:
        for k in range(missing):
            result[order[k % len(order)]] += step
    else:
        for k in range(-missing):
            result[order[-1 - (k % len(order))]] -= step
    return result


@dataclass(frozen=True)
class Shown:
    """Figures as shown in whole kronor: cost and net rounded (or allocated), revenue = cost − net, so that
    cost − revenue = net holds on the page."""

    cost: Decimal
    revenue: Decimal
    net: Decimal


def shown(figures) -> Shown:
    """One figure standing alone, in whole kronor."""
    cost, net = round_to(Decimal(figures.cost)), round_to(Decimal(figures.net))
    return Shown(cost, cost - net, net)


def shown_table(rows: Sequence, total) -> tuple[list[Shown], Shown]:
    """Rows of figures and their total, in whole kronor, adding up on every column: cost is allocated by largest
    remainder to the total's own rounding, revenue likewise among the rows that have revenue (a row without
    revenue shows 0 and its net equals its cost), and each row's net is its shown cost − its shown revenue."""
    shown_total = shown(total)
    costs = allocate([Decimal(r.cost) for r in rows], shown_total.cost)
    with_revenue = [i for i, r in enumerate(rows) if Decimal(r.revenue) != 0]
    revenues = [Decimal(0)] * len(rows)
    if with_revenue:
        for i, value in zip(with_revenue, allocate([Decimal(rows[i].revenue) for i in with_revenue],
                                                   shown_total.revenue)):
            revenues[i] = value
    return [Shown(c, r, c - r) for c, r in zip(costs, revenues)], shown_total
