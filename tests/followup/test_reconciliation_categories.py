"""Reconciliation of the register against the ledger: each category alone, all together, always adding up exactly."""

import datetime as dt
from decimal import Decimal

from insatskollen.followup.reconciliation import CATEGORIES, LedgerRow, RegisterItem, as_json, reconcile

APRIL, MAY, JUNE = dt.date(2025, 4, 1), dt.date(2025, 5, 1), dt.date(2025, 6, 1)
MARCH = dt.date(2025, 3, 1)


def decision(month, amount, *, code="6510", provider="Solgläntan AB", label="B-1"):
    return RegisterItem(month=month, code=code, provider=provider, decision=label, client="19870312-****",
                        amount=Decimal(amount))


def booking(period, amount, *, code="6510", counterpart="Solgläntan AB", voucher="V1", text="Faktura"):
    return LedgerRow(period=period, code=code, counterpart=counterpart, amount=Decimal(amount), account="4600",
                     voucher=voucher, text=text)


def steady(amount, *, months=(MARCH, APRIL, MAY, JUNE), **kwargs):
    return [decision(m, amount, **kwargs) for m in months]


def assert_adds_up(result):
    assert result.categories.total == result.gap == result.ledger_cost - result.register_cost
    for part in result.by_code.values():
        assert part.categories.total == part.gap
    assert sum((p.categories.total for p in result.total.pairs), Decimal(0)) == result.gap


def only(result, **expected):
    got = {name: getattr(result.categories, name) for name in CATEGORIES}
    assert got == {name: Decimal(expected.get(name, 0)) for name in CATEGORIES}


def test_everything_booked_as_registered_leaves_no_gap():
    ledger = [booking(m, "100775.00") for m in (APRIL, MAY, JUNE)]
    result = reconcile(MAY, steady("100775.00"), ledger)
    assert result.register_cost == result.ledger_cost == Decimal("100775.00")
    only(result)
    assert result.data_quality == Decimal(1)


def test_an_invoice_for_last_month_booked_this_month_is_timing():
    ledger = [booking(APRIL, "60000"), booking(MAY, "100000"), booking(MAY, "40000", voucher="V2"),
              booking(JUNE, "100000")]
    result = reconcile(MAY, steady("100000"), ledger)
    assert result.gap == Decimal(40000)
    only(result, timing="40000")
    assert_adds_up(result)
    pair = result.pairs_in("timing")[0]
    rows, decisions = pair.evidence("timing")
    assert [r.voucher for r in rows] == ["V1", "V2"] and [d.month for d in decisions] == [APRIL]


def test_this_months_cost_booked_next_month_is_negative_timing():
    ledger = [booking(APRIL, "100000"), booking(MAY, "70000"), booking(JUNE, "130000")]
    result = reconcile(MAY, steady("100000"), ledger)
    only(result, timing="-30000")
    rows, decisions = result.pairs_in("timing")[0].evidence("timing")
    assert [r.period for r in rows] == [JUNE] and [d.month for d in decisions] == [MAY]


def test_timing_out_of_one_month_is_the_timing_into_the_next():
    register = steady("100000", months=(MARCH, APRIL, MAY, JUNE, dt.date(2025, 7, 1)))
    ledger = [booking(APRIL, "100000"), booking(MAY, "75000"), booking(JUNE, "125000"),
              booking(dt.date(2025, 7, 1), "100000")]
    assert reconcile(MAY, register, ledger).categories.timing == Decimal(-25000)
    assert reconcile(JUNE, register, ledger).categories.timing == Decimal(25000)


def test_a_shortfall_nothing_makes_up_later_is_a_price_difference_not_timing():
    ledger = [booking(m, "98000") for m in (APRIL, MAY, JUNE)]
    result = reconcile(MAY, steady("100000"), ledger)
    only(result, price_difference="-2000")


def test_a_higher_price_than_registered_is_a_price_difference():
    ledger = [booking(APRIL, "100000"), booking(MAY, "103250.50"), booking(JUNE, "100000")]
    result = reconcile(MAY, steady("100000"), ledger)
    only(result, price_difference="3250.50")
    rows, decisions = result.pairs_in("price_difference")[0].evidence("price_difference")
    assert len(rows) == 1 and decisions[0].decision == "B-1"


def test_a_booking_with_no_decision_behind_it():
    register = steady("100000")
    ledger = [booking(m, "100000") for m in (APRIL, MAY, JUNE)]
    ledger.append(booking(MAY, "12345.67", counterpart="Okänd Omsorg AB", voucher="V9", text="Konsultarvode"))
    result = reconcile(MAY, register, ledger)
    only(result, ledger_without_decision="12345.67")
    pair = result.pairs_in("ledger_without_decision")[0]
    assert pair.provider == "Okänd Omsorg AB" and [r.voucher for r in pair.evidence("ledger_without_decision")[0]] \
        == ["V9"]
    assert result.data_quality == Decimal("0.8901")  # 100 000 of 112 345,67


