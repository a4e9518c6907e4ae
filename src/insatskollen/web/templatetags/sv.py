"""Swedish presentation filters: money, numbers and personnummer (masked unless asked otherwise).

    {% load sv %}
    {{ figures.cost|sek }}            → "1 234 567 kr" (non-breaking spaces)
    {{ decision.extent|num:2 }}       → "12,50"
    {{ client.personal_number|pnr }}  → "19870312-****"
    {{ client.personal_number|pnr:show_full }} → "19870312-1239" when show_full is true
    {{ occurrence.day|day }}          → "2026-01-02 fre" (ISO date, Swedish weekday)


    {{ row.headline|nowrap_values }}  → the text, with dates, ids and amounts never split by a line break
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from insatskollen.core.identity import PersonalNumber, mask_personal_number
from insatskollen.core.months import day_text
from insatskollen.core.numbers import UNBREAKABLE, format_number, format_sek

register = template.Library()


@register.filter
def sek(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    return format_sek(value, int(decimals))


@register.filter
def num(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    return format_number(value, int(decimals))


@register.filter
def amount(value) -> str:
    """A quantity without needless decimals: 1 → "1", 12.5 → "12,5", 0.25 → "0,25"."""
    if value is None or value == "":
        return ""
    text = format_number(value, 4)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


@register.filter
def pnr(digits: str, show_full: bool = False) -> str:
    if show_full and digits and len(digits) == 12 and digits.isdigit():
        return PersonalNumber(digits).formatted
    return mask_personal_number(digits)


@register.filter
def sek_signed(value) -> str:
    """A change in kronor with its sign: "+1 234 kr", "−1 234 kr", "0 kr"."""
    if value is None or value == "":
        return ""
    text = format_sek(abs(value), 0)
    if format_number(abs(value), 0) == "0":  # nothing to sign, also for −0,40 kr
        return text
    return ("+" if value > 0 else "\u2212") + text


@register.filter
def day(value) -> str:
    """A date as ISO with the Swedish weekday after it: "2026-01-02 fre"; empty for nothing."""
    if not value:
        return ""
    return day_text(value)




@register.filter(needs_autoescape=True)
def nowrap_values(text, autoescape: bool = True) -> str:
    """Free text with its dates, personnummer, ids and amounts kept whole: each is wrapped in
    `<span class="nowrap">`, so a table cell wraps between words but never inside "2027-01-18"."""
    if text is None:
        return ""
    escaped = conditional_escape(str(text)) if autoescape else str(text)
    return mark_safe(UNBREAKABLE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', escaped))
