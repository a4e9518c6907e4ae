"""The backtest: how far each method's year-end forecast was from the year's actual net, month by month. Pure.

At each month end from January to November the methods forecast the year-end net using only what was known then;
the absolute percentage error is |forecast − actual| / |actual| × 100 against the ledger's full-year net, the bias
is the mean signed percentage error (positive: forecasts too high), and the MAPE the mean of the errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.forecasting.methods import YearFigures, commitment, run_rate

AS_OF_MONTHS = range(1, 12)
ZERO = Decimal(0)


def month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def percentage_error(forecast_net: Decimal, actual_net: Decimal) -> Decimal | None:
    """Signed error in percent of the actual net, to two decimals; None when the actual net is zero."""
    if actual_net == 0:
        return None
    return ((forecast_net - actual_net) / abs(actual_net) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class MethodBacktest:
    method: str
    forecasts: dict[int, Decimal] = field(default_factory=dict)  # as-of month → forecast net
    errors: dict[int, Decimal | None] = field(default_factory=dict)  # as-of month → signed percentage error

    def _mean(self, values: list[Decimal]) -> Decimal | None:
        if not values:
            return None
        return (sum(values, ZERO) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def mape(self) -> Decimal | None:
        return self._mean([abs(e) for e in self.errors.values() if e is not None])

    @property
    def bias(self) -> Decimal | None:
        return self._mean([e for e in self.errors.values() if e is not None])

    def as_dict(self, year: int) -> dict:
        months = [{"as_of": month_end(year, m).isoformat(), "forecast_net": float(net),
                   "ape": None if self.errors[m] is None else float(abs(self.errors[m])),
                   "error_pct": None if self.errors[m] is None else float(self.errors[m])}
                  for m, net in sorted(self.forecasts.items())]
        return {"months": months, "mape": None if self.mape is None else float(self.mape),
                "bias": None if self.bias is None else float(self.bias)}


@dataclass
class Backtest:
    year: int
    actual_net: Decimal
    methods: dict[str, MethodBacktest]
    recommended: MethodBacktest | None = None
    recommended_methods: dict[int, str] = field(default_factory=dict)  # as-of month → the method recommended then
    intervals: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)  # as-of month → its 80 % interval

    @property
    def coverage(self) -> Decimal | None:
        """The share (%) of the month ends whose 80 % interval held the year's actual net."""
        if not self.intervals:
            return None
        inside = sum(low <= self.actual_net <= high for low, high in self.intervals.values())
        return (Decimal(100) * inside / len(self.intervals)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def rank(self, references: tuple[str, ...]) -> tuple[int, int] | None:
        """(the recommended forecast's place by MAPE among it and the `references` present, how many they are)."""
        if self.recommended is None or self.recommended.mape is None:
            return None
        scores = [m.mape for name, m in self.methods.items() if name in references and m.mape is not None]
        return 1 + sum(s < self.recommended.mape for s in scores), len(scores) + 1

    def as_dict(self) -> dict:
        result = {"year": self.year, "actual_net": float(self.actual_net),
                  "methods": {name: m.as_dict(self.year) for name, m in self.methods.items()},
                  "mape": {name: None if m.mape is None else float(m.mape) for name, m in self.methods.items()}}
        if self.recommended is not None:
            recommended = self.recommended.as_dict(self.year)
            for row, month in zip(recommended["months"], sorted(self.recommended.forecasts)):
                row["method"] = self.recommended_methods[month]
            result["recommended"] = recommended
        result["intervals"] = {month_end(self.year, m).isoformat(): [float(low), float(high)]
                               for m, (low, high) in sorted(self.intervals.items())}
        result["coverage"] = None if self.coverage is None else float(self.coverage)
        return result


def score_backtest(year: int, actual_net: Decimal, forecasts: dict[str, dict[int, Decimal]],
                   recommended: dict[int, str] | None = None) -> Backtest:
    """Score each method's forecast net per as-of month against the actual net; `recommended`: as-of month →
    the method the evidence recommended then (scored as its own row)."""
    methods = {}
    for name, nets in forecasts.items():
        if nets:
            methods[name] = MethodBacktest(name, dict(nets), {m: percentage_error(n, actual_net) for m, n in
                                                               nets.items()})
    result = Backtest(year=year, actual_net=actual_net, methods=methods)
    if recommended:
        chosen = {m: forecasts[name][m] for m, name in recommended.items()}
        result.recommended = MethodBacktest("recommended", chosen, {m: percentage_error(n, actual_net)
                                                                     for m, n in chosen.items()})
        result.recommended_methods = dict(recommended)
    return result


def run_backtest(year: int, actual: dict[int, YearFigures], register_rest: dict[int, YearFigures]) -> Backtest:
    """Run rate and commitment only, from plain figures. `actual`: the ledger's cost and revenue per month number
    (1–12); `register_rest`: per as-of month, the register's cost and revenue after that month to December as known
    at its end (absent or zero: no register)."""
    actual_net = sum((f.net for f in actual.values()), ZERO)
    forecasts: dict[str, dict[int, Decimal]] = {"run_rate": {}, "commitment": {}}
    for month in AS_OF_MONTHS:
        to_date = [actual.get(m, YearFigures(ZERO, ZERO)) for m in range(1, month + 1)]
        cost, revenue = sum((f.cost for f in to_date), ZERO), sum((f.revenue for f in to_date), ZERO)
        forecasts["run_rate"][month] = run_rate(cost, revenue, month).net
        rest = register_rest.get(month)
        if rest is not None and (rest.cost or rest.revenue):
            forecasts["commitment"][month] = commitment(cost, revenue, rest.cost, rest.revenue).net
    return score_backtest(year, actual_net, forecasts)
