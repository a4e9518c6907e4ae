"""What the allocation rules cost the unit in a year: the two 2018 causes, computed from data. Pure.

- **Claims lost by the rule change**: särskild redovisning claims of the year that the year's rule does not pay
  (from 2018, double staffing for part of the day) but the rule before it did. Amount: the amount claimed.
- **Increases not yet paid under the six-month rule**: on each of the year's measurement dates, a person counted
  at a lower level than their need: either the six-month rule counted the level of six months before
  (the gap between the decision's level and the counted one), or a request for a higher level was refused or is
  still pending while the need had already increased by the date (the gap to the requested level). Each gap is the
  date's share of the year: the yearly rate difference ÷ the number of the year's dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.allocation.computation import Allocation, Rates
from insatskollen.allocation.rules import PART_OF_DAY_LAST_YEAR, claim_payable

ORE = Decimal("0.01")


@dataclass(frozen=True)
class ClaimRecord:
    person: int
    code: str
    date: dt.date
    kind: str
    kind_label: str
    amount_claimed: Decimal


@dataclass(frozen=True)
class RequestRecord:
    person: int
    code: str
    requested_level: str
    need_increased_on: dt.date
    status: str  # pending, refused (granted ones are in the register's levels)
    decided_on: dt.date | None


@dataclass
class LostCase:
    person: int
    code: str
    decisions: list[int]
    amount: Decimal
    notes: list[str] = field(default_factory=list)


def claims_lost(claims: list[ClaimRecord], year: int) -> list[LostCase]:
    """Claims the year's rule refuses that the last year of the earlier rule would have paid, largest first."""
    cases: dict[tuple[int, str], LostCase] = {}
    for c in claims:
        if c.date.year != year or claim_payable(c.kind, year)[0] or not claim_payable(c.kind, PART_OF_DAY_LAST_YEAR)[0]:
            continue
        case = cases.setdefault((c.person, c.code), LostCase(c.person, c.code, [], Decimal(0)))
        case.amount += c.amount_claimed
        case.notes.append(f"{c.kind_label}, mättillfälle {c.date.isoformat()}")
    return sorted(cases.values(), key=lambda c: (-c.amount, c.code, c.person))


def increases_unpaid(result: Allocation, rates: Rates, requests: list[RequestRecord]) -> list[LostCase]:
    """Persons counted below their need on the year's dates (see the module), largest first."""
    n_dates = len(result.dates) or 1
    by_person: dict[tuple[int, str], list[RequestRecord]] = defaultdict(list)
    for r in requests:
        if r.status in ("pending", "refused"):
            by_person[(r.person, r.code)].append(r)
    gaps: dict[tuple[int, str], LostCase] = {}
    for day in result.dates:
        for c in day.counted:
            key = (c.person, c.code)
            gap, note = Decimal(0), ""
            if c.six_month_rule_applied:
                gap = rates.yearly.get((c.code, c.current_level), c.rate) - c.rate
                note = (f"{day.date.isoformat()}: räknad på nivå {c.level} i stället för {c.current_level} "
                        f"(sexmånadersregeln)")
            else:
                open_requests = [r for r in by_person.get(key, ()) if r.need_increased_on <= day.date
                                 and rates.yearly.get((c.code, r.requested_level), Decimal(0)) > c.rate]
                if open_requests:
                    r = max(open_requests, key=lambda r: rates.yearly[(c.code, r.requested_level)])
                    gap = rates.yearly[(c.code, r.requested_level)] - c.rate
                    state = (f"avslogs {r.decided_on.isoformat()}" if r.status == "refused" and r.decided_on
                             else "väntar på beslut")
                    note = (f"{day.date.isoformat()}: räknad på nivå {c.level}; behovet ökade "
                            f"{r.need_increased_on.isoformat()}, begäran om nivå {r.requested_level} {state}")
            if gap <= 0:
                continue
            case = gaps.setdefault(key, LostCase(c.person, c.code, [], Decimal(0)))
            case.amount += gap / n_dates
            case.notes.append(note)
            if c.decision not in case.decisions:
                case.decisions.append(c.decision)
    for case in gaps.values():
        case.amount = case.amount.quantize(ORE, rounding=ROUND_HALF_UP)
    return sorted(gaps.values(), key=lambda c: (-c.amount, c.code, c.person))
