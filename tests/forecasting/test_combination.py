"""The recommended forecast is a combination weighted by point-in-time evidence, shrunk to the simple mean."""

from decimal import Decimal

from insatskollen.forecasting.combination import combine, half_width_pct
from insatskollen.forecasting.evidence import Evidence

YEARS = {"seasonal_naive": [2023, 2024], "baseline": [2023, 2024], "run_rate": [2023, 2024],
         "commitment": [2023, 2024]}


def evidence(errors: dict[str, list[float]]) -> Evidence:
    return Evidence({m: [Decimal(repr(e)) for e in v] for m, v in errors.items()}, "", "years",
                    {m: YEARS[m][:len(v)] for m, v in errors.items()})


def test_a_steady_bias_is_removed_and_the_rest_weighs_by_its_variance():
    # Seasonal naive ±1 (mean 0, variance 1), baseline ±2 (variance 4), run rate +4 both years: a steady bias of
    # 4 %, removed, leaves no variance (floored at 0.25² → inverse 16). Shares 1, 1/4, 16 of 17.25 = 4/69, 1/69,
    # 64/69. Two errors each: the evidence counts 2/3, the equal mean of the three simple methods 1/3 (1/9 each).
    result = combine(["run_rate", "seasonal_naive", "baseline"],
                     evidence({"seasonal_naive": [1, -1], "baseline": [2, -2], "run_rate": [4, 4]}), False)
    assert result.basis == "evidence"
    assert result.corrections == {"seasonal_naive": 0.0, "baseline": 0.0, "run_rate": 4.0}
    assert round(result.weights["seasonal_naive"], 6) == round(31 / 207, 6)
    assert round(result.weights["baseline"], 6) == round(25 / 207, 6)
    assert round(result.weights["run_rate"], 6) == round(151 / 207, 6)
    # Its own past errors: the corrected run rate erred 0, so each year 31/207 × (±1) + 25/207 × (±2).
    assert [round(e, 6) for e in result.past_errors] == [round(81 / 207, 6), round(-81 / 207, 6)]


def test_without_evidence_the_simple_methods_are_averaged():
    result = combine(["run_rate", "seasonal_naive", "commitment", "expected_change"], None, False)
    assert result.basis == "simple"
    assert result.weights == {"run_rate": 1 / 3, "seasonal_naive": 1 / 3, "commitment": 1 / 3}


def test_one_past_error_is_too_thin_to_weigh_by():
    result = combine(["run_rate", "baseline"], evidence({"run_rate": [9.0], "baseline": [0.1]}), False)
    assert result.basis == "simple" and result.weights == {"run_rate": 0.5, "baseline": 0.5}


def test_a_single_register_snapshot_is_no_evidence_for_the_register_methods():
    # The commitment looks perfect in earlier years only because a snapshot knows their ends: not evidence.
    errors = {"seasonal_naive": [1, -1], "commitment": [0.0, 0.0]}
    trusted = combine(["seasonal_naive", "commitment"], evidence(errors), single_snapshot=False)
    snapshot = combine(["seasonal_naive", "commitment"], evidence(errors), single_snapshot=True)
    assert snapshot.untrusted == ("commitment",) and trusted.untrusted == ()
    # Trusted: commitment's RMS is floored at 0.25 % → inverse 16 against 1; 2/3 of that plus 1/2 × 1/3.
    assert round(trusted.weights["commitment"], 6) == round(2 / 3 * 16 / 17 + 1 / 6, 6)
    # One snapshot: only the fallback's share, 1/3 × 1/2.
    assert round(snapshot.weights["commitment"], 6) == round(1 / 6, 6)


def test_the_interval_is_never_narrower_than_the_members_disagree():
    # Past errors 1 and −1 → RMS 1, t(0.90, 2) = 1.886; members 3 % apart dominate; late in the year the floor.
    assert half_width_pct([1.0, -1.0], rest_share=0.5, spread_pct=0.5) == 1.886
    assert half_width_pct([1.0, -1.0], rest_share=0.5, spread_pct=3.0) == 3.0
    assert half_width_pct([], rest_share=0.5, spread_pct=0.0) == 0.125
