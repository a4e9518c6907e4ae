"""What a register file will produce, for the import preview: its cost per intervention code and month.

The file's valid rows are priced as they stand (each row's terms over its own days, by the cost engine), so a
user who sees 186 482 kr where they expected 600 000 stops before importing. Stored on the job in öre; shown in
whole kronor that add up (costing.money.allocate).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from insatskollen.costing.money import allocate, round_to
from insatskollen.costing.selectors import summarise

YEARS_SHOWN = 3  # the as-of year and the two before it, those the file has cost in


def file_totals(terms: list[dict[str, Any]], as_of: dt.date) -> list[dict[str, Any]]:
    """Per year (newest first) with any cost: the months, each code's cost per month and year, the totals."""
    years = []
    for year in range(as_of.year, as_of.year - YEARS_SHOWN, -1):
        summary = summarise(terms, dt.date(year, 1, 1), 12, "code")
        if summary.total.cost == 0 and summary.total.revenue == 0:
            continue
        labels = list(summary.months)
        years.append({
            "year": year,
            "months": labels,
            "codes": [{"code": code, "months": [str(summary.by_month[code][m].cost) for m in labels],
                       "year": str(summary.by[code].cost)} for code in sorted(summary.by)],
            "cost": [str(summary.months[m].cost) for m in labels],
            "revenue": [str(summary.months[m].revenue) for m in labels],
            "net": [str(summary.months[m].net) for m in labels],
            "total": {key: str(getattr(summary.total, key)) for key in ("cost", "revenue", "net")},
        })
    return years


def shown_year(year: dict[str, Any]) -> dict[str, Any]:
    """One stored year in whole kronor: each month's codes add up to the month's cost, each code's months to
    its year, and the total line is the file's own total (rounded once)."""
    months = len(year["months"])
    codes = year["codes"]
    columns = [allocate([Decimal(c["months"][i]) for c in codes], Decimal(year["cost"][i])) for i in range(months)]
    years = allocate([Decimal(c["year"]) for c in codes], Decimal(year["total"]["cost"]))
    rows = [{"code": c["code"], "months": [columns[i][r] for i in range(months)], "year": years[r]}
            for r, c in enumerate(codes)]

    def line(key: str) -> list[Decimal]:
        return [round_to(Decimal(v)) for v in year[key]]

    return {"year": year["year"], "months": year["months"], "rows": rows, "cost": line("cost"),
            "revenue": line("revenue"), "net": line("net"),
            "total": {k: round_to(Decimal(v)) for k, v in year["total"].items()}}
