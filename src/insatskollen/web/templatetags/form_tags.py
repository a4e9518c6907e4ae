"""Template helpers for forms.

    {% load form_tags %}
    <a href="#{{ field|error_target }}">  → "id_title", or "id_outcome_0" for a radio group (its first input)
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def error_target(field) -> str:
    """The id of the element an error summary link should move to: the field's own input, or the first input of
    a group (radio buttons, check boxes, a split widget), which have ids of their own and none for the field."""
    for subwidget in field.subwidgets:
        target = subwidget.data.get("attrs", {}).get("id")
        if target:
            return target
        break
    return field.auto_id or ""
