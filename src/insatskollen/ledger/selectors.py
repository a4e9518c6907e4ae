"""Reading ledger actuals and budgets: what each account is, which intervention code an activity books, sums."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from insatskollen.core.months import month_label
from insatskollen.costing.selectors import Figures
from insatskollen.ledger.models import (
    AccountKind,
    AccountMapping,
    ActivityMapping,
    BudgetLine,
    LedgerEntry,
    ReconciliationRule,
    ReconciliationRuleKind,
)

UNIT_TOTAL = ""  # the budget's activity for the unit as a whole


class AccountClassifier:
    """Cost, revenue or outside, by the longest matching AccountMapping prefix; Kommun-Bas by default
    (class 3 revenue, classes 4–7 cost, others outside)."""

    def __init__(self, mappings: dict[str, str] | None = None) -> None:
        if mappings is None:
            mappings = dict(AccountMapping.objects.values_list("prefix", "kind"))
        self.prefixes = sorted(mappings.items(), key=lambda item: -len(item[0]))

    def kind(self, account: str) -> str:
        for prefix, kind in self.prefixes:
            if account.startswith(prefix):
                return kind
        first = account[:1]
        if first == "3":
            return AccountKind.REVENUE
        if first in "4567" and first:
            return AccountKind.COST
        return AccountKind.IGNORE


def activity_codes() -> dict[str, str]:
    """Activity code → intervention code, for the mapped ones (the rest map to themselves)."""
    return dict(ActivityMapping.objects.values_list("activity", "intervention_code"))


def reconciliation_rules() -> dict[str, tuple[str, ...]]:
    """The configured reconciliation rules: kind → values (trimmed, empty ones left out), every kind present."""
    found: dict[str, list[str]] = {kind: [] for kind in ReconciliationRuleKind.values}
    for kind, value in ReconciliationRule.objects.values_list("kind", "value"):
        if value.strip():
            found.setdefault(kind, []).append(value.strip())
    return {kind: tuple(values) for kind, values in found.items()}


def ledger_figures(year: int, *, through: dt.date | None = None, by_code: bool = False) -> dict:
    """Actual cost and revenue per month of `year` (up to and including the month of `through`).

    Revenue is booked negative in the ledger and returned positive here, as in the register's figures.
    With `by_code`: {(month label, intervention code): Figures}; otherwise {month label: Figures}.
    An entry without activity code has code "".
    """
    classify = AccountClassifier()
    codes = activity_codes()
    qs = LedgerEntry.objects.filter(period__year=year)
    if through is not None:
        qs = qs.filter(period__lte=through.replace(day=1))
    cost: dict = defaultdict(Decimal)
    revenue: dict = defaultdict(Decimal)
    for period, account, activity, amount in qs.values_list("period", "account", "activity", "amount").iterator(
            chunk_size=5000):
        kind = classify.kind(account)
        if kind == AccountKind.IGNORE:
            continue
        key = (month_label(period), codes.get(activity, activity)) if by_code else month_label(period)
        if kind == AccountKind.COST:
            cost[key] += amount
        else:
            revenue[key] -= amount
    return {key: Figures(cost[key], revenue[key], cost[key] - revenue[key]) for key in set(cost) | set(revenue)}


def budget_by_month(year: int, *, by_activity: bool = False, as_of: dt.date | None = None) -> dict:
    """Net budget per month (original plus supplementary budgets decided by `as_of`).

    With `by_activity`: {(month label, activity): amount}, activity "" for lines on the unit's total.
    """
    qs = BudgetLine.objects.filter(year=year)
    if as_of is not None:
        qs = qs.exclude(kind="supplementary", decided_on__gt=as_of)
    result: dict = defaultdict(Decimal)
    for month, activity, amount in qs.values_list("month", "activity", "amount"):
        label = f"{year:04d}-{month:02d}"
        result[(label, activity) if by_activity else label] += amount
    return dict(result)


def budget_for_year(year: int, *, as_of: dt.date | None = None) -> Decimal:
    return sum(budget_by_month(year, as_of=as_of).values(), Decimal(0))
