"""Template tags for accessible markup: ids that tie a scrollable table region to its caption."""

from __future__ import annotations

import itertools

from django import template

register = template.Library()

_ids = itertools.count(1)


@register.simple_tag
def table_id() -> str:
    """A fresh id, unique within any page (also for includes rendered in a loop): `{% table_id as tid %}`."""
    return f"tbl-{next(_ids)}"
