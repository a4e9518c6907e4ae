"""The demo unit's ledger actuals and budgets, derived from its register. Deterministic per seed.

Ledger (one delivery per month, every month of the history up to the last complete one):
- the register's cost per intervention code and provider, invoiced with small price differences;
- private and LOV providers invoice late: 15–25 % of a month's invoice is booked in the next period. In
  December that late part is accrued in December (bokslut) and the accrual reversed in January;
- a December true-up per private provider, settling part of the year's price differences;
- a few bookings with no decision behind them: an invoice for a client not in the register, trips outside the
  orders (turbundna resor), an interpreter without an activity code, a late-payment interest (outside the
  follow-up, class 8);
- a few invoices that never arrive: each year one month of a contact person's fees or of another district's
  invoice is missing (the months around it are invoiced as usual);
- Försäkringskassan's assistance compensation for LASS on a revenue account (negative amounts);
- Kommun-Bas style accounts (4600 köp av huvudverksamhet, 3320 bidrag från staten, …) and a few activity codes
  that differ from the intervention codes, with their ActivityMapping;
- the reconciliation rules a controller would add for this ledger: texts that say a booking has no decision.
Budget: for every year covered, a net budget per activity and month 2–4 % off the register's net cost, and one
supplementary budget (tilläggsbudget) with its date and reason.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import transaction

from insatskollen.core.months import SWEDISH_MONTHS, add_months, month_label, month_start
from insatskollen.core.numbers import to_ore
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.selectors import ENGINE_FIELDS, arrays_from_values, term_rows
from insatskollen.demo.records import DemoData
from insatskollen.ledger.models import (
    ActivityMapping,
    BudgetKind,
    BudgetLine,
    LedgerBatch,
    LedgerEntry,
    ReconciliationRule,
    ReconciliationRuleKind,
)
from insatskollen.ledger.services import budget_supplement_add
from insatskollen.ledger.spreading import spread_evenly

Progress = Callable[[str, int, int], None]
DEMO_ACTOR = "demo"
LATE_PROVIDER_KINDS = ("privat", "LOV")
# Activity codes in the ledger that differ from the register's intervention codes.
ACTIVITY_OF_CODE = {"6115-HVB": "6111", "6115-SH": "6112", "TBR": "6190"}
ACTIVITY_NAMES = {"6111": "Hemvårdsbidrag", "6112": "Lägenhet och hemvårdsinsats i servicehus",
                  "6190": "Turbundna resor"}
FK_ACCOUNT, FK_NAME = "3320", "Försäkringskassan"
MISSING_INVOICE_ACCOUNTS = ("4610", "5150")  # another district's invoices, contact persons' fees
MISSING_INVOICE_MAX = 150_000
NO_DECISION_TEXTS = {"saknas i registret": "Fakturan gäller en klient som inte finns i registret",
                     "utan beställning": "Resor eller insatser som inte har beställts"}
SUPPLEMENT_REASONS = (
    "Nämndens beslut om tilläggsbudget för fler beslut än planerat",
    "Kompensation i resursfördelningen efter mättillfället",
    "Tilläggsanslag för volymökning enligt kommunfullmäktiges beslut",
    "Omfördelning från förvaltningens buffert för ökade kostnader",
)


@dataclass(frozen=True)
class Booking:
    period: dt.date
    account: str
    activity: str
    amount: Decimal
    counterpart: str
    text: str


def account_for(code: str, provider_kind: str) -> str:
    if code in ("6170", "6175"):
        return "5150"  # arvoden till uppdragstagare (kontaktpersoner)
    if code == "TBR":
        return "7030"  # transporter och resor
    if provider_kind == "egen regi":
        return "4620"  # köp av verksamhet, egen regi (internt)
    if provider_kind == "annan kommun/SDN":
        return "4610"  # köp av verksamhet från annan kommun/stadsdelsnämnd
    return "4600"  # köp av huvudverksamhet från privata utförare


def _month_name(month: dt.date) -> str:
    return f"{SWEDISH_MONTHS[month.month - 1]} {month.year}"


class LedgerBuilder:
    """Bookings from the register's monthly cost per (code, provider) and revenue per code. Pure."""

    def __init__(self, rng: random.Random, months: list[dt.date]) -> None:
        self.rng = rng
        self.months = months
        self.bookings: list[Booking] = []
        self.price_gap: dict[tuple[str, int], float] = defaultdict(float)  # (provider, year) → invoiced − register

    def add(self, period: dt.date, account: str, activity: str, amount: float, counterpart: str, text: str) -> None:
        value = to_ore(amount)
        if value:
            self.bookings.append(Booking(period, account, activity, value, counterpart, text))

    def costs(self, code: str, provider: str, kind: str, cost: np.ndarray) -> None:
        account, activity = account_for(code, kind), ACTIVITY_OF_CODE.get(code, code)
        late_payer = kind in LATE_PROVIDER_KINDS
        year_factor: dict[int, float] = {}
        for index, month in enumerate(self.months):
            if cost[index] < 1:
                continue
            factor = year_factor.setdefault(month.year, 1 + self.rng.gauss(0, 0.006)) + self.rng.gauss(0, 0.004)
            invoiced = float(cost[index]) * factor
            self.price_gap[(provider, month.year)] += invoiced - float(cost[index])
            text = f"Faktura {_month_name(month)}"
            if not late_payer:
                self.add(month, account, activity, invoiced, provider, text)
                continue
            late = invoiced * self.rng.uniform(0.15, 0.25)
            self.add(month, account, activity, invoiced - late, provider, text)
            following = add_months(month, 1)
            if month.month == 12:
                self.add(month, account, activity, late, provider, f"Upplupen kostnad {_month_name(month)} (bokslut)")
                if index + 1 < len(self.months):
                    self.add(following, account, activity, -late, provider,
                             f"Återföring upplupen kostnad {_month_name(month)}")
            if index + 1 < len(self.months):
                self.add(following, account, activity, late, provider, f"{text}, eftersläpande del")

    def true_ups(self, provider_codes: dict[str, tuple[str, str]]) -> None:
        """December: each private provider settles about half of the year's price differences."""
        for (provider, year), gap in sorted(self.price_gap.items()):
            code, kind = provider_codes[provider]
            december = dt.date(year, 12, 1)
            if kind not in LATE_PROVIDER_KINDS or december not in self.months or abs(gap) < 1000:
                continue
            self.add(december, account_for(code, kind), ACTIVITY_OF_CODE.get(code, code),
                     -gap * self.rng.uniform(0.4, 0.6), provider, f"Slutreglering {year} enligt avtal")

    def revenue(self, code: str, revenue: np.ndarray) -> None:
        for index, month in enumerate(self.months):
            if revenue[index] >= 1:
                self.add(month, FK_ACCOUNT, ACTIVITY_OF_CODE.get(code, code),
                         -float(revenue[index]) * (1 + self.rng.gauss(0, 0.003)), FK_NAME,
                         f"Assistansersättning {_month_name(month)}")

    def without_decisions(self) -> None:
        """A few bookings a year that no decision explains."""
        by_year: dict[int, list[dt.date]] = defaultdict(list)
        for month in self.months:
            by_year[month.year].append(month)
        for year, months in sorted(by_year.items()):
            for month in sorted(self.rng.sample(months, min(len(months), 3))):
                self.add(month, "7030", "6190", self.rng.uniform(20_000, 80_000), "Norra Färdtjänsten AB",
                         "Turbundna resor utan beställning i registret")
            for month in sorted(self.rng.sample(months, min(len(months), 2))):
                self.add(month, "4600", "6510", 30 * self.rng.uniform(2_400, 3_600), "Nordlys Stöd & Boende AB",
                         "Faktura för klient som saknas i registret")
            month = self.rng.choice(months)
            self.add(month, "4690", "", self.rng.uniform(8_000, 25_000), "Tolkförmedlingen Väst AB",
                     "Tolk vid utredningar")
            month = self.rng.choice(months)
            self.add(month, "8420", "", self.rng.uniform(200, 1_500), "Vardagsstöd Hemtjänst AB", "Dröjsmålsränta")


