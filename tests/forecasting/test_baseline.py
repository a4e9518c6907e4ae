"""The statistical baseline: exponential smoothing of the ledger's monthly series, in NumPy."""

import numpy as np
import pytest

from insatskollen.forecasting.baseline import fit_forecast, initial_states, model_for, smooth


def test_the_model_follows_the_length_of_the_history():
    assert (model_for(11), model_for(12), model_for(23), model_for(24)) == ("simple", "holt", "holt", "holt_winters")


def test_a_flat_series_is_forecast_flat():
    forecast, _ = fit_forecast(np.full(10, 1000.0), 3)
    assert forecast == pytest.approx([1000.0] * 3)


def test_a_straight_line_is_extended_exactly_by_holt():
    # 100, 110, …, 210: level 210 at the end, trend 10 a month → 220, 230.
    forecast, fitted = fit_forecast(100.0 + 10 * np.arange(12), 2)
    assert forecast == pytest.approx([220.0, 230.0])
    assert fitted.beta is not None and fitted.gamma is None


def test_a_repeating_year_with_a_trend_is_continued_by_holt_winters():
    season = np.array([0, -5, 3, 2, 1, 0, -4, -2, 0, 1, 2, 12], dtype=float)
    months = np.arange(36)
    series = 500.0 + 2 * months + season[months % 12]
    forecast, fitted = fit_forecast(series, 4)
    expected = 500.0 + 2 * np.arange(36, 40) + season[np.arange(36, 40) % 12]
    assert forecast == pytest.approx(expected, abs=0.5)
    assert fitted.gamma is not None


def test_no_history_forecasts_nothing():
    forecast, fitted = fit_forecast(np.zeros(0), 5)
    assert forecast.tolist() == [0.0] * 5 and fitted is None


@pytest.mark.parametrize("kind", ["holt", "holt_winters"])
def test_the_recursion_equals_statsmodels_with_the_same_parameters(kind):
    holtwinters = pytest.importorskip("statsmodels.tsa.holtwinters")
    rng = np.random.default_rng(7)
    months = np.arange(30)
    y = 1000 + 3 * months + 40 * np.sin(months * 2 * np.pi / 12) + rng.normal(0, 5, 30)
    level, trend, seasonal = initial_states(y, kind)
    if kind == "holt":
        model = holtwinters.Holt(y, initialization_method="known", initial_level=level, initial_trend=trend)
        fitted = model.fit(smoothing_level=0.3, smoothing_trend=0.1, optimized=False)
    else:
        model = holtwinters.ExponentialSmoothing(
            y, trend="add", seasonal="add", seasonal_periods=12, initialization_method="known",
            initial_level=level, initial_trend=trend, initial_seasonal=seasonal)
        fitted = model.fit(smoothing_level=0.3, smoothing_trend=0.1, smoothing_seasonal=0.2, optimized=False)
    sse, forecasts = smooth(y, np.array([0.3]), np.array([0.1]), np.array([0.2]), kind, 6)
    assert forecasts[0] == pytest.approx(fitted.forecast(6), rel=1e-9)
    assert sse[0] == pytest.approx(fitted.sse, rel=1e-9)
