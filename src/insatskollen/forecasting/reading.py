"""What the forecast page shows, read once: the forecast with its evidence (each method's past errors) and the
bridge since the previous month end. The page, its downloads and the API all take their figures from here, so a
figure is the same wherever it is read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.forecasting.backtest import month_end
from insatskollen.forecasting.bridge import Bridge
from insatskollen.forecasting.selectors import Forecast, Forecaster, forecast, forecast_bridge, load_inputs


@dataclass(frozen=True)
class ForecastReading:
    forecast: Forecast
    errors: dict[str, list[Decimal]]  # method → its past signed percentage errors (the evidence behind the MAPE)
    bridge: Bridge | None  # from the previous month end to as_of; None in January


def day_text(day: dt.date) -> str:
    """31 oktober 2026."""
    return f"{day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}"


def latest_month_end(today: dt.date) -> dt.date:
    """The end of the last ended month."""
    return today.replace(day=1) - dt.timedelta(days=1)


def default_as_of(year: int, today: dt.date) -> dt.date:
    """The forecast date when none is asked for: the latest month end of `year` (31 December of a past year,
    31 January of a year not yet reached)."""
    latest = latest_month_end(today)
    if latest.year > year:
        return dt.date(year, 12, 31)
    return latest if latest.year == year else month_end(year, 1)


def read_forecast(year: int, as_of: dt.date, *, bridge_method: str | None = None) -> ForecastReading:
    """One read of the register and ledger serves the forecast, its evidence and the bridge from the previous
    month end (the evidence is the one the forecast's recommendation used). The bridge
    explains `bridge_method` (default: the recommended method)."""
    forecaster = Forecaster(load_inputs(max(as_of, dt.date(year, 1, 1) - dt.timedelta(days=1))))
    result = forecast(year, as_of, forecaster=forecaster)
    # Each method's past errors, the combination's own among them: the errors its MAPE is the mean of.
    errors = {name: list(result.evidence_errors.get(name, [])) for name in result.methods}
    bridge = None
    if as_of.month > 1 and as_of.year == year:
        bridge = forecast_bridge(month_end(year, as_of.month - 1), as_of, method=bridge_method,
                                 forecaster=forecaster)
    return ForecastReading(forecast=result, errors=errors, bridge=bridge)
