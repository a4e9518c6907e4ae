"""Carrier invoice lines matched to transport orders, every discrepancy flagged with its amount. Pure: plain data in,
plain data out, no Django.

A line is checked in this order; the first four dispute the whole line:
1. `unknown_client`  — the personnummer is not a client of the unit;
2. `duplicate`       — the same client, trip date, trips and amount was invoiced before (earlier in this invoice or
                       in an earlier invoice of the same carrier);
3. `no_order`        — no order of this carrier covers the client on that day: no order at all, a day outside the
                       order's period (`outside_period`), or a weekday the order does not include (`weekday`);
4. `not_running`     — the daily activity the order serves was not running that day: its decision had not started
                       or had ended, or the day was closed (a closed day of the activity, a public holiday);
then, for a line that passes them:
5. `excess_trips`    — more trips on the day than ordered per day (trips per week / ordered weekdays, rounded up),
                       counting the client's earlier lines of the same day in this invoice: the excess × contract price;
6. `price`           — the unit price differs from the contract price: amount − trips × contract price.
Accepted = min(amount, allowed trips × contract price); disputed = amount − accepted (never negative). A price below
the contract is flagged (negative amount) but disputes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
WEEKDAY_NAMES = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")

FLAG_TEXTS = {
    "unknown_client": "Klienten finns inte hos enheten",
    "duplicate": "Dubblett",
    "no_order": "Ingen beställning",
    "outside_period": "Utanför beställningens period",
    "weekday": "Veckodagen är inte beställd",
    "not_running": "Daglig verksamhet pågick inte",
    "excess_trips": "Fler resor än beställt",
    "price": "Annat pris än avtalet",
}
WHOLE_LINE = ("unknown_client", "duplicate", "no_order", "outside_period", "weekday", "not_running")


@dataclass(frozen=True)
class OrderTerm:
    """One stretch of an order's terms: the days [valid_from, valid_to] (inclusive; None: open)."""

    order_id: int
    client_key: str  # the client's 12-digit personnummer
    carrier_id: int
    contract: str
    price: Decimal  # per trip
    trips_per_week: int
    weekdays: frozenset[int]  # 0 = Monday
    valid_from: dt.date
    valid_to: dt.date | None
    activity_start: dt.date | None = None  # the served daily-activity decision's first and last day
    activity_end: dt.date | None = None
    activity_provider_id: int | None = None

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def trips_per_day(self) -> int:
        return math.ceil(self.trips_per_week / max(len(self.weekdays), 1))


@dataclass(frozen=True)
class Line:
    row: int
    client_key: str
    trip_date: dt.date
    trips: int
    amount: Decimal
    contract: str = ""


@dataclass(frozen=True)
class Flag:
    kind: str
    amount: Decimal
    text: str


@dataclass
class LineResult:
    line: Line
    order_id: int | None = None
    contract_price: Decimal | None = None
    flags: list[Flag] = field(default_factory=list)
    accepted: Decimal = Decimal(0)

    @property
    def disputed(self) -> Decimal:
        return self.line.amount - self.accepted

    @property
    def kinds(self) -> list[str]:
        return [f.kind for f in self.flags]


@dataclass(frozen=True)
class ClosedDays:
    """Days the daily activity did not run: `unit` for every activity, `by_provider` for one provider's."""

    unit: Mapping[dt.date, str] = field(default_factory=dict)
    by_provider: Mapping[int, Mapping[dt.date, str]] = field(default_factory=dict)

    def reason(self, day: dt.date, provider_id: int | None) -> str:
        if day in self.unit:
            return self.unit[day]
        if provider_id is not None:
            return self.by_provider.get(provider_id, {}).get(day, "")
        return ""


def ore(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def duplicate_key(client_key: str, trip_date: dt.date, trips: int, amount: Decimal) -> tuple:
    return (client_key, trip_date, trips, ore(amount))


def _weekdays(days: Iterable[int]) -> str:
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(days))


def _order_for(terms: list[OrderTerm], day: dt.date) -> tuple[OrderTerm | None, str, str]:
    """The term covering `day`, or why none does: (term, flag kind, text)."""
    if not terms:
        return None, "no_order", "Ingen beställning av resor för klienten hos denna transportör."
    covering = [t for t in terms if t.covers(day)]
    if not covering:
        first = min(t.valid_from for t in terms)
        ends = [t.valid_to for t in terms]
        last = None if any(e is None for e in ends) else max(ends)
        period = f"{first.isoformat()} – {last.isoformat() if last else 'tills vidare'}"
        return None, "outside_period", f"Resdagen {day.isoformat()} ligger utanför beställningen ({period})."
    for term in covering:
        if day.weekday() in term.weekdays:
            return term, "", ""
    term = covering[0]
    return None, "weekday", (f"{WEEKDAY_NAMES[day.weekday()].capitalize()}dag {day.isoformat()} är inte beställd "
                             f"(beställda dagar: {_weekdays(term.weekdays)}).")


