"""A simple, accessible bar chart as data for an inline SVG. Pure: the template draws it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.numbers import format_sek

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 16, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_text: str
    negative: bool

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    label_y: float


def bar_chart(values: list[tuple[str, Decimal]], *, width: int = WIDTH, height: int = HEIGHT) -> BarChart:
    """Bars for (label, value) pairs; negative values hang below the baseline."""
    numbers = [float(v) for _, v in values]
    top = max([0.0, *numbers])
    bottom = min([0.0, *numbers])
    span = (top - bottom) or 1.0
    plot_height = height - TOP - BOTTOM
    baseline = TOP + plot_height * top / span
    slot = (width - LEFT - RIGHT) / max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(values):
        size = plot_height * abs(float(value)) / span
        y = baseline - size if value >= 0 else baseline
        bars.append(Bar(x=round(LEFT + index * slot + slot * 0.15, 1), y=round(y, 1), width=round(slot * 0.7, 1),
                        height=round(size, 1), label=label, value_text=format_sek(value), negative=value < 0))
    return BarChart(width=width, height=height, baseline=round(baseline, 1), bars=bars, label_y=height - 8)
