"""The review planner (omprövning): when each decision's next review is due, and which are due by a date. Pure.

Each row is a dict with the cost engine's fields (see `costing.selectors.ENGINE_FIELDS`) plus `decision_date`
and `last_review_date`; any other keys are carried through untouched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.months import add_years
from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.selectors import arrays_from_values

REVIEW_INTERVAL_YEARS = 1


def next_review_due(decision_date: dt.date, last_review_date: dt.date | None) -> dt.date:
    """12 months after the later of the decision date and the last review."""
    latest = max(decision_date, last_review_date) if last_review_date else decision_date
    return add_years(latest, REVIEW_INTERVAL_YEARS)


def is_active_on(row: dict, day: dt.date) -> bool:
    return row["start_date"] <= day and (row["end_date"] is None or row["end_date"] >= day)


def annual_cost(row: dict, year: int) -> Decimal:
    """The decision's cost over the calendar year `year`, as it stands (today's rate): the engine's
    unrounded year, rounded once to öre (summing rounded months may differ by a few öre)."""
    result = monthly_costs(arrays_from_values([row]), dt.date(year, 1, 1), 12)
    return to_ore(float(result.cost.sum()))


@dataclass(frozen=True)
class ReviewDue:
    row: dict
    due: dt.date
    annual_cost: Decimal
    overdue: bool


def reviews_due(rows: list[dict], as_of: dt.date, until: dt.date | None = None) -> list[ReviewDue]:
    """The decisions active on `as_of` whose review is due on or before `until` (default `as_of`),
    most expensive first (annual cost in the calendar year of `as_of`); ties by due date."""
    until = until or as_of
    found = []
    for row in rows:
        if not is_active_on(row, as_of):
            continue
        due = next_review_due(row["decision_date"], row["last_review_date"])
        if due <= until:
            found.append(ReviewDue(row, due, annual_cost(row, as_of.year), overdue=due < as_of))
    found.sort(key=lambda r: (-r.annual_cost, r.due))
    return found


def annual_rate(row: dict, year: int) -> Decimal:
    """What the decision costs over a whole calendar year at its extent and price, whatever its dates: the
    "annual cost" the delegation rules and the review's before/after compare."""
    return annual_cost({**row, "start_date": dt.date(year, 1, 1), "end_date": None}, year)
