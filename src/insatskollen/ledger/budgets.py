"""Reading a year's budget for people: per month original and supplementary, each supplementary budget with its
date and reason, and per activity."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from insatskollen.core.months import SWEDISH_MONTHS_SHORT
from insatskollen.ledger.models import BudgetKind, BudgetLine

ZERO = Decimal(0)


@dataclass
class BudgetFigures:
    original: Decimal = ZERO
    supplementary: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.original + self.supplementary


@dataclass
class Supplement:
    decided_on: dt.date | None
    reason: str
    activity: str
    amount: Decimal = ZERO
    months: list[int] = field(default_factory=list)

    @property
    def months_label(self) -> str:
        """The months it is spread over, e.g. "sep–dec" or "jun"."""
        first, last = SWEDISH_MONTHS_SHORT[min(self.months) - 1], SWEDISH_MONTHS_SHORT[max(self.months) - 1]
        return first if first == last else f"{first}–{last}"


@dataclass
class BudgetOverview:
    year: int
    months: dict[int, BudgetFigures]  # 1–12
    total: BudgetFigures
    by_activity: dict[str, BudgetFigures]  # "" = the unit's total
    supplements: list[Supplement]

    @property
    def is_empty(self) -> bool:
        return not self.by_activity


def budget_years() -> list[int]:
    return sorted(set(BudgetLine.objects.values_list("year", flat=True).distinct()))


def budget_overview(year: int) -> BudgetOverview:
    months = {m: BudgetFigures() for m in range(1, 13)}
    total = BudgetFigures()
    by_activity: dict[str, BudgetFigures] = defaultdict(BudgetFigures)
    supplements: dict[tuple, Supplement] = {}
    rows = BudgetLine.objects.filter(year=year).values_list(
        "month", "activity", "amount", "kind", "decided_on", "reason", "created_by_id").order_by("decided_on", "id")
    for month, activity, amount, kind, decided_on, reason, created_by in rows:
        attribute = "supplementary" if kind == BudgetKind.SUPPLEMENTARY else "original"
        for figures in (months[month], total, by_activity[activity]):
            setattr(figures, attribute, getattr(figures, attribute) + amount)
        if kind == BudgetKind.SUPPLEMENTARY:
            key = (decided_on, reason, activity, created_by)
            item = supplements.setdefault(key, Supplement(decided_on=decided_on, reason=reason, activity=activity))
            item.amount += amount
            item.months.append(month)
    ordered = dict(sorted(by_activity.items(), key=lambda item: (item[0] != "", item[0])))
    return BudgetOverview(year=year, months=months, total=total, by_activity=ordered,
                          supplements=sorted(supplements.values(),
                                             key=lambda s: (s.decided_on or dt.date.min, s.activity)))
