"""The recommended forecast: a combination of the methods, weighted by their point-in-time evidence. Pure: no Django.

Why a combination: the methods err for different reasons (the run rate ignores the season, the seasonal naive
repeats last year's shape, the smoothing extrapolates the ledger's level, the commitment misses decisions not yet
made). Their errors are partly independent, so a weighted mean has a smaller expected error than the average of its
members and is never as bad as the worst one; choosing a single "best" method from two or three past years instead
picks the luckiest, and flips when the luck changes.

Rules, in order:
1. **Trusted evidence.** A method's past errors count only when they were made with what was known on the day. A
   register that is one snapshot (never revised) projects earlier years with the ends and changes it learnt later,
   so the register methods' past errors are too good: they are not evidence, and those methods keep only the
   fallback weight below.
2. **Bias removed, then weights.** A method with at least MIN_ERRORS trusted errors is corrected by its mean past
   error at this day of the year (a method that erred −2 % every year has a reason to: the commitment misses the
   decisions not yet made, a ledger method the year-end settlement; its forecast divided by 0.98 has removed it),
   and weighted by 1 / the variance of its errors around that mean (the classical optimal weight for independent,
   unbiased errors), the standard deviation floored at FLOOR_PCT so that one lucky agreement cannot take all.
3. **Shrinkage towards the simple mean.** With n past errors the evidence weights count n / (n + PRIOR_ERRORS); the
   rest goes to the equal-weight mean of the simple methods (`registry.SIMPLE`). With no trusted evidence the
   recommendation is that simple mean: the fallback.
4. **Stability.** The weights move only as the evidence moves: one more or one less past error changes a weight by
   at most its share of the mean squared error; nothing switches on a ranking.
The combination's own past errors are the weighted errors of its members in the same years (each year with the
members that have one, weights renormalised); they set its interval (`interval`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from insatskollen.forecasting.evidence import T90, Evidence
from insatskollen.forecasting.registry import COMBINED, REGISTER_METHODS, SIMPLE

MIN_ERRORS = 2
PRIOR_ERRORS = 1.0
FLOOR_PCT = 0.25  # an RMS error below a quarter of a percent is luck, not skill
LEVEL = 0.8


@dataclass(frozen=True)
class Combination:
    weights: dict[str, float]  # method → weight, summing to 1
    basis: str  # "evidence" (rule 2–3) or "simple" (the fallback)
    corrections: dict[str, float] = field(default_factory=dict)  # method → its mean past error removed, %
    untrusted: tuple[str, ...] = ()  # methods whose past errors were not point-in-time (rule 1)
    past_errors: list[float] = field(default_factory=list)  # the combination's own past errors, %

    @property
    def key(self) -> str:
        return COMBINED


def untrusted_methods(methods: list[str], single_snapshot: bool) -> tuple[str, ...]:
    """The methods whose past errors are not evidence (rule 1)."""
    return tuple(m for m in methods if single_snapshot and m in REGISTER_METHODS)


def combine(methods: list[str], evidence: Evidence | None, single_snapshot: bool) -> Combination:
    """The weights of the recommended combination of `methods` (see the module docstring)."""
    if not methods:
        return Combination({}, "simple")
    untrusted = untrusted_methods(methods, single_snapshot)
    simple = [m for m in methods if m in SIMPLE] or list(methods)
    fallback = {m: 1 / len(simple) for m in simple}
    scored: dict[str, list[float]] = {}
    if evidence is not None:
        for name in methods:
            errors = [float(e) for e in evidence.errors.get(name, [])]
            if name not in untrusted and len(errors) >= MIN_ERRORS:
                scored[name] = errors
    corrections = {m: sum(errs) / len(errs) for m, errs in scored.items()}
    if not scored:
        weights = fallback
        basis = "simple"
    else:
        inverse = {m: 1 / max(sum((e - corrections[m]) ** 2 for e in errs) / len(errs), FLOOR_PCT ** 2)
                   for m, errs in scored.items()}
        total = sum(inverse.values())
        n = min(len(errs) for errs in scored.values())
        trust = n / (n + PRIOR_ERRORS)
        weights = {m: trust * inverse.get(m, 0.0) / total + (1 - trust) * fallback.get(m, 0.0) for m in methods}
        weights = {m: w for m, w in weights.items() if w > 0}
        basis = "evidence"
    return Combination(weights, basis, corrections, untrusted, _past_errors(weights, corrections, evidence))


def corrected(value: float, correction_pct: float) -> float:
    """A forecast with its mean past error removed: value / (1 + mean error)."""
    return value / (1 + correction_pct / 100)


def _past_errors(weights: dict[str, float], corrections: dict[str, float], evidence: Evidence | None
                 ) -> list[float]:
    """The combination's errors in the earlier years, had it been made with these weights and corrections (each
    method's error after its correction: (1 + e) / (1 + c) − 1)."""
    if evidence is None:
        return []
    by_key: dict[int, dict[str, float]] = {}
    for name in weights:
        for key, error in zip(evidence.keys.get(name, []), evidence.errors.get(name, [])):
            c = corrections.get(name, 0.0)
            by_key.setdefault(key, {})[name] = 100 * ((1 + float(error) / 100) / (1 + c / 100) - 1)
    result = []
    for key in sorted(by_key):
        errors = by_key[key]
        total = sum(weights[m] for m in errors)
        if total >= 0.5:  # at least half the combination had an error that year
            result.append(sum(weights[m] * e for m, e in errors.items()) / total)
    return result


def half_width_pct(past_errors: list[float], rest_share: float, spread_pct: float) -> float | None:
    """The 80 % interval's half-width in % of the net: t(0.90, n) × the RMS of the combination's n past errors, at
    least the spread of its members' forecasts (they disagree by that much: the truth is at least as uncertain),
    at least FLOOR_PCT × the share of the year still to forecast. None without past errors and spread."""
    floor = max(spread_pct, FLOOR_PCT * rest_share)
    if not past_errors:
        return floor if floor > 0 else None
    n = len(past_errors)
    rms = math.sqrt(sum(e * e for e in past_errors) / n)
    t = T90[n - 1] if n <= len(T90) else 1.30
    return max(t * rms, floor)
