"""Costs from the register: the cost engine fed by the database, summed per month and per group.

The engine prices **term periods**, not decisions: each `DecisionTerm` row is a stretch of days with constant terms,
so a decision whose price rose on 1 January is two rows, each priced with its own terms. The cost formula is linear
in the days, so a decision's cost in a month is the sum of its periods' costs there (see `costing.engine`). By
default the register is read as it stands now; `cutoff` reads it as it was known just before that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db.models import QuerySet

from insatskollen.core.months import add_months, month_label
from insatskollen.costing.engine import DecisionArrays, MonthlyCosts, monthly_costs
from insatskollen.costing.money import column_units, group_units, ore
from insatskollen.register.models import Decision, DecisionTerm
from insatskollen.register.selectors import known_filter, term_path
from insatskollen.register.timeline import Timeline

# --by keys of the costs command (Swedish, as the interface names them) → how each period is labelled.
GROUPINGS = {
    "insatskod": ("intervention_type__code", "intervention_type__code"),
    "handlaggare": ("caseworker__username", "caseworker__username"),
    "team": ("client__team__name", "client__team__name"),
    "utforare": ("provider__name", "provider__name"),
    "klient": ("client__personal_number", "client__personal_number"),
    "beslut": ("decision_id", "decision_id"),
}
# The fields the engine reads from a row: a period's days and terms (start_date/end_date are its first/last day).
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
    # Exact sums (nano-kronor) per month: None → the whole set, else a group → (cost, revenue) arrays.
    units: dict[str | None, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def span(self, labels: Sequence[str], group: str | None = None) -> Figures:
        """The figures of some of the months (year to date, say), rounded once: not the sum of rounded months."""
        index = [i for i, label in enumerate(self.months) if label in set(labels)]
        cost, revenue = self.units.get(group, (np.zeros(len(self.months), np.int64),) * 2)
        return _figures(cost[index].sum(), revenue[index].sum())


def _figures(cost_units: int, revenue_units: int) -> Figures:
    """A month's figures from its exact sums (nano-kronor): cost and revenue rounded to öre, net their difference."""
    c, r = ore(cost_units), ore(revenue_units)
    return Figures(c, r, c - r)


def arrays_from_values(rows: list[dict]) -> DecisionArrays:
    return DecisionArrays.from_rows([
        {"start": r["start_date"], "end": r["end_date"], "unit": r["unit"], "extent": r["extent"],
         "price": r["price"], "ifo_share_pct": r["ifo_share_pct"], "revenue_per_unit": r["revenue_per_unit"]}
        for r in rows
    ])


def decisions_overlapping(qs: QuerySet[Decision], first: dt.date, last: dt.date) -> QuerySet[Decision]:
    return qs.filter(start_date__lte=last).exclude(end_date__lt=first)


def term_rows(qs: QuerySet[Decision] | None, first: dt.date, last: dt.date, *, cutoff: dt.datetime | None = None,
              fields: Sequence[str] = ENGINE_FIELDS) -> list[dict]:
    """The term periods of the decisions in `qs` (None: all) with a day in [first, last], as known at `cutoff`.

    Each row is a dict with `decision_id` and `fields`, named as on Decision (`start_date`/`end_date` are the
    period's first and last day; "caseworker__username" is the decision's caseworker; "provider__name" the period's
    provider), in decision and date order."""
    terms = DecisionTerm.objects.filter(known_filter(cutoff), valid_from__lte=last).exclude(valid_to__lt=first)
    if qs is not None:
        terms = terms.filter(decision__in=qs.values("pk"))
    names = ["decision_id", *(f for f in fields if f != "decision_id")]
    paths = [term_path(f) for f in names]
    rows = terms.order_by("decision_id", "valid_from").values_list(*paths)
    return [dict(zip(names, row)) for row in rows]


