"""The demo's turbundna resor and IFO cost sharing, through the apps' own services.

Transport: every client with a TBR decision (turbundna resor) running in that window gets a
transport order with Norra Färdtjänsten AB (a few with Västra Taxi & Buss AB), serving the client's daily-activity
decision (6330), over the last fifteen complete months. Norra Färdtjänsten's new procurement raises its price per trip by about a third from 1 January of
the year of the last complete month (contract TBR-<year>): the jump the 2018 plan reports. Each carrier invoices
each month; the invoices go through the real import and carry a few errors: a price above the contract, a duplicate
line, trips on the daily activity's study day, after a daily-activity decision ended, on a Saturday, before an
order started, three trips on a two-trip day, and a person who is no client of the unit.

IFO: six adult SoL/LSS clients where IFO is involved (flagged): two with a percent agreement, one with kronor per
month (from the first open month, so no closed month is rewritten), three without — the "Svarte Petter" list —
and two disputes, one settled.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError

from insatskollen.core.identity import luhn_checksum_ok
from insatskollen.core.months import add_months, month_end
from insatskollen.costsharing.models import IfoInvolvement, ShareKind, SharingAgreement, SharingDispute
from insatskollen.costsharing.services import (
    ifo_involvement_set,
    sharing_agreement_create,
    sharing_dispute_record,
    sharing_dispute_resolve,
)
from insatskollen.register.models import ChangeSource, Client, Decision
from insatskollen.register.periods import closed_through
from insatskollen.transport import terms as tt
from insatskollen.transport.holidays_sv import holidays_between
from insatskollen.transport.importing.service import transport_invoice_import
from insatskollen.transport.models import Carrier, ClosedDay, InvoiceLine, TransportInvoice, TransportOrder
from insatskollen.transport.services import (
    carrier_get_or_create,
    transport_order_change,
    transport_order_create,
)

CARRIER_A, CARRIER_B = "Norra Färdtjänsten AB", "Västra Taxi & Buss AB"
RISE = Decimal("1.32")
HEADER = "Fakturanummer;Transportör;Fakturadatum;Personnummer;Resdatum;Antal resor;Belopp;Avtal"
MAX_ORDERS = 40


def _window(today: dt.date) -> tuple[dt.date, dt.date]:
    last = add_months(today.replace(day=1), -1)
    return add_months(last, -14), last


def _weekdays(trips_per_month: Decimal) -> tuple[int, tuple[int, ...]]:
    if trips_per_month >= 36:
        return 10, (0, 1, 2, 3, 4)
    if trips_per_month >= 20:
        return 6, (0, 2, 4)
    return 4, (1, 3)


def _outsider(rng: random.Random) -> str:
    known = set(Client.objects.values_list("personal_number", flat=True))
    while True:
        nine = f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
        digits = next(nine + d for d in "0123456789" if luhn_checksum_ok(nine + d))
        full = "19" + digits
        if full not in known:
            return full


def _orders(first: dt.date, last: dt.date, rise: dt.date, rng: random.Random) -> int:
    carrier_a = carrier_get_or_create(name=CARRIER_A, actor=None)[0]
    carrier_b = carrier_get_or_create(name=CARRIER_B, actor=None)[0]
    trips = (Decision.objects.filter(intervention_type__code="TBR", start_date__lte=month_end(last))
             .exclude(end_date__lt=first).select_related("client").order_by("start_date", "pk"))
    seen: set[int] = set()
    made = 0
    for decision in trips:
        if decision.client_id in seen or made >= MAX_ORDERS:
            continue
        seen.add(decision.client_id)
        activity = (Decision.objects.filter(client_id=decision.client_id, intervention_type__code="6330")
                    .exclude(end_date__lt=first).order_by("start_date", "pk").first())
        per_week, days = _weekdays(decision.extent)
        carrier = carrier_b if made % 8 == 7 else carrier_a
        price = Decimal(round(decision.price))
        start = max(decision.start_date, first - dt.timedelta(days=90))
        contract = f"TBR-{rise.year - 1}" if carrier == carrier_a else "VTB-2"
        order = transport_order_create(
            client=decision.client, actor=None, carrier=carrier, price=price, trips_per_week=per_week,
            weekdays=days, valid_from=start, valid_to=decision.end_date, contract=contract,
            from_place="Bostaden", to_place=f"Daglig verksamhet ({activity.provider.name})" if activity else
            "Daglig verksamhet", activity_decision=activity)
        if carrier == carrier_a and start < rise and (decision.end_date is None or decision.end_date >= rise):
            transport_order_change(order=order, actor=None, valid_from=rise,
                                   price=(price * RISE).quantize(Decimal(1)), contract=f"TBR-{rise.year}")
        made += 1
    return made


def _study_days(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """A study day for the whole daily activity: the second Friday of each October and March in the window."""
    days = {}
    month = first
    while month <= last:
        if month.month in (3, 10):
            friday = month + dt.timedelta(days=(4 - month.weekday()) % 7 + 7)
            days[friday] = "Studiedag för personalen i daglig verksamhet"
        month = add_months(month, 1)
    for day, reason in days.items():
        ClosedDay.objects.update_or_create(day=day, provider=None, defaults={"reason": reason})
    return days


def _lines(order: TransportOrder, month: dt.date, closed: dict[dt.date, str]) -> list[tuple]:
    periods = [tt.Period(t.valid_from, t.valid_to, tt.values_of({
        "carrier_id": t.carrier_id, "contract": t.contract, "price": t.price, "trips_per_week": t.trips_per_week,
        "weekdays": tuple(t.weekdays)})) for t in order.terms.all()]
    end = month_end(month)
    activity = order.activity_decision
    out = []
    day = month
    while day <= end:
        terms = tt.terms_on(periods, day)
        running = activity is None or (activity.start_date <= day and (activity.end_date is None
                                                                      or day <= activity.end_date))
        if terms and day.weekday() in terms["weekdays"] and day not in closed and running:
            trips = math.ceil(terms["trips_per_week"] / len(terms["weekdays"]))
            out.append((order.client.personal_number, day, trips, trips * terms["price"], terms["contract"],
                        terms["carrier_id"]))
        day += dt.timedelta(days=1)
    return out


def _invoices(first: dt.date, last: dt.date, closed_days: dict[dt.date, str], rng: random.Random) -> dict:
    orders = list(TransportOrder.objects.select_related("client", "activity_decision").prefetch_related("terms")
                  .order_by("pk"))
    carriers = {c.pk: c.name for o in orders for c in [t.carrier for t in o.terms.all()]}
    closed = {**holidays_between(first, month_end(last)), **closed_days}
    outsider = _outsider(rng)
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    errors = defaultdict(int)
    number = 4100
    for index, month in enumerate(months):
        by_carrier: dict[int, list[tuple]] = defaultdict(list)
        for order in orders:
            for line in _lines(order, month, closed):
                by_carrier[line[5]].append(line)
        for carrier_id, lines in sorted(by_carrier.items()):
            lines.sort(key=lambda x: (x[0], x[1]))
            name = carriers[carrier_id]
            extra = []
            if name == CARRIER_A and lines:
                pick = lines[rng.randrange(len(lines))]
                if index % 3 == 0:  # a line billed twice
                    extra.append(pick)
                    errors["duplicate"] += 1
                if index % 4 == 1:  # one client billed above the contract for the month
                    client = pick[0]
                    lines = [(p, d, t, t * (a / t + 10) if p == client else a, c, k)
                             for p, d, t, a, c, k in lines]
                    errors["price"] += 1
                if index % 5 == 2:  # three trips on a two-trip day
                    p, d, t, a, c, k = pick
                    lines[lines.index(pick)] = (p, d, t + 1, a / t * (t + 1), c, k)
                    errors["excess"] += 1
                if index % 6 == 3:  # a Saturday trip
                    saturday = month + dt.timedelta(days=(5 - month.weekday()) % 7)
                    extra.append((pick[0], saturday, 2, pick[3] / pick[2] * 2, pick[4], pick[5]))
                    errors["weekday"] += 1
                if index == len(months) - 2:  # a person the unit does not have
                    extra.append((outsider, pick[1], 2, pick[3] / pick[2] * 2, pick[4], pick[5]))
                    errors["unknown_client"] += 1
            for day in closed_days:  # the carrier drove on the study day
                if day.replace(day=1) == month and lines:
                    same = [x for x in lines if x[1] == day - dt.timedelta(days=1)]
                    extra += [(p, day, t, a, c, k) for p, _, t, a, c, k in same]
                    errors["closed_day"] += len(same)
            if index == len(months) - 1:  # after a daily-activity decision ended; before an order started
                for order in orders:
                    act = order.activity_decision
                    if act and act.end_date and first <= act.end_date < month_end(month) - dt.timedelta(days=3) \
                            and order.valid_to is None and order.terms.first().carrier_id == carrier_id:
                        day = act.end_date + dt.timedelta(days=1)
                        while day.weekday() >= 5:
                            day += dt.timedelta(days=1)
                        if day.replace(day=1) == month:
                            t = order.terms.last()
                            extra.append((order.client.personal_number, day, 2, 2 * t.price, t.contract, carrier_id))
                            errors["ended_decision"] += 1
                            break
                late = [o for o in orders if first < o.valid_from <= month_end(month)
                        and o.terms.first().carrier_id == carrier_id]
                if late:
                    o = late[0]
                    day = o.valid_from - dt.timedelta(days=3)
                    t = o.terms.first()
                    extra.append((o.client.personal_number, day, 2, 2 * t.price, t.contract, carrier_id))
                    errors["before_order"] += 1
            rows = [f"{number};{name};{month_end(month).isoformat()};{p};{d.isoformat()};{t};{Decimal(a):.2f};{c}"
                    for p, d, t, a, c, _ in lines + extra]
            number += 1
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"faktura-{number}.csv"
                path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
                result = transport_invoice_import(path, actor=None)
            if result.status != "imported":
                raise RuntimeError(f"demo transport invoice refused: {result.errors[:3]}")
            errors["invoices"] += 1
    return errors


def _ifo(today: dt.date, rng: random.Random) -> dict[str, int]:
    candidates = list(Decision.objects.filter(client__team__code__in=("vuxna-sol", "vuxna-lss"),
                                              start_date__lte=today, end_date__isnull=True, ifo_share_pct=0)
                      .exclude(intervention_type__code__in=("TBR", "LASS")).select_related("client")
                      .order_by("pk"))
    by_client: dict[int, Decision] = {}
    for d in candidates:
        by_client.setdefault(d.client_id, d)
    picked = rng.sample(sorted(by_client), min(6, len(by_client)))
    through = closed_through()
    start = (through + dt.timedelta(days=1)) if through else today.replace(day=1)
    counts = {"ifo_flagged": 0, "ifo_agreements": 0, "ifo_disputes": 0}
    for i, client_id in enumerate(picked):
        decision = by_client[client_id]
        client = decision.client
        ifo_involvement_set(client=client, actor=None, involved=True, noted_on=start - dt.timedelta(days=40 + i),
                            note=("Samsjuklighet: missbruk och neuropsykiatrisk diagnos", "Föräldraskapsstöd via IFO",
                                  "Socialpsykiatrin bedömer behovet")[i % 3])
        counts["ifo_flagged"] += 1
        if i == 0:
            sharing_agreement_create(client=client, actor=None, source=ChangeSource.DEMO, kind=ShareKind.PERCENT, share_pct=Decimal(50),
                                     valid_from=start, signed_on=start - dt.timedelta(days=10),
                                     signed_by="Enhetschef IFO vuxen", decision=decision)
        elif i == 1:
            sharing_agreement_create(client=client, actor=None, source=ChangeSource.DEMO, kind=ShareKind.PERCENT, share_pct=Decimal(30),
                                     valid_from=start, valid_to=add_months(start.replace(day=1), 6) -
                                     dt.timedelta(days=1), signed_on=start - dt.timedelta(days=5),
                                     signed_by="Sektionschef socialpsykiatri")
        elif i == 2:
            monthly = (decision.price * decision.extent * Decimal("0.25")).quantize(Decimal(100))
            if decision.unit == "dygn":
                monthly = (decision.price * decision.extent * 30 * Decimal("0.25")).quantize(Decimal(100))
            elif decision.unit == "tim/vecka":
                monthly = (decision.price * decision.extent * Decimal("4.3") * Decimal("0.25")).quantize(Decimal(100))
            try:
                sharing_agreement_create(client=client, actor=None, source=ChangeSource.DEMO, kind=ShareKind.KRONOR,
                                         amount_per_month=max(monthly, Decimal(100)), valid_from=start,
                                         signed_on=start - dt.timedelta(days=3), signed_by="Enhetschef IFO barn")
            except ValidationError:  # a case too cheap for the amount: left without an agreement
                continue
        else:
            continue
        counts["ifo_agreements"] += 1
    if len(picked) >= 4:
        first = Client.objects.get(pk=picked[3])
        dispute = sharing_dispute_record(client=first, actor=None, reason="IFO anser att hela kostnaden ligger på "
                                         "LSS; begärt gemensamt möte", raised_on=start - dt.timedelta(days=20),
                                         follow_up_on=start + dt.timedelta(days=14))
        counts["ifo_disputes"] += 1
        second = Client.objects.get(pk=picked[0])
        dispute = sharing_dispute_record(client=second, actor=None, reason="Andelen för boendestödet",
                                         raised_on=start - dt.timedelta(days=30), amount=Decimal(12000))
        sharing_dispute_resolve(dispute=dispute, actor=None, status="agreed",
                                resolution="Överens om 50 % i undertecknat avtal", resolved_on=start - dt.timedelta(days=10))
        counts["ifo_disputes"] += 1
    return counts


def _wipe() -> None:
    """The demo's earlier transport and IFO data (a --force reseed)."""
    InvoiceLine.objects.all().delete()
    TransportInvoice.objects.all().delete()
    TransportOrder.objects.all().delete()
    ClosedDay.objects.all().delete()
    Carrier.objects.all().delete()
    SharingDispute.objects.all().delete()
    SharingAgreement.objects.all().delete()
    IfoInvolvement.objects.all().delete()


def seed_transport(*, today: dt.date, seed: int) -> dict[str, int]:
    _wipe()
    rng = random.Random(f"transport-{seed}")
    first, last = _window(today)
    rise = dt.date(last.year, 1, 1)
    counts = {"transport_orders": _orders(first, last, rise, rng)}
    closed = _study_days(first, last)
    errors = _invoices(first, last, closed, rng)
    counts["transport_invoices"] = errors.pop("invoices", 0)
    counts["transport_errors"] = sum(errors.values())
    counts.update(_ifo(today, rng))
    return counts
