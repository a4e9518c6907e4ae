"""The commitment forecast with expected change: what the register does not know yet. Pure: no Django.

Everything is estimated from the unit's own history as it was known at the forecast's cut-off, per intervention
type, in NumPy:

- Register drift (`new_decisions`, `ends`, `changes`). At each month end t of a window before the as-of month
  (12 months plus one per forecast month, at most 24), the register as known at t projected month t+k; what
  month t+k really held is the register as known a month after it (at most at its year's end, so January's
  indexation does not reprice the year before). The difference, split by decision, is: decisions not yet known
  at t (new decisions), decisions whose end date moved (ends), and the rest (changes of extent, level, price).
  Per intervention type and horizon k the drift ratio is Σ difference / Σ projection at t; the forecast applies
  it to the register's projection k months after the as-of month. Months not after the as-of month get none.
  Skipped: pairs (t, t+k) where the register at t knew less than half of month t+k's cost, and every t before
  the first end the register records (before it, a register holds only the survivors of its start: no ends, too
  many new decisions; a register with no end at all gives no drift). Pairs spanning a new year are used only when
  the forecast itself spans one (then the January indexation is part of `changes`). A horizon with no pair gets
  k × the slope fitted through the origin to the observed horizons.
- `ledger`: the ledger's systematic difference from the register (invoices' lag, the December accrual and
  settlement, price differences, bookings with no decision). Per month, the gap is ledger − register (as the
  month was known once over). Its seasonal shape is each earlier complete year's monthly gap ratio minus that
  year's ratio (with no earlier complete year: January's deviation, the reversal of December's accrual, mirrored
  in December); its level is this year's ratio (the forecast year's ledger months, de-seasonalised), else the
  latest three months'. A forecast month's gap is (register + drift) × (level + its calendar month's shape).
Cost and revenue are estimated separately; the components are reported as net (cost − revenue). Results that do
not depend on the as-of date (a past month's register, a pair's sums) are cached on the history, so the
forecasts of earlier years for the evidence reuse them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from insatskollen.costing.engine import OPEN_END, day_number
from insatskollen.forecasting.history import State, VersionHistory
from insatskollen.forecasting.series import LedgerSeries, month_date

COMPONENTS = ("new_decisions", "ends", "changes", "ledger")
LABELS = {
    "new_decisions": "Nya beslut",
    "ends": "Avslutade beslut",
    "changes": "Ändrad omfattning, nivå och pris",
    "ledger": "Huvudbokens eftersläpning och avvikelse",
}
DRIFT_WINDOW = 24
GAP_WINDOW = 36
CUTS = ("new_decisions", "ends", "changes")
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Path:
    """Cost and revenue for each month of a span (month indexes `first`..)."""

    first: int
    cost: np.ndarray
    revenue: np.ndarray


@dataclass(frozen=True)
class Truth:
    """The register's view of a past month once it was over: per decision, its cost and revenue that month, priced
    with the state known a month after it (at most at the year's end, so a later indexation does not reprice it)."""

    state: State
    cost: np.ndarray
    revenue: np.ndarray


@dataclass(frozen=True)
class Context:
    """The history, the as-of month, the state at the cut-off priced over the forecast year, and the past months'
    truths (computed when first needed)."""

    history: VersionHistory
    cutoff: Callable[[dt.date], int]
    as_of_month: int
    now: State
    year_first: int
    year_cost: np.ndarray  # decisions × the 12 months of the forecast year
    year_revenue: np.ndarray
    truth_cutoffs: dict[int, int]  # month index → the cut-off its truth is known at
    truths: dict[int, Truth] = field(default_factory=dict)
    observed: dict[str, int] = field(default_factory=dict)  # how much evidence each estimate rested on

    def truth(self, month: int) -> Truth:
        if month not in self.truths:
            state = self.history.state_at(self.truth_cutoffs[month])
            priced = state.costs(month_date(month), 1)
            self.truths[month] = Truth(state, priced.cost[:, 0], priced.revenue[:, 0])
        return self.truths[month]

    def truth_totals(self, month: int) -> tuple[float, float]:
        key = ("truth", month, self.truth_cutoffs[month])
        if key not in self.history.cache:
            truth = self.truth(month)
            self.history.cache[key] = (float(truth.cost.sum()), float(truth.revenue.sum()))
        return self.history.cache[key]


def _month_end(month: int) -> dt.date:
    return month_date(month + 1) - dt.timedelta(days=1)


def context(history: VersionHistory, cutoff: Callable[[dt.date], int], as_of: dt.date, year: int) -> Context:
    """What the estimation reads, from the state known at the end of `as_of`."""
    now_cutoff = cutoff(as_of)
    as_of_month = as_of.year * 12 + as_of.month - 1
    now = history.state_at(now_cutoff)
    priced = now.costs(dt.date(year, 1, 1), 12)
    truth_cutoffs = {month: min(cutoff(_month_end(min(month + 1, (month // 12) * 12 + 11))), now_cutoff)
                     for month in range(as_of_month - GAP_WINDOW, as_of_month + 1)}
    return Context(history, cutoff, as_of_month, now, year * 12, priced.cost, priced.revenue, truth_cutoffs)


def _grouped(values: np.ndarray, keys: np.ndarray, groups: int) -> np.ndarray:
    return np.bincount(keys, weights=values, minlength=groups)


def _pair(ctx: Context, then_cutoff: int, month: int, then: list) -> dict | None:
    """Sums per type of one pair (month end t, month j): the projection at t and the three cuts of the difference;
    None when the register at t knew less than MIN_COVERAGE of month j. Cached on the history."""
    key = ("pair", then_cutoff, month, ctx.truth_cutoffs[month])
    cache = ctx.history.cache
    if key not in cache:
        if not then:
            then.append(ctx.history.state_at(then_cutoff))
        state, truth = then[0], ctx.truth(month)
        priced = state.costs(month_date(month), 1)
        if priced.cost[:, 0].sum() < MIN_COVERAGE * truth.cost.sum() or not truth.cost.any():
            cache[key] = None
            return None
        groups, code = ctx.history.types.shape[0], truth.state.code
        new = truth.state.known & ~state.known
        ended = state.known & (state.end != truth.state.end)
        changed = state.known & ~ended
        sums = {}
        for measure, base, actual in (("cost", priced.cost[:, 0], truth.cost),
                                      ("revenue", priced.revenue[:, 0], truth.revenue)):
            sums[measure] = {"base": _grouped(base * state.known, code, groups),
                             "new_decisions": _grouped(actual * new, code, groups),
                             "ends": _grouped((actual - base) * ended, code, groups),
                             "changes": _grouped((actual - base) * changed, code, groups)}
        cache[key] = sums
    return cache[key]


def drift_ratios(ctx: Context, spans_year: bool) -> dict[str, dict[str, np.ndarray]]:
    """Per measure (cost, revenue) and cut: ratio[type, k] for k = 1..11 (types as in the history)."""
    groups = ctx.history.types.shape[0]
    sums = {m: {c: np.zeros((groups, 12)) for c in (*CUTS, "base")} for m in ("cost", "revenue")}
    pairs = np.zeros(12)
    ends = ctx.now.end[ctx.now.known & (ctx.now.end != OPEN_END)]
    first_end = int(ends.min()) if ends.size else None
    needed = 11 if spans_year else 11 - ctx.as_of_month % 12  # the horizons the forecast will use
    month_ends = 0
    for month in range(ctx.as_of_month - min(DRIFT_WINDOW, 12 + needed), ctx.as_of_month):
        if first_end is None or day_number(_month_end(month)) < first_end:
            continue  # before the register's first recorded end it holds only the survivors of its start
        last = ctx.as_of_month if spans_year else min(ctx.as_of_month, (month // 12) * 12 + 11)
        last = min(last, month + needed)
        then_cutoff, then = ctx.cutoff(_month_end(month)), []
        seen = False
        for k in range(1, last - month + 1):
            pair = _pair(ctx, then_cutoff, month + k, then)
            if pair is None:
                continue
            seen = True
            for measure, values in pair.items():
                for name, by_type in values.items():
                    sums[measure][name][:, k] += by_type
            pairs[k] += 1
        month_ends += seen
    ctx.observed["drift"] = month_ends
    ratios: dict[str, dict[str, np.ndarray]] = {}
    for measure, target in sums.items():
        base = target["base"]
        ratios[measure] = {}
        for cut in CUTS:
            ratio = np.divide(target[cut], base, out=np.zeros_like(base), where=base > 0)
            ratios[measure][cut] = _extrapolate(ratio, pairs)
    return ratios


def _extrapolate(ratio: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Horizons never observed: k × the slope through the origin fitted to the observed horizons (weighted by their
    number of month ends)."""
    k = np.arange(12, dtype=np.float64)
    weights = pairs * k * k
    if not weights.any():
        return np.zeros_like(ratio)
    slope = (ratio * (pairs * k)[None, :]).sum(axis=1) / weights.sum()
    return np.where(pairs[None, :] > 0, ratio, slope[:, None] * k[None, :])


def register_drift(ctx: Context, ratios, months: range) -> dict[str, Path]:
    """The drift of each cut for `months` (month indexes), applying the ratio at horizon month − as-of month."""
    known = ctx.now.known
    code, groups = ctx.now.code[known], ctx.history.types.shape[0]
    columns = [m - ctx.year_first for m in months]
    by_type = {}
    for measure, matrix in (("cost", ctx.year_cost), ("revenue", ctx.year_revenue)):
        selected = matrix[known][:, columns]
        by_type[measure] = [_grouped(selected[:, i], code, groups) for i in range(len(columns))]
    result: dict[str, Path] = {}
    for cut in CUTS:
        values = {}
        for measure in ("cost", "revenue"):
            out = np.zeros(len(columns))
            for i, month in enumerate(months):
                k = month - ctx.as_of_month
                if 1 <= k <= 11:
                    out[i] = float(by_type[measure][i] @ ratios[measure][cut][:, k])
            values[measure] = out
        result[cut] = Path(months.start, values["cost"], values["revenue"])
    return result


def register_months(ctx: Context, months: range) -> Path:
    """The register (as known at the cut-off) per month of the forecast year."""
    columns = [m - ctx.year_first for m in months]
    return Path(months.start, ctx.year_cost[:, columns].sum(axis=0), ctx.year_revenue[:, columns].sum(axis=0))


def ledger_gap(ctx: Context, ledger: LedgerSeries, expected: Path) -> Path:
    """The ledger's expected difference from the register in the months of `expected` (see module docstring)."""
    months = [m for m in sorted(ctx.truth_cutoffs) if ledger.has(m)]
    totals = {m: ctx.truth_totals(m) for m in months}
    out = {}
    for index, measure in enumerate(("cost", "revenue")):
        register = {m: totals[m][index] for m in months}
        gap = {m: ledger.value(measure, m) - register[m] for m in months}
        offsets = np.zeros(12)
        years = sorted({m // 12 for m in months if m < ctx.year_first})
        complete = [y for y in years if all(y * 12 + i in register and register[y * 12 + i] > 0 for i in range(12))]
        for y in complete:
            ratio = np.array([gap[y * 12 + i] / register[y * 12 + i] for i in range(12)])
            year_ratio = sum(gap[y * 12 + i] for i in range(12)) / sum(register[y * 12 + i] for i in range(12))
            offsets += (ratio - year_ratio) / len(complete)
        january = ctx.year_first
        if not complete and january in register and register[january] > 0 and january - 1 in register:
            # No earlier year to learn from: January's reversal of the December accrual mirrors December's.
            others = [m for m in months if m > january and register[m] > 0]
            if others:
                level_rest = sum(gap[m] for m in others) / sum(register[m] for m in others)
                offsets[0] = gap[january] / register[january] - level_rest
                offsets[11] = -offsets[0]
        level_months = [m for m in months if m >= ctx.year_first and register[m] > 0] or \
            [m for m in months if register[m] > 0][-3:]
        ctx.observed["ledger"] = max(ctx.observed.get("ledger", 0), len(level_months))
        base = sum(register[m] for m in level_months)
        level = (sum(gap[m] - offsets[m % 12] * register[m] for m in level_months) / base) if base > 0 else 0.0
        values = getattr(expected, measure)
        out[measure] = np.array([values[i] * (level + offsets[(expected.first + i) % 12])
                                 for i in range(values.shape[0])])
    return Path(expected.first, out["cost"], out["revenue"])


def drift_evidence(ctx: Context) -> int:
    """How many month ends the drift ratios were learnt from (after `drift_ratios`)."""
    return ctx.observed.get("drift", 0)


def gap_evidence(ctx: Context) -> int:
    """How many ledger months the ledger gap's level was learnt from (after `ledger_gap`)."""
    return ctx.observed.get("ledger", 0)
