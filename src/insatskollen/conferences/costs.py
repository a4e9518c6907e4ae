"""Full-year cost of a decision at its current extent and price: what "annual cost" means on the agenda. Pure.

A decision's cost over the calendar year as if it ran the whole year (start on 1 January, no end), so a costly
decision taken in November counts as costly, and decisions are compared on the same footing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.selectors import arrays_from_values


def full_year_costs(rows: list[dict], year: int) -> list[Decimal]:
    """Each row's (engine fields) cost over `year` as if active all year, rounded to öre. Vectorised."""
    if not rows:
        return []
    whole_year = [{**row, "start_date": dt.date(year, 1, 1), "end_date": None} for row in rows]
    result = monthly_costs(arrays_from_values(whole_year), dt.date(year, 1, 1), 12)
    return [to_ore(float(cost)) for cost in result.cost.sum(axis=1)]


def full_year_cost(row: dict, year: int) -> Decimal:
    return full_year_costs([row], year)[0]
