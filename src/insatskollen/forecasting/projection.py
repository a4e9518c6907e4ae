"""Every forecast method for one year as of one date, from plain inputs. Pure: no Django.

Which months are actual (formats.md §4): a month counts once the as-of date is its last day or later (as of
4 December, January–November), and only while the ledger has entries for every month from January on. A month that
has ended but has no ledger entries is *missing*: it is flagged (`missing_months`), never read as zero, and it and
the months after it are forecast by the methods:
- `run_rate`: actual to date / the months it sums × 12 (the 2007 report; exact);
- `seasonal_naive`: last year's ledger for the months still to come, scaled by this year's actual to date over the
  same months of last year (cost and revenue separately; needs last year's twelve months);
- `commitment`: actuals plus the register as known at the cut-off for the months after the last ledger month
  (with no ledger for the year, the register's whole year);
- `expected_change`: the commitment plus the components of `expected_change.py`, each shrunk towards zero by how
  little evidence it rests on and the whole bounded by the largest year-on-year change the ledger has shown;
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
from insatskollen.forecasting.registry import SINGLE
from insatskollen.forecasting.series import LedgerSeries, month_index

METHODS = SINGLE  # every method a projection can give, in the registry's order (the combination is made later)


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
    single_snapshot: bool = False  # the register as known then had never been revised: one snapshot, no history
    shrinkage: dict[str, float] = field(default_factory=dict)  # expected-change component → weight kept (0–1)

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
    _seasonal_naive(ledger, result, rest_months)
    _register_methods(inputs, ledger, result, as_of, rest_months)
    if last is not None:
        _baseline(ledger, last, result, rest_months)
    return result


def _seasonal_naive(ledger: LedgerSeries, result: Projection, rest_months: range) -> None:
    """Last year's months still to come, scaled by this year's run so far (this year's actual months over the same
    months of last year), cost and revenue separately. Absent without last year's twelve months."""
    first, done = result.year * 12, result.ledger_months
    if not all(ledger.has(m) for m in range(first - 12, first)):
        return
    paths = []
    for measure in ("cost", "revenue"):
        last_year = np.array([ledger.value(measure, m - 12) for m in rest_months])
        so_far = sum(ledger.value(measure, first + i) for i in range(done))
        before = sum(ledger.value(measure, first - 12 + i) for i in range(done))
        scale = so_far / before if done and before > 0 else 1.0
        paths.append(last_year * scale)
    result.methods["seasonal_naive"] = _figures(result.actual, *paths)
    result.rest["seasonal_naive"] = (paths[0], paths[1])


def single_snapshot(history: VersionHistory, cutoff: int) -> bool:
    """Whether the register as known at `cutoff` had never been revised (no period believed then had been
    superseded by then): one snapshot, loaded as it stood, with no history of changes."""
    believed = history.known < cutoff
    return bool(believed.any()) and not bool((history.known_to[believed] <= cutoff).any())


def year_on_year_bound(ledger: LedgerSeries, before: int) -> float:
    """The largest relative change of the ledger's annual net from one complete year to the next, among the years
    complete before month index `before` (0 when fewer than two): what the unit's own history has ever shown."""
    years = sorted({m // 12 for m in ledger.cost if m // 12 * 12 + 11 < before})
    nets = {y: sum(ledger.value("cost", y * 12 + i) - ledger.value("revenue", y * 12 + i) for i in range(12))
            for y in years if all(ledger.has(y * 12 + i) for i in range(12))}
    changes = [abs(nets[y] / nets[y - 1] - 1) for y in nets if y - 1 in nets and nets[y - 1] > 0]
    return max(changes, default=0.0)


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
    result.single_snapshot = single_snapshot(history, inputs.cutoff(as_of))
    ratios = change.drift_ratios(ctx, spans_year=as_of_month < year_first)
    drift = change.register_drift(ctx, ratios, rest_months)
    # Shrinkage: a component keeps the share n / (n + PRIOR) of its estimate, n the evidence it rests on. One
    # snapshot shows decisions arriving but not the exits and changes it overwrote: its drift rests on nothing.
    drift_months = 0 if result.single_snapshot else change.drift_evidence(ctx)
    keep = {cut: drift_months / (drift_months + PRIOR_MONTHS) for cut in change.CUTS}
    drift = {cut: change.Path(p.first, p.cost * keep[cut], p.revenue * keep[cut]) for cut, p in drift.items()}
    cost = register.cost + sum(p.cost for p in drift.values())
    revenue = register.revenue + sum(p.revenue for p in drift.values())
    parts = dict(drift)
    if ledger.cost:
        gap = change.ledger_gap(ctx, ledger, change.Path(rest_months.start, cost, revenue))
        gap_months = change.gap_evidence(ctx)
        keep["ledger"] = gap_months / (gap_months + PRIOR_MONTHS)
        parts["ledger"] = change.Path(gap.first, gap.cost * keep["ledger"], gap.revenue * keep["ledger"])
        cost, revenue = cost + parts["ledger"].cost, revenue + parts["ledger"].revenue
    else:
        keep["ledger"] = 0.0
        parts["ledger"] = change.Path(rest_months.start, np.zeros(len(rest_months)), np.zeros(len(rest_months)))
    # Bounded by the unit's own history: the whole change beyond the commitment is at most the largest
    # year-on-year change of the annual net the ledger has shown, of the commitment's months still to come.
    limit = year_on_year_bound(ledger, year_first) * abs(float((register.cost - register.revenue).sum()))
    added = float((cost - revenue).sum() - (register.cost - register.revenue).sum())
    if abs(added) > limit:
        factor = limit / abs(added)
        parts = {name: change.Path(p.first, p.cost * factor, p.revenue * factor) for name, p in parts.items()}
        keep = {name: value * factor for name, value in keep.items()}
        cost = register.cost + sum(p.cost for p in parts.values())
        revenue = register.revenue + sum(p.revenue for p in parts.values())
    result.shrinkage = keep
    result.methods["expected_change"] = _figures(result.actual, cost, revenue)
    result.rest["expected_change"] = (cost, revenue)
    result.components = {name: _money(parts[name].cost.sum() - parts[name].revenue.sum())
                         for name in change.COMPONENTS}


PRIOR_MONTHS = 12  # a component's estimate counts half once it rests on a year of month ends


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
