"""The unread-notices count for the header badge: {% load notification_tags %}{% unread_notifications as n %}."""

from __future__ import annotations

from django import template

from insatskollen.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return unread_count(user) if user is not None else 0
