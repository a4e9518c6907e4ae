"""The reconciliation rules an admin configures (accrual voucher series and accounts, texts that say a booking has no
decision) change how a month read from the database is split, and nothing else."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from insatskollen.followup.selectors import reconcile_month
from insatskollen.ledger.models import ReconciliationRule, ReconciliationRuleKind
from insatskollen.ledger.services import ledger_import

# Solgläntan's gruppbostad costs 3 250 kr a dygn from 2025-02-01: April 97 500, May 100 750, June 97 500.
LEDGER = """Period;Konto;Verksamhet;Belopp;Motpart;Text;Verifikation
2025-03;4600;6510;100750,00;Solgläntan AB;Gruppbostad mars;V-301
2025-04;4600;6510;97500,00;Solgläntan AB;Gruppbostad april;V-401
2025-04;4600;6510;12000,00;Solgläntan AB;Periodisering tertial 1;BO-401
2025-05;4600;6510;100750,00;Solgläntan AB;Gruppbostad maj;V-501
2025-05;4600;6510;-11500,00;Solgläntan AB;Återföring periodisering;BO-501
2025-05;4600;6510;30000,00;Solgläntan AB;Faktura för klient som saknas i registret;V-502
2025-05;4609;6510;800,00;Solgläntan AB;Upplupen semesterlön;V-503
2025-06;4600;6510;97500,00;Solgläntan AB;Gruppbostad juni;V-601
"""


@pytest.fixture
def booked(make_decision, client_a, tmp_path):
    make_decision(client_a, external_id="B-100")
    path = tmp_path / "huvudbok.csv"
    path.write_text(LEDGER, encoding="utf-8")
    assert ledger_import(path, actor=None).status == "imported"


def categories(month):
    result = reconcile_month(month)
    return result, {name: value for name, value in result.categories.as_dict().items() if value}


def test_without_rules_the_accruals_and_the_unregistered_client_are_price_differences(booked):
    _, found = categories(dt.date(2025, 4, 1))
    assert found == {"price_difference": Decimal("12000.00")}
    may, found = categories(dt.date(2025, 5, 1))
    assert found == {"price_difference": Decimal("19300.00")}  # 120 050 booked − 100 750 registered
    assert may.data_quality == Decimal(1)


def test_configured_rules_make_accruals_and_bookings_without_decision(booked):
    ReconciliationRule.objects.create(kind=ReconciliationRuleKind.ACCRUAL_VOUCHER, value="BO-")
    ReconciliationRule.objects.create(kind=ReconciliationRuleKind.ACCRUAL_ACCOUNT, value="4609 ")
    ReconciliationRule.objects.create(kind=ReconciliationRuleKind.NO_DECISION_TEXT, value="Saknas i registret")
    _, found = categories(dt.date(2025, 4, 1))
    assert found == {"accrual": Decimal("12000.00")}
    may, found = categories(dt.date(2025, 5, 1))
    assert found == {"accrual": Decimal("-10700.00"), "ledger_without_decision": Decimal("30000.00")}
    assert may.gap == Decimal("19300.00")  # 120 050 booked − 100 750 registered
    assert may.data_quality == Decimal("0.7501")  # 90 050 of 120 050 matched the decision
    rows = may.pairs_in("ledger_without_decision")[0].evidence("ledger_without_decision")[0]
    assert [r.voucher for r in rows] == ["V-502"]


def test_the_page_explains_accruals_and_shows_their_rows(client, carl, booked):
    ReconciliationRule.objects.create(kind=ReconciliationRuleKind.ACCRUAL_VOUCHER, value="BO-")
    client.force_login(carl)
    url = reverse("web:reconciliation")
    page = client.get(url, {"month": "2025-05"}).content.decode()
    assert "Periodisering" in page and "återförs i januari" in page
    detail = client.get(url, {"month": "2025-05", "category": "accrual"}).content.decode()
    assert "BO-501" in detail and "V-501" not in detail


def test_an_admin_adds_a_rule_in_the_admin(admin_client, db):
    response = admin_client.post(reverse("admin:ledger_reconciliationrule_add"), {
        "kind": ReconciliationRuleKind.ACCRUAL_VOUCHER, "value": "BO-", "description": "Bokslutsverifikationer"})
    assert response.status_code == 302
    assert ReconciliationRule.objects.get().value == "BO-"
    assert admin_client.get(reverse("admin:ledger_reconciliationrule_changelist")).status_code == 200
