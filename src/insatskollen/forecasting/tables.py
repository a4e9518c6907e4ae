"""The forecast pages' tables as rows of typed cells, for the xlsx and CSV downloads. Every figure is taken as it is
from the objects the pages render (a `ForecastReading`, a `Bridge`, a `Backtest`): nothing is computed again.

A column's kind says how a renderer writes its cells: "text", "money" (SEK, Decimal), "percent" (a number of
percent, 12.34 = 12,34 %), "count" (a whole number) or "date".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.core.numbers import format_number
from insatskollen.forecasting.backtest import AS_OF_MONTHS, Backtest, month_end
from insatskollen.forecasting.bridge import LABELS, Bridge
from insatskollen.forecasting.reading import ForecastReading, day_text
from insatskollen.forecasting.selectors import COMPONENT_LABELS
from insatskollen.forecasting.snapshots import METHOD_DESCRIPTIONS, method_label

YES = "ja"


@dataclass
class Table:
    columns: list[tuple[str, str]]  # (Swedish header, kind)
    rows: list[list] = field(default_factory=list)
    bold: set[int] = field(default_factory=set)  # indexes of rows to set in bold

    @property
    def headers(self) -> list[str]:
        return [header for header, _ in self.columns]

    @property
    def kinds(self) -> list[str]:
        return [kind for _, kind in self.columns]

    def add(self, values: list, *, bold: bool = False) -> None:
        if bold:
            self.bold.add(len(self.rows))
        self.rows.append(values)


def interval_label(reading: ForecastReading) -> str:
    interval = reading.forecast.interval
    level = format_number(interval.level * 100) if interval else "80"
    return f"Intervall {level} %"


def error_count(reading: ForecastReading) -> int:
    return max((len(errors) for errors in reading.errors.values()), default=0)


def methods_table(reading: ForecastReading) -> Table:
    """The forecast page's method table: each method's year-end figures, the recommended one marked."""
    result = reading.forecast
    table = Table([("Metod", "text"), ("Rekommenderad", "text"), ("Förväntad kostnad", "money"),
                   ("Förväntad intäkt", "money"), ("Förväntat netto", "money"), ("Avvikelse mot budget", "money"),
                   ("Fel förr (MAPE), %", "percent"), ("Så räknas den", "text")])
    for name, figures in result.methods.items():
        chosen = name == result.recommended
        table.add([method_label(name), YES if chosen else "", figures.cost, figures.revenue, figures.net,
                   result.budget_net - figures.net, result.evidence.get(name), METHOD_DESCRIPTIONS.get(name, "")],
                  bold=chosen)
    return table


def components_table(reading: ForecastReading) -> Table:
    table = Table([("Del av den förväntade förändringen", "text"), ("Belopp", "money")])
    for name, amount in reading.forecast.components.items():
        table.add([COMPONENT_LABELS.get(name, name), amount])
    return table


def evidence_table(reading: ForecastReading) -> Table:
    """Each method's past errors (the evidence the recommendation rests on) and their mean, the MAPE."""
    count = error_count(reading)
    result = reading.forecast
    table = Table([("Metod", "text"), ("Rekommenderad", "text"), ("Fel förr (MAPE), %", "percent"),
                   ("Antal prövningar", "count"), *[(f"Fel {i}, %", "percent") for i in range(1, count + 1)]])
    for name in result.methods:
        errors = reading.errors.get(name, [])
        chosen = name == result.recommended
        table.add([method_label(name), YES if chosen else "", result.evidence.get(name), len(errors),
                   *errors, *[None] * (count - len(errors))], bold=chosen)
    return table


