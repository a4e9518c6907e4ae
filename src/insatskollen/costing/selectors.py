"""Costs from the register: the cost engine fed by the database, summed per month and per group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import QuerySet

from insatskollen.core.months import month_label
from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import DecisionArrays, MonthlyCosts, monthly_costs
from insatskollen.register.models import Decision

# --by keys of the costs command (Swedish, as the interface names them) → how each decision is labelled.
GROUPINGS = {
    "insatskod": ("intervention_type__code", "intervention_type__code"),
    "handlaggare": ("caseworker__username", "caseworker__username"),
    "team": ("client__team__name", "client__team__name"),
    "utforare": ("provider__name", "provider__name"),
    "klient": ("client__personal_number", "client__personal_number"),
}
ENGINE_FIELDS = ("start_date", "end_date", "unit", "extent", "price", "ifo_share_pct", "revenue_per_unit")


@dataclass(frozen=True)
class Figures:
    cost: Decimal
    revenue: Decimal
    net: Decimal

    def as_dict(self) -> dict[str, float]:
        return {"cost": float(self.cost), "revenue": float(self.revenue), "net": float(self.net)}


@dataclass
class CostSummary:
    """A year (or span) of costs: per month, in total and per group. Money rounded to öre at these edges."""

    months: dict[str, Figures]
    total: Figures
    by: dict[str, Figures]
    by_month: dict[str, dict[str, Figures]]  # group → month → figures


def _figures(cost: float, revenue: float) -> Figures:
    c, r = to_ore(cost), to_ore(revenue)
    return Figures(c, r, c - r)


def arrays_from_values(rows: list[dict]) -> DecisionArrays:
    return DecisionArrays.from_rows([
        {"start": r["start_date"], "end": r["end_date"], "unit": r["unit"], "extent": r["extent"],
         "price": r["price"], "ifo_share_pct": r["ifo_share_pct"], "revenue_per_unit": r["revenue_per_unit"]}
        for r in rows
    ])


def decisions_overlapping(qs: QuerySet[Decision], first: dt.date, last: dt.date) -> QuerySet[Decision]:
    return qs.filter(start_date__lte=last).exclude(end_date__lt=first)


def summarise(rows: list[dict], first_month: dt.date, month_count: int, group_field: str | None) -> CostSummary:
    """Price `rows` (dicts with the engine fields, and `group_field`) over the months and sum them."""
    arrays = arrays_from_values(rows)
    result: MonthlyCosts = monthly_costs(arrays, first_month, month_count)
    labels = [month_label(m) for m in result.months]
    month_cost = result.cost.sum(axis=0)
    month_revenue = result.revenue.sum(axis=0)
    months = {label: _figures(month_cost[i], month_revenue[i]) for i, label in enumerate(labels)}
    # The year is the sum of its rounded months, so a report's months add up to its total exactly.
    total_cost = sum((f.cost for f in months.values()), Decimal(0))
    total_revenue = sum((f.revenue for f in months.values()), Decimal(0))
    total = Figures(total_cost, total_revenue, total_cost - total_revenue)
    by: dict[str, Figures] = {}
    by_month: dict[str, dict[str, Figures]] = {}
    if group_field and rows:
        keys = np.array([str(r[group_field] if r[group_field] is not None else "") for r in rows], dtype=object)
        unique, inverse = np.unique(keys, return_inverse=True)
        group_cost = np.zeros((len(unique), month_count))
        group_revenue = np.zeros((len(unique), month_count))
        for column in range(month_count):
            group_cost[:, column] = np.bincount(inverse, weights=result.cost[:, column], minlength=len(unique))
            group_revenue[:, column] = np.bincount(inverse, weights=result.revenue[:, column], minlength=len(unique))
        for index, key in enumerate(unique):
            by[str(key)] = _figures(group_cost[index].sum(), group_revenue[index].sum())
            by_month[str(key)] = {label: _figures(group_cost[index, i], group_revenue[index, i])
                                  for i, label in enumerate(labels)}
    return CostSummary(months=months, total=total, by=by, by_month=by_month)


def cost_summary(
    qs: QuerySet[Decision], *, first_month: dt.date, month_count: int, by: str | None = None
) -> CostSummary:
    """The cost summary of the decisions in `qs` over `month_count` months from `first_month`."""
    from insatskollen.core.months import add_months

    last_day = add_months(first_month, month_count) - dt.timedelta(days=1)
    group_field = GROUPINGS[by][0] if by else None
    fields = list(ENGINE_FIELDS) + ([group_field] if group_field else [])
    rows = list(decisions_overlapping(qs, first_month, last_day).values(*fields))
    return summarise(rows, first_month, month_count, group_field)


def year_summary(qs: QuerySet[Decision], year: int, *, by: str | None = None) -> CostSummary:
    return cost_summary(qs, first_month=dt.date(year, 1, 1), month_count=12, by=by)


def decision_monthly_costs(decision: Decision, first_month: dt.date, month_count: int) -> dict[str, Figures]:
    row = {f: getattr(decision, f) for f in ENGINE_FIELDS}
    return summarise([row], first_month, month_count, None).months

