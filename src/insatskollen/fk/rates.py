"""Försäkringskassan's standard amount for personal assistance (schablonbelopp), SEK per hour, per year.

Source: /work/shared/reference/assistans_schablon_per_hour.csv (förordning 1993:1091 5 §, with the SFS
amendments and secondary sources named there; 2011, 2022 and 2025 are derived, not seen verbatim).
"""

from __future__ import annotations

from decimal import Decimal

FK_RATE_PER_HOUR = {
    1998: Decimal("168.00"),
    2008: Decimal("237.00"),
    2011: Decimal("258.00"),
    2012: Decimal("267.00"),
    2013: Decimal("275.00"),
    2014: Decimal("280.00"),
    2015: Decimal("284.00"),
    2016: Decimal("288.00"),
    2017: Decimal("291.00"),
    2018: Decimal("295.40"),
    2019: Decimal("299.80"),
    2020: Decimal("304.30"),
    2021: Decimal("315.00"),
    2022: Decimal("319.70"),
    2023: Decimal("324.50"),
    2024: Decimal("332.60"),
    2025: Decimal("342.60"),
    2026: Decimal("347.70"),
}


def fk_rate(year: int) -> Decimal:
    """The rate of `year`, or of the nearest earlier year we know (the latest known for later years)."""
    known = [y for y in FK_RATE_PER_HOUR if y <= year]
    return FK_RATE_PER_HOUR[max(known)] if known else FK_RATE_PER_HOUR[min(FK_RATE_PER_HOUR)]
