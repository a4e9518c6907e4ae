"""The forecast pages' tables as CSV: one file per page, `;`-separated UTF-8 with BOM like the register export,
what a Swedish Excel opens directly. Amounts keep their öre with a decimal comma and no thousands separator (so
they stay numbers), dates are YYYY-MM-DD, and a text cell that a spreadsheet would read as a formula is
neutralised by the register export's own rule."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from insatskollen.forecasting.backtest import Backtest
from insatskollen.forecasting.bridge import Bridge
from insatskollen.forecasting.reading import ForecastReading
from insatskollen.forecasting.tables import Table, backtest_table, bridge_table, forecast_table
from insatskollen.register.exporting import neutralise_formula

BOM = "\ufeff"


def csv_cell(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "text":
        return neutralise_formula(str(value))
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if kind == "count":
        return str(int(value))
    return f"{Decimal(value):.2f}".replace(".", ",")  # money and percent: two decimals, decimal comma


def render_table_csv(table: Table) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_formula(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(value, kind) for value, kind in zip(row, table.kinds)])
    return (BOM + text.getvalue()).encode("utf-8")


def forecast_csv(reading: ForecastReading) -> bytes:
    return render_table_csv(forecast_table(reading))


def bridge_csv(bridge: Bridge) -> bytes:
    return render_table_csv(bridge_table(bridge))


def backtest_csv(result: Backtest) -> bytes:
    return render_table_csv(backtest_table(result))
