"""Every forecast method for one year as of one date, from plain inputs. Pure: no Django.

Months of the forecast year with ledger entries (up to the as-of month) are actual; the methods forecast the rest:
- `run_rate`: actual to date / months elapsed × 12 (the 2007 report; exact);
- `commitment`: actuals plus the register as known at the cut-off for the months after the last ledger month
  (with no ledger for the year, the register's whole year);
- `expected_change`: the commitment plus the components of `expected_change.py`;
- `baseline`: exponential smoothing (`baseline.py`) of the ledger's monthly cost and revenue, separately.
`run_rate` is always given (zero without a ledger, as the report's column would be); a method with nothing to stand
on is absent: no ledger → no baseline; no register for the year → no commitment and no expected_change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from insatskollen.forecasting import baseline as smoothing
from insatskollen.forecasting import expected_change as change
from insatskollen.forecasting.history import VersionHistory
from insatskollen.forecasting.methods import YearFigures, commitment, run_rate
from insatskollen.forecasting.series import LedgerSeries, month_index

METHODS = ("run_rate", "commitment", "expected_change", "baseline")


@dataclass(frozen=True)
class Inputs:
    """The register's history and the ledger, read once; `cutoff(day)` is the moment (seconds) after `day`."""

    history: VersionHistory
    ledger: LedgerSeries
    cutoff: Callable[[dt.date], int]


@dataclass
class Projection:
    year: int
    as_of: dt.date
    months_elapsed: int
    ledger_months: int  # months of the year with actuals (1..ledger_months); the methods forecast the rest
    actual: YearFigures
    methods: dict[str, YearFigures]
    rest: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # method → (cost, revenue)
    components: dict[str, Decimal] = field(default_factory=dict)

    def rest_net(self, method: str, months: int | None = None) -> float:
        """The method's forecast net of the first `months` forecast months (all when None)."""
        cost, revenue = self.rest[method]
        return float((cost[:months] - revenue[:months]).sum())


def months_elapsed(year: int, day: dt.date) -> int:
    return day.month if day.year == year else (12 if day.year > year else 0)


def _money(value: float) -> Decimal:
    return Decimal(repr(round(float(value), 2)))


def _figures(actual: YearFigures, cost: np.ndarray, revenue: np.ndarray) -> YearFigures:
    return commitment(actual.cost, actual.revenue, _money(cost.sum()), _money(revenue.sum()))


def project(inputs: Inputs, year: int, as_of: dt.date) -> Projection:
    """All methods' whole-year figures for `year`, using only what was known at the end of `as_of`."""
    first, december = year * 12, year * 12 + 11
    as_of_month = month_index(as_of)
    ledger = inputs.ledger.until(as_of_month)
    last = ledger.last_through(min(as_of_month, december))
    ledger_months = last - first + 1 if last is not None and last >= first else 0
    actual = YearFigures(_money(sum(ledger.value("cost", m) for m in range(first, first + ledger_months))),
                         _money(sum(ledger.value("revenue", m) for m in range(first, first + ledger_months))))
    elapsed = months_elapsed(year, as_of)
    result = Projection(year, as_of, elapsed, ledger_months, actual, {})
    rest_months = range(first + ledger_months, december + 1)
    figures = run_rate(actual.cost, actual.revenue, elapsed)
    result.methods["run_rate"] = figures
    per_month = 12 - ledger_months
    result.rest["run_rate"] = (np.full(per_month, float(figures.cost - actual.cost) / max(per_month, 1)),
                               np.full(per_month, float(figures.revenue - actual.revenue) / max(per_month, 1)))
    _register_methods(inputs, ledger, result, as_of, rest_months)
    if last is not None:
        _baseline(ledger, last, result, rest_months)
    return result


def _register_methods(inputs: Inputs, ledger: LedgerSeries, result: Projection, as_of: dt.date,
                      rest_months: range) -> None:
    history = inputs.history
    if history.n_decisions == 0:
        return
    year_first, as_of_month = result.year * 12, month_index(as_of)
    ctx = change.context(history, inputs.cutoff, as_of, result.year)
    if not (ctx.year_cost.any() or ctx.year_revenue.any()):
        return
    register = change.register_months(ctx, rest_months)
    result.methods["commitment"] = _figures(result.actual, register.cost, register.revenue)
    result.rest["commitment"] = (register.cost, register.revenue)
    ratios = change.drift_ratios(ctx, spans_year=as_of_month < year_first)
    drift = change.register_drift(ctx, ratios, rest_months)
    cost = register.cost + sum(p.cost for p in drift.values())
    revenue = register.revenue + sum(p.revenue for p in drift.values())
    parts = dict(drift)
    if ledger.cost:
        parts["ledger"] = change.ledger_gap(ctx, ledger, change.Path(rest_months.start, cost, revenue))
        cost, revenue = cost + parts["ledger"].cost, revenue + parts["ledger"].revenue
    else:
        parts["ledger"] = change.Path(rest_months.start, np.zeros(len(rest_months)), np.zeros(len(rest_months)))
    result.methods["expected_change"] = _figures(result.actual, cost, revenue)
    result.rest["expected_change"] = (cost, revenue)
    result.components = {name: _money(parts[name].cost.sum() - parts[name].revenue.sum())
                         for name in change.COMPONENTS}


def _baseline(ledger: LedgerSeries, last: int, result: Projection, rest_months: range) -> None:
    months = range(ledger.first, last + 1)
    horizon = rest_months.stop - 1 - last
    wanted = len(rest_months)
    paths = []
    for measure in ("cost", "revenue"):
        series = np.array([ledger.value(measure, m) for m in months])
        forecast, _ = smoothing.fit_forecast(series, horizon)
        paths.append(forecast[horizon - wanted:] if wanted else np.zeros(0))
    result.methods["baseline"] = _figures(result.actual, *paths)
    result.rest["baseline"] = (paths[0], paths[1])