def _not_running(term: OrderTerm, day: dt.date, closed: ClosedDays) -> str:
    if term.activity_start is not None and day < term.activity_start:
        return f"Beslutet om daglig verksamhet började först {term.activity_start.isoformat()}."
    if term.activity_end is not None and day > term.activity_end:
        return f"Beslutet om daglig verksamhet upphörde {term.activity_end.isoformat()}."
    reason = closed.reason(day, term.activity_provider_id)
    return f"Daglig verksamhet stängd {day.isoformat()}: {reason}." if reason else ""


def match_lines(lines: Iterable[Line], *, carrier_id: int, clients: set[str], terms: Iterable[OrderTerm],
                closed: ClosedDays = ClosedDays(), earlier: set[tuple] = frozenset()) -> list[LineResult]:
    """Check every line of one carrier's invoice. `clients`: the unit's clients' personnummer; `terms`: every
    order term (of any carrier); `earlier`: duplicate keys of lines already imported from this carrier."""
    by_client: dict[str, list[OrderTerm]] = defaultdict(list)
    for term in terms:
        if term.carrier_id == carrier_id:
            by_client[term.client_key].append(term)
    seen: dict[tuple, int] = {}
    used_per_day: dict[tuple[str, dt.date, int], int] = defaultdict(int)
    results = []
    for line in lines:
        result = LineResult(line)
        results.append(result)
        key = duplicate_key(line.client_key, line.trip_date, line.trips, line.amount)
        if line.client_key not in clients:
            result.flags.append(Flag("unknown_client", line.amount, "Personnumret finns inte bland enhetens klienter."))
            continue
        if key in seen or key in earlier:
            where = f"rad {seen[key]} i denna faktura" if key in seen else "en tidigare importerad faktura"
            result.flags.append(Flag("duplicate", line.amount, f"Samma klient, dag, antal och belopp finns på {where}."))
            continue
        seen[key] = line.row
        term, kind, text = _order_for(by_client.get(line.client_key, []), line.trip_date)
        if term is None:
            result.flags.append(Flag(kind, line.amount, text))
            continue
        result.order_id, result.contract_price = term.order_id, term.price
        reason = _not_running(term, line.trip_date, closed)
        if reason:
            result.flags.append(Flag("not_running", line.amount, reason))
            continue
        day_key = (line.client_key, line.trip_date, term.order_id)
        allowed = max(0, min(line.trips, term.trips_per_day - used_per_day[day_key]))
        used_per_day[day_key] += line.trips
        excess = line.trips - allowed
        if excess:
            result.flags.append(Flag("excess_trips", ore(excess * term.price),
                                     f"{line.trips} resor, beställt {term.trips_per_day} per dag: {excess} för många."))
        expected = ore(line.trips * term.price)
        if expected != ore(line.amount):
            unit_price = ore(line.amount / line.trips) if line.trips else line.amount
            result.flags.append(Flag("price", ore(line.amount) - expected,
                                     f"Pris per resa {unit_price} kr, avtalet {term.contract or '–'} "
                                     f"{ore(term.price)} kr."))
        result.accepted = min(ore(line.amount), ore(allowed * term.price))
    for result in results:
        if any(f.kind in WHOLE_LINE for f in result.flags):
            result.accepted = Decimal("0.00")
    return results


@dataclass(frozen=True)
class Totals:
    amount: Decimal
    accepted: Decimal
    disputed: Decimal
    by_kind: dict[str, Decimal]


def totals(results: Iterable[LineResult]) -> Totals:
    """The invoice's amount, accepted and disputed sums, and the disputed sum per kind of flag (a line's whole
    amount for the whole-line kinds; the positive excess and price amounts otherwise)."""
    amount = accepted = Decimal("0.00")
    by_kind: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for r in results:
        amount += ore(r.line.amount)
        accepted += r.accepted
        for f in r.flags:
            by_kind[f.kind] += f.amount
    return Totals(amount, accepted, amount - accepted, dict(by_kind))
