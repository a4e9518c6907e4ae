"""Forecast charts as plain geometry for an inline SVG (the template followup/_chart.html draws it). Pure.

The waterfall of a bridge (start bar, one floating bar per driver, end bar), the deviation over the year from the
snapshots, and the backtest's error per month and method. Each page puts a table with the same figures next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.numbers import format_number
from insatskollen.followup.charts import Line, Rect, SvgChart, Text, line_chart, money_axis_text, nice_ticks

LINE_CSS = ("chart-line", "chart-line-budget", "chart-line-3", "chart-line-4")


def mnkr(value: Decimal | float, *, signed: bool = False) -> str:
    """Millions of kronor with a decimal comma: 230,5 mnkr (two decimals below 0,1 mnkr); signed: +1,2 / −0,07."""
    millions = Decimal(str(value)) / 1_000_000
    decimals = 1 if abs(millions) >= Decimal("0.1") else 2
    text = f"{format_number(millions, decimals)} mnkr"
    return f"+{text}" if signed and round(millions, decimals) > 0 else text


@dataclass(frozen=True)
class WaterfallBar:
    """One bar in value space: it spans from `start` to `end`. kind: total, up (net grows) or down."""

    label: str
    start: Decimal
    end: Decimal
    kind: str

    @property
    def amount(self) -> Decimal:
        return self.end - self.start


def waterfall_bars(net_from: Decimal, drivers: list[tuple[str, Decimal]], net_to: Decimal, *,
                   from_label: str, to_label: str) -> list[WaterfallBar]:
    """The start total, each driver floating from where the previous ended, and the end total.

    Drivers of zero are left out. When the drivers do not add up to net_to − net_from, the end bar still shows
    net_to (the caller adds the remainder as a driver so that they do)."""
    bars = [WaterfallBar(from_label, Decimal(0), net_from, "total")]
    level = net_from
    for label, amount in drivers:
        if not amount:
            continue
        bars.append(WaterfallBar(label, level, level + amount, "up" if amount > 0 else "down"))
        level += amount
    bars.append(WaterfallBar(to_label, Decimal(0), net_to, "total"))
    return bars


def _axis(low: float, high: float) -> list[float]:
    """Round ticks covering [low, high]; unlike nice_ticks not forced to include 0."""
    if high <= low:
        high = low + 1
    step_ticks = nice_ticks(0.0, high - low)
    step = step_ticks[1] - step_ticks[0]
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 6) for i in range(count + 1)]


def waterfall_chart(bars: list[WaterfallBar], *, title: str, desc: str, width: int = 720,
                    height: int = 300) -> SvgChart:
    """Bars in pixels. When the totals are far from 0 the axis is cut to the span of the bars (a bridge moves a
    few per cent of the net) and the totals rise from the bottom of the axis; otherwise the axis includes 0."""
    left, right, top, bottom = 80, 10, 24, 64
    values = [float(b.end) for b in bars] + [float(b.start) for b in bars if b.kind != "total"]
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.05 or 1.0
    if low > 0 and high - low < high / 2:
        ticks = _axis(low - pad, high + pad)
        desc = f"{desc} Axeln börjar inte på noll utan vid {money_axis_text(ticks[0], ticks[-1])}."
    else:
        ticks = _axis(min(low, 0.0), max(high, 0.0))
    base = min(max(0.0, ticks[0]), ticks[-1])
    chart = SvgChart(width, height, title, desc,
                     legend=[("waterfall-total", "Prognos"), ("waterfall-up", "Ökar nettot"),
                             ("waterfall-down", "Minskar nettot")])
    scale = (height - top - bottom) / (ticks[-1] - ticks[0])

    def y_of(value: float) -> float:
        return round(top + (ticks[-1] - value) * scale, 1)

    top_tick = max(abs(ticks[0]), abs(ticks[-1]))
    for tick in ticks:
        chart.lines.append(Line(left, y_of(tick), width - right, y_of(tick),
                                "chart-axis" if tick == base else "chart-grid"))
        chart.texts.append(Text(left - 6, round(y_of(tick) + 4, 1), money_axis_text(tick, top_tick), "end",
                                "chart-tick"))
    slot = (width - left - right) / max(len(bars), 1)
    for index, bar in enumerate(bars):
        x = round(left + index * slot + slot * 0.15, 1)
        start = base if bar.kind == "total" else float(bar.start)
        y_top, y_bottom = y_of(max(start, float(bar.end))), y_of(min(start, float(bar.end)))
        value = mnkr(bar.end) if bar.kind == "total" else mnkr(bar.amount, signed=True)
        chart.rects.append(Rect(x, y_top, round(slot * 0.7, 1), max(round(y_bottom - y_top, 1), 1.0),
                                f"waterfall-{bar.kind}", f"{bar.label}: {value}"))
        chart.texts.append(Text(round(x + slot * 0.35, 1), round(y_top - 6, 1), value))
        center = round(left + index * slot + slot / 2, 1)
        for line_no, part in enumerate(_wrap(bar.label)):
            chart.texts.append(Text(center, height - bottom + 16 + 13 * line_no, part))
        if index + 1 < len(bars):
            level = y_of(float(bar.end))
            chart.lines.append(Line(round(x + slot * 0.7, 1), level, round(x + slot * 1.15, 1), level,
                                    "waterfall-link"))
    return chart


def _wrap(label: str, width: int = 14) -> list[str]:
    """A bar's label in at most three short lines."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines[:3]


def deviation_chart(labels: list[str], deviations: list[Decimal | None], *, title: str, desc: str) -> SvgChart:
    """The forecast's deviation from budget per month end (None where no snapshot was taken)."""
    values = [None if d is None else float(d) for d in deviations]
    return line_chart(labels, [("Avvikelse mot budget", values, "chart-line")], title=title, desc=desc,
                      value_text=money_axis_text)


def percent_axis_text(value: float, _top: float) -> str:
    return f"{format_number(value, 1)} %"


def error_chart(labels: list[str], series: list[tuple[str, list[Decimal | None]]], *, title: str,
                desc: str) -> SvgChart:
    """Absolute percentage error per month end, one line per method."""
    lines = [(name, [None if v is None else float(v) for v in values], LINE_CSS[i % len(LINE_CSS)])
             for i, (name, values) in enumerate(series)]
    return line_chart(labels, lines, title=title, desc=desc, value_text=percent_axis_text)
