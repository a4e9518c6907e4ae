"""The forecast bridge: each driver isolated, exact sums to the öre, and the cases behind each driver named."""

import datetime as dt
from decimal import Decimal

from insatskollen.forecasting.bridge import (
    ACTUALS,
    DATES,
    ENDED,
    EXTENT,
    NEW,
    PRICE,
    REMAINDER,
    REVENUE,
    compute_bridge,
)

FROM, TO = dt.date(2025, 4, 30), dt.date(2025, 8, 31)  # 4 months actual → 8 months actual; Sep–Dec = 122 days


def state(**overrides) -> dict:
    fields = {"start_date": dt.date(2025, 1, 1), "end_date": None, "unit": "dygn", "extent": Decimal(1),
              "price": Decimal(1000), "ifo_share_pct": Decimal(0), "revenue_per_unit": Decimal(0)}
    fields.update(overrides)
    return fields


def bridge(states_from, states_to, actual_net=None):
    labels = {key: (f"BES-{key}", f"19800101-****{key}") for key in set(states_from) | set(states_to)}
    return compute_bridge(year=2025, date_from=FROM, date_to=TO, months_from=4, months_to=8,
                          actual_net=actual_net or {}, states_from=states_from, states_to=states_to, labels=labels)


def amounts(result) -> dict:
    return {d.driver: d.amount for d in result.drivers}


def cases(result, driver) -> dict:
    found = next(d for d in result.drivers if d.driver == driver)
    return {c.decision: c.amount for c in found.cases}


def assert_adds_up(result):
    assert sum((d.amount for d in result.drivers), Decimal(0)) == result.net_to - result.net_from
    assert result.remainder == 0
    assert REMAINDER not in amounts(result)


def test_a_new_decision_adds_its_rest_of_year():
    result = bridge({}, {1: state()})
    assert amounts(result)[NEW] == Decimal("122000.00")
    assert cases(result, NEW) == {"BES-1": Decimal("122000.00")}
    assert_adds_up(result)


def test_an_end_date_set_removes_the_months_after_it():
    result = bridge({2: state()}, {2: state(end_date=dt.date(2025, 10, 31))})
    assert amounts(result)[ENDED] == Decimal("-61000.00")
    assert cases(result, ENDED) == {"BES-2": Decimal("-61000.00")}
    assert_adds_up(result)


def test_a_prolonged_end_is_a_date_change_not_an_end():
    result = bridge({2: state(end_date=dt.date(2025, 9, 30))}, {2: state(end_date=dt.date(2025, 10, 31))})
    assert amounts(result)[DATES] == Decimal("31000.00")
    assert amounts(result)[ENDED] == 0
    assert_adds_up(result)


def test_changed_extent_price_and_revenue_each_get_their_own_driver():
    result = bridge({3: state(), 4: state(), 5: state()},
                    {3: state(extent=Decimal(2)), 4: state(price=Decimal(1100)),
                     5: state(revenue_per_unit=Decimal(200))})
    found = amounts(result)
    assert (found[EXTENT], found[PRICE], found[REVENUE]) == (Decimal("122000.00"), Decimal("12200.00"),
                                                              Decimal("-24400.00"))
    assert cases(result, PRICE) == {"BES-4": Decimal("12200.00")}
    assert_adds_up(result)


def test_several_changes_of_one_decision_are_attributed_in_order_and_add_up_to_its_change():
    result = bridge({6: state()}, {6: state(extent=Decimal(2), price=Decimal(1500), end_date=dt.date(2025, 11, 30))})
    found = amounts(result)
    # Sep–Nov (91 days) is stepped: extent 1 → 2 at 1 000, then price 1 000 → 1 500 at extent 2. December (31 days)
    # is gone: it is valued at the terms the from-forecast had for it.
    assert (found[EXTENT], found[PRICE], found[ENDED]) == (Decimal(91 * 1000), Decimal(91 * 2 * 500),
                                                           Decimal(-31 * 1000))
    assert found[EXTENT] + found[PRICE] + found[ENDED] == Decimal(2 * 1500 * 91 - 122000)
    assert_adds_up(result)


def test_actuals_different_from_expected_compares_the_new_actual_months_with_the_old_projection():
    actual = {m: Decimal(100000) for m in range(1, 5)} | {m: Decimal("130000.25") for m in range(5, 9)}
    result = bridge({7: state(), 8: state()}, {7: state(), 8: state()}, actual)
    # May–Aug is 123 days: the from-forecast expected 2 × 123 000; the ledger says 4 × 130 000,25.
    assert amounts(result)[ACTUALS] == Decimal("520001.00") - Decimal("246000.00")
    assert result.net_from == Decimal(400000) + Decimal(246000) + Decimal(244000)
    assert result.net_to == Decimal(400000) + Decimal("520001.00") + Decimal(244000)
    assert_adds_up(result)


def test_a_mixed_register_adds_up_exactly_and_lists_every_driver_in_order():
    states_from = {i: state(price=Decimal("1234.57"), extent=Decimal("1.5"), unit="tim/vecka") for i in range(10)}
    states_to = {i: state(price=Decimal("1300.11"), extent=Decimal("2.25"), unit="tim/vecka",
                          end_date=dt.date(2025, 10, 17), revenue_per_unit=Decimal("99.99")) for i in range(5, 14)}
    result = bridge(states_from, states_to, {m: Decimal("12345.67") for m in range(1, 9)})
    assert [d.driver for d in result.drivers] == [NEW, ENDED, EXTENT, PRICE, DATES, REVENUE, ACTUALS]
    assert all(d.amount != 0 for d in result.drivers if d.driver not in (DATES,))
    assert_adds_up(result)
    as_json = result.as_dict()
    assert len(as_json["drivers"]) == 7 and as_json["from"] == "2025-04-30"
    assert {c["decision"] for c in as_json["drivers"][0]["cases"]} == {"BES-10", "BES-11", "BES-12", "BES-13"}
