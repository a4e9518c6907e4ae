"""The forecast bridge: why the year-end net moved between two forecast dates, driver by driver. Pure: no Django.

The commitment net on a date is the ledger's actual net of the months elapsed plus the register's projection (each
decision as known that day, priced by the cost engine) of the rest of the year. Between `from` (m_f months actual)
and `to` (m_t months actual) the change is exactly

    (actual net of months m_f+1..m_t − what the from-register projected for them)   "actuals different from expected"
  + Σ over decisions (projection of months m_t+1..12 under the to-state − under the from-state)

and each decision's part is split by stepping its from-terms into its to-terms in a fixed order — extent, price,
dates, revenue — piece by piece of its days (its terms change over time in either state), so the steps telescope to
the decision's total. A decision corrected retroactively between the dates (a change taking effect in a closed
month) is one driver, "corrections", whatever changed. Each decision's projection is rounded to öre per state, so
every amount is an exact Decimal and the drivers add up to the change to the öre.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from insatskollen.costing.engine import OPEN_END, DecisionArrays, day_number, monthly_costs
from insatskollen.forecasting.history import State, VersionHistory

NEW = "new decisions"
ENDED = "ended decisions"
EXTENT = "changed extent"
PRICE = "price changes"
DATES = "changed dates"
REVENUE = "revenue changes"
ACTUALS = "actuals different from expected"
CORRECTIONS = "corrections"
REESTIMATED = "re-estimated expectations"
REMAINDER = "remainder"

LABELS = {
    NEW: "Nya beslut", ENDED: "Avslutade beslut", EXTENT: "Ändrad omfattning", PRICE: "Prisförändringar",
    DATES: "Ändrade datum (förlängda beslut)", REVENUE: "Ändrade intäkter", ACTUALS: "Utfall annat än väntat",
    REESTIMATED: "Omräknade förväntningar", CORRECTIONS: "Rättelser av stängda månader",
    REMAINDER: "Ej fördelat",
}
DRIVER_ORDER = (NEW, ENDED, EXTENT, PRICE, DATES, REVENUE, CORRECTIONS, ACTUALS)
TOP_CASES = 20
ZERO = Decimal(0)
NEVER = np.int64(OPEN_END)  # the start of a decision not known yet: it costs nothing
FOREVER_MOMENT = None  # a period still believed


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


COLUMNS = ("start", "end", "unit", "extent", "price", "cost_share", "revenue_per_unit")
# The order in which a piece's from-terms are stepped into its to-terms: (driver, engine columns it takes).
ARRAY_STEPS = ((EXTENT, ("unit", "extent")), (PRICE, ("price", "cost_share")), (DATES, ("start", "end")),
               (REVENUE, ("revenue_per_unit",)))
KEY = np.int64(1 << 32)  # decision position × KEY + day: one sortable key per (decision, day)


def _kronor(ore: int | np.integer) -> Decimal:
    return Decimal(int(ore)) / 100


@dataclass(frozen=True)
class Pieces:
    """The days of the changed decisions cut where either state's terms change: each piece has one set of terms in
    each state (or is absent from one). `owner` is the index of the changed decision the piece belongs to."""

    owner: np.ndarray
    before: DecisionArrays  # from-terms; absent pieces start at NEVER (cost nothing)
    after: DecisionArrays


def _select(arrays: DecisionArrays, rows: np.ndarray) -> DecisionArrays:
    return DecisionArrays(**{name: getattr(arrays, name)[rows] for name in COLUMNS})


def _covering(owner: np.ndarray, start: np.ndarray, end: np.ndarray, piece_owner: np.ndarray,
              piece_start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each piece, the period (of one state: owner, start, end, sorted by owner and start) covering its first
    day: (index, covered)."""
    if owner.shape[0] == 0:
        return np.zeros(piece_owner.shape[0], np.int64), np.zeros(piece_owner.shape[0], bool)
    keys = owner * KEY + start
    index = np.searchsorted(keys, piece_owner * KEY + piece_start, side="right") - 1
    safe = np.clip(index, 0, None)
    covered = (index >= 0) & (owner[safe] == piece_owner) & (end[safe] >= piece_start)
    return safe, covered