def forecast_table(reading: ForecastReading) -> Table:
    """The forecast as one flat table (the CSV): one row per method with the year, the date, the budget, the actuals
    to date, the interval (on the recommended row) and the method's past errors."""
    result = reading.forecast
    count = error_count(reading)
    interval = interval_label(reading)
    table = Table([("År", "count"), ("Prognos per", "date"), ("Metodnyckel", "text"), ("Metod", "text"),
                   ("Rekommenderad", "text"), ("Nettobudget", "money"), ("Utfall hittills kostnad", "money"),
                   ("Utfall hittills intäkt", "money"), ("Utfall hittills netto", "money"),
                   ("Förväntad kostnad", "money"), ("Förväntad intäkt", "money"), ("Förväntat netto", "money"),
                   ("Avvikelse mot budget", "money"), (f"{interval} lägst", "money"),
                   (f"{interval} högst", "money"), ("Fel förr (MAPE), %", "percent"),
                   *[(f"Fel {i}, %", "percent") for i in range(1, count + 1)]])
    actual = result.actual
    for name, figures in result.methods.items():
        chosen = name == result.recommended
        low = result.interval.low if chosen and result.interval else None
        high = result.interval.high if chosen and result.interval else None
        errors = reading.errors.get(name, [])
        table.add([result.year, result.as_of, name, method_label(name), YES if chosen else "", result.budget_net,
                   actual.cost, actual.revenue, actual.net, figures.cost, figures.revenue, figures.net,
                   result.budget_net - figures.net, low, high, result.evidence.get(name),
                   *errors, *[None] * (count - len(errors))], bold=chosen)
    return table


def bridge_table(bridge: Bridge) -> Table:
    """The bridge as the bridge page shows it: the forecast on the first date, each driver with the decisions behind
    it (largest amount first) or the ledger's months, and the forecast on the second date. The "Rad" column says what
    a row is, so that a filter on "Orsak" (or "Prognos") gives rows that add up."""
    table = Table([("Rad", "text"), ("Orsak", "text"), ("Beslut", "text"), ("Klient", "text"), ("Månad", "text"),
                   ("Belopp", "money"), ("Antal beslut", "count")])
    table.add(["Prognos", f"Prognos per {day_text(bridge.date_from)}", "", "", "", bridge.net_from, None],
              bold=True)
    for driver in bridge.drivers:
        label = LABELS[driver.driver]
        table.add(["Orsak", label, "", "", "", driver.amount, len(driver.cases) or None], bold=True)
        for case in sorted(driver.cases, key=lambda c: (-abs(c.amount), c.decision)):
            table.add(["Beslut", label, case.decision, case.client, "", case.amount, None])
        for month, net in driver.months.items():
            table.add(["Månad", label, "", "", month, net, None])
    table.add(["Prognos", f"Prognos per {day_text(bridge.date_to)}", "", "", "", bridge.net_to, None], bold=True)
    return table


def backtest_table(result: Backtest) -> Table:
    """The backtest page's month-by-month table: each method's forecast of the year-end net and its error at each
    month end, and the method recommended then."""
    names = list(result.methods)
    columns = [("Prognos per", "date"), ("Månad", "text")]
    for name in names:
        columns += [(f"{method_label(name)}: prognos", "money"), (f"{method_label(name)}: fel, %", "percent")]
    if result.recommended is not None:
        columns += [("Rekommenderad då", "text"), ("Rekommenderad: prognos", "money"),
                    ("Rekommenderad: fel, %", "percent")]
    table = Table(columns)
    for month in AS_OF_MONTHS:
        row = [month_end(result.year, month), SWEDISH_MONTHS[month - 1].capitalize()]
        for name in names:
            row += [result.methods[name].forecasts.get(month), result.methods[name].errors.get(month)]
        if result.recommended is not None:
            chosen = result.recommended_methods.get(month)
            row += [method_label(chosen) if chosen else "", result.recommended.forecasts.get(month),
                    result.recommended.errors.get(month)]
        table.add(row)
    return table


def backtest_methods_table(result: Backtest) -> Table:
    """The backtest page's summary: each method's mean absolute error (MAPE) and bias over the month ends."""
    table = Table([("Metod", "text"), ("MAPE (genomsnittligt absolut fel), %", "percent"),
                   ("Bias (plus: för höga prognoser), %", "percent")])
    for name, scored in result.methods.items():
        table.add([method_label(name), scored.mape, scored.bias])
    if result.recommended is not None:
        table.add(["Rekommenderad metod (vald vid varje månadsskifte)", result.recommended.mape,
                   result.recommended.bias], bold=True)
    return table
