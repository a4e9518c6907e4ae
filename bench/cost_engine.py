"""The cost engine on 100 000 decisions × 36 months whose terms change over time: on average three term periods
per decision (1–5), each priced with its own terms, then summed per decision, per month and per code.
Target: under 1 s here. Prints figures; also the old shape (one period per decision) for comparison.

    uv run python bench/cost_engine.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from insatskollen.costing.engine import OPEN_END, DecisionArrays, monthly_costs  # noqa: E402

HORIZON = (dt.date(2026, 12, 31) - dt.date(1970, 1, 1)).days


def synthetic_periods(count: int, mean_periods: float = 3.0, seed: int = 1
                      ) -> tuple[DecisionArrays, np.ndarray, np.ndarray]:
    """`count` decisions cut into 1–5 consecutive term periods each (mean `mean_periods`): (periods, owner, code)."""
    rng = np.random.default_rng(seed)
    first = (dt.date(2020, 1, 1) - dt.date(1970, 1, 1)).days
    start = first + rng.integers(0, 5 * 365, count)
    open_end = rng.random(count) < 0.5
    end = np.where(open_end, OPEN_END, start + rng.integers(30, 3 * 365, count))
    pieces = np.clip(rng.poisson(mean_periods - 1, count) + 1, 1, 5) if mean_periods > 1 else np.ones(count, int)
    owner = np.repeat(np.arange(count), pieces)
    last = np.where(open_end, HORIZON, end)
    # Cut points: sorted random days strictly inside each decision's span.
    span = np.maximum(last - start, 1)
    offsets = np.sort(rng.random((count, 4)), axis=1)
    cuts = start[:, None] + (offsets * span[:, None]).astype(np.int64)
    index = np.arange(owner.shape[0]) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    starts = np.where(index == 0, start[owner], cuts[owner, np.maximum(index - 1, 0)] + 1)
    is_last = index == pieces[owner] - 1
    ends = np.where(is_last, end[owner], cuts[owner, np.minimum(index, 3)])
    ends = np.maximum(ends, starts)
    n = owner.shape[0]
    periods = DecisionArrays(
        start=starts.astype(np.int64), end=ends.astype(np.int64),
        unit=np.repeat(rng.integers(0, 6, count), pieces).astype(np.int8),
        extent=np.repeat(rng.uniform(0.5, 60, count), pieces) * rng.uniform(0.8, 1.25, n),
        price=np.repeat(rng.uniform(100, 5000, count), pieces) * rng.uniform(0.97, 1.06, n),
        cost_share=np.where(rng.random(n) < 0.05, 0.75, 1.0),
        revenue_per_unit=np.where(rng.random(n) < 0.1, 342.6, 0.0))
    codes = np.repeat(rng.integers(0, 25, count), pieces)
    return periods, owner, codes


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def run(count: int, months: int, repeats: int, mean_periods: float) -> None:
    periods, owner, codes = synthetic_periods(count, mean_periods)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = monthly_costs(periods, dt.date(2023, 1, 1), months)
        firsts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])  # periods are grouped by decision
        per_decision = np.add.reduceat(result.cost, firsts, axis=0)
        per_month = per_decision.sum(axis=0)
        per_code = np.stack([np.bincount(codes, weights=result.cost[:, m], minlength=25) for m in range(months)],
                            axis=1)
        timings.append(time.perf_counter() - started)
    best, median = min(timings), sorted(timings)[len(timings) // 2]
    print(f"cost engine: {spaced(count)} decisions, {spaced(len(periods))} term periods "
          f"({len(periods) / count:.2f} per decision) × {months} months")
    print(f"  best {best:.3f} s, median {median:.3f} s over {repeats} runs (incl. totals per decision, month, code)")
    print(f"  {len(periods) * months / best / 1e6:.1f} M period-months/s; total cost "
          f"{per_month.sum() / 1e6:,.1f} MSEK, {per_code.shape[0]} codes")


def main(count: int = 100_000, months: int = 36, repeats: int = 5) -> None:
    run(count, months, repeats, mean_periods=3.0)
    run(count, months, repeats, mean_periods=1.0)


if __name__ == "__main__":
    main()
