"""The comparison rule: median of the other contracts' prices for the same code, level and price base."""

from decimal import Decimal

from insatskollen.contracts.comparison import Comparables, PricePoint, excess, median, price_base


def test_median_of_odd_and_even_counts():
    assert median([Decimal(5), Decimal(1), Decimal(3)]) == Decimal(3)
    assert median([Decimal(4), Decimal(1), Decimal(3), Decimal(2)]) == Decimal("2.50")
    assert median([]) is None


def test_hour_and_day_units_compare_within_their_base():
    assert price_base("tim/vecka") == price_base("tim/månad") == "timme"
    assert price_base("dygn") == price_base("dygn/månad") == "dygn"
    assert price_base("månad") != price_base("dygn")


def test_median_leaves_out_the_contracts_own_prices_and_other_levels():
    points = [
        PricePoint("6510", "3", "dygn", Decimal(4000), contract_id=1),
        PricePoint("6510", "3", "dygn", Decimal(3000), contract_id=2),
        PricePoint("6510", "3", "dygn/månad", Decimal(3200), contract_id=None),
        PricePoint("6510", "3", "dygn", Decimal(9000), contract_id=None),
        PricePoint("6510", "4", "dygn", Decimal(100), contract_id=None),  # another level
        PricePoint("6510", "3", "månad", Decimal(1), contract_id=None),  # another base
    ]
    comparables = Comparables(points)
    found, count = comparables.median_for(points[0])
    assert count == 3
    assert found == Decimal(3200)  # the middle of 3000, 3200, 9000


def test_excess_in_kronor_and_percent():
    found = excess(Decimal(4000), Decimal(3200))
    assert found.per_unit == Decimal(800)
    assert found.pct == Decimal("25.0")  # 800 / 3200
    assert found.share == Decimal(800) / Decimal(4000)
    assert excess(Decimal(3000), Decimal(3200)).per_unit == Decimal(-200)
    assert excess(Decimal(3000), None) is None
