"""Charts for the report as plain geometry for an inline SVG (the template draws it, escaping every text). Pure.

Three kinds: vertical grouped bars (monthly cost), lines (accumulated cost against budget) and horizontal grouped
bars (counts per code). Every chart carries its title and a description; the page puts a table next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from insatskollen.core.numbers import format_number


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Polyline:
    points: str
    css: str
    title: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    css: str = "chart-label"


@dataclass
class SvgChart:
    width: int
    height: int
    title: str
    desc: str
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    polylines: list[Polyline] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, label)


def nice_ticks(low: float, high: float, count: int = 5, *, min_step: float = 0.0) -> list[float]:
    """Round axis values covering [low, high], including 0; steps of at least `min_step` (1 for counts)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    raw = max((high - low) / count, min_step)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 6))
        value += step
    return ticks


def money_axis_text(value: float, top: float) -> str:
    """Axis labels in whole millions (mnkr) when the scale is large, else kronor."""
    if top >= 1_000_000:
        text = format_number(value / 1_000_000, 2)
        return f"{text.rstrip('0').rstrip(',')} mnkr"
    return f"{format_number(value)} kr"


def _r(value: float) -> float:
    return round(value, 1)


def _vertical_frame(labels: list[str], series: list[tuple[str, list[float | None], str]], *, title: str,
                    desc: str, value_text, width: int, height: int):
    """The chart with its value grid, tick texts and the labels under their slots; returns (chart, y_of, x_of,
    slot): y_of(value) is the height of a value, x_of(i) the left edge of label i's slot."""
    left, right, top, bottom = 70, 10, 12, 40
    values = [v for _, vs, _ in series for v in vs if v is not None]
    ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0))
    chart = SvgChart(width, height, title, desc, legend=[(css, name) for name, _, css in series])
    scale = (height - top - bottom) / (ticks[-1] - ticks[0])
    slot = (width - left - right) / max(len(labels), 1)

    def y_of(v: float) -> float:
        return top + (ticks[-1] - v) * scale

    def x_of(i: int) -> float:
        return left + i * slot

    for tick in ticks:
        chart.lines.append(Line(left, _r(y_of(tick)), width - right, _r(y_of(tick)),
                                "chart-axis" if tick == 0 else "chart-grid"))
        chart.texts.append(Text(left - 6, _r(y_of(tick) + 4), value_text(tick, ticks[-1]), "end", "chart-tick"))
    for i, label in enumerate(labels):
        chart.texts.append(Text(_r(x_of(i) + slot / 2), height - bottom + 16, label))
    return chart, y_of, x_of, slot


def bar_chart(labels: list[str], series: list[tuple[str, list[float | None], str]], *, title: str, desc: str,
              value_text, width: int = 640, height: int = 260) -> SvgChart:
    """Vertical grouped bars: `series` is [(name, values per label, css class)]."""
    chart, y_of, x_of, slot = _vertical_frame(labels, series, title=title, desc=desc, value_text=value_text,
                                              width=width, height=height)
    bar_w = slot * 0.75 / max(len(series), 1)
    for i, label in enumerate(labels):
        x0 = x_of(i) + slot * 0.125
        for s, (name, vs, css) in enumerate(series):
            v = vs[i]
            if v is None:
                continue
            y = y_of(max(v, 0.0))
            chart.rects.append(Rect(_r(x0 + s * bar_w), _r(y), _r(bar_w), _r(abs(y_of(v) - y_of(0.0))), css,
                                    f"{label}, {name}: {value_text(v, 0)}"))
    return chart


def line_chart(labels: list[str], series: list[tuple[str, list[float | None], str]], *, title: str, desc: str,
               value_text, width: int = 640, height: int = 260) -> SvgChart:
    """Lines over the labels; a None ends a line (months after the report's month)."""
    chart, y_of, x_of, slot = _vertical_frame(labels, series, title=title, desc=desc, value_text=value_text,
                                              width=width, height=height)
    for name, vs, css in series:
        points = [f"{_r(x_of(i) + slot / 2)},{_r(y_of(v))}" for i, v in enumerate(vs) if v is not None]
        last = next((v for v in reversed(vs) if v is not None), None)
        if points:
            chart.polylines.append(Polyline(" ".join(points), css, f"{name}: {value_text(last, 0)}"))
    return chart


def horizontal_bars(labels: list[str], series: list[tuple[str, list[float], str]], *, title: str, desc: str,
                    width: int = 640, row_height: int = 22) -> SvgChart:
    """Horizontal grouped bars, one row per label (e.g. an intervention code), a bar per series."""
    left, right, top, bottom = 250, 30, 8, 28
    height = top + bottom + row_height * max(len(labels), 1)
    values = [v for _, vs, _ in series for v in vs]
    ticks = nice_ticks(0.0, max(values, default=1.0), min_step=1.0)
    chart = SvgChart(width, height, title, desc, legend=[(css, name) for name, _, css in series])
    scale = (width - left - right) / (ticks[-1] or 1)
    for tick in ticks:
        x = _r(left + tick * scale)
        chart.lines.append(Line(x, top, x, height - bottom, "chart-axis" if tick == 0 else "chart-grid"))
        chart.texts.append(Text(x, height - bottom + 16, format_number(tick), "middle", "chart-tick"))
    bar_h = row_height * 0.8 / max(len(series), 1)
    for i, label in enumerate(labels):
        y0 = top + i * row_height + row_height * 0.1
        chart.texts.append(Text(left - 6, _r(y0 + row_height * 0.45), label, "end"))
        for s, (name, vs, css) in enumerate(series):
            chart.rects.append(Rect(left, _r(y0 + s * bar_h), _r(vs[i] * scale), _r(bar_h), css,
                                    f"{label}, {name}: {format_number(vs[i], 1)}"))
    return chart
