"""A district's monthly key figures per code for the exchange between districts (docs/benchmark-exchange.md).
Pure: plain rows in, plain dataclasses out; the suppression of small counts is decided here, once.

Per code and month: persons (clients with the intervention active some day of the month), intervention days (the
days of the month each decision was active, summed), cost (the cost engine, rounded once to öre), cost per person
and per day, the month's schablon and allocation (the year's, ÷ 12), the share of the cost from private providers
(privat and LOV), and the budget with its transfers (supplementary budgets) and their reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from insatskollen.core.months import add_months, month_label
from insatskollen.costing.engine import DecisionArrays, monthly_costs
from insatskollen.costing.money import column_units, ore

SUPPRESS_BELOW = 5  # counts 1–4 are never shown, nor any figure that would reveal them
PRIVATE_KINDS = frozenset({"privat", "LOV"})
ORE = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < SUPPRESS_BELOW


@dataclass
class MonthFigures:
    """One code's figures in one month. None = suppressed (or, for the ratios, not defined)."""

    month: str  # YYYY-MM
    code: str
    name: str = ""
    persons: int | None = 0
    days: int | None = 0
    cost: Decimal | None = Decimal(0)
    schablon: Decimal | None = None
    allocation: Decimal | None = None
    private_share_pct: Decimal | None = None
    budget: Decimal | None = None
    transfers: Decimal | None = None
    transfer_reasons: list[str] = field(default_factory=list)
    suppressed: bool = False

    @property
    def cost_per_person(self) -> Decimal | None:
        if self.cost is None or not self.persons:
            return None
        return _round(self.cost / self.persons)

    @property
    def cost_per_day(self) -> Decimal | None:
        if self.cost is None or not self.days:
            return None
        return _round(self.cost / self.days)

    @property
    def budget_total(self) -> Decimal | None:
        if self.budget is None and self.transfers is None:
            return None
        return (self.budget or Decimal(0)) + (self.transfers or Decimal(0))


def compute_month_figures(
    rows: list[dict], *, year: int, months: int = 12, names: dict[str, str] | None = None,
    yearly_schablon: dict[str, Decimal] | None = None, yearly_allocation: dict[str, Decimal] | None = None,
    budget: dict[tuple[str, str], Decimal] | None = None, transfers: dict[tuple[str, str], Decimal] | None = None,
    reasons: dict[tuple[str, str], list[str]] | None = None,
) -> list[MonthFigures]:
    """`rows`: term periods with code, client_id, provider_kind and the engine's fields (start, end, unit, extent,
    price, ifo_share_pct, revenue_per_unit). `yearly_*`: per code for the year; `budget`, `transfers`, `reasons`:
    per (YYYY-MM, code). Returns the unsuppressed figures, codes sorted, months in order (see `suppress`)."""
    names, budget, transfers, reasons = names or {}, budget or {}, transfers or {}, reasons or {}
    yearly_schablon, yearly_allocation = yearly_schablon or {}, yearly_allocation or {}
    first = dt.date(year, 1, 1)
    labels = [month_label(add_months(first, i)) for i in range(months)]
    codes = sorted({r["code"] for r in rows} | {c for _, c in budget} | {c for _, c in transfers}
                   | set(yearly_schablon))
    result: list[MonthFigures] = []
    if rows:
        arrays = DecisionArrays.from_rows(rows)
        priced = monthly_costs(arrays, first, months)
        row_codes = np.array([r["code"] for r in rows], dtype=object)
        clients = np.array([r["client_id"] for r in rows])
        private = np.array([(r.get("provider_kind") or "") in PRIVATE_KINDS for r in rows])
    for code in codes:
        if rows:
            mask = row_codes == code
            days = priced.days[mask]
            cost_units = column_units(priced.cost[mask]) if mask.any() else np.zeros(months, np.int64)
            private_mask = mask & private
            private_units = (column_units(priced.cost[private_mask]) if private_mask.any()
                             else np.zeros(months, np.int64))
        for i, label in enumerate(labels):
            figures = MonthFigures(month=label, code=code, name=names.get(code, ""))
            if rows and mask.any():
                active = days[:, i] > 0
                figures.persons = len(set(clients[mask][active].tolist()))
                figures.days = int(days[:, i].sum())
                figures.cost = ore(cost_units[i])
                private_persons = len(set(clients[private_mask][priced.days[private_mask][:, i] > 0].tolist()))
                other_persons = len(set(clients[mask & ~private][priced.days[mask & ~private][:, i] > 0].tolist()))
                if cost_units[i]:
                    share = Decimal(int(private_units[i])) * 100 / Decimal(int(cost_units[i]))
                    figures.private_share_pct = share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                # A share splits the cost between the persons with private providers and the others: when either
                # side is 1–4 persons, the share would reveal their cost.
                if is_small(private_persons) or is_small(other_persons):
                    figures.private_share_pct = None
            if code in yearly_schablon:
                figures.schablon = _round(yearly_schablon[code] / 12)
                figures.allocation = _round(yearly_allocation.get(code, yearly_schablon[code]) / 12)
            key = (label, code)
            figures.budget = budget.get(key)
            figures.transfers = transfers.get(key)
            figures.transfer_reasons = list(reasons.get(key, []))
            result.append(figures)
    return [suppress(f) for f in result]


def suppress(figures: MonthFigures) -> MonthFigures:
    """Persons 1–4: the count and every figure that would reveal it or the persons' costs (days, cost, the ratios,
    the schablon and allocation, which are the count times the levels' rates, the private share, and the budget,
    which may be set from the allocation) are withheld. Zero persons is no person and is shown."""
    if not is_small(figures.persons):
        return figures
    return MonthFigures(month=figures.month, code=figures.code, name=figures.name, persons=None, days=None,
                        cost=None, schablon=None, allocation=None, private_share_pct=None, budget=None,
                        transfers=None, transfer_reasons=[], suppressed=True)