def summarise(rows: list[dict], first_month: dt.date, month_count: int, group_field: str | None) -> CostSummary:
    """Price `rows` (dicts with the engine fields, and `group_field`) over the months and sum them (see
    `costing.money`: every figure — a month, the whole span, a group, a group's month — rounded once to öre from
    its exact sum, so a group's figure is the figure the selector gives for that group alone)."""
    arrays = arrays_from_values(rows)
    result: MonthlyCosts = monthly_costs(arrays, first_month, month_count)
    labels = [month_label(m) for m in result.months]
    month_cost, month_revenue = column_units(result.cost), column_units(result.revenue)
    months = {label: _figures(month_cost[i], month_revenue[i]) for i, label in enumerate(labels)}
    total = _figures(month_cost.sum(), month_revenue.sum())
    units: dict[str | None, tuple[np.ndarray, np.ndarray]] = {None: (month_cost, month_revenue)}
    by: dict[str, Figures] = {}
    by_month: dict[str, dict[str, Figures]] = {}
    if group_field and rows:
        keys = np.array([str(r[group_field] if r[group_field] is not None else "") for r in rows], dtype=object)
        unique, inverse = np.unique(keys, return_inverse=True)
        group_cost = group_units(result.cost, inverse, len(unique))
        group_revenue = group_units(result.revenue, inverse, len(unique))
        for index, key in enumerate(unique):
            by_month[str(key)] = {label: _figures(group_cost[index, i], group_revenue[index, i])
                                  for i, label in enumerate(labels)}
            by[str(key)] = _figures(group_cost[index].sum(), group_revenue[index].sum())
            units[str(key)] = (group_cost[index], group_revenue[index])
    return CostSummary(months=months, total=total, by=by, by_month=by_month, units=units)


def per_decision(rows: list[dict], values: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Sum the rows of `values` (one row per term period in `rows`) per decision: (decision ids, sums)."""
    ids = np.array([r["decision_id"] for r in rows], dtype=np.int64)
    unique, inverse = np.unique(ids, return_inverse=True)
    sums = np.zeros((unique.shape[0],) + values.shape[1:], dtype=np.float64)
    np.add.at(sums, inverse, values)
    return unique.tolist(), sums


def cost_summary(
    qs: QuerySet[Decision] | None, *, first_month: dt.date, month_count: int, by: str | None = None,
    cutoff: dt.datetime | None = None,
) -> CostSummary:
    """The cost summary of the decisions in `qs` (None: all) over `month_count` months from `first_month`, as known
    at `cutoff` (None: now)."""
    last_day = add_months(first_month, month_count) - dt.timedelta(days=1)
    group_field = GROUPINGS[by][0] if by else None
    fields = list(ENGINE_FIELDS) + ([group_field] if group_field else [])
    rows = term_rows(qs, first_month, last_day, cutoff=cutoff, fields=fields)
    return summarise(rows, first_month, month_count, group_field)


def year_summary(qs: QuerySet[Decision] | None, year: int, *, by: str | None = None,
                 cutoff: dt.datetime | None = None) -> CostSummary:
    return cost_summary(qs, first_month=dt.date(year, 1, 1), month_count=12, by=by, cutoff=cutoff)


def decision_monthly_costs(decision: Decision, first_month: dt.date, month_count: int) -> dict[str, Figures]:
    """One decision's cost per month, each month priced with the terms in effect on its days."""
    last_day = add_months(first_month, month_count) - dt.timedelta(days=1)
    rows = term_rows(Decision.objects.filter(pk=decision.pk), first_month, last_day)
    return summarise(rows, first_month, month_count, None).months


def timeline_rows(timeline: Timeline) -> list[dict]:
    """A decision's terms in time as engine rows (one per period)."""
    return [{"start_date": s.valid_from, "end_date": s.valid_to, **{k: v for k, v in s.as_dict().items()
                                                                     if k in ENGINE_FIELDS}} for s in timeline]


def timeline_year_cost(timeline: Timeline, year: int) -> Decimal:
    """The cost of one decision's terms in time over `year`, rounded once to öre."""
    if not timeline:
        return Decimal(0)
    summary = summarise(timeline_rows(timeline), dt.date(year, 1, 1), 12, None)
    return summary.total.cost
