"""Forecasts from the database, using only what was known on the as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.months import add_months
from insatskollen.costing.selectors import summarise
from insatskollen.forecasting.methods import YearFigures, commitment, run_rate
from insatskollen.ledger.models import LedgerEntry
from insatskollen.ledger.selectors import budget_for_year, ledger_figures
from insatskollen.register.selectors import decision_states_known_on


@dataclass
class Forecast:
    year: int
    as_of: dt.date
    budget_net: Decimal
    actual: YearFigures
    methods: dict[str, YearFigures]
    recommended: str

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "budget_net": float(self.budget_net),
            "actual_to_date": self.actual.as_dict(),
            "forecasts": {name: figures.as_dict(self.budget_net) for name, figures in self.methods.items()},
            "recommended": self.recommended,
        }


def register_rest_of_year(year: int, as_of: dt.date) -> YearFigures:
    """The register's cost and revenue after the month of `as_of` to December, as known on `as_of`."""
    if as_of.year != year:
        first = dt.date(year, 1, 1) if as_of.year < year else None
    else:
        first = add_months(as_of.replace(day=1), 1) if as_of.month < 12 else None
    if first is None:
        return YearFigures(Decimal(0), Decimal(0))
    count = 13 - first.month
    rows = [r for r in decision_states_known_on(as_of)
            if r["start_date"] <= dt.date(year, 12, 31) and (r["end_date"] is None or r["end_date"] >= first)]
    summary = summarise(rows, first, count, None)
    return YearFigures(summary.total.cost, summary.total.revenue)


def forecast(year: int, as_of: dt.date) -> Forecast:
    """The year-end forecast as of a date: ledger periods up to the month of `as_of`, the register as known then."""
    through = min(as_of, dt.date(year, 12, 31))
    months_elapsed = through.month if as_of.year == year else (12 if as_of.year > year else 0)
    actual_months = ledger_figures(year, through=through) if months_elapsed else {}
    actual = YearFigures(sum((f.cost for f in actual_months.values()), Decimal(0)),
                         sum((f.revenue for f in actual_months.values()), Decimal(0)))
    methods = {"run_rate": run_rate(actual.cost, actual.revenue, months_elapsed)}
    rest = register_rest_of_year(year, as_of)
    has_register = rest.cost != 0 or rest.revenue != 0
    if has_register:
        methods["commitment"] = commitment(actual.cost, actual.revenue, rest.cost, rest.revenue)
    has_ledger = LedgerEntry.objects.filter(period__year=year).exists()
    recommended = "commitment" if has_register and has_ledger else "run_rate"
    return Forecast(year=year, as_of=as_of, budget_net=budget_for_year(year, as_of=as_of), actual=actual,
                    methods=methods, recommended=recommended)
