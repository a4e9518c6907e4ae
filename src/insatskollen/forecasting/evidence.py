"""Which method to recommend, by evidence, and how wide the 80 % prediction interval is. Pure: no Django.

Evidence, in order of preference:
1. Earlier years: for every earlier year whose ledger is complete (all twelve months) and over by the as-of date,
   each method forecasts that year as of the same day of the year (for a forecast made before its year: the same
   day of the year before; only what was known then); its error is the
   signed percentage error of the year-end net. MAPE per method over those years (at most `MAX_YEARS`, latest).
2. In-year hindcasts (no complete earlier year, e.g. a unit with one year of files): each method's forecast at
   every earlier month end of this year, scored on the months that have since become actual (the percentage error
   of their net). Needs two months of actuals.
3. Nothing: `commitment` when the register has the year, else `run_rate`.
The recommended method is the one with the lowest MAPE (ties: the order of PREFERENCE), and always one of the
forecast's methods.

Interval (80 %) around the recommended net: from the recommended method's errors e₁…eₙ (in-year errors are
scaled to the year by the forecast months' share of the year's net), half-width = t(0.90, n) · RMS(e), but at
least FLOOR_PCT × the share of the year still to forecast. With later as-of months the errors, and so the width,
shrink; in December it is the floor of nothing left: zero.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.forecasting.backtest import month_end, percentage_error
from insatskollen.forecasting.projection import Projection

MAX_YEARS = 3
LEVEL = 0.8
FLOOR_PCT = 0.5
PREFERENCE = ("expected_change", "commitment", "baseline", "run_rate")
# Student's t, 0.90 quantile, by degrees of freedom (1–10); beyond: the normal 1.2816 approached via 1.30.
T90 = (3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372)


@dataclass(frozen=True)
class PredictionInterval:
    level: float
    low: Decimal
    high: Decimal
    method: str

    def as_dict(self) -> dict:
        return {"level": self.level, "low": float(self.low), "high": float(self.high), "method": self.method}


@dataclass(frozen=True)
class Evidence:
    errors: dict[str, list[Decimal]]  # method → signed percentage errors of the year-end net
    basis: str
    kind: str  # "years", "in_year" or "none"
    keys: dict[str, list[int]] = field(default_factory=dict)  # method → the year (or month) of each error

    def mape(self) -> dict[str, Decimal | None]:
        return {name: _mean([abs(e) for e in values]) for name, values in self.errors.items()}


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def same_day(year: int, day: dt.date) -> dt.date:
    """`day` moved to `year`; a month end stays a month end (29 February → 28)."""
    if day == month_end(day.year, day.month):
        return month_end(year, day.month)
    return day.replace(year=year, day=min(day.day, month_end(year, day.month).day))


def _years_text(years: list[int]) -> str:
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _when(day: dt.date) -> str:
    name = SWEDISH_MONTHS[day.month - 1]
    return f"i slutet av {name}" if day == month_end(day.year, day.month) else f"per {day.day} {name}"


def from_years(project: Callable[[int, dt.date], Projection], years: list[int], as_of: dt.date,
               actual_net: dict[int, Decimal], methods: list[str], forecast_year: int | None = None) -> Evidence | None:
    """Evidence 1: the methods' errors at the same day of each earlier complete year (as far before or into that
    year as `as_of` is before or into `forecast_year`, by default its own year)."""
    forecast_year = as_of.year if forecast_year is None else forecast_year
    years = sorted(years)[-MAX_YEARS:]
    if not years:
        return None
    errors: dict[str, list[Decimal]] = {name: [] for name in methods}
    keys: dict[str, list[int]] = {name: [] for name in methods}
    for year in years:
        past = project(year, same_day(as_of.year - (forecast_year - year), as_of))
        for name in methods:
            if name in past.methods:
                error = percentage_error(past.methods[name].net, actual_net[year])
                if error is not None:
                    errors[name].append(error)
                    keys[name].append(year)
    basis = f"Träffsäkerhet {_when(as_of)} {_years_text(years)}"
    if forecast_year != as_of.year:
        basis = f"Träffsäkerhet för åren {_years_text(years)}, prognos {_when(as_of)} året före"
    return Evidence(errors, basis, "years", keys)


def from_hindcasts(project: Callable[[int, dt.date], Projection], current: Projection,
                   actual_by_month: dict[int, Decimal], methods: list[str]) -> Evidence | None:
    """Evidence 2: forecasts at this year's earlier month ends, scored on the months actual since."""
    done = current.ledger_months
    if done < 2:
        return None
    errors: dict[str, list[Decimal]] = {name: [] for name in methods}
    keys: dict[str, list[int]] = {name: [] for name in methods}
    share = _rest_share(current)
    for month in range(1, done):
        past = project(current.year, month_end(current.year, month))
        truth = sum((actual_by_month[m] for m in range(month + 1, done + 1)), Decimal(0))
        for name in methods:
            if name in past.rest:
                predicted = Decimal(repr(round(past.rest_net(name, done - month), 2)))
                error = percentage_error(predicted, truth)
                if error is not None:
                    errors[name].append((error * share.get(name, Decimal(1))).quantize(Decimal("0.01")))
                    keys[name].append(month)
    last = SWEDISH_MONTHS[done - 1]
    basis = (f"Efterhandsprognoser vid månadsskiftena {current.year} (januari–{SWEDISH_MONTHS[done - 2]}), "
             f"bedömda mot utfallet till och med {last}")
    return Evidence(errors, basis, "in_year", keys)


def _rest_share(current: Projection) -> dict[str, Decimal]:
    """Per method: the forecast months' share of the year-end net (scales an error on them to the year)."""
    shares = {}
    for name, figures in current.methods.items():
        if name in current.rest and figures.net:
            shares[name] = abs(Decimal(repr(round(current.rest_net(name), 2))) / figures.net)
    return shares


def choose(methods: list[str], evidence: Evidence | None, has_register: bool) -> str:
    """The recommended method: lowest MAPE in the evidence, else the documented default."""
    if evidence is not None:
        scored = {name: value for name, value in evidence.mape().items() if value is not None and name in methods}
        if scored:
            return min(scored, key=lambda name: (scored[name], PREFERENCE.index(name)))
    return "commitment" if has_register and "commitment" in methods else "run_rate"


def interval(net: Decimal, method: str, evidence: Evidence | None, rest_share: float) -> PredictionInterval | None:
    """The 80 % prediction interval around `net` (see the module docstring); None without evidence."""
    if evidence is None or not evidence.errors.get(method):
        return None
    errors = [float(e) for e in evidence.errors[method]]
    n = len(errors)
    rms = math.sqrt(sum(e * e for e in errors) / n)
    t = T90[n - 1] if n <= len(T90) else 1.30
    half_pct = max(t * rms, FLOOR_PCT * rest_share)
    half = (abs(net) * Decimal(repr(half_pct)) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return PredictionInterval(LEVEL, net - half, net + half, method)
