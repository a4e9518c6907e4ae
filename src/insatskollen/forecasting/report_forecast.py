"""The committee report carries the forecast: the recommended year-end net, its interval and the bridge since the
last report, with the forecast page's figures on the same date. This app sits above the report's (followup), so it
fills the report's `forecast` in; the report itself never forecasts."""

from __future__ import annotations

import dataclasses
import datetime as dt

from insatskollen.followup.report import CommitteeReport, ForecastDriver, ReportForecast
from insatskollen.forecasting.bridge import LABELS
from insatskollen.forecasting.selectors import Forecaster, forecast, forecast_bridge, load_inputs
from insatskollen.forecasting.snapshots import method_label


def with_forecast(report: CommitteeReport) -> CommitteeReport:
    """The report with the forecast as of its date (the month's end, or today while the month runs)."""
    year, as_of = report.period.year, report.forecast_as_of
    if as_of < dt.date(year, 1, 1):
        return report
    forecaster = Forecaster(load_inputs(max(as_of, dt.date(year, 1, 1) - dt.timedelta(days=1))))
    result = forecast(year, as_of, forecaster=forecaster)
    since = report.previous_report_day
    # A bridge only within the year: the report before January's forecast another year.
    bridge = (forecast_bridge(since, as_of, method=result.recommended, forecaster=forecaster)
              if since.year == year and since < as_of else None)
    chosen = result.methods[result.recommended]
    drivers = [ForecastDriver(LABELS[d.driver], d.amount, len(d.cases)) for d in bridge.drivers if d.amount] \
        if bridge else []
    return dataclasses.replace(report, forecast=ReportForecast(
        as_of=as_of, method=method_label(result.recommended), net=chosen.net,
        budget_net=None if report.total.budget_year is None else result.budget_net,
        low=result.interval.low if result.interval else None, high=result.interval.high if result.interval else None,
        actual_span=result.actual_span, since=since if bridge else None,
        net_since=bridge.net_from if bridge else None, drivers=drivers, year_complete=result.ledger_months == 12,
        missing=result.missing_labels))
