"""Level watch (nivåbevakning): decisions whose price is far above the schablon of their level. Pure.

A decision active on the day, in a code with rates, is a candidate when its yearly price (the cost engine's whole
calendar year at the terms in force that day) exceeds the yearly schablon of its level by more than `share`
(`settings.ALLOCATION_LEVEL_WATCH_SHARE`), or reaches the schablon of the next level of the code. Either the
person's needs have grown beyond the level (request a reassessment) or the provider charges too much for the
level (renegotiate). The yearly amount is price − schablon; largest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

import numpy as np

from insatskollen.allocation.computation import Periods, Rates, _order
from insatskollen.core.numbers import format_percent
from insatskollen.costing.engine import DecisionArrays, day_number, monthly_costs
from insatskollen.costing.money import ore, to_units

ORE = Decimal("0.01")


@dataclass(frozen=True)
class Candidate:
    decision: int
    person: int
    code: str
    level: str
    provider: str
    yearly_price: Decimal
    schablon: Decimal  # the yearly rate of the level
    excess: Decimal  # yearly_price − schablon
    share: Decimal  # excess ÷ schablon
    next_level: str  # "" when the level is the highest
    next_schablon: Decimal | None
    reaches_next_level: bool

    @property
    def reason(self) -> str:
        text = f"Priset är {format_percent(self.share * 100)} över schablonen för nivå {self.level}"
        if self.reaches_next_level:
            text += f" och motsvarar minst nivå {self.next_level}"
        return text + "."


def next_levels(rates: Rates) -> dict[tuple[str, str], tuple[str, Decimal]]:
    """(code, level) → the next higher level of the code and its yearly rate."""
    found: dict[tuple[str, str], tuple[str, Decimal]] = {}
    for code in rates.codes():
        levels = sorted((lv for c, lv in rates.yearly if c == code), key=lambda lv: (_order(code, lv, rates), lv))
        for low, high in pairwise(levels):
            found[(code, low)] = (high, rates.yearly[(code, high)])
    return found


def candidates(periods: Periods, rates: Rates, day: dt.date, share: Decimal) -> list[Candidate]:
    """The decisions to look at (see the module), largest yearly excess first."""
    n = len(periods)
    today = day_number(day)
    active = np.nonzero((periods.start <= today) & (periods.end >= today))[0] if n else np.zeros(0, np.int64)
    rows = [int(i) for i in active if (periods.code[i], periods.level[i]) in rates.yearly]
    if not rows:
        return []
    engine = periods.engine
    index = np.array(rows, dtype=np.int64)
    whole_year = DecisionArrays(
        start=np.full(index.size, day_number(dt.date(day.year, 1, 1)), np.int64),
        end=np.full(index.size, day_number(dt.date(day.year, 12, 31)), np.int64),
        unit=engine.unit[index], extent=engine.extent[index], price=engine.price[index],
        cost_share=engine.cost_share[index], revenue_per_unit=engine.revenue_per_unit[index])
    yearly = to_units(monthly_costs(whole_year, dt.date(day.year, 1, 1), 12).cost).sum(axis=1)
    following = next_levels(rates)
    found = []
    for i, units in zip(rows, yearly.tolist()):
        code, level = periods.code[i], periods.level[i]
        schablon = rates.yearly[(code, level)]
        price = ore(int(units))
        excess = price - schablon
        nxt = following.get((code, level))
        reaches = nxt is not None and price >= nxt[1]
        over = schablon > 0 and excess > schablon * share
        if not (over or reaches):
            continue
        found.append(Candidate(
            decision=int(periods.decision[i]), person=int(periods.person[i]), code=code, level=level,
            provider=periods.provider[i], yearly_price=price, schablon=schablon, excess=excess,
            share=(excess / schablon) if schablon else Decimal(0), next_level=nxt[0] if nxt else "",
            next_schablon=nxt[1] if nxt else None, reaches_next_level=reaches))
    found.sort(key=lambda c: (-c.excess, c.decision))
    return found