def missing_invoices(bookings: list[Booking], rng: random.Random) -> list[Booking]:
    """`bookings` less one invoice a year that never arrived: a month's invoice of another district or a contact
    person's fees (under 150 000 kr), chosen by `rng`."""
    by_year: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        if (booking.account in MISSING_INVOICE_ACCOUNTS and booking.text.startswith("Faktura ")
                and 0 < booking.amount < MISSING_INVOICE_MAX):
            by_year[booking.period.year].append(booking)
    missing = {id(rng.choice(candidates)) for _, candidates in sorted(by_year.items())}
    return [booking for booking in bookings if id(booking) not in missing]


def _register_rows(first: dt.date, last: dt.date) -> list[dict]:
    """The register's term periods as known at each month's end are what was booked: the demo books each month
    at the terms in effect then (a price rise in January is not booked back into December)."""
    fields = (*ENGINE_FIELDS, "intervention_type__code", "provider__name", "provider__kind")
    rows = term_rows(None, first, last, fields=fields)
    return sorted(rows, key=lambda r: (r["intervention_type__code"], r["provider__name"], r["decision_id"],
                                       r["start_date"]))


def _grouped(rows: list[dict], matrix: np.ndarray, key: Callable[[dict], tuple]) -> dict[tuple, np.ndarray]:
    groups: dict[tuple, np.ndarray] = {}
    for row, values in zip(rows, matrix):
        k = key(row)
        groups[k] = groups[k] + values if k in groups else values.copy()
    return dict(sorted(groups.items()))


