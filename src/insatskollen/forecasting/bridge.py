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
from dataclasses import dataclass, field
from decimal import Decimal

from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import DecisionArrays, monthly_costs

NEW = "new decisions"
ENDED = "ended decisions"
EXTENT = "changed extent"
PRICE = "price changes"
DATES = "changed dates"
REVENUE = "revenue changes"
ACTUALS = "actuals different from expected"
REMAINDER = "remainder"

LABELS = {
    NEW: "Nya beslut", ENDED: "Avslutade beslut", EXTENT: "Ändrad omfattning", PRICE: "Prisförändringar",
    DATES: "Ändrade datum (förlängda beslut)", REVENUE: "Ändrade intäkter", ACTUALS: "Utfall annat än väntat",
    REMAINDER: "Ej fördelat",
}
DRIVER_ORDER = (NEW, ENDED, EXTENT, PRICE, DATES, REVENUE, ACTUALS)
# The order in which a decision's from-state is stepped into its to-state: (driver, fields taken from the to-state).
STEPS = ((EXTENT, ("extent", "unit")), (PRICE, ("price", "ifo_share_pct")), (DATES, ("start_date", "end_date")),
         (REVENUE, ("revenue_per_unit",)))
ENGINE_KEYS = ("start_date", "end_date", "unit", "extent", "price", "ifo_share_pct", "revenue_per_unit")
TOP_CASES = 20
ZERO = Decimal(0)


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

    def as_dict(self) -> dict:
        result = {"driver": self.driver, "label": LABELS[self.driver], "amount": float(self.amount),
                  "cases": [{"decision": c.decision, "client": c.client, "amount": float(c.amount)}
                            for c in sorted(self.cases, key=lambda c: (-abs(c.amount), c.decision))[:TOP_CASES]]}
        if self.months:
            result["months"] = {label: float(value) for label, value in self.months.items()}
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


def _projections(states: list[dict], year: int, m_from: int, m_to: int) -> list[tuple[Decimal, Decimal]]:
    """Each state's net (cost − revenue) over months m_from+1..m_to ("expected") and m_to+1..12 ("rest"), in öre."""
    if not states:
        return []
    net = monthly_costs(_arrays(states), dt.date(year, 1, 1), 12)
    net = net.cost - net.revenue
    expected = net[:, m_from:m_to].sum(axis=1)
    rest = net[:, m_to:].sum(axis=1)
    return [(to_ore(float(e)), to_ore(float(r))) for e, r in zip(expected, rest)]


def _dates_driver(before: dict, after: dict) -> str:
    """An end newly set or moved earlier is an ended decision; any other date change counts as changed dates."""
    old, new = before["end_date"], after["end_date"]
    return ENDED if new is not None and (old is None or new < old) else DATES


def register_steps(states_from: dict, states_to: dict) -> dict:
    """For each decision: the chain of engine states from its from-state to its to-state, with each step's driver.

    Returns {decision id: [(driver or None, state or None), ...]} — the first entry is the from-state (None when new).
    """
    chains: dict = {}
    for key in sorted(set(states_from) | set(states_to), key=str):
        before, after = states_from.get(key), states_to.get(key)
        if before is None:
            chains[key] = [(None, None), (NEW, after)]
            continue
        if after is None:
            chains[key] = [(None, before), (ENDED, None)]
            continue
        chain = [(None, before)]
        current = before
        for driver, fields in STEPS:
            if all(current[f] == after[f] for f in fields):
                continue
            step = dict(current, **{f: after[f] for f in fields})
            chain.append((_dates_driver(current, step) if driver == DATES else driver, step))
            current = step
        chains[key] = chain
    return chains


def compute_bridge(*, year: int, date_from: dt.date, date_to: dt.date, months_from: int, months_to: int,
                   actual_net: dict[int, Decimal], states_from: dict, states_to: dict,
                   labels: dict | None = None) -> Bridge:
    """The bridge of the commitment net between two dates of `year`.

    `months_from`/`months_to`: months of the year already actual on each date (0–12, months_from ≤ months_to);
    `actual_net`: the ledger's net per month number; `states_from`/`states_to`: {decision id: engine fields} as
    known on each date; `labels`: {decision id: (Beslut-id, masked personnummer)} for the cases.
    """
    if months_from > months_to:
        raise ValueError("months_from must not exceed months_to")
    labels = labels or {}
    chains = register_steps(states_from, states_to)
    flat: list[dict] = [s for chain in chains.values() for _, s in chain if s is not None]
    values = iter(_projections(flat, year, months_from, months_to))
    drivers = {name: Driver(name) for name in DRIVER_ORDER}
    expected_by_month_total = ZERO
    rest_from = rest_to = ZERO
    for key, chain in chains.items():
        decision, client = labels.get(key, (str(key), ""))
        projected = [next(values) if s is not None else (ZERO, ZERO) for _, s in chain]
        expected_by_month_total += projected[0][0]
        rest_from += projected[0][1]
        rest_to += projected[-1][1]
        for index in range(1, len(chain)):
            driver = chain[index][0]
            amount = projected[index][1] - projected[index - 1][1]
            drivers[driver].amount += amount
            if amount:
                drivers[driver].cases.append(Case(decision, client, amount))
    actual_from = sum((actual_net.get(m, ZERO) for m in range(1, months_from + 1)), ZERO)
    actual_between = sum((actual_net.get(m, ZERO) for m in range(months_from + 1, months_to + 1)), ZERO)
    actuals = drivers[ACTUALS]
    actuals.amount = actual_between - expected_by_month_total
    actuals.months = {f"{year}-{m:02d}": actual_net.get(m, ZERO) for m in range(months_from + 1, months_to + 1)}
    bridge = Bridge(date_from=date_from, date_to=date_to,
                    net_from=actual_from + expected_by_month_total + rest_from,
                    net_to=actual_from + actual_between + rest_to, drivers=[drivers[n] for n in DRIVER_ORDER])
    if bridge.remainder:
        bridge.drivers.append(Driver(REMAINDER, bridge.remainder))
    return bridge


def run_rate_bridge(*, date_from: dt.date, date_to: dt.date, net_from: Decimal, net_to: Decimal) -> Bridge:
    """Without a register the forecast is the run rate, and all of its change comes from the actuals."""
    return Bridge(date_from=date_from, date_to=date_to, net_from=net_from, net_to=net_to, method="run_rate",
                  drivers=[Driver(NEW), Driver(ENDED), Driver(ACTUALS, net_to - net_from)])
