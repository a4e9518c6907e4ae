"""The comparison adjusted for level mix, computed by hand (pure, no database)."""

from __future__ import annotations

from decimal import Decimal

from insatskollen.benchmarking.comparison import DistrictPeriod, compare_code


def test_a_district_with_heavier_needs_is_not_called_expensive():
    # A: 10 persons, cost 1 000 000, schablon 1 000 000 (heavy levels). B: 10 persons, cost 600 000,
    # schablon 500 000 (light levels). Crude: A 100 000 per person, B 60 000. Per krona of need: A 1.0, B 1.2.
    a = DistrictPeriod("A", "6510", 10, 300, Decimal(1_000_000), Decimal(1_000_000), own=True)
    b = DistrictPeriod("B", "6510", 10, 300, Decimal(600_000), Decimal(500_000))
    result = compare_code("6510", "Gruppbostad", [a, b])
    lines = {line.district: line for line in result.lines}
    assert lines["A"].cost_per_person == Decimal("100000.00") and lines["B"].cost_per_person == Decimal("60000.00")
    # Pooled weight per person: 1 500 000 / 20 = 75 000. Adjusted: A 1.0 × 75 000, B 1.2 × 75 000.
    assert result.pooled_schablon_per_person == Decimal("75000.00")
    assert lines["A"].adjusted_cost_per_person == Decimal("75000.00")
    assert lines["B"].adjusted_cost_per_person == Decimal("90000.00")
    # Pooled cost per krona of need: 1 600 000 / 1 500 000; index = R / that × 100.
    assert lines["A"].index == Decimal("93.8") and lines["B"].index == Decimal("112.5")
    assert [line.district for line in result.lines] == ["A", "B"]  # cheapest for the same needs first


def test_a_suppressed_district_is_listed_last_without_figures():
    a = DistrictPeriod("A", "6510", 10, 300, Decimal(1_000_000), Decimal(1_000_000))
    c = DistrictPeriod("C", "6510", None, None, None, None)
    result = compare_code("6510", "", [c, a])
    assert [line.district for line in result.lines] == ["A", "C"]
    assert result.lines[1].suppressed and result.lines[1].cost_per_person is None
    assert result.lines[0].index == Decimal("100.0")


def test_a_code_without_schablon_is_compared_crude():
    a = DistrictPeriod("A", "6160", 8, 100, Decimal(80_000), None)
    result = compare_code("6160", "", [a])
    assert not result.adjusted and result.lines[0].shown_cost_per_person == Decimal("10000.00")
