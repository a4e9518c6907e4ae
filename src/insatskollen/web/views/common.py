"""Guards shared by the views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(rule: Callable) -> Callable:
    """Login required, then `rule(user)` from accounts.access must hold, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def year_from(request, default: int) -> int:
    """The ?year= parameter when it is a plausible year, else `default`."""
    raw = request.GET.get("year", "")
    return int(raw) if raw.isascii() and raw.isdigit() and 1990 <= int(raw) <= 2100 else default
