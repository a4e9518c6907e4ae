"""The comparison panel: how a case's granted extent and cost compare with similar cases. Pure.

Similar cases are the decisions with the same intervention code, the same level and the same unit of extent,
active in the conference's week, across the whole unit (the case itself excluded). The panel gives their
number, the least, median and greatest extent and full-year cost, and where this case lies among them.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.numbers import format_number


@dataclass(frozen=True)
class Peer:
    extent: Decimal
    annual_cost: Decimal


@dataclass(frozen=True)
class Comparison:
    case_extent: Decimal | None
    case_cost: Decimal | None
    extents: tuple[Decimal, ...]  # the similar cases' extents, ascending
    costs: tuple[Decimal, ...]  # their full-year costs, ascending
    below: int  # similar cases with a smaller extent than this case
    above: int  # ... with a greater extent

    @property
    def count(self) -> int:
        return len(self.extents)

    @property
    def same(self) -> int:
        return self.count - self.below - self.above

    def _stat(self, values: tuple[Decimal, ...], how) -> Decimal | None:
        return how(values) if values else None

    @property
    def extent_min(self) -> Decimal | None:
        return self._stat(self.extents, min)

    @property
    def extent_median(self) -> Decimal | None:
        return self._stat(self.extents, statistics.median)

    @property
    def extent_max(self) -> Decimal | None:
        return self._stat(self.extents, max)

    @property
    def cost_min(self) -> Decimal | None:
        return self._stat(self.costs, min)

    @property
    def cost_median(self) -> Decimal | None:
        return self._stat(self.costs, statistics.median)

    @property
    def cost_max(self) -> Decimal | None:
        return self._stat(self.costs, max)

    @property
    def position_text(self) -> str:
        """Where the case lies, in Swedish: "3 av 12 liknande ärenden har lägre omfattning, 8 högre, 1 samma"."""
        if not self.count:
            return "Inga liknande pågående ärenden att jämföra med."
        if self.case_extent is None:
            return f"{self.count} liknande ärenden; ärendets omfattning är inte angiven."
        return (f"{self.below} av {self.count} liknande ärenden har lägre omfattning, {self.above} högre "
                f"och {self.same} samma ({format_number(self.case_extent, 2)}).")


def compare(case_extent: Decimal | None, case_cost: Decimal | None, peers: list[Peer]) -> Comparison:
    extents = tuple(sorted(p.extent for p in peers))
    below = above = 0
    if case_extent is not None:
        below = sum(1 for e in extents if e < case_extent)
        above = sum(1 for e in extents if e > case_extent)
    return Comparison(case_extent=case_extent, case_cost=case_cost, extents=extents,
                      costs=tuple(sorted(p.annual_cost for p in peers)), below=below, above=above)


@dataclass(frozen=True)
class StripDot:
    x: float
    value: Decimal
    count: int  # similar cases with this extent (dots at the same value are drawn once, sized by count)


@dataclass(frozen=True)
class Strip:
    """A one-line dot plot of the extents, x in [0, 1]; the case's own x is `case_x` (None when unknown)."""

    dots: tuple[StripDot, ...]
    case_x: float | None
    low: Decimal
    high: Decimal


def strip(comparison: Comparison) -> Strip | None:
    values = list(comparison.extents)
    if comparison.case_extent is not None:
        values.append(comparison.case_extent)
    if not values:
        return None
    low, high = min(values), max(values)
    span = float(high - low)

    def x(value: Decimal) -> float:
        return 0.5 if span == 0 else float(value - low) / span

    counts: dict[Decimal, int] = {}
    for value in comparison.extents:
        counts[value] = counts.get(value, 0) + 1
    dots = tuple(StripDot(x(value), value, n) for value, n in sorted(counts.items()))
    case_x = x(comparison.case_extent) if comparison.case_extent is not None else None
    return Strip(dots=dots, case_x=case_x, low=low, high=high)
