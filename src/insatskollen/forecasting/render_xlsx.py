"""The forecast pages as xlsx workbooks: the forecast (Prognos, Träffsäkerhet, Brygga), the bridge (Brygga) and the
backtest (Träffsäkerhet, Metoder).

Amounts are numbers with their öre, shown in whole kronor ("1 234 567 kr" in a Swedish Excel); percentages are
numbers of percent; dates are dates. Text is always written as text, with formulas, numbers and URLs never read
out of strings, so nothing from the data (a Beslut-id "=HYPERLINK(…)") can become a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import xlsxwriter

from insatskollen.forecasting.backtest import Backtest
from insatskollen.forecasting.reading import ForecastReading, day_text
from insatskollen.forecasting.selectors import Forecast
from insatskollen.forecasting.snapshots import method_label
from insatskollen.forecasting.tables import (
    Table,
    backtest_methods_table,
    backtest_table,
    bridge_table,
    components_table,
    evidence_table,
    interval_label,
    methods_table,
)

FORMATS = {"money": '#,##0 "kr"', "percent": '0.0 "%"', "count": "0", "date": "yyyy-mm-dd"}
WIDTHS = {"text": 28, "money": 16, "percent": 12, "count": 10, "date": 12}
ERROR_NOTE = ("Fel = (prognos − utfall) / utfall i procent; plus betyder att prognosen var för hög. "
              "MAPE är medelvärdet av felens belopp: lägre är bättre.")


class _Sheet:
    def __init__(self, workbook, name: str, formats: dict) -> None:
        self.sheet = workbook.add_worksheet(name)
        self.formats = formats
        self.row = 0

    def cell(self, column: int, value, kind: str, bold: bool = False) -> None:
        fmt = self.formats[f"{kind}_bold" if bold else kind]
        if value is None or value == "":
            self.sheet.write_blank(self.row, column, None, fmt)
        elif kind == "text":
            self.sheet.write_string(self.row, column, str(value), fmt)
        elif kind == "date":
            self.sheet.write_datetime(self.row, column, dt.datetime.combine(value, dt.time.min), fmt)
        else:
            self.sheet.write_number(self.row, column, float(value) if isinstance(value, Decimal) else value, fmt)

    def line(self, text: str, kind: str = "text") -> None:
        self.sheet.write_string(self.row, 0, text, self.formats[kind])
        self.row += 1

    def fact(self, label: str, value, kind: str) -> None:
        self.cell(0, label, "text", bold=True)
        self.cell(1, value, kind)
        self.row += 1

    def table(self, table: Table, freeze: bool = False) -> None:
        for column, (header, kind) in enumerate(table.columns):
            self.sheet.write_string(self.row, column, header, self.formats["header"])
            self.sheet.set_column(column, column, max(WIDTHS[kind], min(len(header) + 2, 40)))
        if freeze:
            self.sheet.freeze_panes(self.row + 1, 0)
        self.row += 1
        for index, values in enumerate(table.rows):
            for column, (value, kind) in enumerate(zip(values, table.kinds)):
                self.cell(column, value, kind, bold=index in table.bold)
            self.row += 1
        self.row += 1


def _formats(workbook) -> dict:
    formats = {"header": workbook.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF",
                                             "text_wrap": True, "valign": "top"}),
               "title": workbook.add_format({"bold": True, "font_size": 14})}
    for kind in ("text", *FORMATS):
        spec = {"num_format": FORMATS[kind]} if kind in FORMATS else {}
        formats[kind] = workbook.add_format(spec)
        formats[f"{kind}_bold"] = workbook.add_format({**spec, "bold": True})
    return formats


def _workbook(title: str, build) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
    workbook.set_properties({"title": title})
    build(workbook, _formats(workbook))
    workbook.close()
    return buffer.getvalue()


def _forecast_sheet(workbook, formats, reading: ForecastReading) -> None:
    result: Forecast = reading.forecast
    s = _Sheet(workbook, "Prognos", formats)
    s.line(f"Prognos för helåret {result.year} per {day_text(result.as_of)}", "title")
    s.row += 1
    chosen = result.methods[result.recommended]
    interval = interval_label(reading)
    for label, value, kind in [
        ("År", result.year, "count"), ("Prognos per", result.as_of, "date"), ("Nettobudget", result.budget_net, "money"),
        ("Utfall hittills, kostnad", result.actual.cost, "money"),
        ("Utfall hittills, intäkt", result.actual.revenue, "money"),
        ("Utfall hittills, netto", result.actual.net, "money"),
        ("Rekommenderad metod", method_label(result.recommended), "text"),
        ("Förväntat netto helår", chosen.net, "money"),
        ("Avvikelse mot budget", result.budget_net - chosen.net, "money"),
        (f"{interval}, lägst", result.interval.low if result.interval else None, "money"),
        (f"{interval}, högst", result.interval.high if result.interval else None, "money"),
    ]:
        s.fact(label, value, kind)
    s.row += 1
    s.table(methods_table(reading))
    if result.components:
        s.table(components_table(reading))
    s.line("Avvikelse = budget − förväntat netto: plus är överskott, minus underskott. Beloppen i hela kronor, "
           "cellerna har ören.")
    s.sheet.set_column(0, 0, 34)


def _evidence_sheet(workbook, formats, reading: ForecastReading) -> None:
    s = _Sheet(workbook, "Träffsäkerhet", formats)
    s.line(f"Metodernas träffsäkerhet, prognos per {day_text(reading.forecast.as_of)}", "title")
    s.line(reading.forecast.evidence_basis)
    s.line(ERROR_NOTE)
    s.row += 1
    s.table(evidence_table(reading))


def _bridge_sheet(workbook, formats, bridge) -> None:
    s = _Sheet(workbook, "Brygga", formats)
    s.line(f"Prognosens förändring {day_text(bridge.date_from)} – {day_text(bridge.date_to)}", "title")
    s.line(f"Förväntat netto enligt {method_label(bridge.method).lower()}. Plus ökar det förväntade nettot (sämre mot "
           "budget), minus minskar det. Klienternas personnummer visas maskerade.")
    s.row += 1
    budget_change = (bridge.budget_to or 0) - (bridge.budget_from or 0)
    change = bridge.net_to - bridge.net_from
    for label, value, kind in [
        ("Från prognosdatum", bridge.date_from, "date"), ("Till prognosdatum", bridge.date_to, "date"),
        ("Förändring av förväntat netto", change, "money"),
        ("Budget per från-datumet", bridge.budget_from, "money"), ("Budget per till-datumet", bridge.budget_to, "money"),
        ("Budgetförändring", budget_change, "money"),
        ("Avvikelsen mot budget ändrades", budget_change - change, "money"),
    ]:
        s.fact(label, value, kind)
    s.row += 1
    s.table(bridge_table(bridge))
    s.sheet.set_column(1, 1, 34)


def forecast_xlsx(reading: ForecastReading) -> bytes:
    def build(workbook, formats):
        _forecast_sheet(workbook, formats, reading)
        _evidence_sheet(workbook, formats, reading)
        if reading.bridge is not None:
            _bridge_sheet(workbook, formats, reading.bridge)

    result = reading.forecast
    return _workbook(f"Prognos för helåret {result.year} per {result.as_of.isoformat()}", build)


def bridge_xlsx(bridge) -> bytes:
    return _workbook(f"Prognosens förändring {bridge.date_from.isoformat()} – {bridge.date_to.isoformat()}",
                     lambda workbook, formats: _bridge_sheet(workbook, formats, bridge))


def backtest_xlsx(result: Backtest) -> bytes:
    def build(workbook, formats):
        s = _Sheet(workbook, "Träffsäkerhet", formats)
        s.line(f"Prognosernas träffsäkerhet {result.year}", "title")
        s.line(ERROR_NOTE)
        s.row += 1
        s.fact("Faktiskt netto", result.actual_net, "money")
        s.row += 1
        s.table(backtest_table(result), freeze=True)
        m = _Sheet(workbook, "Metoder", formats)
        m.line(f"Genomsnittligt fel per metod {result.year} (januari–november)", "title")
        m.row += 1
        m.table(backtest_methods_table(result))
        m.sheet.set_column(0, 0, 48)

    return _workbook(f"Prognosernas träffsäkerhet {result.year}", build)
