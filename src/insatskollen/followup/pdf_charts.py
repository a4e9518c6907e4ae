"""The report's three charts as reportlab drawings: monthly cost (bars), accumulated net against budget (lines),
average active interventions per code in January and the report's month (horizontal bars)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from insatskollen.core.numbers import format_number
from insatskollen.followup.charts import money_axis_text, nice_ticks
from insatskollen.followup.report import CommitteeReport

DARK = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#9dbbd8")
BUDGET = colors.HexColor("#c0392b")
GRID = colors.HexColor("#e1e6eb")


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def _legend(drawing: Drawing, items: list[tuple[colors.Color, str]], x: float, y: float, font: str) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = font, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.dx, legend.dy = 8, 8
    legend.colorNamePairs = items
    drawing.add(legend)


def _value_axis(axis, values: list[float], font: str) -> None:
    ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0))
    axis.valueMin, axis.valueMax, axis.valueStep = ticks[0], ticks[-1], ticks[1] - ticks[0]
    axis.labels.fontName, axis.labels.fontSize = font, 7
    top = ticks[-1]
    axis.labelTextFormat = lambda v: money_axis_text(v, top)
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = True, GRID, 0.5


def monthly_cost_drawing(report: CommitteeReport, width: float, font: str) -> Drawing:
    months = report.period_months
    height = 62 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 22 * mm, 10 * mm, width - 26 * mm, height - 20 * mm
    data = [[float(m.actual.cost) if m.actual else None for m in months]]
    legend = [(DARK, f"Kostnad enligt {report.source_text}")]
    if report.source == "ledger":
        data.append([float(m.register.cost) for m in months])
        legend.append((LIGHT, "Registrets kostnad"))
    chart.data = data
    chart.bars[0].fillColor, chart.bars[0].strokeColor = DARK, None
    if len(data) > 1:
        chart.bars[1].fillColor, chart.bars[1].strokeColor = LIGHT, None
    chart.categoryAxis.categoryNames = [m.name[:3] for m in months]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7.5
    chart.barSpacing, chart.groupSpacing = 1, 6
    _value_axis(chart.valueAxis, [v for series in data for v in series if v is not None], font)
    drawing.add(chart)
    _legend(drawing, legend, chart.x, height - 3 * mm, font)
    return drawing


def accumulated_drawing(report: CommitteeReport, width: float, font: str) -> Drawing:
    height = 62 * mm
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 22 * mm, 10 * mm, width - 26 * mm, height - 20 * mm
    actual = [(i + 1, float(m.accumulated_actual)) for i, m in enumerate(report.months)
              if m.accumulated_actual is not None]
    data = [actual]
    legend = [(DARK, "Ackumulerat utfall (netto)")]
    if report.has_budget:
        data.append([(i + 1, float(m.accumulated_budget)) for i, m in enumerate(report.months)])
        legend.append((BUDGET, "Ackumulerad budget"))
    plot.data = data
    plot.lines[0].strokeColor, plot.lines[0].strokeWidth = DARK, 2.2
    if len(data) > 1:
        plot.lines[1].strokeColor, plot.lines[1].strokeWidth = BUDGET, 1.6
        plot.lines[1].strokeDashArray = [4, 3]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = 0.5, 12.5, 1
    plot.xValueAxis.valueSteps = list(range(1, 13))
    names = [m.name[:3] for m in report.months]
    plot.xValueAxis.labelTextFormat = lambda v: names[round(v) - 1] if 1 <= round(v) <= 12 else ""
    plot.xValueAxis.labels.fontName, plot.xValueAxis.labels.fontSize = font, 7.5
    _value_axis(plot.yValueAxis, [y for series in data for _, y in series], font)
    drawing.add(plot)
    _legend(drawing, legend, plot.x, height - 3 * mm, font)
    return drawing


def counts_drawing(report: CommitteeReport, width: float, font: str) -> Drawing:
    rows = sorted(report.keyfigures, key=lambda r: r.average_active[-1])  # reportlab draws the first at the bottom
    row_height = 4.2 * mm
    height = row_height * len(rows) + 22 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 58 * mm, 10 * mm
    chart.width, chart.height = width - 62 * mm, row_height * len(rows)
    chart.data = [[r.average_active[0] for r in rows], [r.average_active[-1] for r in rows]]
    chart.bars[0].fillColor, chart.bars[0].strokeColor = LIGHT, None
    chart.bars[1].fillColor, chart.bars[1].strokeColor = DARK, None
    chart.categoryAxis.categoryNames = [_short(f"{r.code} {r.name}", 38) for r in rows]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.barSpacing, chart.groupSpacing = 0, 2
    ticks = nice_ticks(0.0, max((v for series in chart.data for v in series), default=1.0), min_step=1.0)
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = 0, ticks[-1], ticks[1] - ticks[0]
    axis.labels.fontName, axis.labels.fontSize = font, 7
    axis.labelTextFormat = lambda v: format_number(v)
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = True, GRID, 0.5
    drawing.add(chart)
    _legend(drawing, [(LIGHT, "Januari"), (DARK, report.period.month_name.capitalize())], chart.x,
            height - 3 * mm, font)
    if not rows:
        drawing.add(String(width / 2, height / 2, "Inga pågående insatser.", fontName=font, textAnchor="middle"))
    return drawing