def demo_ledger_load(data: DemoData, *, progress: Progress | None = None) -> dict[str, int]:
    """Write the demo's ledger and budgets in one transaction, replacing any earlier demo ledger and the budgets
    of the years covered. Returns counts."""
    first = month_start(data.history_start)
    last = add_months(month_start(data.today), -1)  # the last complete month
    first_year, last_year = first.year, data.today.year
    span_start = dt.date(first_year, 1, 1)
    span = (last_year - first_year + 1) * 12
    rows = _register_rows(span_start, dt.date(last_year, 12, 31))
    priced = monthly_costs(arrays_from_values(rows), span_start, span) if rows else None
    rng = random.Random(f"insatskollen-demo-ledger-{data.seed}")
    ledger_months = [m for m in (add_months(span_start, i) for i in range(span)) if first <= m <= last]
    offset = (first.year - first_year) * 12 + first.month - 1
    builder = LedgerBuilder(rng, ledger_months)
    if priced is not None and ledger_months:
        window = slice(offset, offset + len(ledger_months))
        by_provider = _grouped(rows, priced.cost[:, window],
                               lambda r: (r["intervention_type__code"], r["provider__name"], r["provider__kind"]))
        for (code, provider, kind), cost in by_provider.items():
            builder.costs(code, provider, kind, cost)
        builder.true_ups({provider: (code, kind) for code, provider, kind in by_provider})
        for (code,), revenue in _grouped(rows, priced.revenue[:, window],
                                         lambda r: (r["intervention_type__code"],)).items():
            builder.revenue(code, revenue)
        builder.without_decisions()
    # Its own random stream, so that the other bookings and the budgets stay as they were for the seed.
    bookings = missing_invoices(builder.bookings, random.Random(f"insatskollen-demo-ledger-missing-{data.seed}"))
    with transaction.atomic():
        entries = _write_ledger(bookings, ledger_months, progress)
        budget_lines = _write_budgets(rows, priced, first_year, last_year, data, rng)
    return {"ledger_entries": entries, "budget_lines": budget_lines, "ledger_months": len(ledger_months)}


def _write_ledger(bookings: list[Booking], months: list[dt.date], progress: Progress | None) -> int:
    LedgerBatch.objects.filter(actor_name=DEMO_ACTOR).delete()
    LedgerEntry.objects.filter(period__in=months).delete()
    for activity, code in ((a, c) for c, a in ACTIVITY_OF_CODE.items()):
        ActivityMapping.objects.update_or_create(activity=activity, defaults={
            "intervention_code": code, "description": ACTIVITY_NAMES[activity]})
    for text, description in NO_DECISION_TEXTS.items():
        ReconciliationRule.objects.update_or_create(kind=ReconciliationRuleKind.NO_DECISION_TEXT, value=text,
                                                    defaults={"description": description})
    by_month: dict[dt.date, list[Booking]] = defaultdict(list)
    for booking in bookings:
        by_month[booking.period].append(booking)
    entries: list[LedgerEntry] = []
    for done, month in enumerate(months, start=1):
        month_bookings = sorted(by_month[month], key=lambda b: (b.account, b.activity, b.counterpart, b.text))
        batch = LedgerBatch.objects.create(file_name=f"huvudbok_{month_label(month)}.csv", actor_name=DEMO_ACTOR,
                                           periods=[month_label(month)], rows=len(month_bookings))
        entries.extend(
            LedgerEntry(batch=batch, period=month, account=b.account, activity=b.activity, amount=b.amount,
                        counterpart=b.counterpart, text=b.text, voucher=f"V{month:%y%m}-{row:04d}", row=row + 1)
            for row, b in enumerate(month_bookings, start=1))
        if progress:
            progress("Huvudbok", done, len(months))
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def _write_budgets(rows: list[dict], priced, first_year: int, last_year: int, data: DemoData,
                   rng: random.Random) -> int:
    years = list(range(first_year, last_year + 1))
    BudgetLine.objects.filter(year__in=years).delete()
    if priced is None:
        return 0
    net = _grouped(rows, priced.cost - priced.revenue, lambda r: (ACTIVITY_OF_CODE.get(
        r["intervention_type__code"], r["intervention_type__code"]),))
    lines: list[BudgetLine] = []
    for index, year in enumerate(years):
        year_net = 0.0
        largest = max(net, key=lambda key: net[key][index * 12:(index + 1) * 12].sum())[0]
        for (activity,), values in net.items():
            register = float(values[index * 12:(index + 1) * 12].sum())
            if abs(register) < 1000:
                continue
            budget = round(register * (1 + rng.choice((-1, 1)) * rng.uniform(0.02, 0.04)), -3)
            year_net += budget
            lines.extend(BudgetLine(year=year, month=month, activity=activity, amount=amount,
                                    kind=BudgetKind.ORIGINAL)
                         for month, amount in spread_evenly(Decimal(budget), range(1, 13)).items())
        decided_on = dt.date(year, rng.randint(4, 10), rng.randint(1, 28))
        supplement = Decimal(round(year_net * rng.uniform(0.008, 0.015), -5))
        if decided_on < data.today and supplement:
            budget_supplement_add(year=year, amount=supplement, decided_on=decided_on, activity=largest,
                                  reason=rng.choice(SUPPLEMENT_REASONS), actor=None)
    BudgetLine.objects.bulk_create(lines, batch_size=2000)
    return len(lines)
