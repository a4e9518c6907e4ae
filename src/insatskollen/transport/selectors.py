"""Reads of the transport app: the matching's inputs, invoices and their disputes, monthly totals per carrier and
contract with the trend, and the ledger's transport bookings reconciled against accepted invoice amounts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet, Sum

from insatskollen.accounts import access
from insatskollen.core.months import add_months, month_label
from insatskollen.ledger.models import AccountKind, LedgerEntry
from insatskollen.ledger.selectors import AccountClassifier, activity_codes
from insatskollen.register.models import Client
from insatskollen.transport import matching
from insatskollen.transport.holidays_sv import holidays_between
from insatskollen.transport.models import (
    Carrier,
    ClosedDay,
    InvoiceLine,
    TransportInvoice,
    TransportOrder,
    TransportOrderTerm,
)

ZERO = Decimal("0.00")
JUMP = Decimal("0.2")
ALL_CONTRACTS = "alla avtal"  # a month's price per trip 20 % above the month before is a jump


def transport_codes() -> tuple[str, ...]:
    """The intervention codes whose ledger bookings are transport (settings.TRANSPORT_CODES, default TBR)."""
    return tuple(getattr(settings, "TRANSPORT_CODES", ("TBR",)))


def orders_visible_to(user) -> QuerySet[TransportOrder]:
    qs = TransportOrder.objects.select_related("client", "client__team", "activity_decision__intervention_type",
                                               "activity_decision__provider")
    teams = access.team_ids_visible(user)
    return qs if teams is None else qs.filter(client__team_id__in=teams)


def order_terms(orders: QuerySet[TransportOrder] | None = None) -> list[matching.OrderTerm]:
    """Every order term as the matching reads it, with the served daily activity's days and provider."""
    qs = TransportOrderTerm.objects.select_related("order__client", "order__activity_decision")
    if orders is not None:
        qs = qs.filter(order__in=orders)
    out = []
    for t in qs.order_by("order_id", "valid_from"):
        decision = t.order.activity_decision
        out.append(matching.OrderTerm(
            order_id=t.order_id, client_key=t.order.client.personal_number, carrier_id=t.carrier_id,
            contract=t.contract, price=t.price, trips_per_week=t.trips_per_week, weekdays=frozenset(t.weekdays),
            valid_from=t.valid_from, valid_to=t.valid_to,
            activity_start=decision.start_date if decision else None,
            activity_end=decision.end_date if decision else None,
            activity_provider_id=decision.provider_id if decision else None))
    return out


def closed_days(first: dt.date, last: dt.date) -> matching.ClosedDays:
    unit = dict(holidays_between(first, last))
    by_provider: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for c in ClosedDay.objects.filter(day__range=(first, last)):
        if c.provider_id is None:
            unit[c.day] = c.reason
        else:
            by_provider[c.provider_id][c.day] = c.reason
    return matching.ClosedDays(unit=unit, by_provider=dict(by_provider))


def client_keys() -> dict[str, int]:
    """personnummer → client id, for every client of the unit."""
    return dict(Client.objects.values_list("personal_number", "pk"))


def earlier_keys(carrier: Carrier) -> set[tuple]:
    rows = InvoiceLine.objects.filter(invoice__carrier=carrier).values_list("personal_number", "trip_date", "trips",
                                                                             "amount")
    return {matching.duplicate_key(*row) for row in rows}


def invoices(*, carrier_id: int | None = None, year: int | None = None) -> QuerySet[TransportInvoice]:
    qs = TransportInvoice.objects.select_related("carrier")
    if carrier_id:
        qs = qs.filter(carrier_id=carrier_id)
    if year:
        qs = qs.filter(period__year=year)
    return qs.order_by("-period", "carrier__name", "number")


def flagged_lines(invoice: TransportInvoice) -> list[InvoiceLine]:
    return [line for line in invoice.lines.select_related("client", "order").order_by("row") if line.flags]


def dispute_sums(invoice: TransportInvoice) -> dict[str, Decimal]:
    """Disputed kronor per kind of flag (the whole line for whole-line kinds; positive price and excess parts)."""
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for flags in invoice.lines.exclude(flags=[]).values_list("flags", flat=True):
        for f in flags:
            sums[f["kind"]] += Decimal(f["amount"])
    return {k: sums[k] for k in matching.FLAG_TEXTS if k in sums}


@dataclass
class MonthRow:
    month: dt.date
    trips: int = 0
    amount: Decimal = ZERO
    accepted: Decimal = ZERO
    disputed: Decimal = ZERO
    change: Decimal | None = None  # price per trip against the month before, as a fraction
    jump: bool = False

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def price_per_trip(self) -> Decimal | None:
        return (self.amount / self.trips).quantize(Decimal("0.01")) if self.trips else None


