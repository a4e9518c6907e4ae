"""The causes of a year's change in net cost, each with its amount and the cases behind it. Pure: no Django.

Every amount is an increase of the net cost (cost − revenue) in SEK, a Decimal to the öre. With each decision
priced by the cost engine over last year (its state as known at last year's end) and over this year (as known on
the as-of date), the register's change splits into disjoint parts:

  new decisions        decisions starting this year: their net this year
  price changes        decisions running both years: this year's cost at this year's price − at last year's price
  changed revenue      decisions running both years: this year's revenue at last year's revenue per unit − at
                       this year's (revenue that ended or fell raises the net cost)
  volume               per intervention code: (average active this year, new decisions excluded − last year)
                       × last year's net cost per average active intervention
  other register       the rest of the register's change (extent, IFO share, mix within a code)

and `outside register` = (forecast − last year's net) − the register's change: costs and revenue outside the
register and actuals other than the register shows. So the causes add up exactly to the change in net cost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal

import numpy as np

from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import DecisionArrays, monthly_costs
from insatskollen.costing.money import span_amount

NEW, PRICE, REVENUE, VOLUME, OTHER, OUTSIDE = "new", "price", "revenue", "volume", "other", "outside"
CLAIMS_RULE, SIX_MONTHS = "claims_rule", "six_months"  # the allocation's causes
CAUSE_ORDER = (NEW, PRICE, REVENUE, VOLUME, OTHER, OUTSIDE)
TOP_CASES = 10
ZERO = Decimal(0)


@dataclass
class CaseLine:
    """A decision behind a cause: `amount` is its part of the cause; before/after what changed (price, revenue)."""

    decision: str
    client: str  # masked personnummer: the document leaves the system
    intervention: str
    amount: Decimal
    before: Decimal | None = None
    after: Decimal | None = None
    note: str = ""


@dataclass
class CodeLine:
    """A cause per intervention code: before/after (average price, revenue, or average active count)."""

    code: str
    name: str
    before: Decimal | None
    after: Decimal | None
    amount: Decimal
    basis: Decimal | None = None  # volume: last year's net cost per average active intervention


@dataclass
class Cause:
    kind: str
    amount: Decimal
    count: int = 0  # decisions behind the cause
    cases: list[CaseLine] = field(default_factory=list)
    codes: list[CodeLine] = field(default_factory=list)
    others_count: int = 0  # decisions not listed, when the listed cases add up to the cause with them
    others_amount: Decimal | None = None


@dataclass
class Draft:
    """The computed part of the document, frozen when the plan is drafted."""

    year: int
    as_of: dt.date
    unit_name: str
    budget_net: Decimal
    forecast_net: Decimal
    forecast_method: str
    last_year_net: Decimal
    last_year_source: str  # "ledger" or "register"
    register_before: Decimal  # the register's net last year
    register_after: Decimal  # the register's net this year
    causes: list[Cause]
    # The allocation's causes (claims lost by the rule change, increases not yet paid under the six-month rule):
    # allocation the unit did not get, beside the net cost's causes (they do not add up to its change).
    allocation_causes: list[Cause] = field(default_factory=list)

    @property
    def deviation(self) -> Decimal:
        """Budget − forecast: negative is a deficit."""
        return self.budget_net - self.forecast_net

    @property
    def change(self) -> Decimal:
        """Forecast net this year − net last year; the causes add up to this."""
        return self.forecast_net - self.last_year_net

    def cause(self, kind: str) -> Cause:
        return next(c for c in self.causes if c.kind == kind)

    def to_json(self) -> dict:
        return _jsonable(asdict(self))

    @classmethod
    def from_json(cls, data: dict) -> Draft:
        values = dict(data)
        values["as_of"] = dt.date.fromisoformat(values["as_of"])
        for name in ("budget_net", "forecast_net", "last_year_net", "register_before", "register_after"):
            values[name] = Decimal(values[name])
        values["causes"] = [_cause_from_json(c) for c in values["causes"]]
        values["allocation_causes"] = [_cause_from_json(c) for c in values.get("allocation_causes", [])]
        return cls(**values)


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _decimals(cls, data: dict):
    money = {f.name for f in fields(cls) if "Decimal" in str(f.type)}
    return cls(**{k: (Decimal(v) if k in money and v is not None else v) for k, v in data.items()})


def _cause_from_json(data: dict) -> Cause:
    cause = _decimals(Cause, {k: v for k, v in data.items() if k not in ("cases", "codes")})
    cause.cases = [_decimals(CaseLine, c) for c in data["cases"]]
    cause.codes = [_decimals(CodeLine, c) for c in data["codes"]]
    return cause


@dataclass(frozen=True)
class Priced:
    """One state priced over one year: cost and revenue rounded to öre, average active count over the months."""

    cost: Decimal
    revenue: Decimal
    active: Decimal

    @property
    def net(self) -> Decimal:
        return self.cost - self.revenue


NOTHING = Priced(ZERO, ZERO, ZERO)


def periods_of(state: dict) -> list[dict]:
    """A state's term periods (each with the engine fields); a state without `periods` is one period."""
    return state.get("periods") or [state]


