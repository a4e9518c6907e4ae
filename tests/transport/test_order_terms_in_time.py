"""A transport order's terms change from a date, field by field, "tills vidare" (pure)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from insatskollen.transport import terms as tt

BASE = {"carrier_id": 1, "contract": "A", "price": D(200), "trips_per_week": 10, "weekdays": (0, 1, 2, 3, 4)}


def test_a_price_change_splits_the_period_and_keeps_the_days_before():
    periods = tt.first_periods(dt.date(2025, 1, 1), None, BASE)
    after = tt.with_change(periods, dt.date(2025, 7, 1), {"price": D(260)})
    assert [(p.valid_from, p.valid_to, p.terms["price"]) for p in after] == [
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30), D(200)), (dt.date(2025, 7, 1), None, D(260))]


def test_an_earlier_change_of_the_same_term_replaces_the_later_one_but_keeps_other_terms():
    periods = tt.first_periods(dt.date(2025, 1, 1), None, BASE)
    periods = tt.with_change(periods, dt.date(2025, 7, 1), {"price": D(260), "trips_per_week": 6})
    periods = tt.with_change(periods, dt.date(2025, 3, 1), {"price": D(240)})
    assert [(p.valid_from, p.terms["price"], p.terms["trips_per_week"]) for p in periods] == [
        (dt.date(2025, 1, 1), D(200), 10), (dt.date(2025, 3, 1), D(240), 10), (dt.date(2025, 7, 1), D(240), 6)]


def test_a_change_outside_the_order_is_refused():
    periods = tt.first_periods(dt.date(2025, 1, 1), dt.date(2025, 6, 30), BASE)
    with pytest.raises(tt.TermsError):
        tt.with_change(periods, dt.date(2025, 7, 1), {"price": D(1)})
