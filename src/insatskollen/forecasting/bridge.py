"""The forecast bridge: why the year-end net moved between two forecast dates, driver by driver. Pure: no Django.

The commitment net on a date is the ledger's actual net of the months elapsed plus the register's projection (each
decision as known that day, priced by the cost engine) of the rest of the year. Between `from` (m_f months actual)
and `to` (m_t months actual) the change is exactly

    (actual net of months m_f+1..m_t − what the from-register projected for them)   "actuals different from expected"
  + Σ over decisions (projection of months m_t+1..12 under the to-state − under the from-state)

and each decision's part is split by stepping its from-state into its to-state in a fixed order — extent, price,
dates, revenue — so the steps telescope to the decision's total. Each decision's projection is rounded to öre per
state, so every amount is an exact Decimal and the drivers add up to the change to the öre.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from insatskollen.costing.engine import OPEN_END, DecisionArrays, day_number, monthly_costs

NEW = "new decisions"
ENDED = "ended decisions"
EXTENT = "changed extent"
PRICE = "price changes"
DATES = "changed dates"
REVENUE = "revenue changes"
ACTUALS = "actuals different from expected"
REESTIMATED = "re-estimated expectations"
REMAINDER = "remainder"

LABELS = {
    NEW: "Nya beslut", ENDED: "Avslutade beslut", EXTENT: "Ändrad omfattning", PRICE: "Prisförändringar",
    DATES: "Ändrade datum (förlängda beslut)", REVENUE: "Ändrade intäkter", ACTUALS: "Utfall annat än väntat",
    REESTIMATED: "Omräknade förväntningar",
    REMAINDER: "Ej fördelat",
}
DRIVER_ORDER = (NEW, ENDED, EXTENT, PRICE, DATES, REVENUE, ACTUALS)
TOP_CASES = 20
ZERO = Decimal(0)
NEVER = np.int64(OPEN_END)  # the start of a decision not known yet: it costs nothing


@dataclass(frozen=True)
class Case:
    decision: str
    client: str
    amount: Decimal


@dataclass
class Driver:
    driver: str
    amount: Decimal = ZERO
    cases: list[Case] = field(default_factory=list)
    months: dict[str, Decimal] = field(default_factory=dict)  # only "actuals different from expected"
    parts: dict[str, Decimal] = field(default_factory=dict)  # only "re-estimated expectations": by component

    def as_dict(self) -> dict:
        result = {"driver": self.driver, "label": LABELS[self.driver], "amount": float(self.amount),
                  "cases": [{"decision": c.decision, "client": c.client, "amount": float(c.amount)}
                            for c in sorted(self.cases, key=lambda c: (-abs(c.amount), c.decision))[:TOP_CASES]]}
        if self.months:
            result["months"] = {label: float(value) for label, value in self.months.items()}
        if self.parts:
            result["parts"] = {label: float(value) for label, value in self.parts.items()}
        return result


@dataclass
class Bridge:
    date_from: dt.date
    date_to: dt.date
    net_from: Decimal
    net_to: Decimal
    drivers: list[Driver]
    method: str = "commitment"
    budget_from: Decimal | None = None
    budget_to: Decimal | None = None

    @property
    def remainder(self) -> Decimal:
        return self.net_to - self.net_from - sum((d.amount for d in self.drivers), ZERO)

    def as_dict(self) -> dict:
        result = {"from": self.date_from.isoformat(), "to": self.date_to.isoformat(), "method": self.method,
                  "net_from": float(self.net_from), "net_to": float(self.net_to),
                  "change": float(self.net_to - self.net_from), "drivers": [d.as_dict() for d in self.drivers]}
        if self.budget_from is not None or self.budget_to is not None:
            result["budget_from"] = float(self.budget_from or 0)
            result["budget_to"] = float(self.budget_to or 0)
            result["budget_change"] = float((self.budget_to or 0) - (self.budget_from or 0))
        return result


def _arrays(states: list[dict]) -> DecisionArrays:
    return DecisionArrays.from_rows([
        {"start": s["start_date"], "end": s["end_date"], "unit": s["unit"], "extent": s["extent"],
         "price": s["price"], "ifo_share_pct": s["ifo_share_pct"], "revenue_per_unit": s["revenue_per_unit"]}
        for s in states])


def _take(arrays: DecisionArrays, rows: np.ndarray, **replace: np.ndarray) -> DecisionArrays:
    """The given rows of `arrays`, with some columns replaced (already restricted to those rows)."""
    columns = {name: replace.get(name, getattr(arrays, name)[rows]) for name in COLUMNS}
    return DecisionArrays(**columns)


COLUMNS = ("start", "end", "unit", "extent", "price", "cost_share", "revenue_per_unit")
# The order in which a decision's from-state is stepped into its to-state: (driver, engine columns it takes).
ARRAY_STEPS = ((EXTENT, ("unit", "extent")), (PRICE, ("price", "cost_share")), (DATES, ("start", "end")),
               (REVENUE, ("revenue_per_unit",)))


def _ore(arrays: DecisionArrays, year: int, m_from: int, m_to: int) -> tuple[np.ndarray, np.ndarray]:
    """Each decision's net over months m_from+1..m_to ("expected") and m_to+1..12 ("rest"), in whole öre."""
    if len(arrays) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    costs = monthly_costs(arrays, dt.date(year, 1, 1), 12)
    net = costs.cost - costs.revenue
    return (np.rint(net[:, m_from:m_to].sum(axis=1) * 100).astype(np.int64),
            np.rint(net[:, m_to:].sum(axis=1) * 100).astype(np.int64))