def priced_with_net(states: list[dict], year: int) -> tuple[list[Priced], Decimal]:
    """Each state priced over the calendar year, each day with the terms of its period (engine fields: start_date,
    end_date, unit, extent, price, ifo_share_pct, revenue_per_unit), and the states' net over the year with cost and
    revenue each rounded once to öre (costing.money): the register's own figure, not the sum of the rounded states."""
    if not states:
        return [], ZERO
    owners, rows = [], []
    for index, state in enumerate(states):
        for period in periods_of(state):
            owners.append(index)
            rows.append({"start": period["start_date"], "end": period["end_date"], "unit": period["unit"],
                         "extent": period["extent"], "price": period["price"],
                         "ifo_share_pct": period["ifo_share_pct"], "revenue_per_unit": period["revenue_per_unit"]})
    result = monthly_costs(DecisionArrays.from_rows(rows), dt.date(year, 1, 1), 12)
    owner = np.array(owners, dtype=np.int64)

    def summed(values: np.ndarray) -> np.ndarray:
        return np.bincount(owner, weights=values, minlength=len(states))

    days_in_month = np.array([(dt.date(year + (m == 12), m % 12 + 1, 1) - dt.date(year, m, 1)).days
                              for m in range(1, 13)], dtype=np.float64)
    active = summed((result.days / days_in_month).sum(axis=1) / 12)
    priced = [Priced(to_ore(float(c)), to_ore(float(r)), Decimal(str(round(float(a), 6))))
              for c, r, a in zip(summed(result.cost.sum(axis=1)), summed(result.revenue.sum(axis=1)), active)]
    return priced, span_amount(result.cost) - span_amount(result.revenue)


def price_year(states: list[dict], year: int) -> list[Priced]:
    """Each state priced over the calendar year (see `priced_with_net`)."""
    return priced_with_net(states, year)[0]


def _overridden(state: dict, override: dict) -> dict:
    """The state with some fields replaced: term fields on every period; start or end date make it one period at
    the state's latest terms (a whole year at today's rate)."""
    values = {f: v(state) for f, v in override.items()}
    if "start_date" in values or "end_date" in values or "periods" not in state:
        return {**{k: v for k, v in state.items() if k != "periods"}, **values}
    return {**state, **values, "periods": [{**p, **values} for p in state["periods"]]}


def _by_id(states: dict, year: int, **override) -> dict:
    return _by_id_with_net(states, year, **override)[0]


def _by_id_with_net(states: dict, year: int, **override) -> tuple[dict, Decimal]:
    keys = list(states)
    priced, net = priced_with_net([_overridden(states[k], override) for k in keys], year)
    return dict(zip(keys, priced)), net


def _top(cases: list[CaseLine], key) -> list[CaseLine]:
    return sorted(cases, key=lambda c: (key(c), c.decision))[:TOP_CASES]


