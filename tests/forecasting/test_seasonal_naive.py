"""The seasonal naive method: last year's months still to come, at this year's run so far."""

import datetime as dt

import numpy as np

from insatskollen.forecasting.history import VersionHistory
from insatskollen.forecasting.projection import Inputs, project, year_on_year_bound
from insatskollen.forecasting.series import LedgerSeries


def ledger(cost: dict[tuple[int, int], float], revenue: dict[tuple[int, int], float] | None = None) -> LedgerSeries:
    index = {(y, m): y * 12 + m - 1 for y, m in cost}
    return LedgerSeries({index[k]: v for k, v in cost.items()},
                        {index[k]: v for k, v in (revenue or {}).items()})


def inputs(series: LedgerSeries) -> Inputs:
    return Inputs(history=VersionHistory.empty(), ledger=series, cutoff=lambda day: 0)


def test_last_years_rest_scaled_by_this_years_run_so_far():
    # 2024: 100 a month, December 200. 2025: 110 in January–March, so this year runs at 330 / 300 = 1.1 of last.
    cost = {(2024, m): 100.0 for m in range(1, 12)} | {(2024, 12): 200.0} | {(2025, m): 110.0 for m in (1, 2, 3)}
    revenue = {(2024, m): 10.0 for m in range(1, 13)} | {(2025, m): 5.0 for m in (1, 2, 3)}
    result = project(inputs(ledger(cost, revenue)), 2025, dt.date(2025, 3, 31))
    figures = result.methods["seasonal_naive"]
    # Cost: 330 + (8 × 100 + 200) × 1.1 = 1 430. Revenue: 15 + 9 × 10 × (15 / 30) = 60.
    assert float(figures.cost) == 1430.0 and float(figures.revenue) == 60.0
    assert np.allclose(result.rest["seasonal_naive"][0], [110.0] * 8 + [220.0])


def test_without_last_years_twelve_months_there_is_no_seasonal_naive():
    cost = {(2024, m): 100.0 for m in range(3, 13)} | {(2025, 1): 100.0}
    assert "seasonal_naive" not in project(inputs(ledger(cost)), 2025, dt.date(2025, 1, 31)).methods


def test_the_expected_change_is_bounded_by_the_largest_year_on_year_change_seen():
    # Annual nets 1 200, 1 320 (+10 %), 1 254 (−5 %): the largest change the unit has shown is 10 %.
    cost = ({(2022, m): 100.0 for m in range(1, 13)} | {(2023, m): 110.0 for m in range(1, 13)}
            | {(2024, m): 104.5 for m in range(1, 13)})
    assert round(year_on_year_bound(ledger(cost), 2025 * 12), 9) == 0.1
    assert year_on_year_bound(ledger({(2024, m): 1.0 for m in range(1, 13)}), 2025 * 12) == 0.0
