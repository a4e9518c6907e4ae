"""Level thresholds in hours per week (the 2007 report found hours lowered to stay just under a level).

A constant table for now; to be made configurable (per unit, in the admin) later.
"""

from __future__ import annotations

from decimal import Decimal

LEVEL_THRESHOLDS_HOURS_PER_WEEK = (Decimal(20), Decimal(40), Decimal(60), Decimal(80), Decimal(100))
NEAR_BELOW_SHARE = Decimal("0.10")  # within 10 % below a threshold


def threshold_just_above(hours: Decimal) -> Decimal | None:
    """The threshold that `hours` lies within 10 % below (strictly below the threshold), or None."""
    for threshold in LEVEL_THRESHOLDS_HOURS_PER_WEEK:
        if threshold * (1 - NEAR_BELOW_SHARE) <= hours < threshold:
            return threshold
    return None