def _with_others(cause: Cause, listed: list[CaseLine]) -> Cause:
    cause.cases = listed
    cause.others_count = cause.count - len(listed)
    cause.others_amount = cause.amount - sum((c.amount for c in listed), ZERO)
    return cause


def _average(values: list[Decimal]) -> Decimal | None:
    return to_ore(sum(values, ZERO) / len(values)) if values else None


@dataclass
class _Years:
    """Every decision priced over last year and this year, and what the causes need to name its cases."""

    year: int
    states_before: dict
    states_after: dict
    labels: dict
    names: dict[str, str]

    def __post_init__(self) -> None:
        self.first_day = dt.date(self.year, 1, 1)
        # The register's net of each year, rounded once, from the same pricing as the cases.
        self.before, self.register_before = _by_id_with_net(self.states_before, self.year - 1)
        self.after, self.register_after = _by_id_with_net(self.states_after, self.year)
        self.new = {k for k, s in self.states_after.items() if s["start_date"] >= self.first_day}
        self.running = [k for k, s in self.states_after.items() if k in self.states_before and k not in self.new
                        and self.after[k].active > 0]

    def case(self, key, amount: Decimal, **extra) -> CaseLine:
        state = self.states_after.get(key) or self.states_before[key]
        decision, client = self.labels.get(key, (f"#{key}", ""))
        name = f"{state['code']} {self.names.get(state['code'], '')}".strip()
        return CaseLine(decision, client, name, amount, **extra)


def _new_cause(y: _Years) -> Cause:
    """All of the new decisions' change (their net last year is nil unless a start moved into this year);
    listed by annual cost (a whole year at today's rate), largest first."""
    annual = _by_id({k: y.states_after[k] for k in y.new}, y.year, start_date=lambda s: y.first_day,
                    end_date=lambda s: None)
    cases = [y.case(k, y.after[k].net - y.before.get(k, NOTHING).net, before=annual[k].cost, after=y.after[k].cost,
                    note=f"{y.states_after[k]['start_date']:%Y-%m-%d}") for k in y.new]
    cause = Cause(NEW, sum((c.amount for c in cases), ZERO), len(cases))
    return _with_others(cause, _top(cases, lambda c: -c.before))


def _rate_causes(y: _Years) -> tuple[Cause, Cause]:
    """Price and revenue per unit of the decisions running both years, at this year's volume."""
    # This year's state at last year's price and revenue per unit: what the rates alone changed.
    old_rates = [_overridden(y.states_after[k], {
        "price": lambda s, k=k: y.states_before[k]["price"],
        "revenue_per_unit": lambda s, k=k: y.states_before[k]["revenue_per_unit"]}) for k in y.running]
    at_old_rates = dict(zip(y.running, price_year(old_rates, y.year)))
    price, revenue = Cause(PRICE, ZERO), Cause(REVENUE, ZERO)
    cases: dict[str, list[CaseLine]] = {PRICE: [], REVENUE: []}
    rates: dict[str, dict[str, list]] = {PRICE: {}, REVENUE: {}}  # cause → code → [old rates, new rates, amount]
    for k in y.running:
        old_state, new_state = y.states_before[k], y.states_after[k]
        effects = ((price, "price", y.after[k].cost - at_old_rates[k].cost),
                   (revenue, "revenue_per_unit", at_old_rates[k].revenue - y.after[k].revenue))
        for cause, rate, effect in effects:
            old_rate, new_rate = Decimal(old_state[rate] or 0), Decimal(new_state[rate] or 0)
            if not (old_rate or new_rate):
                continue
            entry = rates[cause.kind].setdefault(new_state["code"], [[], [], ZERO])
            entry[0].append(old_rate)
            entry[1].append(new_rate)
            entry[2] += effect
            if effect:
                cause.amount += effect
                cases[cause.kind].append(y.case(k, effect, before=old_rate, after=new_rate))
    price.count, revenue.count = len(cases[PRICE]), len(cases[REVENUE])
    _with_others(price, _top(cases[PRICE], lambda c: -abs(c.amount)))
    # Revenue that ended or fell first (largest loss first), then the largest increases.
    _with_others(revenue, _top(cases[REVENUE], lambda c: (c.amount <= 0, -abs(c.amount))))
    for cause in (price, revenue):
        cause.codes = sorted((CodeLine(code, y.names.get(code, ""), _average(v[0]), _average(v[1]), v[2])
                              for code, v in rates[cause.kind].items() if v[2]),
                             key=lambda c: (-abs(c.amount), c.code))
    return price, revenue


