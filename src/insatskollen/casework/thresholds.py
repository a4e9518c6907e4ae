"""Level thresholds (nivågränser) in hours per week: the 2007 review found caseworkers lowering a standard-time
calculation that landed just above a level, so the unit head watches the decisions just below one.

Configurable in settings: `LEVEL_THRESHOLDS_HOURS` (hours per week) and `LEVEL_THRESHOLD_MARGIN` (the share
below a threshold that counts as "just below"; 0.10 = within 10 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from insatskollen.accounts import access

DEFAULT_THRESHOLDS_HOURS = (20, 40, 60, 80, 100)
DEFAULT_MARGIN = Decimal("0.10")


@dataclass(frozen=True)
class Band:
    """Hours in [lower, threshold) lie just below `threshold`."""

    lower: Decimal
    threshold: Decimal


def level_thresholds() -> tuple[Decimal, ...]:
    values = getattr(settings, "LEVEL_THRESHOLDS_HOURS", DEFAULT_THRESHOLDS_HOURS)
    return tuple(sorted(Decimal(str(v)) for v in values))


def near_below_share() -> Decimal:
    return Decimal(str(getattr(settings, "LEVEL_THRESHOLD_MARGIN", DEFAULT_MARGIN)))


def threshold_bands() -> list[Band]:
    margin = near_below_share()
    return [Band(lower=threshold * (1 - margin), threshold=threshold) for threshold in level_thresholds()]


def threshold_just_above(hours: Decimal) -> Decimal | None:
    """The threshold that `hours` lies within the margin below (strictly below the threshold), or None."""
    for band in threshold_bands():
        if band.lower <= hours < band.threshold:
            return band.threshold
    return None


may_see_thresholds = access.may_see_thresholds  # the rule lives in accounts.access
