"""Key figures (prestationer och nyckeltal) as Table 4 of the 2007 report. Pure: plain rows in, plain dicts out.

For every intervention code and month: the monthly average number of active interventions (the sum over the
month's days of the interventions active that day, divided by the days in the month), the number of clients with
the intervention active some day of the month, the cost, and the cost per client; and the change between two
chosen months in percent, computed as the report does: (later − earlier) / earlier × 100.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from insatskollen.core.months import add_months, month_label
from insatskollen.costing.engine import DecisionArrays, monthly_costs
from insatskollen.costing.money import month_amounts


@dataclass
class CodeFigures:
    code: str
    name: str
    average_active: dict[str, float] = field(default_factory=dict)
    clients: dict[str, int] = field(default_factory=dict)
    cost: dict[str, float] = field(default_factory=dict)
    change_pct: float | None = None

    def cost_per_client(self, month: str) -> float | None:
        clients = self.clients.get(month, 0)
        return self.cost.get(month, 0.0) / clients if clients else None


def change_percent(earlier: float, later: float) -> float | None:
    """Table 4's arithmetic: hemhjälp 95 → 128 is +34.7 %, boendestöd 4 → 20 is +400 %. None from zero."""
    if not earlier:
        return None
    return round((later - earlier) / earlier * 100, 1)


def compute_keyfigures(
    rows: list[dict], *, year: int, compare: tuple[str, str] | None = None, names: dict[str, str] | None = None
) -> dict[str, CodeFigures]:
    """`rows`: decisions with code, client_id and the cost engine's fields (start, end, unit, extent, price,
    ifo_share_pct, revenue_per_unit). Returns figures per code, every month of `year`."""
    names = names or {}
    first = dt.date(year, 1, 1)
    labels = [month_label(add_months(first, i)) for i in range(12)]
    compare = compare or (labels[0], labels[-1])
    result: dict[str, CodeFigures] = {}
    if not rows:
        return result
    arrays = DecisionArrays.from_rows(rows)
    priced = monthly_costs(arrays, first, 12)
    days = priced.days.astype(np.float64)
    days_in_month = np.array([(add_months(first, i + 1) - add_months(first, i)).days for i in range(12)], np.float64)
    codes = np.array([r["code"] for r in rows], dtype=object)
    clients = np.array([r["client_id"] for r in rows])
    for code in sorted(set(codes)):
        mask = codes == code
        average = days[mask].sum(axis=0) / days_in_month
        active = days[mask] > 0
        code_clients = clients[mask]
        figures = CodeFigures(code=str(code), name=names.get(str(code), ""))
        costs = month_amounts(priced.cost[mask])  # each month rounded once, as everywhere
        for i, label in enumerate(labels):
            figures.average_active[label] = float(round(average[i], 4))
            figures.clients[label] = len(set(code_clients[active[:, i]].tolist()))
            figures.cost[label] = float(costs[i])
        if compare[0] in figures.average_active and compare[1] in figures.average_active:
            figures.change_pct = change_percent(figures.average_active[compare[0]],
                                                figures.average_active[compare[1]])
        result[str(code)] = figures
    return result


def as_json(year: int, figures: dict[str, CodeFigures]) -> dict:
    return {
        "year": year,
        "codes": {
            code: {
                "name": f.name,
                "months": f.average_active,
                "clients": f.clients,
                "cost": {m: round(c, 2) for m, c in f.cost.items()},
                "cost_per_client": {m: (round(v, 2) if (v := f.cost_per_client(m)) is not None else None)
                                    for m in f.cost},
                "change_pct": f.change_pct,
            }
            for code, f in figures.items()
        },
    }
