"""On a built demo unit, the reconciliation of 2025 shows what its ledger holds: the bookings whose text says they
have no decision lower data quality in their months, a month never invoiced is a decision without ledger, and the
year-end accrual and its reversal are Periodisering. The demo is built once for the module and rolled back."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction

from insatskollen.demo.generator import generate_demo
from insatskollen.demo.ledger import demo_ledger_load
from insatskollen.demo.loader import load_demo
from insatskollen.followup.selectors import reconcile_month
from insatskollen.ledger.models import LedgerEntry
from insatskollen.ledger.services import default_mappings_install

pytestmark = pytest.mark.django_db  # so that the test database is set up for the module's fixture
TODAY = dt.date(2026, 3, 31)
MONTHS = [dt.date(2025, m, 1) for m in range(1, 13)]


@pytest.fixture(scope="module")
def demo_2025(django_db_setup, django_db_blocker):
    """Each month of 2025 reconciled, and the ledger rows of 2024-12 to 2026-01, read straight from the table."""
    with django_db_blocker.unblock(), transaction.atomic():
        data = generate_demo(seed=1, clients=250, years=2, today=TODAY)
        load_demo(data, force=True)
        default_mappings_install()
        demo_ledger_load(data)
        results = {month: reconcile_month(month) for month in MONTHS}
        rows = list(LedgerEntry.objects.filter(period__gte=dt.date(2024, 12, 1), period__lte=dt.date(2026, 1, 1))
                    .values("period", "account", "activity", "counterpart", "amount", "text"))
        transaction.set_rollback(True)
    return results, rows


def test_months_with_bookings_the_ledger_says_have_no_decision_are_below_full_data_quality(demo_2025):
    results, rows = demo_2025
    said = defaultdict(Decimal)  # the ledger's own word, summed here from the rows
    for row in rows:
        if "saknas i registret" in row["text"] or "utan beställning" in row["text"]:
            said[row["period"]] += row["amount"]
    months = [m for m in MONTHS if said[m]]
    assert len(months) >= 3  # the demo books trips without order and a client not in the register each year
    for month in months:
        result = results[month]
        assert result.categories.ledger_without_decision >= said[month], month
        assert result.data_quality < 1, month
        assert result.data_quality <= 1 - said[month] / result.ledger_cost + Decimal("0.0001"), month
    assert any(results[m].data_quality == 1 for m in MONTHS if not said[m])


def test_a_month_never_invoiced_shows_as_decision_without_ledger(demo_2025):
    results, _ = demo_2025
    months = [m for m in MONTHS if results[m].categories.decision_without_ledger]
    assert months
    for month in months:
        for pair in results[month].pairs_in("decision_without_ledger"):
            assert pair.categories.decision_without_ledger < 0
            assert pair.decisions and not pair.ledger_rows


def test_the_year_end_accrual_and_its_reversal_are_periodisering(demo_2025):
    results, rows = demo_2025
    accrued = sum((r["amount"] for r in rows if r["text"].startswith("Upplupen kostnad december 2025")), Decimal(0))
    reversed_ = sum((r["amount"] for r in rows if r["text"].startswith("Återföring upplupen kostnad december 2024")),
                    Decimal(0))
    assert accrued > 0 > reversed_
    assert results[dt.date(2025, 12, 1)].categories.accrual == accrued
    assert results[dt.date(2025, 1, 1)].categories.accrual == reversed_
    for month in MONTHS[1:11]:
        assert results[month].categories.accrual == 0
    for result in results.values():
        assert result.categories.total == result.gap