def _pieces(before: State, after: State, changed: np.ndarray, year: int) -> Pieces:
    """Cut the changed decisions' days of `year` at every change of terms in either state."""
    first, last = day_number(dt.date(year, 1, 1)), day_number(dt.date(year, 12, 31))
    local = np.full(before.n_decisions, -1, np.int64)
    local[changed] = np.arange(changed.shape[0])
    sides = []
    for state in (before, after):
        rows = np.nonzero((local[state.owner] >= 0) & (state.periods.start <= last) & (state.periods.end >= first))[0]
        owner = local[state.owner[rows]]
        start = np.maximum(state.periods.start[rows], first)
        end = np.minimum(state.periods.end[rows], last)
        order = np.lexsort((start, owner))
        sides.append((rows[order], owner[order], start[order], end[order]))
    points_owner = np.concatenate([side[1] for side in sides] * 2)
    points_day = np.concatenate([side[2] for side in sides] + [side[3] + 1 for side in sides])
    keys = np.unique(points_owner * KEY + points_day)
    owner, day = keys // KEY, keys % KEY
    same = np.nonzero(owner[:-1] == owner[1:])[0]
    piece_owner, piece_start, piece_end = owner[same], day[same], day[same + 1] - 1
    taken = []
    for state, (rows, side_owner, side_start, side_end) in zip((before, after), sides):
        index, covered = _covering(side_owner, side_start, side_end, piece_owner, piece_start)
        taken.append((state, rows[index] if rows.shape[0] else None, covered))
    keep = taken[0][2] | taken[1][2]
    piece_owner, piece_start, piece_end = piece_owner[keep], piece_start[keep], piece_end[keep]
    terms = [None if rows is None else _select(state.periods, rows[keep]) for state, rows, _ in taken]
    terms_b, terms_a = terms[0] or terms[1], terms[1] or terms[0]  # a state with no periods takes the other's
    if terms_b is None:  # nothing changed
        empty = DecisionArrays(*(np.zeros(0, np.int64) for _ in COLUMNS))
        return Pieces(owner=np.zeros(0, np.int64), before=empty, after=empty)
    covered_b, covered_a = taken[0][2][keep], taken[1][2][keep]

    def side(own: DecisionArrays, other: DecisionArrays, covered: np.ndarray, other_covered: np.ndarray
             ) -> DecisionArrays:
        # An absent piece takes the other state's terms, so that only the dates step adds or removes it.
        columns = {name: np.where(covered | ~other_covered, getattr(own, name), getattr(other, name))
                   for name in COLUMNS[2:]}
        return DecisionArrays(start=np.where(covered, piece_start, NEVER), end=piece_end, **columns)

    return Pieces(owner=piece_owner, before=side(terms_b, terms_a, covered_b, covered_a),
                  after=side(terms_a, terms_b, covered_a, covered_b))


def _ore_of(arrays: DecisionArrays, owner: np.ndarray, count: int, year: int, m_from: int, m_to: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """Per owner, the net over months m_from+1..m_to ("expected") and m_to+1..12 ("rest"), in whole öre."""
    if len(arrays) == 0:
        return np.zeros(count, np.int64), np.zeros(count, np.int64)
    costs = monthly_costs(arrays, dt.date(year, 1, 1), 12)
    net = costs.cost - costs.revenue
    expected = np.bincount(owner, weights=net[:, m_from:m_to].sum(axis=1), minlength=count)
    rest = np.bincount(owner, weights=net[:, m_to:].sum(axis=1), minlength=count)
    return np.rint(expected * 100).astype(np.int64), np.rint(rest * 100).astype(np.int64)


def _replace(arrays: DecisionArrays, target: DecisionArrays, columns: tuple[str, ...]) -> DecisionArrays:
    return DecisionArrays(**{name: getattr(target if name in columns else arrays, name) for name in COLUMNS})


def bridge_states(*, year: int, date_from: dt.date, date_to: dt.date, months_from: int, months_to: int,
                  actual_net: dict[int, Decimal], history: VersionHistory, cut_from: int, cut_to: int,
                  labels_for: Callable[[set], dict], corrected: np.ndarray | None = None,
                  net_from: Decimal | None = None, net_to: Decimal | None = None) -> Bridge:
    """The bridge of the commitment net between two dates of `year`, from the register as known at each cut-off.

    `history`: the register's terms in time; `cut_from`/`cut_to`: the moments (seconds) each date's register was
    known by; `months_from`/`months_to`: months of the year actual on each date; `actual_net`: the ledger's net per
    month number; `labels_for(ids)` → {id: (Beslut-id, masked personnummer)} for the decisions named as cases;
    `corrected`: per decision of the history, whether a retroactive correction was recorded between the dates (its
    whole change is then the corrections driver). `net_from`/`net_to`: the forecast's own commitment net on each
    date, when given; the bridge then starts and ends on them exactly, and the few öre by which the rounded
    per-decision amounts differ from the rounded totals are part of the actuals driver.

    A decision whose periods are the same rows in both states is priced once. The others are cut into pieces where
    either state's terms change; each piece is stepped from its from-terms to its to-terms through ARRAY_STEPS, so
    the steps telescope to the decision's change. Amounts are whole öre per decision until the end, so the drivers
    add up to the change exactly.
    """
    if months_from > months_to:
        raise ValueError("months_from must not exceed months_to")
    before, after = history.state_at(cut_from), history.state_at(cut_to)
    n = history.n_decisions
    rows_before = (history.known < cut_from) & (history.known_to >= cut_from)
    rows_after = (history.known < cut_to) & (history.known_to >= cut_to)
    moved = np.zeros(n, dtype=bool)
    moved[history.decision[rows_before != rows_after]] = True
    changed = np.nonzero(moved)[0]
    steady = rows_before & rows_after & ~moved[history.decision]
    same_state = State.of(history, np.nonzero(steady)[0])
    expected_same, rest_same = _ore_of(same_state.periods, same_state.owner, n, year, months_from, months_to)

    pieces = _pieces(before, after, changed, year)
    count = changed.shape[0]
    expected_changed, rest = _ore_of(pieces.before, pieces.owner, count, year, months_from, months_to)
    rest_from = rest
    known_before, known_after = before.known[changed], after.known[changed]
    is_new, is_gone = ~known_before, ~known_after
    ended = known_before & known_after & (after.end[changed] < before.end[changed])
    deltas: dict[str, np.ndarray] = {name: np.zeros(count, np.int64) for name in DRIVER_ORDER}
    state = pieces.before
    for driver, columns in ARRAY_STEPS:
        state = _replace(state, pieces.after, columns)
        _, stepped = _ore_of(state, pieces.owner, count, year, months_from, months_to)
        delta = stepped - rest
        if driver == DATES:
            deltas[ENDED] += np.where(ended, delta, 0)
            deltas[DATES] += np.where(ended, 0, delta)
        else:
            deltas[driver] += delta
        rest = stepped
    whole = rest - rest_from  # a new, vanished or corrected decision's change is all one driver
    fixed = corrected[changed] if corrected is not None else np.zeros(count, bool)
    single = is_new | is_gone | fixed
    for name in DRIVER_ORDER:
        deltas[name] = np.where(single, 0, deltas[name])
    deltas[NEW] += np.where(is_new, whole, 0)
    deltas[ENDED] += np.where(is_gone & ~is_new, whole, 0)
    deltas[CORRECTIONS] += np.where(fixed & ~is_new & ~is_gone, whole, 0)

    ids = history.ids
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
                    drivers=[drivers[n] for n in DRIVER_ORDER if n != CORRECTIONS or drivers[n].amount])
    if net_from is not None and net_to is not None:
        actuals.amount += (net_to - bridge.net_to) - (net_from - bridge.net_from)
        bridge.net_from, bridge.net_to = net_from, net_to
    if bridge.remainder:
        bridge.drivers.append(Driver(REMAINDER, bridge.remainder))
    return bridge


