"""The register's terms in time as NumPy arrays, and its state "as known at" any moment. Pure: no Django.

The history is read once: one row per term period (`DecisionTerm`), with the moments it was believed
[known_from, known_to). Every point-in-time state after that is a vectorised selection of the periods believed just
before the cut-off. A state prices its periods with the cost engine and sums them per decision, so every state has
one row per decision of the history (a decision not yet known has no periods: it costs nothing) and the rows of two
states line up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from insatskollen.core.units import ExtentUnit
from insatskollen.costing.engine import OPEN_END, DecisionArrays, MonthlyCosts, day_number, monthly_costs

NEVER = np.int64(OPEN_END)
FOREVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class VersionHistory:
    """All term periods, sorted by (decision, known_from, valid_from). `known`/`known_to` are seconds since the epoch
    (UTC), `known_to` FOREVER for a period still believed; `start`/`end` are the period's first and last day."""

    decision: np.ndarray  # int64 position 0..n_decisions-1 of the period's decision
    known: np.ndarray  # int64 seconds: believed from
    known_to: np.ndarray  # int64 seconds: believed until (exclusive)
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
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # results derived from it, by key

    @classmethod
    def from_columns(cls, ids, known, known_to, code, start, end, unit, extent, price, ifo_share_pct,
                     revenue_per_unit) -> VersionHistory:
        """Columns as NumPy arrays: decision ids, known from and known to (seconds; FOREVER for none), code, start
        and end (day numbers, OPEN_END for none), unit (ExtentUnit codes), extent, price, IFO share in percent,
        revenue per unit (0 for none)."""
        order = np.lexsort((start, known, ids))
        unique, position = np.unique(ids, return_inverse=True)
        types, type_position = np.unique(code, return_inverse=True)
        return cls(
            decision=position[order].astype(np.int64), known=known[order].astype(np.int64),
            known_to=known_to[order].astype(np.int64),
            code=type_position[order].astype(np.int64), types=types.astype(np.int64),
            start=start[order].astype(np.int64), end=end[order].astype(np.int64),
            unit=unit[order].astype(np.int8), extent=extent[order].astype(np.float64),
            price=price[order].astype(np.float64), cost_share=1.0 - ifo_share_pct[order].astype(np.float64) / 100.0,
            revenue_per_unit=revenue_per_unit[order].astype(np.float64), n_decisions=int(unique.shape[0]),
            ids=unique.astype(np.int64))

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> VersionHistory:
        """Rows (decision_id, known_from seconds, known_to seconds or None, type id, start, end, unit, extent, price,
        ifo_share_pct, revenue_per_unit), in any order."""
        n = len(rows)

        def column(index, convert, dtype) -> np.ndarray:
            return np.fromiter((convert(r[index]) for r in rows), dtype, n)

        return cls.from_columns(
            column(0, int, np.int64), column(1, int, np.int64),
            column(2, lambda v: FOREVER if v is None else int(v), np.int64), column(3, int, np.int64),
            column(4, day_number, np.int64), column(5, day_number, np.int64),
            column(6, lambda u: ExtentUnit(u).code, np.int8), column(7, float, np.float64),
            column(8, float, np.float64), column(9, lambda v: float(v or 0), np.float64),
            column(10, lambda v: float(v or 0), np.float64))

    @classmethod
    def from_versions(cls, rows: list[tuple]) -> VersionHistory:
        """A history of whole-life versions: rows (decision_id, known_at seconds, type id, start, end, unit, extent,
        price, ifo_share_pct, revenue_per_unit), each version one period believed until the decision's next one."""
        ordered = sorted(rows, key=lambda r: (r[0], r[1]))
        periods = []
        for index, row in enumerate(ordered):
            following = ordered[index + 1] if index + 1 < len(ordered) else None
            known_to = following[1] if following is not None and following[0] == row[0] else None
            periods.append((row[0], row[1], known_to, *row[2:]))
        return cls.from_rows(periods)

    @classmethod
    def empty(cls) -> VersionHistory:
        return cls.from_rows([])

    def state_at(self, cutoff: int) -> State:
        """The periods believed just before `cutoff` (seconds), as one state."""
        rows = np.nonzero((self.known < cutoff) & (self.known_to >= cutoff))[0]
        return State.of(self, rows)


@dataclass(frozen=True)
class State:
    """The register at one moment: its term periods (`periods`, owned by `owner`: decision positions) and, per
    decision of the history, whether it was known, its intervention type and its last day."""

    periods: DecisionArrays
    owner: np.ndarray
    n_decisions: int
    known: np.ndarray  # bool per decision
    code: np.ndarray  # position of the intervention type per decision (meaningless where not known)
    end: np.ndarray  # last day per decision (OPEN_END when open)
    firsts: np.ndarray  # index of each known decision's first period in `periods`
    owners: np.ndarray  # the decision position of each run of periods

    @classmethod
    def of(cls, history: VersionHistory, rows: np.ndarray) -> State:
        """The state of the periods `rows` (increasing indexes: the history is sorted by decision, so each
        decision's periods are one run)."""
        n = history.n_decisions
        owner = history.decision[rows]
        firsts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if owner.size else np.zeros(0, np.int64)
        owners = owner[firsts]
        known = np.zeros(n, dtype=bool)
        known[owners] = True
        code = np.zeros(n, dtype=np.int64)
        code[owners] = history.code[rows][firsts]
        end = np.full(n, NEVER, dtype=np.int64)
        if owner.size:
            end[owners] = np.maximum.reduceat(history.end[rows], firsts)
        periods = DecisionArrays(
            start=history.start[rows], end=history.end[rows], unit=history.unit[rows], extent=history.extent[rows],
            price=history.price[rows], cost_share=history.cost_share[rows],
            revenue_per_unit=history.revenue_per_unit[rows])
        return cls(periods=periods, owner=owner, n_decisions=n, known=known, code=code, end=end, firsts=firsts,
                   owners=owners)

    def per_decision(self, values: np.ndarray) -> np.ndarray:
        """Sum per-period values (periods × columns) per decision (decisions × columns)."""
        out = np.zeros((self.n_decisions, values.shape[1]), dtype=np.float64)
        if self.firsts.size:
            out[self.owners] = np.add.reduceat(values, self.firsts, axis=0)
        return out

    def costs(self, first_month: dt.date, count: int) -> MonthlyCosts:
        """Cost and revenue per decision (rows) and month, each month priced with the terms of its days."""
        priced = monthly_costs(self.periods, first_month, count)
        return MonthlyCosts(months=priced.months, cost=self.per_decision(priced.cost),
                            revenue=self.per_decision(priced.revenue), days=self.per_decision(priced.days))
