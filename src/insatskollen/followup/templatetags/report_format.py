"""Swedish number filters for the committee report's templates (followup may not use the web app's).

    {% load report_format %}
    {{ figures.cost|kr }}         → "1 234 567 kr"
    {{ row.delta|signed_kr }}     → "+12 500 kr" / "−12 500 kr"
    {{ value|tal:1 }}             → "102,5"
    {{ row.change_pct|procent }}  → "+34,7 %" / "–" when there is nothing to compare with
    {{ row.what|nowrap_values }}  → the text, with dates, ids and amounts never split by a line break
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from insatskollen.core.numbers import UNBREAKABLE, format_number, format_sek
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


@register.filter(needs_autoescape=True)
def nowrap_values(text, autoescape: bool = True) -> str:
    """Free text with its dates, personnummer, ids and amounts each in `<span class="nowrap">`."""
    if text is None:
        return ""
    escaped = conditional_escape(str(text)) if autoescape else str(text)
    return mark_safe(UNBREAKABLE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', escaped))
