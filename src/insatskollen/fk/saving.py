"""The FK rule. Pure: Försäkringskassan pays personal assistance above 20 hours a week of basic needs
(51 kap. 3 § socialförsäkringsbalken); the municipality pays the first 20. Moving a case to FK saves the unit
the hours above 20, 52 weeks a year, at FK's hourly rate of the year."""

from __future__ import annotations

from decimal import Decimal

from insatskollen.core.units import ExtentUnit

FK_BASIC_NEEDS_HOURS = Decimal(20)
WEEKS_PER_YEAR = Decimal(52)
# Personal assistance under LSS, and assistance-like home help under SoL.
FK_INTERVENTIONS = (("LSS", "6220"), ("SoL", "6135"))


def hours_per_week(extent: Decimal, unit: str) -> Decimal | None:
    """The extent in hours per week, for the hour units; None for other units."""
    if unit == ExtentUnit.HOURS_PER_WEEK:
        return Decimal(extent)
    if unit == ExtentUnit.HOURS_PER_MONTH:
        return Decimal(extent) * 12 / WEEKS_PER_YEAR
    return None


def is_fk_intervention(law: str, code: str) -> bool:
    return (law, code) in FK_INTERVENTIONS


def yearly_saving(hours: Decimal, rate: Decimal) -> Decimal:
    """What the unit saves a year when FK pays the hours above 20 a week (0 at or below 20)."""
    above = max(hours - FK_BASIC_NEEDS_HOURS, Decimal(0))
    return (above * WEEKS_PER_YEAR * rate).quantize(Decimal("0.01"))
