"""The city's allocation for a year, computed exactly as formats.md §6 says. Pure NumPy beside the cost engine.

On each measurement date every person with a decision in a code that has rates that year, active that day (in the
register as known on `as_of`), is counted once per code at one level: the level of that decision's terms on that
day. With the six-month rule, a person whose level in the code rose within the six months before the date is
counted at the level in force six months before it; a person newly placed within those six months is counted at
their level. When two decisions of a person in one code are active the same day, the better-paid level counts.

The allocation of a code = the mean over the year's dates of the sum of the yearly rates of the levels counted,
plus the granted särskild redovisning claims of the year. A date after `as_of` is counted from the same register
(a projection) and marked so. Cost is the register's cost of the year (the cost engine) for the same code and the
same provider kind; difference = cost − allocation (positive: the city pays less than the unit spends).

Money: rates and claims are exact öre (integers); the cost is summed exactly in nano-kronor per term period
(`costing.money`) and every figure rounded once to öre.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from insatskollen.allocation.rules import six_months_before
from insatskollen.costing.engine import DecisionArrays, day_number, monthly_costs
from insatskollen.costing.money import ore, to_units

ORE = Decimal("0.01")
NANO_PER_ORE = 10**7


@dataclass(frozen=True)
class MeasurementDay:
    date: dt.date
    six_month_rule: bool = True


@dataclass(frozen=True)
class GrantedClaim:
    """A granted, payable särskild redovisning: its amount is added to the person's allocation in the code."""

    person: int
    code: str
    date: dt.date
    amount: Decimal


@dataclass(frozen=True)
class Rates:
    """The year's yearly rates per (code, level) and the allocation group of each code."""

    yearly: dict[tuple[str, str], Decimal]
    groups: dict[str, str]

    def codes(self) -> list[str]:
        return sorted({code for code, _ in self.yearly})


@dataclass(frozen=True)
class Periods:
    """Term periods (one row per stretch of a decision's constant terms) of the codes that matter, as arrays."""

    decision: np.ndarray  # int64
    person: np.ndarray  # int64 (client id)
    code: np.ndarray  # str objects
    level: np.ndarray  # str objects ("" when none)
    provider: np.ndarray  # str objects
    provider_kind: np.ndarray  # str objects
    start: np.ndarray  # int64 day numbers
    end: np.ndarray  # int64 day numbers (OPEN_END)
    engine: DecisionArrays

    def __len__(self) -> int:
        return int(self.decision.shape[0])

    @classmethod
    def from_rows(cls, rows: Sequence[dict]) -> Periods:
        """Rows with decision_id, client_id, code, level, provider, provider_kind and the cost engine's fields
        (start_date, end_date, unit, extent, price, ifo_share_pct, revenue_per_unit)."""
        n = len(rows)

        def strings(key: str) -> np.ndarray:
            return np.array([str(r.get(key) or "") for r in rows], dtype=object).reshape(n)

        engine = DecisionArrays.from_rows([
            {"start": r["start_date"], "end": r["end_date"], "unit": r["unit"], "extent": r["extent"],
             "price": r["price"], "ifo_share_pct": r.get("ifo_share_pct"), "revenue_per_unit": None} for r in rows])
        return cls(
            decision=np.fromiter((r["decision_id"] for r in rows), np.int64, n),
            person=np.fromiter((r["client_id"] for r in rows), np.int64, n),
            code=strings("code"), level=strings("level"), provider=strings("provider"),
            provider_kind=strings("provider_kind"), start=engine.start, end=engine.end, engine=engine,
        )


@dataclass(frozen=True)
class Counted:
    """One person counted in one code on one date."""

    person: int
    code: str
    level: str  # the counted level
    current_level: str  # the decision's level that day
    decision: int
    provider: str
    provider_kind: str
    rate: Decimal  # the yearly rate of the counted level (0 when the level has no rate)
    six_month_rule_applied: bool


@dataclass(frozen=True)
class DateResult:
    date: dt.date
    projected: bool
    six_month_rule: bool
    counted: list[Counted]

    def counts(self) -> list[tuple[str, str, int]]:
        """(code, level, persons), codes and levels in order."""
        tally: dict[tuple[str, str], int] = defaultdict(int)
        for c in self.counted:
            tally[(c.code, c.level)] += 1
        return [(code, level, n) for (code, level), n in sorted(tally.items(), key=lambda kv: _level_key(*kv[0]))]

    @property
    def amount(self) -> Decimal:
        return sum((c.rate for c in self.counted), Decimal(0))


@dataclass
class Line:
    """Allocation, cost and difference of one group, provider kind, provider or person."""

    key: str
    schablon: Decimal = Decimal(0)  # mean over the dates of the rates counted
    claims: Decimal = Decimal(0)  # granted särskild redovisning
    cost: Decimal = Decimal(0)

    @property
    def allocation(self) -> Decimal:
        return self.schablon + self.claims

    @property
    def difference(self) -> Decimal:
        return self.cost - self.allocation

    def as_dict(self) -> dict:
        return {"allocation": float(self.allocation), "schablon": float(self.schablon), "claims": float(self.claims),
                "cost": float(self.cost), "difference": float(self.difference)}