def _kronor(ore: int | np.integer) -> Decimal:
    return Decimal(int(ore)) / 100


def _touches(arrays: DecisionArrays, known: np.ndarray, year: int) -> np.ndarray:
    first, last = day_number(dt.date(year, 1, 1)), day_number(dt.date(year, 12, 31))
    return known & (arrays.start <= last) & (arrays.end >= first)


def bridge_states(*, year: int, date_from: dt.date, date_to: dt.date, months_from: int, months_to: int,
                  actual_net: dict[int, Decimal], before: DecisionArrays, after: DecisionArrays,
                  known_before: np.ndarray, known_after: np.ndarray, ids: np.ndarray,
                  labels_for: Callable[[set], dict]) -> Bridge:
    """The bridge of the commitment net between two dates of `year`, from the register as known on each date.

    `before`/`after`: one row per decision (the same decisions, in the same order, `ids` naming them), with
    `known_before`/`known_after` saying whether the decision was known yet; `months_from`/`months_to`: months of
    the year actual on each date; `actual_net`: the ledger's net per month number; `labels_for(ids)` →
    {id: (Beslut-id, masked personnummer)} for the decisions named as cases.
    Vectorised: decisions the same on both dates are priced once; the others are stepped through ARRAY_STEPS.
    Amounts are whole öre (integers) until the end, so the drivers add up to the change exactly.
    """
    if months_from > months_to:
        raise ValueError("months_from must not exceed months_to")
    relevant = _touches(before, known_before, year) | _touches(after, known_after, year)
    same = known_before == known_after
    for name in COLUMNS:
        same &= getattr(before, name) == getattr(after, name)
    unchanged, changed = np.nonzero(relevant & same)[0], np.nonzero(relevant & ~same)[0]
    expected_same, rest_same = _ore(_take(before, unchanged), year, months_from, months_to)

    state = _take(before, changed, start=np.where(known_before[changed], before.start[changed], NEVER))
    expected_changed, rest = _ore(state, year, months_from, months_to)
    rest_from = rest
    is_new, is_gone = ~known_before[changed], ~known_after[changed]
    target = _take(after, changed, start=np.where(known_after[changed], after.start[changed], NEVER))
    deltas: dict[str, np.ndarray] = {name: np.zeros(len(changed), np.int64) for name in DRIVER_ORDER}
    for driver, columns in ARRAY_STEPS:
        state = _take(state, np.arange(len(changed)), **{c: getattr(target, c) for c in columns})
        _, stepped = _ore(state, year, months_from, months_to)
        delta = stepped - rest
        if driver == DATES:
            ended = (target.end < before.end[changed]) & known_before[changed]
            deltas[ENDED] += np.where(ended, delta, 0)
            deltas[DATES] += np.where(ended, 0, delta)
        else:
            deltas[driver] += delta
        rest = stepped
    whole = rest - rest_from  # a new or vanished decision's change is all one driver
    for name in DRIVER_ORDER:
        deltas[name] = np.where(is_new | is_gone, 0, deltas[name])
    deltas[NEW] += np.where(is_new, whole, 0)
    deltas[ENDED] += np.where(is_gone & ~is_new, whole, 0)

    named = {int(ids[changed[i]]) for d in deltas.values() for i in np.nonzero(d)[0]}
    labels = labels_for(named) if named else {}
    drivers = {name: Driver(name) for name in DRIVER_ORDER}
    for name, delta in deltas.items():
        drivers[name].amount = _kronor(delta.sum())
        for i in np.nonzero(delta)[0]:
            key = int(ids[changed[i]])
            decision, client = labels.get(key, (str(key), ""))
            drivers[name].cases.append(Case(decision, client, _kronor(delta[i])))
    expected = _kronor(expected_same.sum() + expected_changed.sum())
    actual_from = sum((actual_net.get(m, ZERO) for m in range(1, months_from + 1)), ZERO)
    actual_between = sum((actual_net.get(m, ZERO) for m in range(months_from + 1, months_to + 1)), ZERO)
    actuals = drivers[ACTUALS]
    actuals.amount = actual_between - expected
    actuals.months = {f"{year}-{m:02d}": actual_net.get(m, ZERO) for m in range(months_from + 1, months_to + 1)}
    bridge = Bridge(date_from=date_from, date_to=date_to,
                    net_from=actual_from + expected + _kronor(rest_same.sum() + rest_from.sum()),
                    net_to=actual_from + actual_between + _kronor(rest_same.sum() + rest.sum()),
                    drivers=[drivers[n] for n in DRIVER_ORDER])
    if bridge.remainder:
        bridge.drivers.append(Driver(REMAINDER, bridge.remainder))
    return bridge


