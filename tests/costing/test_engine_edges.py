"""The cost formula of formats.md at its edges: partial months, leap years, open ends, every unit, IFO, revenue."""

import datetime as dt

import numpy as np
import pytest

from insatskollen.costing.engine import DecisionArrays, monthly_costs


def cost_of(first_month=dt.date(2025, 1, 1), months=12, **decision):
    row = {"start": dt.date(2025, 1, 1), "end": None, "unit": "dygn", "extent": 1, "price": 1000,
           "ifo_share_pct": 0, "revenue_per_unit": 0}
    row.update(decision)
    return monthly_costs(DecisionArrays.from_rows([row]), first_month, months)


def test_per_day_unit_counts_the_days_inside_the_month_both_ends_inclusive():
    result = cost_of(start=dt.date(2025, 3, 10), end=dt.date(2025, 3, 20))
    assert result.cost[0, 2] == pytest.approx(11 * 1000)
    assert result.cost[0, 1] == 0 and result.cost[0, 3] == 0


def test_mid_month_start_and_end_across_months():
    result = cost_of(start=dt.date(2025, 1, 15), end=dt.date(2025, 2, 10), unit="månad", price=31_000)
    assert result.cost[0, 0] == pytest.approx(31_000 * 17 / 31)
    assert result.cost[0, 1] == pytest.approx(31_000 * 10 / 28)


def test_leap_year_february_has_29_days():
    result = cost_of(first_month=dt.date(2024, 1, 1), start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 29),
                     unit="tim/vecka", extent=6, price=452.30)
    assert result.days[0, 1] == 29
    assert result.cost[0, 1] == pytest.approx(6 * 452.30 * 29 / 7)
    monthly = cost_of(first_month=dt.date(2024, 1, 1), start=dt.date(2024, 2, 15), end=None, unit="månad",
                      price=29_000)
    assert monthly.cost[0, 1] == pytest.approx(29_000 * 15 / 29)


def test_open_end_runs_through_every_later_month():
    result = cost_of(first_month=dt.date(2030, 1, 1), months=3, start=dt.date(2020, 1, 1), end=None)
    assert list(result.cost[0]) == pytest.approx([31_000, 28_000, 31_000])


@pytest.mark.parametrize(
    ("unit", "extent", "price", "expected_march"),
    [
        ("dygn", 1, 3250, 1 * 3250 * 31),
        ("tim/vecka", 12.5, 452.30, 12.5 * 452.30 * 31 / 7),
        ("tim/månad", 16, 310, 16 * 310),
        ("dygn/månad", 8, 4100, 8 * 4100),
        ("resor/månad", 44, 265, 44 * 265),
        ("månad", 0.5, 18_500, 0.5 * 18_500),
    ],
)
def test_each_of_the_six_units(unit, extent, price, expected_march):
    result = cost_of(unit=unit, extent=extent, price=price)
    assert result.cost[0, 2] == pytest.approx(expected_march)


def test_monthly_units_prorate_by_days_in_month_not_by_week():
    result = cost_of(start=dt.date(2025, 4, 16), unit="tim/månad", extent=30, price=100)
    assert result.cost[0, 3] == pytest.approx(30 * 100 * 15 / 30)


def test_ifo_share_reduces_cost_but_not_revenue():
    result = cost_of(unit="tim/vecka", extent=38, price=401, ifo_share_pct=25, revenue_per_unit=100)
    assert result.cost[0, 0] == pytest.approx(38 * 401 * 31 / 7 * 0.75)
    assert result.revenue[0, 0] == pytest.approx(38 * 100 * 31 / 7)
    assert result.net[0, 0] == pytest.approx(result.cost[0, 0] - result.revenue[0, 0])


def test_revenue_uses_revenue_per_unit_in_place_of_price():
    result = cost_of(unit="tim/vecka", extent=60, price=345, revenue_per_unit=330.50)
    assert result.revenue[0, 0] == pytest.approx(60 * 330.50 * 31 / 7)
    assert result.revenue[0, 1] == pytest.approx(60 * 330.50 * 28 / 7)


def test_decision_ending_before_or_starting_after_the_span_costs_nothing():
    before = cost_of(start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    after = cost_of(start=dt.date(2026, 1, 1))
    assert before.cost.sum() == 0 and after.cost.sum() == 0


def test_many_decisions_are_priced_in_one_vectorised_pass():
    rows = [{"start": dt.date(2025, 1, 1) + dt.timedelta(days=i % 300), "end": None, "unit": "dygn",
             "extent": 1, "price": 100, "ifo_share_pct": 0, "revenue_per_unit": 0} for i in range(1000)]
    result = monthly_costs(DecisionArrays.from_rows(rows), dt.date(2025, 1, 1), 12)
    assert result.cost.shape == (1000, 12)
    assert np.all(result.cost.sum(axis=1) > 0)
