"""Reconciliation read from the ledger's own evidence: year-end accruals and their reversals (Periodisering), rows
whose text says they have no decision, a month that was never invoiced, and the five categories always adding up
to ledger − register, to the öre."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from insatskollen.followup.reconciliation import CATEGORIES, LedgerRow, RegisterItem, Rules, reconcile

NOV, DEC, JAN, FEB = dt.date(2024, 11, 1), dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 2, 1)
APRIL, MAY, JUNE, JULY = dt.date(2025, 4, 1), dt.date(2025, 5, 1), dt.date(2025, 6, 1), dt.date(2025, 7, 1)
MARCH = dt.date(2025, 3, 1)
WINTER = (dt.date(2024, 10, 1), NOV, DEC, JAN, FEB, MARCH)
SPRING = (MARCH, APRIL, MAY, JUNE, JULY)


def decision(month, amount, *, code="6115", provider="Omtanke AB", label="B-1", client="19501010-****"):
    return RegisterItem(month=month, code=code, provider=provider, decision=label, client=client,
                        amount=Decimal(amount))


def booking(period, amount, *, code="6115", counterpart="Omtanke AB", account="4600", voucher="V1", text="Faktura"):
    return LedgerRow(period=period, code=code, counterpart=counterpart, amount=Decimal(amount), account=account,
                     voucher=voucher, text=text)


def steady(amount, months, **kwargs):
    return [decision(m, amount, **kwargs) for m in months]


def figures(result):
    return {name: getattr(result.categories, name) for name in CATEGORIES}


def expect(result, **amounts):
    assert figures(result) == {name: Decimal(amounts.get(name, 0)) for name in CATEGORIES}
    assert result.categories.total == result.gap == result.ledger_cost - result.register_cost


def year_end_ledger():
    """A provider that invoices 80 000 of its 100 000 a month on time and 20 000 the next month; in December the
    late 20 000 is accrued and the accrual reversed in January (the way a year-end closing books it)."""
    rows = [booking(m, "80000") for m in WINTER]
    rows += [booking(m, "20000", text="Eftersläpande del") for m in WINTER[1:]]
    rows += [booking(DEC, "20000", voucher="V2", text="Upplupen kostnad december"),
             booking(JAN, "-20000", voucher="V3", text="Återföring upplupen kostnad")]
    return rows


def test_a_december_accrual_and_its_january_reversal_are_accruals_not_price_differences():
    register = steady("100000", WINTER)
    december = reconcile(DEC, register, year_end_ledger())
    expect(december, accrual="20000")  # 80 000 + 20 000 late from November + 20 000 accrued = 120 000
    assert [r.voucher for r in december.pairs_in("accrual")[0].evidence("accrual")[0]] == ["V2"]
    january = reconcile(JAN, register, year_end_ledger())
    expect(january, accrual="-20000")  # 80 000 + 20 000 late from December − 20 000 reversed = 80 000
    assert [r.voucher for r in january.pairs_in("accrual")[0].evidence("accrual")[0]] == ["V3"]
    assert december.data_quality == january.data_quality == Decimal(1)


def test_the_months_around_the_year_end_read_their_neighbours_without_the_accrual():
    register = steady("100000", WINTER)
    expect(reconcile(NOV, register, year_end_ledger()))
    expect(reconcile(FEB, register, year_end_ledger()))


def test_a_reversal_needs_the_same_account_counterpart_code_and_the_exact_opposite_amount():
    register = steady("100000", WINTER)
    for changed in ({"account": "4610"}, {"counterpart": "Annan AB"}, {"code": "6135"}):
        ledger = [booking(m, "100000") for m in WINTER] + [booking(DEC, "5000", voucher="V2"),
                                                            booking(JAN, "-5000", voucher="V3", **changed)]
        assert reconcile(DEC, register, ledger).categories.accrual == 0, changed
    ledger = [booking(m, "100000") for m in WINTER] + [booking(DEC, "5000"), booking(JAN, "-4999.99")]
    december = reconcile(DEC, register, ledger)
    expect(december, price_difference="5000")
    # A credit note within January against a January invoice is no year-end reversal either.
    ledger = [booking(m, "100000") for m in WINTER] + [booking(JAN, "5000"), booking(JAN, "-5000")]
    assert reconcile(JAN, register, ledger).categories.accrual == 0


def test_one_reversal_pairs_with_one_accrual_only():
    register = steady("100000", WINTER)
    ledger = [booking(m, "100000") for m in WINTER] + [booking(DEC, "7000", voucher="V2"),
                                                        booking(DEC, "7000", voucher="V3"),
                                                        booking(JAN, "-7000", voucher="V4")]
    expect(reconcile(DEC, register, ledger), accrual="7000", price_difference="7000")
    expect(reconcile(JAN, register, ledger), accrual="-7000")


def test_accrual_accounts_and_voucher_series_from_the_rules_count_in_any_month():
    register = steady("100000", SPRING)
    ledger = [booking(m, "100000") for m in SPRING]
    ledger += [booking(APRIL, "30000", voucher="BO-17", text="Tertialbokslut"),
               booking(MAY, "-28000", voucher="BO-18", text="Återföring tertialbokslut"),
               booking(MAY, "1500", account="4609", voucher="V7")]
    rules = Rules(accrual_accounts=("4609",), accrual_vouchers=("BO-",))
    expect(reconcile(APRIL, register, ledger, rules), accrual="30000")
    expect(reconcile(MAY, register, ledger, rules), accrual="-26500")
    # Without the rules they are a price difference in April and May (no exact reversal, not the year end).
    expect(reconcile(APRIL, register, ledger), price_difference="30000")
    expect(reconcile(MAY, register, ledger), price_difference="-26500")


def test_a_row_whose_text_says_it_has_no_decision_is_booked_without_decision():
    register = steady("100000", SPRING)
    ledger = [booking(m, "100000") for m in SPRING]
    ledger += [booking(MAY, "60000", voucher="V9", text="Faktura för klient som SAKNAS i registret"),
               booking(MAY, "20000", voucher="V8", text="Tillägg dubbelbemanning")]
    rules = Rules(no_decision_texts=("saknas i registret", "utan beställning"))
    result = reconcile(MAY, register, ledger, rules)
    expect(result, ledger_without_decision="60000", price_difference="20000")
    pair = result.pairs_in("ledger_without_decision")[0]
    assert [r.voucher for r in pair.evidence("ledger_without_decision")[0]] == ["V9"]
    assert "saknas" in pair.note
    assert result.data_quality == Decimal("0.6667")  # 120 000 of 180 000 matched a decision
    # Without the rule the same row is part of the pair: a price difference, and 100 % data quality.
    plain = reconcile(MAY, register, ledger)
    expect(plain, price_difference="80000")
    assert plain.data_quality == Decimal(1)


def test_rows_without_decision_do_not_count_as_timing_in_the_next_month():
    register = steady("100000", SPRING)
    ledger = [booking(APRIL, "100000"), booking(MAY, "70000"), booking(JUNE, "100000"),
              booking(JUNE, "30000", text="Resor utan beställning")]
    rules = Rules(no_decision_texts=("utan beställning",))
    expect(reconcile(MAY, register, ledger, rules), price_difference="-30000")
    expect(reconcile(JUNE, register, ledger, rules), ledger_without_decision="30000")


def test_a_month_never_invoiced_is_a_decision_without_ledger_even_when_the_next_is_invoiced():
    register = steady("100000", SPRING) + steady("24038.50", SPRING, code="6175", provider="Kontaktpersoner",
                                                 label="B-2")
    ledger = [booking(m, "100000") for m in SPRING]
    ledger += [booking(m, "24038.50", code="6175", counterpart="Kontaktpersoner") for m in (APRIL, JUNE)]
    result = reconcile(MAY, register, ledger)
    expect(result, decision_without_ledger="-24038.50")
    assert [d.decision for d in result.pairs_in("decision_without_ledger")[0].evidence(
        "decision_without_ledger")[1]] == ["B-2"]
    expect(reconcile(JUNE, register, ledger))


def test_a_month_invoiced_late_is_timing_and_only_the_part_never_made_up_is_without_ledger():
    register = steady("40000", SPRING)
    late = [booking(APRIL, "40000"), booking(JUNE, "80000"), booking(JULY, "40000")]
    expect(reconcile(MAY, register, late), timing="-40000")
    expect(reconcile(JUNE, register, late), timing="40000")
    partly = [booking(APRIL, "40000"), booking(JUNE, "55000.25"), booking(JULY, "40000")]
    expect(reconcile(MAY, register, partly), timing="-15000.25", decision_without_ledger="-24999.75")


def test_an_accrual_on_a_pair_without_decision_stays_an_accrual():
    register = steady("100000", WINTER)
    ledger = [booking(m, "100000") for m in WINTER]
    ledger += [booking(DEC, "9000", counterpart="Okänd AB"), booking(JAN, "-9000", counterpart="Okänd AB"),
               booking(DEC, "1000", counterpart="Okänd AB", voucher="V5")]
    result = reconcile(DEC, register, ledger)
    expect(result, accrual="9000", ledger_without_decision="1000")
    assert result.data_quality == Decimal("0.9091")  # 100 000 of 110 000


# An independent property: whatever the rows, the five categories add up to ledger − register exactly, for every
# pair, code and the month, and data quality stays within 0–100 %.
MONTHS = (dt.date(2024, 10, 1), NOV, DEC, JAN, FEB, MARCH)
money = st.decimals(min_value=Decimal(-50000), max_value=Decimal(200000), places=2, allow_nan=False,
                    allow_infinity=False)
codes, providers = st.sampled_from(["6115", "6510", ""]), st.sampled_from(["Omtanke AB", "Solgläntan", "", "X AB"])
register_items = st.builds(lambda m, c, p, a: decision(m, abs(a), code=c or "6115", provider=p or "Omtanke AB"),
                           st.sampled_from(MONTHS), codes, providers, money)
ledger_rows = st.builds(
    lambda m, c, p, a, acc, voucher, text: booking(m, a, code=c, counterpart=p, account=acc, voucher=voucher,
                                                   text=text),
    st.sampled_from(MONTHS), codes, providers, money, st.sampled_from(["4600", "4609"]),
    st.sampled_from(["V1", "BO-1"]), st.sampled_from(["Faktura", "saknas i registret"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(register_items, max_size=12), st.lists(ledger_rows, max_size=16), st.booleans(),
       st.sampled_from([DEC, JAN, FEB]))
def test_categories_always_add_up_to_the_gap(register, ledger, mirror, month):
    if mirror:  # make some exact year-end reversal pairs
        ledger = ledger + [booking(JAN, -r.amount, code=r.code, counterpart=r.counterpart, account=r.account)
                           for r in ledger if r.period == DEC]
    rules = Rules(accrual_accounts=("4609",), accrual_vouchers=("BO-",), no_decision_texts=("saknas",))
    result = reconcile(month, register, ledger, rules)
    in_month = [r for r in ledger if r.period == month]
    assert result.ledger_cost == sum((r.amount for r in in_month), Decimal(0))
    assert result.register_cost == sum((i.amount for i in register if i.month == month), Decimal(0))
    assert result.categories.total == result.gap
    for part in result.by_code.values():
        assert part.categories.total == part.gap
    for pair in result.total.pairs:
        assert pair.categories.total == pair.ledger_cost - pair.register_cost
        assert pair.categories.accrual == sum((r.amount for r in pair.accrual_rows), Decimal(0))
    if result.data_quality is not None and all(r.amount >= 0 for r in in_month):
        assert 0 <= result.data_quality <= 1


def test_a_row_naming_a_client_without_decision_at_the_provider_is_booked_without_decision():
    registered = "19870312-1239"
    register = [RegisterItem(month=m, code="6115", provider="Omtanke AB", decision="B-1", client="19870312-****",
                             amount=Decimal(100000), client_number="198703121239") for m in SPRING]
    ledger = [booking(m, "100000", text=f"Hemtjänst {registered}") for m in SPRING]
    ledger += [booking(MAY, "45000", voucher="V9", text="Hemtjänst maj 950704-2464"),  # not in the register
               booking(MAY, "5000", voucher="V8", text="Tillägg 870312-1239"),  # the registered client, short form
               booking(MAY, "800", voucher="V7", text="Faktura 556677-8899")]  # an org number, no client
    result = reconcile(MAY, register, ledger)
    expect(result, ledger_without_decision="45000", price_difference="5800")
    pair = result.pairs_in("ledger_without_decision")[0]
    rows = pair.evidence("ledger_without_decision")[0]
    assert [r.voucher for r in rows] == ["V9"] and "Personnumret" in pair.note
    assert rows[0].masked_text == "Hemtjänst maj 19950704-****"
    # Without client numbers on the register side nothing can be compared, and the row stays with the pair.
    anonymous = [RegisterItem(**{**vars(item), "client_number": ""}) for item in register]
    expect(reconcile(MAY, anonymous, ledger), price_difference="50800")
