"""The same code side by side across districts, adjusted for level mix (see docs/benchmark-exchange.md,
"Adjusting for level mix"). Pure.

The crude cost per person mixes two things: how heavy the district's persons' needs are (their levels) and what
the district pays for a given need. The city's schablon is a price per level common to every district, so a
district's schablon is what its persons would cost at the city's rates for their levels: its expected cost, E.
The ratio R = cost / E is the cost per krona of need. The level-adjusted cost per person is R × (ΣE / ΣN), ΣE and
ΣN pooled over the districts compared: what the district would pay per person with the pooled level mix. The
index is R / (ΣC / ΣE) × 100: 100 is the pooled average, above it more expensive for the same needs. A code
without schablon has no levels and is compared crude (marked so).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")


@dataclass(frozen=True)
class DistrictPeriod:
    """One district's figures for one code summed over the months compared. persons = person-months."""

    district: str
    code: str
    persons: int | None  # None: some month suppressed
    days: int | None
    cost: Decimal | None
    schablon: Decimal | None
    budget_total: Decimal | None = None
    own: bool = False


@dataclass(frozen=True)
class Line:
    district: str
    own: bool
    persons: int | None
    cost: Decimal | None
    cost_per_person: Decimal | None
    cost_per_day: Decimal | None
    schablon_per_person: Decimal | None  # the level mix: expected cost per person at the city's rates
    ratio: Decimal | None  # cost / schablon
    adjusted_cost_per_person: Decimal | None
    index: Decimal | None  # 100 = the pooled average for the same needs
    budget_total: Decimal | None
    suppressed: bool

    @property
    def shown_cost_per_person(self) -> Decimal | None:
        """What the chart places: the adjusted figure when there is one, else the crude."""
        return self.adjusted_cost_per_person if self.adjusted_cost_per_person is not None else self.cost_per_person


@dataclass(frozen=True)
class CodeComparison:
    code: str
    name: str
    adjusted: bool  # False: no schablon, compared crude
    pooled_schablon_per_person: Decimal | None
    lines: list[Line]  # cheapest (as shown) first; suppressed last


def _div(a: Decimal | None, b: Decimal | int | None) -> Decimal | None:
    if a is None or not b:
        return None
    return (Decimal(a) / Decimal(b)).quantize(ORE, rounding=ROUND_HALF_UP)


def compare_code(code: str, name: str, periods: list[DistrictPeriod]) -> CodeComparison:
    shown = [p for p in periods if p.persons is not None and p.cost is not None]
    weighted = [p for p in shown if p.schablon]
    adjusted = bool(weighted) and len(weighted) == len(shown)
    pooled_w = pooled_r = None
    if adjusted:
        total_e = sum((p.schablon for p in weighted), Decimal(0))
        total_n = sum(p.persons for p in weighted)
        total_c = sum((p.cost for p in weighted), Decimal(0))
        pooled_w = _div(total_e, total_n)
        pooled_r = (total_c / total_e) if total_e else None
    lines = []
    for p in periods:
        suppressed = p.persons is None or p.cost is None
        ratio = adjusted_cpp = index = None
        if adjusted and not suppressed and p.schablon:
            exact_ratio = p.cost / p.schablon
            ratio = exact_ratio.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
            adjusted_cpp = ((p.cost * total_e) / (p.schablon * total_n)).quantize(
                ORE, rounding=ROUND_HALF_UP) if total_n else None
            index = ((p.cost * total_e * 100) / (p.schablon * total_c)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP) if pooled_r else None
        lines.append(Line(
            district=p.district, own=p.own, persons=p.persons, cost=p.cost,
            cost_per_person=None if suppressed else _div(p.cost, p.persons),
            cost_per_day=None if suppressed else _div(p.cost, p.days),
            schablon_per_person=None if suppressed else _div(p.schablon, p.persons),
            ratio=ratio, adjusted_cost_per_person=adjusted_cpp, index=index, budget_total=p.budget_total,
            suppressed=suppressed))
    lines.sort(key=lambda line: (line.suppressed, line.shown_cost_per_person or Decimal(0), line.district))
    return CodeComparison(code=code, name=name, adjusted=adjusted, pooled_schablon_per_person=pooled_w,
                          lines=lines)


def sum_months(district: str, code: str, months: list[dict], *, own: bool = False) -> DistrictPeriod:
    """A district's months of one code (dicts with persons, days, cost, schablon, budget_total; None =
    suppressed) summed; one suppressed month withholds the whole period (it cannot be summed)."""
    if not months or any(m["persons"] is None or m["cost"] is None for m in months):
        return DistrictPeriod(district=district, code=code, persons=None, days=None, cost=None, schablon=None,
                              own=own)
    schablons = [m.get("schablon") for m in months]
    budgets = [m.get("budget_total") for m in months]
    return DistrictPeriod(
        district=district, code=code, own=own,
        persons=sum(m["persons"] for m in months), days=sum(m["days"] or 0 for m in months),
        cost=sum((m["cost"] for m in months), Decimal(0)),
        schablon=None if any(s is None for s in schablons) else sum(schablons, Decimal(0)),
        budget_total=None if all(b is None for b in budgets) else sum((b or Decimal(0) for b in budgets), Decimal(0)),
    )
