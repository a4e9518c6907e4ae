"""Forecasts from the database, using only what was known on the as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.identity import mask_personal_number
from insatskollen.core.months import add_months
from insatskollen.costing.selectors import summarise
from insatskollen.forecasting.backtest import AS_OF_MONTHS, Backtest, month_end, run_backtest
from insatskollen.forecasting.bridge import Bridge, compute_bridge, run_rate_bridge
from insatskollen.forecasting.methods import YearFigures, commitment, run_rate
from insatskollen.ledger.models import LedgerEntry
from insatskollen.ledger.selectors import budget_for_year, ledger_figures
from insatskollen.register.models import DecisionVersion
from insatskollen.register.selectors import decision_states_known_on
from insatskollen.register.services import start_of_day


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


def _months_elapsed(year: int, day: dt.date) -> int:
    return day.month if day.year == year else (12 if day.year > year else 0)


def _engine_states(day: dt.date) -> dict[int, dict]:
    fields = ("start_date", "end_date", "unit", "extent", "price", "ifo_share_pct", "revenue_per_unit")
    return {row["decision_id"]: row for row in decision_states_known_on(day, fields=fields)}


def _case_labels(ids) -> dict[int, tuple[str, str]]:
    from insatskollen.register.models import Decision

    rows = Decision.objects.filter(pk__in=list(ids)).values_list("pk", "external_id", "client__personal_number")
    return {pk: (external_id or f"#{pk}", mask_personal_number(digits)) for pk, external_id, digits in rows}


def forecast_bridge(date_from: dt.date, date_to: dt.date) -> Bridge:
    """Why the year-end net (of the year of `date_to`) moved between two forecast dates, driver by driver."""
    if date_from > date_to:
        raise ValueError("--from måste vara före --to")
    year = date_to.year
    months_from, months_to = _months_elapsed(year, date_from), _months_elapsed(year, date_to)
    ledger = ledger_figures(year, through=date_to) if months_to else {}
    actual_net = {int(label[-2:]): figures.net for label, figures in ledger.items()}
    states_from, states_to = _engine_states(date_from), _engine_states(date_to)
    budgets = {"budget_from": budget_for_year(year, as_of=date_from), "budget_to": budget_for_year(year, as_of=date_to)}
    if not states_from and not states_to:
        nets = []
        for months in (months_from, months_to):
            actual = [ledger[label] for label in ledger if int(label[-2:]) <= months]
            nets.append(run_rate(sum((f.cost for f in actual), Decimal(0)),
                                 sum((f.revenue for f in actual), Decimal(0)), months).net)
        result = run_rate_bridge(date_from=date_from, date_to=date_to, net_from=nets[0], net_to=nets[1])
    else:
        result = compute_bridge(year=year, date_from=date_from, date_to=date_to, months_from=months_from,
                                months_to=months_to, actual_net=actual_net, states_from=states_from,
                                states_to=states_to, labels=_case_labels(set(states_from) | set(states_to)))
    result.budget_from, result.budget_to = budgets["budget_from"], budgets["budget_to"]
    return result


def _states_at_month_ends(year: int) -> dict[int, list[dict]]:
    """The register as known at each month end (Jan–Nov) of `year`, from one read of its history."""
    fields = ("start_date", "end_date", "unit", "extent", "price", "ifo_share_pct", "revenue_per_unit")
    cutoffs = [(m, start_of_day(month_end(year, m) + dt.timedelta(days=1))) for m in AS_OF_MONTHS]
    rows = (DecisionVersion.objects.filter(known_at__lt=cutoffs[-1][1]).order_by("known_at", "number")
            .values_list("decision_id", "known_at", *fields))
    latest: dict[int, dict] = {}
    snapshots: dict[int, list[dict]] = {}
    pending = list(cutoffs)
    for decision_id, known_at, *values in rows.iterator(chunk_size=5000):
        while pending and known_at >= pending[0][1]:
            snapshots[pending.pop(0)[0]] = list(latest.values())
        latest[decision_id] = dict(zip(fields, values))
    for month, _ in pending:
        snapshots[month] = list(latest.values())
    return snapshots


def backtest(year: int) -> Backtest:
    """Every month end's forecast of `year` (only what was known then) against the ledger's full-year net."""
    ledger = ledger_figures(year)
    actual = {int(label[-2:]): YearFigures(f.cost, f.revenue) for label, f in ledger.items()}
    rest: dict[int, YearFigures] = {}
    for month, states in _states_at_month_ends(year).items():
        first = dt.date(year, month + 1, 1)
        rows = [r for r in states if r["start_date"] <= dt.date(year, 12, 31)
                and (r["end_date"] is None or r["end_date"] >= first)]
        summary = summarise(rows, first, 12 - month, None)
        rest[month] = YearFigures(summary.total.cost, summary.total.revenue)
    return run_backtest(year, actual, rest)
