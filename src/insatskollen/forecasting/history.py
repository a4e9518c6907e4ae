"""The register's version history as NumPy arrays, and its state "as known at" any moment. Pure: no Django.

The history is read once (one row per decision version); every point-in-time state after that is a vectorised
lookup: for each decision, its latest version known strictly before the cut-off. A decision not yet known at the
cut-off is inactive (its start is set past every month), so every state has one row per decision of the history
and the rows of two states line up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from insatskollen.core.units import ExtentUnit
from insatskollen.costing.engine import OPEN_END, DecisionArrays, MonthlyCosts, day_number, monthly_costs

NEVER = np.int64(OPEN_END)


def _next_known(decision: np.ndarray, known: np.ndarray) -> np.ndarray:
    """For rows sorted by (decision, known): when the same decision's next row became known (or never)."""
    following = np.full(decision.shape[0], np.iinfo(np.int64).max, dtype=np.int64)
    if decision.shape[0] > 1:
        same = decision[1:] == decision[:-1]
        following[:-1] = np.where(same, known[1:], following[:-1])
    return following


@dataclass(frozen=True)
class VersionHistory:
    """All versions, sorted by (decision, known_at). `known` holds seconds since the epoch (UTC)."""

    decision: np.ndarray  # int64 position 0..n_decisions-1 of the version's decision
    known: np.ndarray  # int64 seconds
    code: np.ndarray  # int64 position of the intervention type in `types`
    start: np.ndarray
    end: np.ndarray
    unit: np.ndarray
    extent: np.ndarray
    price: np.ndarray
    cost_share: np.ndarray
    revenue_per_unit: np.ndarray
    n_decisions: int
    types: np.ndarray  # the intervention type ids
    ids: np.ndarray  # the decision ids, by position
    known_next: np.ndarray  # int64 seconds the decision's next version became known (max int64 for the last)
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # results derived from it, by key

    @classmethod
    def from_columns(cls, ids, known, code, start, end, unit, extent, price, ifo_share_pct, revenue_per_unit
                     ) -> VersionHistory:
        """Columns as NumPy arrays: ids, known (seconds), code, start and end (day numbers, OPEN_END for none),
        unit (ExtentUnit codes), extent, price, IFO share in percent, revenue per unit (0 for none)."""
        order = np.lexsort((known, ids))
        unique, position = np.unique(ids, return_inverse=True)
        types, type_position = np.unique(code, return_inverse=True)
        return cls(
            decision=position[order].astype(np.int64), known=known[order].astype(np.int64),
            code=type_position[order].astype(np.int64), types=types.astype(np.int64),
            start=start[order].astype(np.int64), end=end[order].astype(np.int64),
            unit=unit[order].astype(np.int8), extent=extent[order].astype(np.float64),
            price=price[order].astype(np.float64), cost_share=1.0 - ifo_share_pct[order].astype(np.float64) / 100.0,
            revenue_per_unit=revenue_per_unit[order].astype(np.float64), n_decisions=int(unique.shape[0]),
            ids=unique.astype(np.int64), known_next=_next_known(position[order], known[order]))

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> VersionHistory:
        """Rows (decision_id, known_at seconds, type id, start, end, unit, extent, price, ifo_share_pct,
        revenue_per_unit), in any order."""
        n = len(rows)

        def column(index, convert, dtype) -> np.ndarray:
            return np.fromiter((convert(r[index]) for r in rows), dtype, n)

        return cls.from_columns(
            column(0, int, np.int64), column(1, int, np.int64), column(2, int, np.int64),
            column(3, day_number, np.int64), column(4, day_number, np.int64),
            column(5, lambda u: ExtentUnit(u).code, np.int8), column(6, float, np.float64),
            column(7, float, np.float64), column(8, lambda v: float(v or 0), np.float64),
            column(9, lambda v: float(v or 0), np.float64))

    @classmethod
    def empty(cls) -> VersionHistory:
        return cls.from_rows([])

    def state_at(self, cutoff: int) -> State:
        """Each decision's latest version known strictly before `cutoff` (seconds)."""
        n = self.n_decisions
        latest = np.full(n, -1, dtype=np.int64)
        # A version is the latest known before the cut-off when it is known by then and its successor is not.
        rows = np.nonzero((self.known < cutoff) & (self.known_next >= cutoff))[0]
        latest[self.decision[rows]] = rows
        known = latest >= 0
        pick = np.where(known, latest, 0)
        arrays = DecisionArrays(
            start=np.where(known, self.start[pick], NEVER), end=self.end[pick], unit=self.unit[pick],
            extent=self.extent[pick], price=self.price[pick], cost_share=self.cost_share[pick],
            revenue_per_unit=self.revenue_per_unit[pick])
        return State(arrays=arrays, known=known, code=self.code[pick])


@dataclass(frozen=True)
class State:
    arrays: DecisionArrays
    known: np.ndarray  # bool per decision
    code: np.ndarray  # position of the intervention type per decision (meaningless where not known)

    def costs(self, first_month: dt.date, count: int) -> MonthlyCosts:
        return monthly_costs(self.arrays, first_month, count)
