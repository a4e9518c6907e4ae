"""Demo forecast history: the month-end snapshots of last year and of this year's ended months, so the forecast
page shows its Tables 1–2 history and the bridges between them from the first login."""

from __future__ import annotations

import datetime as dt

from insatskollen.forecasting.backtest import month_end
from insatskollen.forecasting.selectors import Forecaster, load_inputs
from insatskollen.forecasting.services import UNCHANGED, forecast_snapshot_take


def seed_forecasts(*, today: dt.date, seed: int) -> dict[str, int]:
    """Snapshots per ended month end of last year and this year, taken by the system. `seed` is unused: the
    snapshots follow from the register and ledger already loaded. Counts for the report."""
    del seed
    days = [month_end(year, month) for year in (today.year - 1, today.year) for month in range(1, 13)
            if month_end(year, month) < today]
    counts = {"forecast_snapshots": 0}
    if not days:
        return counts
    forecaster = Forecaster(load_inputs(days[-1]))  # one read; each snapshot is still cut at its own month end
    for day in days:
        snapshot = forecast_snapshot_take(year=day.year, as_of=day, actor=None, forecaster=forecaster)
        counts["forecast_snapshots"] += snapshot.outcome != UNCHANGED
    return counts
