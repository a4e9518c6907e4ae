"""Spreading a sum over months to the öre. Pure."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from insatskollen.core.numbers import ORE


def spread_evenly(amount: Decimal, months: list[int] | range) -> dict[int, Decimal]:
    """`amount` split evenly over `months` (1–12), each rounded towards zero to the öre; the remainder goes to the
    last month (December when the months run to the year's end), so the parts add up to `amount` exactly."""
    months = list(months)
    if not months:
        raise ValueError("no months to spread over")
    amount = Decimal(amount).quantize(ORE)
    part = (amount / len(months)).quantize(ORE, rounding=ROUND_DOWN)
    result = {month: part for month in months}
    result[months[-1]] = amount - part * (len(months) - 1)
    return result