@dataclass
class Series:
    carrier: str
    contract: str
    months: list[MonthRow] = field(default_factory=list)

    @property
    def total(self) -> MonthRow:
        row = MonthRow(self.months[0].month if self.months else dt.date.today())
        for m in self.months:
            row.trips += m.trips
            row.amount += m.amount
            row.accepted += m.accepted
            row.disputed += m.disputed
        return row


def monthly_totals(first: dt.date, last_month: dt.date) -> list[Series]:
    """Per carrier and contract, each month from `first` to `last_month` (by trip date): trips, invoiced, accepted
    and disputed, the price per trip and its change from the month before; a rise of 20 % or more is a jump. A
    carrier with more than one contract also gets a series over all of them (contract "alla avtal"), so a new
    contract's higher price shows as a jump in the month it starts."""
    months = []
    m = first
    while m <= last_month:
        months.append(m)
        m = add_months(m, 1)
    rows = (InvoiceLine.objects.filter(trip_date__gte=first, trip_date__lt=add_months(last_month, 1))
            .values_list("invoice__carrier__name", "contract", "trip_date", "trips", "amount", "accepted",
                         "disputed"))
    cells: dict[tuple[str, str], dict[dt.date, MonthRow]] = defaultdict(dict)
    for carrier, contract, day, trips, amount, accepted, disputed in rows:
        month = day.replace(day=1)
        row = cells[(carrier, contract)].setdefault(month, MonthRow(month))
        row.trips += trips
        row.amount += amount
        row.accepted += accepted
        row.disputed += disputed
    contracts: dict[str, int] = defaultdict(int)
    for carrier, _contract in cells:
        contracts[carrier] += 1
    for (carrier, _contract), by_month in list(cells.items()):
        if contracts[carrier] > 1:  # the carrier over all its contracts: a new contract's price shows as a jump
            whole = cells[(carrier, ALL_CONTRACTS)]
            for month, row in by_month.items():
                total = whole.setdefault(month, MonthRow(month))
                total.trips += row.trips
                total.amount += row.amount
                total.accepted += row.accepted
                total.disputed += row.disputed
    out = []
    for (carrier, contract), by_month in sorted(cells.items(), key=lambda item: (item[0][0], item[0][1] != ALL_CONTRACTS,
                                                                                 item[0][1])):
        series = Series(carrier, contract or "–", [by_month.get(month, MonthRow(month)) for month in months])
        previous = None
        for row in series.months:
            price = row.price_per_trip
            if price is not None and previous:
                row.change = (price - previous) / previous
                row.jump = row.change >= JUMP
            previous = price or previous
        out.append(series)
    return out


@dataclass(frozen=True)
class LedgerRow:
    month: dt.date
    carrier: str
    booked: Decimal
    accepted: Decimal
    invoiced: Decimal

    @property
    def difference(self) -> Decimal:
        return self.booked - self.accepted


def ledger_reconciliation(year: int) -> list[LedgerRow]:
    """Per month and carrier: the ledger's transport bookings (cost accounts, activity mapped to a transport code;
    by counterpart) against the invoices' accepted and invoiced amounts of the month's trips. Bookings of a
    counterpart that is no carrier are listed under their own name."""
    classifier = AccountClassifier()
    codes = set(transport_codes())
    mapped = activity_codes()
    counterparts = {c.counterpart.casefold(): c.name for c in Carrier.objects.all()}
    booked: dict[tuple[dt.date, str], Decimal] = defaultdict(lambda: ZERO)
    for period, account, activity, amount, counterpart in LedgerEntry.objects.filter(period__year=year).values_list(
            "period", "account", "activity", "amount", "counterpart"):
        if mapped.get(activity, activity) not in codes or classifier.kind(account) != AccountKind.COST:
            continue
        name = counterparts.get((counterpart or "").casefold(), counterpart or "Okänd motpart")
        booked[(period, name)] += amount
    accepted: dict[tuple[dt.date, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    lines = (InvoiceLine.objects.filter(trip_date__year=year).values("trip_date__month", "invoice__carrier__name")
             .annotate(a=Sum("accepted"), i=Sum("amount")))
    for row in lines:
        key = (dt.date(year, row["trip_date__month"], 1), row["invoice__carrier__name"])
        accepted[key][0] += row["a"] or ZERO
        accepted[key][1] += row["i"] or ZERO
    keys = sorted(set(booked) | set(accepted))
    return [LedgerRow(month, carrier, booked.get((month, carrier), ZERO), accepted[(month, carrier)][0]
                      if (month, carrier) in accepted else ZERO,
                      accepted[(month, carrier)][1] if (month, carrier) in accepted else ZERO)
            for month, carrier in keys]
