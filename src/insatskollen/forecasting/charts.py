"""Forecast charts as plain geometry for an inline SVG (the template followup/_chart.html draws it). Pure.

The waterfall of a bridge (start bar, one floating bar per driver, end bar), the deviation over the year from the
snapshots, and the backtest's error per month and method. Each page puts a table with the same figures next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

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


FONT_PX = 12  # the chart's text size in SVG units (app.css: .chart-label)
CHAR_PX = 7.2  # a generous average width of one character at FONT_PX
MIN_TICK_GAP = 2 * FONT_PX  # vertical room between two tick labels
LINE_PX = 13  # one line of a bar's label


def _axis(low: float, high: float, count: int = 5) -> list[float]:
    """Round ticks covering [low, high], about `count` steps; unlike nice_ticks not forced to include 0."""
    if high <= low:
        high = low + 1
    step_ticks = nice_ticks(0.0, high - low, count)
    step = step_ticks[1] - step_ticks[0]
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 6) for i in range(count + 1)]


def _spaced_axis(low: float, high: float, plot_height: float) -> list[float]:
    """Ticks at least MIN_TICK_GAP apart on a plot this tall, so that their labels never overlap: fewer steps
    first, then (on a very short plot) a doubled step, down to two ticks."""
    count = 5
    ticks = _axis(low, high, count)
    while count > 1 and plot_height / (len(ticks) - 1) < MIN_TICK_GAP:
        count -= 1
        ticks = _axis(low, high, count)
    while len(ticks) > 2 and plot_height / (len(ticks) - 1) < MIN_TICK_GAP:
        step = (ticks[1] - ticks[0]) * 2
        first = math.floor(low / step) * step
        steps = max(1, math.ceil((high - first) / step - 1e-9))
        ticks = [round(first + i * step, 6) for i in range(steps + 1)]
    return ticks


def tick_texts(ticks: list[float]) -> list[str]:
    """One format for the whole axis: mnkr when the largest tick reaches a million (else kr), with the decimals
    the step between ticks needs, the same on every tick: 218,4 / 218,6 / … / 219,0 / 219,2 mnkr."""
    top = max((abs(t) for t in ticks), default=0.0)
    scale, unit = (1_000_000, "mnkr") if top >= 1_000_000 else (1, "kr")
    step = min((b - a for a, b in pairwise(ticks)), default=1.0) / scale
    decimals = 0
    while decimals < 3 and abs(round(step, decimals) - step) > 1e-9 * max(1.0, abs(step)):
        decimals += 1
    return [f"{format_number(t / scale, decimals)} {unit}" for t in ticks]


def waterfall_chart(bars: list[WaterfallBar], *, title: str, desc: str, width: int = 720,
                    height: int = 300) -> SvgChart:
    """Bars in pixels. When the totals are far from 0 the axis is cut to the span of the bars (a bridge moves a
    few per cent of the net) and the totals rise from the bottom of the axis; otherwise the axis includes 0.
    Tick labels share one format and stand at least MIN_TICK_GAP apart; when the bars' labels are too wide for
    their slots, every other label goes one row lower, and the chart grows to make room."""
    left, right, top, bottom = 80, 10, 24, 64
    slot = (width - left - right) / max(len(bars), 1)
    labels = [_wrap(bar.label, max(4, int(slot / CHAR_PX))) for bar in bars]
    staggered = any(len(line) * CHAR_PX > slot - 4 for lines in labels for line in lines)
    row_drop = (max((len(lines) for lines in labels), default=1) * LINE_PX + 4) if staggered else 0
    height += row_drop
    values = [float(b.end) for b in bars] + [float(b.start) for b in bars if b.kind != "total"]
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.05 or 1.0
    plot_height = max(height - row_drop - top - bottom, MIN_TICK_GAP)
    if low > 0 and high - low < high / 2:
        ticks = _spaced_axis(low - pad, high + pad, plot_height)
        desc = f"{desc} Axeln börjar inte på noll utan vid {tick_texts(ticks)[0]}."
    else:
        ticks = _spaced_axis(min(low, 0.0), max(high, 0.0), plot_height)
    base = min(max(0.0, ticks[0]), ticks[-1])
    chart = SvgChart(width, height, title, desc,
                     legend=[("waterfall-total", "Prognos"), ("waterfall-up", "Ökar nettot"),
                             ("waterfall-down", "Minskar nettot")])
    scale = plot_height / (ticks[-1] - ticks[0])
    axis_bottom = height - row_drop - bottom

    def y_of(value: float) -> float:
        return round(top + (ticks[-1] - value) * scale, 1)

    for tick, text in zip(ticks, tick_texts(ticks)):
        chart.lines.append(Line(left, y_of(tick), width - right, y_of(tick),
                                "chart-axis" if tick == base else "chart-grid"))
        chart.texts.append(Text(left - 6, round(y_of(tick) + 4, 1), text, "end", "chart-tick"))
    for index, bar in enumerate(bars):
        x = round(left + index * slot + slot * 0.15, 1)
        start = base if bar.kind == "total" else float(bar.start)
        y_top, y_bottom = y_of(max(start, float(bar.end))), y_of(min(start, float(bar.end)))
        value = mnkr(bar.end) if bar.kind == "total" else mnkr(bar.amount, signed=True)
        chart.rects.append(Rect(x, y_top, round(slot * 0.7, 1), max(round(y_bottom - y_top, 1), 1.0),
                                f"waterfall-{bar.kind}", f"{bar.label}: {value}"))
        chart.texts.append(Text(round(x + slot * 0.35, 1), round(y_top - 6, 1), value))
        center = round(left + index * slot + slot / 2, 1)
        first_line = axis_bottom + 16 + (row_drop if index % 2 else 0)
        for line_no, part in enumerate(labels[index]):
            chart.texts.append(Text(center, first_line + LINE_PX * line_no, part))
        if index + 1 < len(bars):
            level = y_of(float(bar.end))
            chart.lines.append(Line(round(x + slot * 0.7, 1), level, round(x + slot * 1.15, 1), level,
                                    "waterfall-link"))
    return chart


def _wrap(label: str, width: int = 14) -> list[str]:
    """A bar's label in at most four short lines."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines[:4]


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