def compute_bridge(*, year: int, date_from: dt.date, date_to: dt.date, months_from: int, months_to: int,
                   actual_net: dict[int, Decimal], states_from: dict, states_to: dict,
                   labels: dict | None = None) -> Bridge:
    """`bridge_states` for register states given as {decision id: engine fields} per date (absent: not known)."""
    keys = sorted(set(states_from) | set(states_to), key=str)
    blank = {"start_date": dt.date(1970, 1, 1), "end_date": None, "unit": "dygn", "extent": 0, "price": 0,
             "ifo_share_pct": 0, "revenue_per_unit": 0}
    before = _arrays([states_from.get(k, blank) for k in keys])
    after = _arrays([states_to.get(k, blank) for k in keys])
    positions = np.arange(len(keys))
    known_before = np.array([k in states_from for k in keys], dtype=bool)
    known_after = np.array([k in states_to for k in keys], dtype=bool)
    labels = labels or {}
    return bridge_states(year=year, date_from=date_from, date_to=date_to, months_from=months_from,
                         months_to=months_to, actual_net=actual_net, before=before, after=after,
                         known_before=known_before, known_after=known_after, ids=positions,
                         labels_for=lambda named: {i: labels.get(keys[i], (str(keys[i]), "")) for i in named})


def with_expectations(bridge: Bridge, *, method: str, gap_from: Decimal, gap_to: Decimal,
                      parts: dict[str, Decimal]) -> Bridge:
    """The bridge of a method that adds expectations to the commitment (its net − the commitment net on each date:
    `gap_from`, `gap_to`): the commitment's drivers plus one for the change in the expectations, so the drivers still
    add up exactly; `parts` splits that change by component."""
    bridge.method = method
    bridge.net_from += gap_from
    bridge.net_to += gap_to
    bridge.drivers.insert(len(DRIVER_ORDER), Driver(REESTIMATED, gap_to - gap_from, parts=parts))
    return bridge


def run_rate_bridge(*, date_from: dt.date, date_to: dt.date, net_from: Decimal, net_to: Decimal) -> Bridge:
    """Without a register the forecast is the run rate, and all of its change comes from the actuals."""
    return Bridge(date_from=date_from, date_to=date_to, net_from=net_from, net_to=net_to, method="run_rate",
                  drivers=[Driver(NEW), Driver(ENDED), Driver(ACTUALS, net_to - net_from)])
