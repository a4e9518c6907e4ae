"""The cost engine on 100 000 decisions × 36 months (target: under 1 s here). Prints figures."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from insatskollen.costing.engine import DecisionArrays, monthly_costs


def synthetic_arrays(count: int, seed: int = 1) -> tuple[DecisionArrays, np.ndarray]:
    rng = np.random.default_rng(seed)
    epoch = dt.date(1970, 1, 1)
    first = (dt.date(2020, 1, 1) - epoch).days
    start = first + rng.integers(0, 5 * 365, count)
    end = np.where(rng.random(count) < 0.5, start + rng.integers(1, 3 * 365, count), np.iinfo(np.int32).max)
    arrays = DecisionArrays(
        start=start.astype(np.int64), end=end.astype(np.int64), unit=rng.integers(0, 6, count).astype(np.int8),
        extent=rng.uniform(0.5, 60, count), price=rng.uniform(100, 5000, count),
        cost_share=np.where(rng.random(count) < 0.05, 0.75, 1.0), revenue_per_unit=np.where(
            rng.random(count) < 0.1, 342.6, 0.0),
    )
    codes = rng.integers(0, 25, count)
    return arrays, codes


def main(count: int = 100_000, months: int = 36, repeats: int = 5) -> None:
    arrays, codes = synthetic_arrays(count)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = monthly_costs(arrays, dt.date(2023, 1, 1), months)
        per_month = result.cost.sum(axis=0)
        per_code = np.stack([np.bincount(codes, weights=result.cost[:, m], minlength=25) for m in range(months)],
                            axis=1)
        timings.append(time.perf_counter() - started)
    best, median = min(timings), sorted(timings)[len(timings) // 2]
    print(f"cost engine: {count:,} decisions × {months} months".replace(",", " "))
    print(f"  best {best:.3f} s, median {median:.3f} s over {repeats} runs (incl. totals per month and per code)")
    print(f"  {count * months / best / 1e6:.1f} M decision-months/s; total cost {per_month.sum() / 1e6:,.1f} MSEK, "
          f"{per_code.shape[0]} codes")


if __name__ == "__main__":
    main()
