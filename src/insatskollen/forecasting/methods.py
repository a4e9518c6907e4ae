"""Year-end forecast methods over plain monthly figures. Pure: no Django.

Every method gives the whole year's (January–December) cost, revenue and net, in SEK.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class YearFigures:
    cost: Decimal
    revenue: Decimal

    @property
    def net(self) -> Decimal:
        return self.cost - self.revenue

    def as_dict(self, budget_net: Decimal | None = None) -> dict[str, float]:
        result = {"cost": float(self.cost), "revenue": float(self.revenue), "net": float(self.net)}
        if budget_net is not None:
            result["deviation"] = float(budget_net - self.net)
        return result


def _ore(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def run_rate(actual_cost: Decimal, actual_revenue: Decimal, months_elapsed: int) -> YearFigures:
    """The 2007 report's "Teoretisk prognos": actual to date / months elapsed × 12, for cost and revenue."""
    if months_elapsed <= 0:
        return YearFigures(Decimal(0), Decimal(0))
    return YearFigures(_ore(actual_cost / months_elapsed * 12), _ore(actual_revenue / months_elapsed * 12))


def commitment(actual_cost: Decimal, actual_revenue: Decimal, remaining_cost: Decimal,
               remaining_revenue: Decimal) -> YearFigures:
    """Actuals to date plus the register's known decisions (with their known ends, prices and revenue) over the
    rest of the year."""
    return YearFigures(_ore(actual_cost + remaining_cost), _ore(actual_revenue + remaining_revenue))
