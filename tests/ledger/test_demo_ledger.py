"""The demo's ledger follows its register: a full year within a few percent, invoices partly a month late,
Försäkringskassan's revenue on a revenue account, bookings without decisions, and a budget for every year."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from insatskollen.costing.selectors import year_summary
from insatskollen.ledger.models import AccountMapping, ActivityMapping, BudgetKind, BudgetLine, LedgerEntry
from insatskollen.ledger.selectors import budget_for_year, ledger_figures
from insatskollen.register.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", "--clients", "60", "--years", "2", stdout=io.StringIO(), stderr=io.StringIO())
    return timezone.localdate().year - 1  # a full year of the history


def fingerprint() -> list[tuple]:
    return list(LedgerEntry.objects.order_by("period", "voucher").values_list(
        "period", "account", "activity", "amount", "counterpart", "text"))


def test_a_full_years_ledger_is_within_a_few_percent_of_the_registers_cost(seeded):
    ledger = ledger_figures(seeded)
    register = year_summary(Decision.objects.all(), seeded)
    assert sorted(ledger) == [f"{seeded}-{m:02d}" for m in range(1, 13)]
    cost = sum((f.cost for f in ledger.values()), Decimal(0))
    revenue = sum((f.revenue for f in ledger.values()), Decimal(0))
    assert abs(cost / register.total.cost - 1) < Decimal("0.03")
    assert abs(revenue / register.total.revenue - 1) < Decimal("0.03")
    months_off = [m for m, f in ledger.items() if abs(f.cost / register.months[m].cost - 1) > Decimal("0.02")]
    assert months_off, "monthly bookings should not match the register exactly (lag, true-up)"


def test_private_providers_invoices_are_partly_booked_the_next_month(seeded):
    late = LedgerEntry.objects.filter(text__endswith="eftersläpande del", period__year=seeded)
    assert late.exists()
    entry = late.exclude(period__month=1).first()
    same_month = LedgerEntry.objects.get(
        counterpart=entry.counterpart, activity=entry.activity, account=entry.account,
        period=dt.date(entry.period.year, entry.period.month - 1, 1), text__startswith="Faktura",
        text__endswith=entry.text.split(", ")[0].removeprefix("Faktura "))
    share = entry.amount / (entry.amount + same_month.amount)
    assert Decimal("0.13") < share < Decimal("0.27")
    assert not late.filter(counterpart__startswith="Egen regi").exists()
    december = LedgerEntry.objects.filter(period=dt.date(seeded, 12, 1))
    assert december.filter(text__startswith="Upplupen kostnad").exists()
    assert december.filter(text__startswith="Slutreglering").exists()


def test_fk_revenue_is_negative_on_a_revenue_account_for_lass(seeded):
    fk = LedgerEntry.objects.filter(counterpart="Försäkringskassan", period__year=seeded)
    assert fk.count() == 12
    assert set(fk.values_list("account", "activity")) == {("3320", "LASS")}
    assert all(amount < 0 for amount in fk.values_list("amount", flat=True))


def test_some_bookings_have_no_decision_behind_them(seeded):
    assert LedgerEntry.objects.filter(text="Faktura för klient som saknas i registret").exists()
    assert LedgerEntry.objects.filter(text="Turbundna resor utan beställning i registret", activity="6190").exists()
    assert ActivityMapping.objects.get(activity="6190").intervention_code == "TBR"
    assert AccountMapping.objects.filter(prefix="3", kind="revenue").exists()


def test_every_year_has_a_budget_near_the_register_and_one_supplementary_budget(seeded):
    today = timezone.localdate()
    for year in range(today.year - 2, today.year + 1):
        register_net = year_summary(Decision.objects.all(), year).total.net
        original = sum(BudgetLine.objects.filter(year=year, kind=BudgetKind.ORIGINAL).values_list("amount",
                                                                                                  flat=True))
        assert abs(original / register_net - 1) < Decimal("0.05"), year
        supplements = BudgetLine.objects.filter(year=year, kind=BudgetKind.SUPPLEMENTARY)
        if year < today.year:
            assert supplements.exists() and supplements.exclude(reason="").count() == supplements.count()
            assert len(set(supplements.values_list("decided_on", flat=True))) == 1
        assert budget_for_year(year) == original + sum(supplements.values_list("amount", flat=True))


def test_the_same_seed_gives_the_same_ledger(seeded):
    first = fingerprint()
    call_command("seed_demo", "--clients", "60", "--years", "2", "--force", stdout=io.StringIO(),
                 stderr=io.StringIO())
    assert fingerprint() == first
