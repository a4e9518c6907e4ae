"""A reference implementation of the cost formula with terms in time: deliberately slow and obvious.

One day at a time, in exact fractions. A decision is its first terms, its start and end, and its changes in the
order they were made; each change sets its fields from its own date on ("tills vidare"), so on a given day the
terms are the first terms with every change dated on or before that day applied in order. formats.md §1 prices each
day: dygn q·p·s, tim/vecka q·p/7·s, the per-month units q·p/D·s (D = days in the month), s = 1 − IFO share/100;
revenue the same with the revenue per unit and without s. A month is the sum of its days, rounded once to öre.

Nothing here comes from the code under test.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PER_DAY = {"dygn"}
PER_WEEK = {"tim/vecka"}
PER_MONTH = {"tim/månad", "dygn/månad", "resor/månad", "månad"}
ORE = Decimal("0.01")


@dataclass
class RefDecision:
    start: dt.date
    end: dt.date | None
    terms: dict  # unit, extent, price, ifo_share_pct, revenue_per_unit
    changes: list[tuple[dt.date, dict]] = field(default_factory=list)  # (valid from, fields), in the order made

    def terms_on(self, day: dt.date) -> dict | None:
        if day < self.start or (self.end is not None and day > self.end):
            return None
        terms = dict(self.terms)
        for valid_from, fields in self.changes:
            if valid_from <= day:
                terms.update(fields)
        return terms


def _fraction(value) -> Fraction:
    return Fraction(str(value or 0))


def day_amounts(terms: dict, day: dt.date) -> tuple[Fraction, Fraction]:
    """(cost, revenue) of one day under `terms`."""
    quantity = _fraction(terms["extent"])
    if terms["unit"] in PER_WEEK:
        quantity /= 7
    elif terms["unit"] in PER_MONTH:
        quantity /= calendar.monthrange(day.year, day.month)[1]
    elif terms["unit"] not in PER_DAY:
        raise ValueError(terms["unit"])
    share = 1 - _fraction(terms["ifo_share_pct"]) / 100
    return quantity * _fraction(terms["price"]) * share, quantity * _fraction(terms["revenue_per_unit"])


def month_amounts(decisions: list[RefDecision], year: int, month: int) -> tuple[Fraction, Fraction]:
    """The exact cost and revenue of the month, summed day by day over every decision."""
    cost = revenue = Fraction(0)
    for day_number in range(1, calendar.monthrange(year, month)[1] + 1):
        day = dt.date(year, month, day_number)
        for decision in decisions:
            terms = decision.terms_on(day)
            if terms is not None:
                c, r = day_amounts(terms, day)
                cost += c
                revenue += r
    return cost, revenue


def to_ore(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(ORE, rounding=ROUND_HALF_UP)


def near_half_ore(value: Fraction) -> bool:
    """True when the exact amount lies within a millionth of an öre of a half öre: there a float sum may round the
    other way, and one öre either way is the float engine's honest answer."""
    hundredths = value * 100
    return abs(hundredths - int(hundredths) - Fraction(1, 2)) < Fraction(1, 10**6)


def year_months(decisions: list[RefDecision], year: int) -> dict[str, tuple[Fraction, Fraction]]:
    return {f"{year}-{m:02d}": month_amounts(decisions, year, m) for m in range(1, 13)}


def year_rounded_once(decisions: list[RefDecision], year: int) -> dict[str, Decimal]:
    """The year's cost, revenue and net, each summed exactly over every day and rounded once to öre.

    (expected.json's `year_2025` is the sum of its twelve rounded months, a few öre from this; its per-code figures
    are rounded once, as this is. One rule for every figure is the one that can agree with itself everywhere.)"""
    months = year_months(decisions, year).values()
    cost, revenue = sum(c for c, _ in months), sum(r for _, r in months)
    return {"cost": to_ore(cost), "revenue": to_ore(revenue), "net": to_ore(cost) - to_ore(revenue)}


def from_register(decisions) -> list[RefDecision]:
    """Reference decisions from stored decisions with one set of terms each (as the samples have)."""
    return [RefDecision(d.start_date, d.end_date, {"unit": d.unit, "extent": d.extent, "price": d.price,
                                                    "ifo_share_pct": d.ifo_share_pct,
                                                    "revenue_per_unit": d.revenue_per_unit})
            for d in decisions]
