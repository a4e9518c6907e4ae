"""Every forecast method for one year as of one date, from plain inputs. Pure: no Django.

Which months are actual (formats.md §4): a month counts once the as-of date is its last day or later (as of
4 December, January–November), and only while the ledger has entries for every month from January on. A month that
has ended but has no ledger entries is *missing*: it is flagged (`missing_months`), never read as zero, and it and
the months after it are forecast by the methods:
- `run_rate`: actual to date / the months it sums × 12 (the 2007 report; exact);
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

from insatskollen.costing.money import span_amount
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
    missing_months: list[int] = field(default_factory=list)  # ended months (1–12) with no ledger entries

    def rest_net(self, method: str, months: int | None = None) -> float:
        """The method's forecast net of the first `months` forecast months (all when None)."""
        cost, revenue = self.rest[method]
        return float((cost[:months] - revenue[:months]).sum())


def last_ended_month(day: dt.date) -> int:
    """The month index of the last month that has ended by the end of `day` (its last day counts as ended)."""
    return month_index(day) if (day + dt.timedelta(days=1)).day == 1 else month_index(day) - 1


def months_elapsed(year: int, day: dt.date) -> int:
    """How many months of `year` had ended by `day`: 11 on 4 December, 12 on 31 December."""
    return min(max(last_ended_month(day) - year * 12 + 1, 0), 12)


def actual_months(ledger: LedgerSeries, year: int, day: dt.date) -> tuple[int, list[int]]:
    """(how many months from January count as actual, the ended months 1–12 without ledger entries)."""
    elapsed = months_elapsed(year, day)
    first = year * 12
    missing = [m + 1 for m in range(elapsed) if not ledger.has(first + m)]
    counted = missing[0] - 1 if missing else elapsed
    return counted, missing


def _money(value: float) -> Decimal:
    return Decimal(repr(round(float(value), 2)))


def _figures(actual: YearFigures, cost: np.ndarray, revenue: np.ndarray) -> YearFigures:
    return commitment(actual.cost, actual.revenue, _money(cost.sum()), _money(revenue.sum()))


def project(inputs: Inputs, year: int, as_of: dt.date) -> Projection:
    """All methods' whole-year figures for `year`, using only what was known at the end of `as_of`."""
    first, december = year * 12, year * 12 + 11
    ledger = inputs.ledger.until(last_ended_month(as_of))
    ledger_months, missing = actual_months(ledger, year, as_of)
    last = first + ledger_months - 1 if ledger_months else ledger.last_through(first - 1)
    actual = YearFigures(_money(sum(ledger.value("cost", m) for m in range(first, first + ledger_months))),
                         _money(sum(ledger.value("revenue", m) for m in range(first, first + ledger_months))))
    elapsed = months_elapsed(year, as_of)
    result = Projection(year, as_of, elapsed, ledger_months, actual, {}, missing_months=missing)
    rest_months = range(first + ledger_months, december + 1)
    figures = run_rate(actual.cost, actual.revenue, ledger_months)
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
    # The register's part is the register selector's figure for those months, rounded once (costing.money).
    columns = [m - year_first for m in rest_months]
    result.methods["commitment"] = commitment(result.actual.cost, result.actual.revenue,
                                              span_amount(ctx.year_cost[:, columns]),
                                              span_amount(ctx.year_revenue[:, columns]))
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