def compute_bridge(*, year: int, date_from: dt.date, date_to: dt.date, months_from: int, months_to: int,
                   actual_net: dict[int, Decimal], states_from: dict, states_to: dict,
                   labels: dict | None = None, corrected: set | None = None) -> Bridge:
    """`bridge_states` for register states given as {decision key: engine fields, or a list of them (its periods)}
    per date (absent: not known). A period given alike on both dates is the same period."""
    keys = sorted(set(states_from) | set(states_to), key=str)
    rows = []

    def periods(states: dict, key) -> list[dict]:
        value = states.get(key, [])
        return [value] if isinstance(value, dict) else list(value)

    for position, key in enumerate(keys):
        old, new = periods(states_from, key), periods(states_to, key)
        for period in old:
            rows.append((position, 0, FOREVER_MOMENT if period in new else 1, period))
        rows += [(position, 1, None, period) for period in new if period not in old]
    history = VersionHistory.from_rows([
        (position, known, known_to, 1, p["start_date"], p["end_date"], p["unit"], p["extent"], p["price"],
         p["ifo_share_pct"], p["revenue_per_unit"]) for position, known, known_to, p in rows])
    labels = labels or {}
    flags = np.array([key in (corrected or set()) for key in keys], dtype=bool)
    return bridge_states(year=year, date_from=date_from, date_to=date_to, months_from=months_from,
                         months_to=months_to, actual_net=actual_net, history=history, cut_from=1, cut_to=2,
                         corrected=flags, labels_for=lambda named: {i: labels.get(keys[i], (str(keys[i]), ""))
                                                                   for i in named})


def with_expectations(bridge: Bridge, *, method: str, gap_from: Decimal, gap_to: Decimal,
                      parts: dict[str, Decimal]) -> Bridge:
    """The bridge of a method that adds expectations to the commitment (its net − the commitment net on each date:
    `gap_from`, `gap_to`): the commitment's drivers plus one for the change in the expectations, so the drivers still
    add up exactly; `parts` splits that change by component."""
    bridge.method = method
    bridge.net_from += gap_from
    bridge.net_to += gap_to
    position = next((i + 1 for i, d in enumerate(bridge.drivers) if d.driver == ACTUALS), len(bridge.drivers))
    bridge.drivers.insert(position, Driver(REESTIMATED, gap_to - gap_from, parts=parts))
    return bridge




def run_rate_bridge(*, date_from: dt.date, date_to: dt.date, net_from: Decimal, net_to: Decimal,
                    method: str = "run_rate") -> Bridge:
    """A method that reads only the ledger (the run rate, the baseline) moves only with the actuals: its whole
    change is "actuals other than expected", never new or ended decisions it did not read."""
    return Bridge(date_from=date_from, date_to=date_to, net_from=net_from, net_to=net_to, method=method,
                  drivers=[Driver(ACTUALS, net_to - net_from)])
