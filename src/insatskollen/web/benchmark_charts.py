"""A position chart for the comparison page: each district a dot on one axis of cost per person, the unit's own
marked. Pure: the template draws the SVG; the table beside it holds the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.numbers import format_sek

WIDTH, LEFT, RIGHT = 720, 150, 150  # room for a label centred on the outermost dots


@dataclass(frozen=True)
class Dot:
    x: float
    label: str
    value_text: str
    own: bool
    y: int


@dataclass(frozen=True)
class PositionChart:
    width: int
    height: int
    axis_y: int
    dots: list[Dot]
    low_text: str
    high_text: str
    left: int = LEFT
    right: int = WIDTH - RIGHT


def position_chart(points: list[tuple[str, Decimal, bool]]) -> PositionChart | None:
    """(district, value, own) → dots on a line from the lowest to the highest value; labels alternate above and
    below the line so that neighbours do not overlap."""
    if not points:
        return None
    values = [float(v) for _, v, _ in points]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    plot = WIDTH - LEFT - RIGHT
    ordered = sorted(points, key=lambda p: p[1])
    dots = [Dot(x=round(LEFT + plot * (float(v) - low) / span if high > low else WIDTH / 2, 1), label=name,
                value_text=format_sek(v), own=own, y=30 if i % 2 == 0 else 96)
            for i, (name, v, own) in enumerate(ordered)]
    return PositionChart(width=WIDTH, height=120, axis_y=64, dots=dots, low_text=format_sek(Decimal(low)),
                         high_text=format_sek(Decimal(high)))
