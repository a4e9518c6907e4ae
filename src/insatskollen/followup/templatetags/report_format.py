"""Swedish number filters for the committee report's templates (followup may not use the web app's).

    {% load report_format %}
    {{ figures.cost|kr }}         → "1 234 567 kr"
    {{ row.delta|signed_kr }}     → "+12 500 kr" / "−12 500 kr"
    {{ value|tal:1 }}             → "102,5"
    {{ row.change_pct|procent }}  → "+34,7 %" / "–" when there is nothing to compare with
"""

from __future__ import annotations

from django import template

from insatskollen.core.numbers import format_number, format_sek
from insatskollen.followup.texts import signed_percent, signed_sek

register = template.Library()


@register.filter
def kr(value) -> str:
    return "–" if value is None or value == "" else format_sek(value)


@register.filter
def signed_kr(value) -> str:
    return "–" if value is None or value == "" else signed_sek(value)


@register.filter
def tal(value, decimals: int = 0) -> str:
    return "–" if value is None or value == "" else format_number(value, int(decimals))


@register.filter
def procent(value) -> str:
    return signed_percent(value)
