"""The statistical baseline: exponential smoothing of a monthly ledger series, in NumPy. Pure: no Django.

Which model, by the length of the history (months up to and including the as-of month):
- 24 months or more: Holt-Winters, additive trend and additive seasonality with period 12;
- 12–23 months: Holt's linear trend;
- 1–11 months: simple exponential smoothing (a trend fitted on part of a year would extrapolate the December
  accrual and its reversal in January, or a few months' noise, over the rest of the year).
The smoothing parameters are fitted by a grid search on the one-step-ahead sum of squared errors, evaluated for
every grid point at once (the recursion runs over time, vectorised over the grid). The recursions are those of
statsmodels' `ExponentialSmoothing` (trend "add", seasonal "add", not damped), with these starting values (just before the first month):
Holt-Winters: trend = mean monthly change between the first two seasons, level = the first season's mean taken
back 6.5 months along that trend, seasonal = the first season minus that trend line; Holt: trend = second value
minus the first, level = first value minus the trend; simple: level = first value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PERIOD = 12
GRID = np.array([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9])
TREND_GRID = np.array([0.01, 0.05, 0.1, 0.2, 0.4])


@dataclass(frozen=True)
class Smoothing:
    alpha: float
    beta: float | None = None
    gamma: float | None = None


def initial_states(y: np.ndarray, kind: str) -> tuple[float, float, np.ndarray]:
    """(level, trend, seasonal) just before the first month, as the module docstring defines them."""
    if kind == "holt_winters":
        first, second = y[:PERIOD], y[PERIOD:2 * PERIOD]
        trend = float((second.mean() - first.mean()) / PERIOD)
        level = float(first.mean()) - trend * (PERIOD + 1) / 2
        return level, trend, first - (level + trend * np.arange(1, PERIOD + 1))
    if kind == "holt":
        trend = float(y[1] - y[0])
        return float(y[0]) - trend, trend, np.zeros(PERIOD)
    return float(y[0]), 0.0, np.zeros(PERIOD)


def smooth(y: np.ndarray, alpha: np.ndarray, beta: np.ndarray, gamma: np.ndarray, kind: str,
           horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Run the recursion for P parameter sets at once. Returns (sse per set, forecasts P × horizon)."""
    level0, trend0, season0 = initial_states(y, kind)
    p = alpha.shape[0]
    level = np.full(p, level0)
    trend = np.full(p, trend0 if kind != "simple" else 0.0)
    seasons = np.tile(season0, (p, 1))  # seasons[:, t % PERIOD] = s_{t-PERIOD} before step t
    sse = np.zeros(p)
    for t, value in enumerate(y):
        s_old = seasons[:, t % PERIOD]
        predicted = level + trend + s_old
        sse += (value - predicted) ** 2
        new_level = alpha * (value - s_old) + (1 - alpha) * (level + trend)
        if kind == "holt_winters":
            seasons[:, t % PERIOD] = gamma * (value - level - trend) + (1 - gamma) * s_old
        if kind != "simple":
            trend = beta * (new_level - level) + (1 - beta) * trend
        level = new_level
    steps = np.arange(1, horizon + 1)
    n = y.shape[0]
    forecasts = level[:, None] + steps[None, :] * trend[:, None]
    if kind == "holt_winters":
        forecasts = forecasts + seasons[:, (n + steps - 1) % PERIOD]
    return sse, forecasts


def model_for(length: int) -> str:
    if length >= 2 * PERIOD:
        return "holt_winters"
    return "holt" if length >= PERIOD else "simple"


def _grid(kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if kind == "simple":
        return GRID, np.zeros_like(GRID), np.zeros_like(GRID)
    if kind == "holt":
        a, b = np.meshgrid(GRID, TREND_GRID, indexing="ij")
        return a.ravel(), b.ravel(), np.zeros(a.size)
    a, b, g = np.meshgrid(GRID, TREND_GRID, GRID[:5], indexing="ij")
    return a.ravel(), b.ravel(), g.ravel()


def fit_forecast(y: np.ndarray, horizon: int) -> tuple[np.ndarray, Smoothing | None]:
    """The next `horizon` values of the monthly series `y`, with the fitted parameters (None: no history)."""
    y = np.asarray(y, dtype=np.float64)
    if horizon <= 0:
        return np.zeros(0), None
    if y.shape[0] == 0:
        return np.zeros(horizon), None
    kind = model_for(y.shape[0])
    alpha, beta, gamma = _grid(kind)
    sse, forecasts = smooth(y, alpha, beta, gamma, kind, horizon)
    best = int(np.argmin(sse))
    chosen = Smoothing(float(alpha[best]), float(beta[best]) if kind != "simple" else None,
                       float(gamma[best]) if kind == "holt_winters" else None)
    return forecasts[best], chosen
