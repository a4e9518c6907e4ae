"""The six units of extent (Enhet) and how each turns days into billable quantity. Pure."""

from __future__ import annotations

import enum


class ExtentUnit(enum.StrEnum):
    DAYS = "dygn"
    HOURS_PER_WEEK = "tim/vecka"
    HOURS_PER_MONTH = "tim/månad"
    DAYS_PER_MONTH = "dygn/månad"
    TRIPS_PER_MONTH = "resor/månad"
    MONTH = "månad"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def code(self) -> int:
        """A small integer for vectorised arithmetic."""
        return _CODES[self]

    @classmethod
    def parse(cls, raw: str) -> ExtentUnit:
        text = (raw or "").strip().lower().replace(" ", "")
        text = _ALIASES.get(text, text)
        try:
            return cls(text)
        except ValueError:
            raise ValueError(
                "Okänd enhet. Tillåtna enheter: " + ", ".join(u.value for u in cls) + "."
            ) from None


_LABELS = {
    ExtentUnit.DAYS: "dygn",
    ExtentUnit.HOURS_PER_WEEK: "timmar per vecka",
    ExtentUnit.HOURS_PER_MONTH: "timmar per månad",
    ExtentUnit.DAYS_PER_MONTH: "dygn per månad",
    ExtentUnit.TRIPS_PER_MONTH: "resor per månad",
    ExtentUnit.MONTH: "månad",
}
_CODES = {unit: index for index, unit in enumerate(ExtentUnit)}
_ALIASES = {"tim/manad": "tim/månad", "dygn/manad": "dygn/månad", "resor/manad": "resor/månad", "manad": "månad"}

# Vectorised: code → kind of proration. 0 = per day, 1 = per week (d/7), 2 = per month (d/D).
PRORATION_KIND = {
    ExtentUnit.DAYS.code: 0,
    ExtentUnit.HOURS_PER_WEEK.code: 1,
    ExtentUnit.HOURS_PER_MONTH.code: 2,
    ExtentUnit.DAYS_PER_MONTH.code: 2,
    ExtentUnit.TRIPS_PER_MONTH.code: 2,
    ExtentUnit.MONTH.code: 2,
}
