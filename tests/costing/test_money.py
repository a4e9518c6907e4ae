"""Money summed exactly and rounded once; rows shown in whole kronor add up to their total."""

from decimal import Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from insatskollen.costing.money import allocate, column_units, ore, shown, shown_table, span_amount


class F:
    def __init__(self, cost, revenue):
        self.cost, self.revenue, self.net = Decimal(cost), Decimal(revenue), Decimal(cost) - Decimal(revenue)


def test_the_lass_row_of_the_start_page_adds_up():
    """118 519 580,40 − 83 672 085,60 = 34 847 494,80: shown net 34 847 495, so revenue is shown as 83 672 085."""
    row = shown(F("118519580.40", "83672085.60"))
    assert (row.cost, row.net, row.revenue) == (Decimal(118519580), Decimal(34847495), Decimal(83672085))
    assert row.cost - row.revenue == row.net


def test_three_thirds_add_up_to_the_whole():
    assert allocate([Decimal("0.40"), Decimal("0.40"), Decimal("0.20")], Decimal("1.00")) == [1, 0, 0]
    assert allocate([Decimal("100.50"), Decimal("200.50")], Decimal("301.00")) == [Decimal(100), Decimal(201)]
    assert sum(allocate([Decimal("0.5")] * 5, Decimal("2.5"))) == 3  # 2,5 rounds half up to 3


def test_a_negative_row_is_allocated_like_any_other():
    rows = [Decimal("-1.60"), Decimal("2.30"), Decimal("0.50")]
    assert sum(allocate(rows, sum(rows))) == Decimal(1)  # 1,20 → 1


amounts = st.decimals(min_value=-10**7, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=30))
def test_shown_rows_always_add_up_to_the_shown_total(pairs):
    rows = [F(c, r) for c, r in pairs]
    total = F(sum(c for c, _ in pairs), sum(r for _, r in pairs))
    shown_rows, shown_total = shown_table(rows, total)
    assert sum(r.cost for r in shown_rows) == shown_total.cost
    assert sum(r.net for r in shown_rows) == shown_total.net
    assert sum(r.revenue for r in shown_rows) == shown_total.revenue
    for row, original in zip(shown_rows, rows):
        assert row.cost - row.revenue == row.net
        assert abs(row.cost - original.cost) < 1  # the cost never moves a whole krona
        assert abs(row.revenue - original.revenue) < 2 and abs(row.net - original.net) < 3
        if original.revenue == 0:  # a row without revenue shows none, and its net is its cost
            assert row.revenue == 0 and row.net == row.cost


def test_a_row_without_revenue_never_shows_revenue():
    """100,60 with no revenue beside 200,70 − 0,20: the first row must read 100 / 0 / 100 or 101 / 0 / 101."""
    rows = [F("100.60", "0"), F("200.70", "0.20")]
    shown_rows, total = shown_table(rows, F("301.30", "0.20"))
    assert shown_rows[0].revenue == 0 and shown_rows[0].cost == shown_rows[0].net
    assert sum(r.cost for r in shown_rows) == total.cost == 301 and sum(r.net for r in shown_rows) == total.net


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=50), st.randoms())
def test_exact_sums_do_not_depend_on_the_order_or_grouping(values, rnd):
    matrix = np.array(values).reshape(-1, 1)
    order = list(range(len(values)))
    rnd.shuffle(order)
    shuffled = matrix[order]
    assert column_units(matrix)[0] == column_units(shuffled)[0]
    half = len(values) // 2
    assert ore(column_units(matrix)[0]) == ore(column_units(matrix[:half])[0] + column_units(matrix[half:])[0])


def test_a_span_is_rounded_once():
    # Twelve months of 0,004 kr: each month rounds to 0,00, the year (0,048) to 0,05.
    assert span_amount(np.full((1, 12), 0.004)) == Decimal("0.05")
