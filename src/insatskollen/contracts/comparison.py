"""Comparable prices for the contract watch: the median price for the same code and level, and the excess over
it. Pure.

Prices are per the unit's base (per day, hour, trip or month: the cost engine's price per unit), so a price per
"dygn" compares with one per "dygn/månad", and one per "tim/vecka" with one per "tim/månad".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

PRICE_BASE = {
    "dygn": "dygn", "dygn/månad": "dygn",
    "tim/vecka": "timme", "tim/månad": "timme",
    "resor/månad": "resa",
    "månad": "månad",
}
CENT = Decimal("0.01")


def price_base(unit: str) -> str:
    """What one unit of price buys: "dygn", "timme", "resa" or "månad"."""
    return PRICE_BASE.get(unit, unit)


@dataclass(frozen=True)
class PricePoint:
    """One active decision's price, and what it is comparable with."""

    code: str
    level: str
    unit: str
    price: Decimal
    contract_id: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, self.level or "", price_base(self.unit))


def median(values: Iterable[Decimal]) -> Decimal | None:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return ((ordered[middle - 1] + ordered[middle]) / 2).quantize(CENT)


class Comparables:
    """The active prices of the unit, grouped by (code, level, price base)."""

    def __init__(self, points: Iterable[PricePoint]):
        self._groups: dict[tuple[str, str, str], list[PricePoint]] = {}
        for point in points:
            self._groups.setdefault(point.key, []).append(point)

    def median_for(self, point: PricePoint) -> tuple[Decimal | None, int]:
        """The median of the other contracts' prices (not `point`'s own contract), and how many there are."""
        others = [p.price for p in self._groups.get(point.key, [])
                  if point.contract_id is None or p.contract_id != point.contract_id]
        return median(others), len(others)


@dataclass(frozen=True)
class Excess:
    per_unit: Decimal  # price − median, kr per unit
    pct: Decimal  # (price − median) / median, percent
    share: Decimal  # (price − median) / price: the part of the cost above the median


def excess(price: Decimal, comparable_median: Decimal | None) -> Excess | None:
    """How far `price` lies above (positive) or below (negative) the median; None without a median."""
    if comparable_median is None or comparable_median <= 0 or price <= 0:
        return None
    diff = price - comparable_median
    return Excess(per_unit=diff.quantize(CENT), pct=(diff * 100 / comparable_median).quantize(Decimal("0.1")),
                  share=diff / price)