@dataclass
class PersonLine(Line):
    person: int = 0
    code: str = ""
    group: str = ""
    provider: str = ""
    provider_kind: str = ""
    decisions: list[int] = field(default_factory=list)
    levels: dict[dt.date, str] = field(default_factory=dict)  # counted level per date
    current_levels: dict[dt.date, str] = field(default_factory=dict)
    six_month_rule_dates: list[dt.date] = field(default_factory=list)


@dataclass
class Allocation:
    year: int
    as_of: dt.date
    provider_kind: str | None
    dates: list[DateResult]
    groups: dict[str, Line]  # group → line
    group_codes: dict[str, list[str]]
    total: Line
    provider_kinds: dict[str, Line]
    providers: dict[str, Line]
    persons: list[PersonLine]  # largest gap (cost − allocation) first


def _level_key(code: str, level: str) -> tuple:
    return (code, 0, float(level), level) if _is_number(level) else (code, 1, 0.0, level)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _order(code: str, level: str, rates: Rates) -> float:
    """How high a level is: its number when it is one, else its rate; NaN when neither is known."""
    if _is_number(level):
        return float(level)
    rate = rates.yearly.get((code, level))
    return float(rate) if rate is not None else float("nan")


def _round(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def _pick(rows: np.ndarray, key: np.ndarray, rate: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Of `rows`, one per key: the best-paid level, then the latest start."""
    if rows.size == 0:
        return rows
    order = np.lexsort((start[rows], rate[rows], key[rows]))
    ordered = rows[order]
    keys = key[ordered]
    last = np.append(keys[1:] != keys[:-1], True)
    return ordered[last]


def count_dates(periods: Periods, rates: Rates, dates: Iterable[MeasurementDay], as_of: dt.date,
                provider_kind: str | None = None) -> list[DateResult]:
    """The persons counted on each date (see the module)."""
    n = len(periods)
    rated = np.fromiter((c in rates.groups for c in periods.code), bool, n)
    pairs = np.array([f"{p}\x00{c}" for p, c in zip(periods.person.tolist(), periods.code)], dtype=object)
    _, key = np.unique(pairs, return_inverse=True) if n else (None, np.zeros(0, np.int64))
    key = np.asarray(key, dtype=np.int64).reshape(n)
    rate_ore = np.fromiter((int(rates.yearly.get((c, lv), Decimal(-1)) * 100) for c, lv in
                            zip(periods.code, periods.level)), np.int64, n)
    order = np.fromiter((_order(c, lv, rates) for c, lv in zip(periods.code, periods.level)), np.float64, n)
    of_kind = (periods.provider_kind == provider_kind) if provider_kind else np.ones(n, bool)
    results = []
    for day in sorted(dates, key=lambda d: d.date):
        today = day_number(day.date)
        active = rated & of_kind & (periods.start <= today) & (periods.end >= today)
        chosen = _pick(np.nonzero(active)[0], key, rate_ore, periods.start)
        before_level = {}
        if day.six_month_rule and chosen.size:
            then = day_number(six_months_before(day.date))
            earlier = _pick(np.nonzero(rated & (periods.start <= then) & (periods.end >= then))[0], key, rate_ore,
                            periods.start)
            before_level = {int(key[i]): int(i) for i in earlier}
        counted = []
        for i in chosen.tolist():
            code, level = periods.code[i], periods.level[i]
            j = before_level.get(int(key[i]))
            rose = j is not None and order[i] > order[j]  # NaN compares False: an unknown level never "rose"
            counted_level = periods.level[j] if rose else level
            counted.append(Counted(
                person=int(periods.person[i]), code=code, level=counted_level, current_level=level,
                decision=int(periods.decision[i]), provider=periods.provider[i],
                provider_kind=periods.provider_kind[i],
                rate=rates.yearly.get((code, counted_level), Decimal(0)), six_month_rule_applied=bool(rose)))
        results.append(DateResult(date=day.date, projected=day.date > as_of, six_month_rule=day.six_month_rule,
                                  counted=counted))
    return results


def compute(periods: Periods, rates: Rates, dates: Sequence[MeasurementDay], *, year: int, as_of: dt.date,
            claims: Iterable[GrantedClaim] = (), provider_kind: str | None = None) -> Allocation:
    """The year's allocation against the register's cost, per group, provider kind, provider and person."""
    day_results = count_dates(periods, rates, dates, as_of, provider_kind)
    n_dates = len(day_results) or 1

    # Schablon: each line's exact sum over the dates in öre, divided by the number of dates, rounded once.
    schablon: dict[tuple[str, str], int] = defaultdict(int)  # (dimension, key) → öre summed over the dates
    persons: dict[tuple[int, str], PersonLine] = {}
    for result in day_results:
        for c in result.counted:
            amount = int(c.rate * 100)
            group = rates.groups[c.code]
            for dimension in (("group", group), ("kind", c.provider_kind), ("provider", c.provider),
                              ("person", f"{c.person}\x00{c.code}"), ("total", "")):
                schablon[dimension] += amount
            line = persons.setdefault((c.person, c.code), PersonLine(key=f"{c.person}/{c.code}", person=c.person,
                                                                     code=c.code, group=group))
            line.levels[result.date] = c.level
            line.current_levels[result.date] = c.current_level
            line.provider, line.provider_kind = c.provider, c.provider_kind
            if c.decision not in line.decisions:
                line.decisions.append(c.decision)
            if c.six_month_rule_applied:
                line.six_month_rule_dates.append(result.date)

    def mean(dimension: str, key: str) -> Decimal:
        return _round(Decimal(schablon.get((dimension, key), 0)) / 100 / n_dates)

    # Cost: the engine over the year, exact per period in nano-kronor.
    n = len(periods)
    rated = np.fromiter((c in rates.groups for c in periods.code), bool, n)
    of_kind = (periods.provider_kind == provider_kind) if provider_kind else np.ones(n, bool)
    rows = np.nonzero(rated & of_kind)[0]
    cost_units: dict[tuple[str, str], int] = defaultdict(int)
    if rows.size:
        engine = periods.engine
        subset = DecisionArrays(*(getattr(engine, f)[rows] for f in
                                  ("start", "end", "unit", "extent", "price", "cost_share", "revenue_per_unit")))
        priced = monthly_costs(subset, dt.date(year, 1, 1), 12)
        per_row = to_units(priced.cost).sum(axis=1)
        for index, units in zip(rows.tolist(), per_row.tolist()):
            if not units:
                continue
            code, person = periods.code[index], int(periods.person[index])
            group = rates.groups[code]
            for dimension in (("group", group), ("kind", periods.provider_kind[index]),
                              ("provider", periods.provider[index]), ("person", f"{person}\x00{code}"),
                              ("total", "")):
                cost_units[dimension] += units
            line = persons.setdefault((person, code), PersonLine(key=f"{person}/{code}", person=person, code=code,
                                                                 group=group))
            if not line.provider:
                line.provider, line.provider_kind = periods.provider[index], periods.provider_kind[index]
            if int(periods.decision[index]) not in line.decisions:
                line.decisions.append(int(periods.decision[index]))

    def cost(dimension: str, key: str) -> Decimal:
        return ore(cost_units.get((dimension, key), 0))

    # Granted claims of the year's dates, for the persons and codes in scope.
    claim_ore: dict[tuple[str, str], int] = defaultdict(int)
    for claim in claims:
        if claim.date.year != year or claim.code not in rates.groups:
            continue
        line = persons.get((claim.person, claim.code))
        if provider_kind and line is None:
            continue  # a person not placed with this kind of provider
        amount = int(_round(claim.amount) * 100)
        dimensions = [("group", rates.groups[claim.code]), ("person", f"{claim.person}\x00{claim.code}"),
                      ("total", "")]
        if line is not None and line.provider:
            dimensions += [("provider", line.provider), ("kind", line.provider_kind)]
        for dimension in dimensions:
            claim_ore[dimension] += amount
        if line is None:
            persons[(claim.person, claim.code)] = PersonLine(key=f"{claim.person}/{claim.code}", person=claim.person,
                                                             code=claim.code, group=rates.groups[claim.code])

    def line(dimension: str, key: str, into: Line | None = None) -> Line:
        target = into or Line(key=key)
        target.schablon = mean(dimension, key)
        target.claims = Decimal(claim_ore.get((dimension, key), 0)) / 100
        target.cost = cost(dimension, key)
        return target

    group_codes: dict[str, list[str]] = defaultdict(list)
    for code in rates.codes():
        group_codes[rates.groups[code]].append(code)
    groups = {g: line("group", g) for g in sorted(group_codes)}
    kinds = sorted({k for (d, k) in list(schablon) + list(cost_units) if d == "kind"})
    providers = sorted({k for (d, k) in list(schablon) + list(cost_units) + list(claim_ore) if d == "provider"})
    person_lines = [line("person", f"{p.person}\x00{p.code}", into=p) for p in persons.values()]
    person_lines.sort(key=lambda p: (-p.difference, p.code, p.person))
    return Allocation(
        year=year, as_of=as_of, provider_kind=provider_kind, dates=day_results, groups=groups,
        group_codes=dict(group_codes), total=line("total", ""),
        provider_kinds={k: line("kind", k) for k in kinds}, providers={k: line("provider", k) for k in providers},
        persons=person_lines,
    )