def test_a_decision_whose_provider_was_active_two_months_ago_only_is_without_decision():
    register = [decision(MARCH, "5000")]
    result = reconcile(MAY, register, [booking(MAY, "5000")])
    only(result, ledger_without_decision="5000")


def test_a_decision_with_no_booking_this_month_nor_next():
    register = steady("100000") + steady("42000.10", provider="Ängsgården", label="B-2")
    ledger = [booking(m, "100000") for m in (APRIL, MAY, JUNE)]
    result = reconcile(MAY, register, ledger)
    only(result, decision_without_ledger="-42000.10")
    pair = result.pairs_in("decision_without_ledger")[0]
    assert [d.decision for d in pair.evidence("decision_without_ledger")[1]] == ["B-2"]


def test_counterparts_match_providers_regardless_of_case_and_spaces():
    ledger = [booking(m, "100000", counterpart="  solgläntan   ab ") for m in (APRIL, MAY, JUNE)]
    only(reconcile(MAY, steady("100000"), ledger))


def test_a_booking_without_activity_code_pairs_by_counterpart_when_the_provider_has_one_code():
    register = steady("100000") + steady("30000", code="6330", provider="Verkstan", label="B-3") \
        + steady("20000", code="6115", provider="Verkstan", label="B-4")
    ledger = [booking(m, "100000", code="") for m in (APRIL, MAY, JUNE)]
    ledger += [booking(m, "50000", code="", counterpart="Verkstan") for m in (APRIL, MAY, JUNE)]
    result = reconcile(MAY, register, ledger)
    assert result.by_code["6510"].categories.total == 0
    assert result.by_code[""].categories.ledger_without_decision == Decimal(50000)  # two codes: ambiguous
    assert "flera insatskoder" in result.pairs_in("ledger_without_decision")[0].note
    assert result.categories.decision_without_ledger == Decimal(-50000)
    assert_adds_up(result)


def test_ledger_of_2007_style_without_code_or_counterpart_is_all_without_decision():
    ledger = [booking(MAY, "17919990", code="", counterpart="")]
    result = reconcile(MAY, steady("18000000"), ledger)
    only(result, ledger_without_decision="17919990", decision_without_ledger="-18000000")
    assert result.data_quality == 0


def test_all_categories_together_add_up_exactly_to_the_gap():
    register = (steady("100000.01") + steady("50000.33", provider="Ängsgården", label="B-2")
                + steady("7000.10", code="6115", provider="Hemtjänst Norr", label="B-3")
                + steady("8999.99", code="6330", provider="Verkstan", label="B-4"))
    ledger = [booking(APRIL, "60000.01"), booking(MAY, "140000.00"), booking(JUNE, "100000.01"),  # timing in
              booking(APRIL, "50000.33", counterpart="Ängsgården"), booking(MAY, "50001.00", counterpart="Ängsgården"),
              booking(JUNE, "50000.33", counterpart="Ängsgården"),  # price +0,67
              booking(MAY, "333.33", code="6115", counterpart="Taxi Syd"),  # no decision
              booking(APRIL, "8999.99", code="6330", counterpart="Verkstan"),
              booking(MAY, "4000.00", code="6330", counterpart="Verkstan"),
              booking(JUNE, "13999.98", code="6330", counterpart="Verkstan")]  # timing −4 999,99
    result = reconcile(MAY, register, ledger)
    assert_adds_up(result)
    # Solgläntan: 40 000,00 short in April, 39 999,99 over in May → 39 999,99 carried in; Verkstan: −4 999,99.
    assert result.categories.timing == Decimal("39999.99") - Decimal("4999.99")
    assert result.categories.ledger_without_decision == Decimal("333.33")
    assert result.categories.decision_without_ledger == Decimal("-7000.10")
    assert result.categories.price_difference == Decimal("0.67")
    answer = as_json(result)
    assert answer["month"] == "2025-05" and set(answer["categories"]) == set(CATEGORIES)
    assert round(sum(answer["categories"].values()), 2) == answer["gap"]
    assert set(answer["by_code"]) == {"6510", "6115", "6330"}


def test_a_month_without_ledger_cost_has_no_data_quality_figure():
    result = reconcile(MAY, steady("100"), [])
    assert result.data_quality is None and result.ledger_cost == 0
    only(result, decision_without_ledger="-100")
