"""Reading a user's own notices."""

from __future__ import annotations

from django.db.models import QuerySet

from insatskollen.notifications.models import Notification


def notifications_for(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notices, newest first; nobody reads another user's notices."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(user) -> int:
    return notifications_for(user, unread_only=True).count()