def _volume_cause(y: _Years) -> Cause:
    """Per code: (average active this year without the new decisions − last year) × last year's net per active;
    the cases behind it are the largest decisions that ended before this year."""
    volume = Cause(VOLUME, ZERO)
    per_code: dict[str, list[Decimal]] = {}  # code → [active last year, net last year, active this year]
    for k, state in y.states_before.items():
        if y.before[k].active:
            entry = per_code.setdefault(state["code"], [ZERO, ZERO, ZERO])
            entry[0] += y.before[k].active
            entry[1] += y.before[k].net
    for k, state in y.states_after.items():
        if k not in y.new and y.after[k].active:
            per_code.setdefault(state["code"], [ZERO, ZERO, ZERO])[2] += y.after[k].active
    for code, (active_before, net_before, active_after) in sorted(per_code.items()):
        if not active_before:
            continue
        per_active = net_before / active_before
        amount = to_ore((active_after - active_before) * per_active)
        volume.amount += amount
        volume.codes.append(CodeLine(code, y.names.get(code, ""), active_before.quantize(Decimal("0.1")),
                                     active_after.quantize(Decimal("0.1")), amount, to_ore(per_active)))
    volume.codes.sort(key=lambda c: (-abs(c.amount), c.code))
    ended = [k for k in y.states_before
             if y.before[k].active and not y.after.get(k, NOTHING).active and k not in y.new]
    volume.count = len(ended)
    volume.cases = _top([y.case(k, -y.before[k].net, note=_end_note(y.states_after.get(k) or y.states_before[k]))
                         for k in ended], lambda c: c.amount)
    return volume


def _end_note(state: dict) -> str:
    return f"{state['end_date']:%Y-%m-%d}" if state.get("end_date") else ""


def compose(*, year: int, states_before: dict, states_after: dict, labels: dict, names: dict[str, str],
            forecast_net: Decimal, last_year_net: Decimal | None, **facts) -> Draft:
    """The causes of the change in net cost from last year to this year's forecast.

    `states_before`/`states_after`: {decision id: engine fields + "code"} as known at last year's end and on the
    as-of date (a decision unknown at last year's end may reuse its later state); `labels`: {decision id:
    (Beslut-id, masked personnummer)}; `names`: {code: name}; `last_year_net`: the ledger's net last year, or None
    to use the register's. `facts`: as_of, unit_name, budget_net, forecast_method (stored as given).
    """
    y = _Years(year, states_before, states_after, labels, names)
    new = _new_cause(y)
    price, revenue = _rate_causes(y)
    volume = _volume_cause(y)
    # The register's year is its own figure, rounded once (costing.money), not the sum of the rounded cases: the
    # same figure every other page gives; the cases' roundings land in "other register".
    register_before, register_after = y.register_before, y.register_after
    base = register_before if last_year_net is None else last_year_net
    explained = new.amount + price.amount + revenue.amount + volume.amount
    other = Cause(OTHER, register_after - register_before - explained)
    outside = Cause(OUTSIDE, (forecast_net - base) - (register_after - register_before))
    return Draft(year=year, forecast_net=forecast_net, last_year_net=base,
                 last_year_source="register" if last_year_net is None else "ledger", register_before=register_before,
                 register_after=register_after, causes=[new, price, revenue, volume, other, outside], **facts)
